// npm run bench: every performance scenario in one process, each against a fresh sandbox with the vendors' rate
// limits on, the pack's node operations run in-process with CANARY credentials; one table at the end; exits
// non-zero when a target is missed or a canary key shows up in any node output, error or log.
//   node --expose-gc tests/bench/run.js [--small] [--only nightly-sync,bulk-import,note-relay,...,queue-mode] [--seed 1]
//        [--json results.json] [--<scenario>.<size-key> value, e.g. --bulk-import.cases 2000]
const { freshSandbox, credentialSecrets } = require('./lib/sandbox');
const { runtime } = require('./lib/nodes');
const { createSecretScanner } = require('./lib/secrets');
const { parseArgs, sizeOptions, progress, createTable, finish, runAsScript } = require('./lib/report');

const SCENARIOS = [
	require('./scenarios/nightly-sync'),
	require('./scenarios/bulk-import'),
	require('./scenarios/message-relay'),
	require('./scenarios/note-relay'),
	require('./scenarios/dps-import'),
	require('./scenarios/smokeball-fees'),
	require('./scenarios/queue-mode'),
];

function sizeFor(scenario, args) {
	const size = { ...scenario.sizes[args.small ? 'small' : 'full'] };
	for (const key of Object.keys(size)) {
		const override = args[`${scenario.name}.${key}`];
		if (override !== undefined) size[key] = override;
	}
	return size;
}

async function main(argv) {
	const args = parseArgs(argv, sizeOptions(SCENARIOS));
	const only = args.only ? String(args.only).split(',') : null;
	const chosen = SCENARIOS.filter((s) => !only || only.includes(s.name));
	if (!chosen.length)
		throw new Error(
			`no scenario named ${args.only}; choose from ${SCENARIOS.map((s) => s.name).join(', ')}`,
		);
	const scanner = createSecretScanner();
	scanner.watchProcessOutput();
	runtime.scanner = scanner;
	const table = createTable();
	const results = {};
	const started = Date.now();
	for (const scenario of chosen) {
		const size = sizeFor(scenario, args);
		progress(`${scenario.name} ${JSON.stringify(size)}`);
		const env = await freshSandbox({ seed: args.seed ?? 1, ...scenario.sandbox });
		scanner.addSecrets(credentialSecrets(env.credentials));
		const t = Date.now();
		try {
			results[scenario.name] = await scenario.run(env, size, table, { seed: args.seed ?? 1 });
		} catch (error) {
			table.add(scenario.title, 'scenario failed', error.message.slice(0, 160), { ok: false });
			results[scenario.name] = { error: error.stack };
			progress(`${scenario.name} failed: ${error.stack}`);
		} finally {
			scanner.addSecrets(credentialSecrets(env.credentials)); // OAuth2 tokens issued during the run
			await env.close();
		}
		progress(`${scenario.name} done in ${((Date.now() - t) / 1000).toFixed(0)} s`);
	}
	return finish('bench', {
		table,
		args,
		results,
		secrets: scanner.summary(),
		title: `npm run bench${args.small ? ' -- --small' : ''}: ${((Date.now() - started) / 60000).toFixed(1)} min`,
	});
}

runAsScript(module, main);

module.exports = { main, SCENARIOS };
