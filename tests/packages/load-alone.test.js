// Each of the seven packages installed alone into a fresh real n8n, as n8n's community-package installer installs
// it: what n8n then serves the editor (GET /types/nodes.json, /types/credentials.json) holds exactly that package's
// node types (with n8n's `…Tool` variants) and its credentials, each node naming only its own package's credential.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { N8n, randomPort, ROOT } = require('../../scripts/lib/n8n');
const { builtPackages } = require('../helpers/e2e');

jest.setTimeout(10 * 60 * 1000);

const { packages } = builtPackages();
const ourCredentials = new Set(packages.flatMap((p) => p.credentials));
const builtIn = (type) => type.name.startsWith('n8n-nodes-base.') || type.name.startsWith('@n8n/');

const folders = [];
afterAll(() => folders.forEach((f) => fs.rmSync(f, { recursive: true, force: true })));

/** A started n8n in a new user folder (a copy of `from`'s, if given); resolves { n8n, url }. */
async function startN8n(setup, from) {
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'legal-sync-alone-'));
	folders.push(userFolder);
	if (from) fs.cpSync(path.join(from, '.n8n'), path.join(userFolder, '.n8n'), { recursive: true });
	const n8n = new N8n({ userFolder, port: randomPort() });
	setup(n8n);
	const logFile = path.join(userFolder, 'n8n.log');
	const fd = fs.openSync(logFile, 'a');
	const url = await n8n.start({ stdio: ['ignore', fd, fd] }).catch(async (err) => {
		await n8n.stop();
		err.message += `\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`;
		throw err;
	});
	return { n8n, url };
}

// An n8n with no package, started once to create its database: each package then starts from a copy of it, an
// n8n as fresh as a new install (no package, no owner, no workflow) without running its migrations seven times.
let migrated;
beforeAll(async () => {
	const { n8n } = await startN8n(() => {});
	await n8n.stop();
	migrated = n8n.userFolder;
});

/** A fresh n8n with one package installed, started; resolves what it serves the editor, then stops it. */
async function loadAlone(pkg) {
	const { n8n, url } = await startN8n((x) => x.installPackage(path.join(ROOT, pkg.tarball), pkg.name), migrated);
	try {
		const session = await n8n.setupOwner();
		const types = async (file) => (await fetch(`${url}/types/${file}.json`, { headers: session })).json();
		return { nodes: await types('nodes'), credentials: await types('credentials') };
	} finally {
		await n8n.stop();
	}
}

test.each(packages.map((p) => [p.name, p]))('%s loaded alone: exactly its node types and its credentials', async (_name, pkg) => {
	const { nodes, credentials } = await loadAlone(pkg);
	const community = nodes.filter((t) => !builtIn(t));
	expect(community.map((t) => t.name).sort()).toEqual([...pkg.nodeTypes].sort());
	expect(credentials.map((c) => c.name).filter((n) => ourCredentials.has(n)).sort()).toEqual([...pkg.credentials].sort());
	for (const type of community) {
		for (const credential of type.credentials || []) expect(pkg.credentials).toContain(credential.name);
	}
	// Each credential is offered for its package's nodes.
	for (const name of pkg.credentials) {
		const supported = credentials.find((c) => c.name === name).supportedNodes || [];
		expect(supported.length).toBeGreaterThan(0);
		for (const node of supported) expect(pkg.nodeTypes).toContain(node);
	}
});
