#!/usr/bin/env node
'use strict';

// node sandbox/cli.js [--port 4010] [--host 127.0.0.1] [--seed 1] [--faults '{"errorRate":0.2}'] [--no-rate-limit] [--strict]
// Runs the sandbox until SIGINT/SIGTERM. Prints the base URL of every system and its demo key.

const { startSandbox } = require('./server');

const USAGE = `Usage: node sandbox/cli.js [--port 4010] [--host 127.0.0.1] [--seed 1] [--faults '<json>'] [--no-rate-limit] [--strict]`;

function parseArgs(argv) {
	const opts = {
		port: 4010,
		host: '127.0.0.1',
		seed: 1,
		rateLimit: true,
		faults: null,
		strict: false,
	};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split(/=(.*)/s, 2);
		const value = () => (inline !== undefined ? inline : argv[++i]);
		switch (flag) {
			case '--port':
				opts.port = Number(value());
				break;
			case '--host':
				opts.host = value();
				break;
			case '--seed':
				opts.seed = Number(value());
				break;
			case '--faults':
				opts.faults = JSON.parse(value());
				break;
			case '--no-rate-limit':
				opts.rateLimit = false;
				break;
			case '--strict':
				opts.strict = true;
				break;
			case '--help':
			case '-h':
				process.stdout.write(`${USAGE}\n`);
				process.exit(0);
				break;
			default:
				throw new Error(`Unknown option ${argv[i]}`);
		}
	}
	if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535)
		throw new Error('--port must be 0..65535');
	if (!Number.isInteger(opts.seed)) throw new Error('--seed must be an integer');
	return opts;
}

async function main() {
	let opts;
	try {
		opts = parseArgs(process.argv.slice(2));
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
