#!/usr/bin/env node
'use strict';

// node sandbox/cli.js [--port 4010] [--host 127.0.0.1] [--seed 1] [--faults '{"errorRate":0.2}'] [--no-rate-limit] [--strict]
// Runs the sandbox until SIGINT/SIGTERM. Prints the base URL of every system and its demo key.

const { parseArgs } = require('node:util');
const { startSandbox } = require('./server');

const USAGE = `Usage: node sandbox/cli.js [--port 4010] [--host 127.0.0.1] [--seed 1] [--faults '<json>'] [--no-rate-limit] [--strict]`;

function parseOptions(argv) {
	const { values } = parseArgs({
		args: argv,
		options: {
			port: { type: 'string', default: '4010' },
			host: { type: 'string', default: '127.0.0.1' },
			seed: { type: 'string', default: '1' },
			faults: { type: 'string' },
			'no-rate-limit': { type: 'boolean', default: false },
			strict: { type: 'boolean', default: false },
			help: { type: 'boolean', short: 'h' },
		},
	});
	if (values.help) {
		process.stdout.write(`${USAGE}\n`);
		process.exit(0);
	}
	const opts = {
		port: Number(values.port),
		host: values.host,
		seed: Number(values.seed),
		rateLimit: !values['no-rate-limit'],
		faults: values.faults === undefined ? null : JSON.parse(values.faults),
		strict: values.strict,
	};
	if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535)
		throw new Error('--port must be 0..65535');
	if (!Number.isInteger(opts.seed)) throw new Error('--seed must be an integer');
	return opts;
}

async function main() {
	let opts;
	try {
		opts = parseOptions(process.argv.slice(2));
	} catch (err) {
		process.stderr.write(`${err.message}\n${USAGE}\n`);
		process.exit(2);
	}
	const sandbox = await startSandbox(opts);
	const lines = [`Sandbox listening on ${sandbox.url}`];
	for (const [name, base] of Object.entries(sandbox.systems)) {
		lines.push(`  ${name.padEnd(16)} ${base}  demo key: ${sandbox.demoKeys[name]}`);
	}
	lines.push(
		`  admin            ${sandbox.url}/__admin  (reset, config, state, seed, seed/linked, requests)`,
	);
	if (!opts.rateLimit) lines.push('  rate limits: off');
	if (opts.faults) lines.push(`  faults: ${JSON.stringify(opts.faults)}`);
	process.stdout.write(`${lines.join('\n')}\n`);

	const stop = (signal) => {
		process.stdout.write(`Sandbox stopping (${signal})\n`);
		sandbox.close().then(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((err) => {
	process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
	process.exit(1);
});
