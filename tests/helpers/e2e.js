// One real n8n per e2e test file: a fresh user folder, this package installed from its packed tarball,
// sandbox credentials imported; the sandbox runs in the test process on a random port.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { N8n, packPackage, ownerRest, randomPort, ROOT } = require('../../scripts/lib/n8n');
const { sandboxCredentials } = require('../../scripts/lib/credentials');
const { startSandbox } = require('../../sandbox/server');
const { startSmtpSink } = require('../../sandbox/smtp');

let tarball;
let servicePackages = false;

/** What `npm run build:packages` built: build/packages/manifest.json ({ version, packages: [{ name, system, tarball, … }] }). */
function builtPackages() {
	const manifest = path.join(ROOT, 'build/packages/manifest.json');
	if (!fs.existsSync(manifest)) throw new Error('build/packages/ is missing: run `npm run build:packages` first');
	return JSON.parse(fs.readFileSync(manifest, 'utf8'));
}

/** From now on this test file's stacks install the six service packages, and templates are their copy (build/packages/workflows). */
function useServicePackages() {
	servicePackages = true;
}

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
	const started = [];
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'legal-sync-e2e-'));
	const stop = async () => {
		for (const close of started.reverse()) await close().catch(() => {});
		fs.rmSync(userFolder, { recursive: true, force: true });
	};
	try {
		const sandbox = await startSandbox({ port: 0, ...sandboxOptions });
		started.push(() => sandbox.close());
		const smtp = await startSmtpSink();
		started.push(() => smtp.close());
		const n8n = new N8n({ userFolder, port: randomPort() });
		started.push(() => n8n.stop());
		if (servicePackages) {
			for (const p of builtPackages().packages.filter((x) => x.system)) n8n.installPackage(path.join(ROOT, p.tarball), p.name);
		} else {
			tarball = tarball || packPackage();
			n8n.installPackage(tarball);
		}
		await n8n.importCredentials(sandboxCredentials(sandbox.url, undefined, { smtpPort: smtp.port }));
		const admin = sandboxAdmin(sandbox.url);
		return { sandbox, smtp, n8n, admin, template: (name) => path.join(ROOT, servicePackages ? 'build/packages/workflows' : 'workflows', name), stop };
	} catch (err) {
		// A suite whose setup fails must not leave its sandbox and SMTP sink listening (jest would never exit).
		await stop();
		throw err;
	}
}

module.exports = { startStack, ownerRest, sandboxAdmin, useServicePackages, builtPackages };
