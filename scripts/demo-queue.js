// `npm run demo -- --queue`: the demo on n8n's queue mode (scripts/lib/queue.js): PostgreSQL and Redis from
// Debian's packages (installed when missing), n8n main + 2 workers + a webhook processor, the pack installed once
// in their shared user folder, the same sandbox credentials and templates. A template runs on a worker, then the
// editor stays up until Ctrl-C (`--headless`: stop after the run).
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { packPackage, ROOT } = require('./lib/n8n');
const { QueueStack } = require('./lib/queue');
const { sandboxCredentials, WEBHOOK_AUTH } = require('./lib/credentials');
const { startSandbox } = require('../sandbox/server');
const { startSmtpSink } = require('../sandbox/smtp');

const say = (line = '') => process.stdout.write(`${line}\n`);

async function demoQueue({ headless, sandboxPort, n8nPort, smtpPort }) {
	say('1/5  Building the pack');
	execFileSync('npm', ['run', 'build', '--silent'], {
		cwd: ROOT,
		stdio: ['ignore', 'ignore', 'inherit'],
	});

	say(`2/5  Starting the sandbox on http://127.0.0.1:${sandboxPort}`);
	const sandbox = await startSandbox({ port: sandboxPort });
	const smtp = await startSmtpSink({ port: smtpPort });

	say('3/5  Preparing PostgreSQL, Redis and n8n (main, 2 workers, a webhook processor)');
	const stack = new QueueStack({ mainPort: n8nPort, log: (line) => say(`     ${line}`) });
	const shutdown = async () => {
		await stack.stop();
		await sandbox.close();
		await smtp.close();
	};
	try {
		await stack.prepare({ tarball: packPackage() });
		await stack.main.importCredentials(
			sandboxCredentials(sandbox.url, undefined, { smtpPort: smtp.port }),
		);
		const templates = fs
			.readdirSync(path.join(ROOT, 'workflows'))
			.filter((f) => f.endsWith('.json'));
		await stack.importWorkflows(templates.map((f) => path.join(ROOT, 'workflows', f)));
		say(
			`     installed n8n-nodes-legal-sync, imported ${templates.length} template(s) and the sandbox credentials`,
		);
		await stack.start();

		say('4/5  Running "Case Status: list open cases" on a worker');
		const run = await stack.runNow('lsCsOpenCases01', "When clicking 'Execute workflow'");
		if (run.status !== 'success')
			throw new Error(`the template failed: ${run.error && run.error.message}`);
		const cases = run.byNode('Get open cases') || [];
		say(
			`     ${(stack.workerOf(run.id) || {}).name} brought back ${cases.length} open cases from the Case Status sandbox`,
		);

		say('5/5  The editor');
		say();
		say(`The editor is at ${stack.url}  (sign in as ops@firm.example / Operations-Lead-1)`);
		say(`Production webhooks go to the webhook processor at ${stack.webhookUrl}/webhook/…`);
		say(
			`Template webhooks need the header ${WEBHOOK_AUTH.header}: ${WEBHOOK_AUTH.value} (the "Webhook key" credential)`,
		);
		say(`Logs of every process: ${stack.logs}`);
	} catch (error) {
		await shutdown();
		throw error;
	}
	if (headless) {
		say('Headless: stopping.');
		await shutdown();
		return;
	}
	say('Press Ctrl-C to stop.');
	const stop = () => shutdown().then(() => process.exit(0));
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

module.exports = { demoQueue };
