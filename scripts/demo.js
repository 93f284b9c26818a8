#!/usr/bin/env node
// `npm run demo`: build the pack, start the sandbox of all six APIs and a real n8n with the pack installed,
// its sandbox credentials and every template imported; run a template end to end, print what happened and
// the editor URL, and keep both running until Ctrl-C. `--headless` stops after the run and the editor check.
// `--queue`: the same on n8n's queue mode (demo-queue.js).
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { N8n, packPackage, ROOT } = require('./lib/n8n');
const { sandboxCredentials, WEBHOOK_AUTH, FORM_AUTH } = require('./lib/credentials');
const { startSandbox } = require('../sandbox/server');
const { startSmtpSink } = require('../sandbox/smtp');

const flags = parseArgs({ options: { headless: { type: 'boolean' }, queue: { type: 'boolean' } } }).values;
const headless = Boolean(flags.headless) || process.env.CI === 'true';
const SANDBOX_PORT = Number(process.env.SANDBOX_PORT || 4010);
const N8N_PORT = Number(process.env.N8N_PORT || 5678);
const SMTP_PORT = Number(process.env.SMTP_PORT || 2525);
const USER_FOLDER = path.join(ROOT, '.demo/n8n');

const say = (line = '') => process.stdout.write(`${line}\n`);

async function main() {
	say('1/5  Building the pack');
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });

	say(`2/5  Starting the sandbox on http://127.0.0.1:${SANDBOX_PORT}`);
	const sandbox = await startSandbox({ port: SANDBOX_PORT });
	const smtp = await startSmtpSink({ port: SMTP_PORT });

	say('3/5  Preparing real n8n (the first run installs it once into ~/.cache, about 8 minutes)');
	fs.rmSync(USER_FOLDER, { recursive: true, force: true });
	const n8n = new N8n({ userFolder: USER_FOLDER, port: N8N_PORT });
	n8n.installPackage(packPackage());
	await n8n.importCredentials(sandboxCredentials(sandbox.url, undefined, { smtpPort: smtp.port }));
	const templates = fs.readdirSync(path.join(ROOT, 'workflows')).filter((f) => f.endsWith('.json'));
	for (const file of templates) await n8n.importWorkflow(path.join(ROOT, 'workflows', file));
	say(`     installed n8n-nodes-legal-sync, imported ${templates.length} template(s) and the sandbox credentials`);

	say('4/5  Running "Case Status: list open cases" in n8n');
	const run = await n8n.execute('lsCsOpenCases01');
	if (run.error) throw new Error(`the template failed: ${run.error.message}`);
	const cases = run.byNode('Get open cases') || [];
	say(`     ${cases.length} open cases came back from the Case Status sandbox, e.g.:`);
	for (const c of cases.slice(0, 5)) say(`       #${c.integration_id}  ${c.name}  [${c.stage}]  ${c.primary_attorney_email}`);

	say('5/5  Starting the n8n editor');
	const url = await n8n.start();
	say();
	say(`The editor is at ${url}  (create the local owner account on first visit)`);
	say(`The sandbox is at ${sandbox.url}  (admin: ${sandbox.url}/__admin/state/case-status)`);
	say(`Mail the templates send is caught by the sandbox's SMTP sink on 127.0.0.1:${smtp.port}`);
	say(`Template webhooks need the header ${WEBHOOK_AUTH.header}: ${WEBHOOK_AUTH.value} (the "Webhook key" credential)`);
	say(`Template forms ask for the user ${FORM_AUTH.user} and password ${FORM_AUTH.password} (the "Form login" credential)`);

	const shutdown = async () => {
		await n8n.stop();
		await sandbox.close();
		await smtp.close();
	};
	if (headless) {
		const res = await fetch(`${url}/healthz`);
		say(`Headless check: editor answered ${res.status}; stopping.`);
		await shutdown();
		return;
	}
	say('Press Ctrl-C to stop.');
	const stop = () => shutdown().then(() => process.exit(0));
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

const run = flags.queue
	? () => require('./demo-queue').demoQueue({ headless, sandboxPort: SANDBOX_PORT, n8nPort: N8N_PORT, smtpPort: SMTP_PORT })
	: main;
run().catch((error) => {
	process.stderr.write(`demo failed: ${error.brief ? error.message : error.stack || error.message}\n`);
	process.exit(1);
});
