// One real n8n per e2e test file: a fresh user folder, this package installed from its packed tarball,
// sandbox credentials imported; the sandbox runs in the test process on a random port.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { N8n, packPackage, ROOT } = require('../../scripts/lib/n8n');
const { sandboxCredentials } = require('../../scripts/lib/credentials');
const { startSandbox } = require('../../sandbox/server');
const { startSmtpSink } = require('../../sandbox/smtp');

let tarball;

/** The sandbox's admin API: admin(method, route, body) → the parsed answer (or null). */
function sandboxAdmin(url) {
	return async (method, route, body) => {
		const res = await fetch(`${url}/__admin${route}`, {
			method,
			headers: body ? { 'content-type': 'application/json' } : {},
			body: body ? JSON.stringify(body) : undefined,
		});
		const text = await res.text();
		return text ? JSON.parse(text) : null;
	};
}

async function startStack({ sandboxOptions = {} } = {}) {
	const sandbox = await startSandbox({ port: 0, ...sandboxOptions });
	const smtp = await startSmtpSink();
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'legal-sync-e2e-'));
	const n8n = new N8n({ userFolder, port: 20000 + Math.floor(Math.random() * 20000) });
	tarball = tarball || packPackage();
	n8n.installPackage(tarball);
	await n8n.importCredentials(sandboxCredentials(sandbox.url, undefined, { smtpPort: smtp.port }));
	const admin = sandboxAdmin(sandbox.url);
	return {
		sandbox,
		smtp,
		n8n,
		admin,
		template: (name) => path.join(ROOT, 'workflows', name),
		async stop() {
			await n8n.stop();
			await sandbox.close();
			await smtp.close();
			fs.rmSync(userFolder, { recursive: true, force: true });
		},
	};
}

module.exports = { startStack, sandboxAdmin };
