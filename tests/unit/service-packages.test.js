// The service packages are derived from the layout (scripts/lib/services.js): a fixture repository with two services
// shows what one package gets, and that crossing into another service's folder or credential stops the build.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { services } = require('../../scripts/lib/services');

let root;
const write = (file, text) => {
	fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
	fs.writeFileSync(path.join(root, file), text);
};
/** A built class (dist/…js) whose instance carries these fields. */
const builtClass = (name, fields) => `class ${name} { constructor() { Object.assign(this, ${JSON.stringify(fields)}); } }\nmodule.exports = { ${name} };\n`;

beforeEach(() => {
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'legal-sync-services-'));
	write(
		'package.json',
		JSON.stringify({
			name: 'n8n-nodes-legal-sync',
			keywords: ['n8n-community-node-package', 'legal', 'alpha one', 'beta'],
			n8n: {
				nodes: ['dist/nodes/Alpha/Alpha.node.js', 'dist/nodes/Alpha/AlphaTrigger.node.js', 'dist/nodes/Beta/Beta.node.js'],
				credentials: ['dist/credentials/AlphaApi.credentials.js', 'dist/credentials/BetaApi.credentials.js'],
			},
		}),
	);
	const node = (name, displayName, credential, group = ['transform']) => ({ description: { name, displayName, description: `${displayName} things`, group, credentials: [{ name: credential }] } });
	write('dist/nodes/Alpha/Alpha.node.js', builtClass('Alpha', node('alpha', 'Alpha One', 'alphaApi')));
	write('dist/nodes/Alpha/AlphaTrigger.node.js', builtClass('AlphaTrigger', node('alphaTrigger', 'Alpha One Trigger', 'alphaApi', ['trigger'])));
	write('dist/nodes/Beta/Beta.node.js', builtClass('Beta', node('beta', 'Beta', 'betaApi')));
	write('dist/credentials/AlphaApi.credentials.js', builtClass('AlphaApi', { name: 'alphaApi' }));
	write('dist/credentials/BetaApi.credentials.js', builtClass('BetaApi', { name: 'betaApi' }));
	write('nodes/Alpha/Alpha.node.ts', "import { get } from './transport';\nconst icon = 'file:../../icons/alpha.svg';\n");
	write('nodes/Alpha/Alpha.node.json', '{}');
	write('nodes/Alpha/AlphaTrigger.node.ts', "import { get } from './transport';\n");
	// Written into the fixture tree (resolved there, not from this file).
	const importShared = `import { retry } from '${'..'}/shared/http';\n`;
	write('nodes/Alpha/transport.ts', importShared);
	write('nodes/Beta/Beta.node.ts', importShared);
	write('nodes/shared/http.ts', "export * from './paging';\n");
	write('nodes/shared/paging.ts', '');
	write('nodes/shared/unused.ts', '');
	write('credentials/AlphaApi.credentials.ts', "import { fields } from './shared/fields';\n");
	write('credentials/BetaApi.credentials.ts', '');
	write('credentials/shared/fields.ts', '');
	write('icons/alpha.svg', '<svg/>');
	write('icons/beta.svg', '<svg/>');
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

test('a package holds its folder, its credential, what they import and the icons they name; its name comes from the display name', () => {
	const [alpha, beta] = services(root);
	expect(alpha).toEqual(
		expect.objectContaining({ system: 'Alpha', name: 'n8n-nodes-alpha-one', keywords: ['n8n-community-node-package', 'legal', 'alpha one'] }),
	);
	expect(alpha.nodes.map((n) => n.type.name)).toEqual(['alpha', 'alphaTrigger']);
	expect(alpha.credentials.map((c) => c.type.name)).toEqual(['alphaApi']);
	expect(alpha.files).toEqual([
		'credentials/AlphaApi.credentials.ts',
		'credentials/shared/fields.ts',
		'icons/alpha.svg',
		'nodes/Alpha/Alpha.node.json',
		'nodes/Alpha/Alpha.node.ts',
		'nodes/Alpha/AlphaTrigger.node.ts',
		'nodes/Alpha/transport.ts',
		'nodes/shared/http.ts',
		'nodes/shared/paging.ts',
	]);
	expect(beta.name).toBe('n8n-nodes-beta');
	expect(beta.files).toEqual(['credentials/BetaApi.credentials.ts', 'nodes/Beta/Beta.node.ts', 'nodes/shared/http.ts', 'nodes/shared/paging.ts']);
});

test("a service that imports another service's folder stops the build, naming both files", () => {
	write('nodes/Alpha/mapping.ts', "import { toBeta } from '../Beta/Beta.node';\n");
	expect(() => services(root)).toThrow('nodes/Alpha/mapping.ts imports nodes/Beta/Beta.node.ts, which belongs to the Beta service');
});

test("a service that imports another service's credential stops the build", () => {
	write('nodes/Alpha/transport.ts', "import { BetaApi } from '../../credentials/BetaApi.credentials';\n");
	expect(() => services(root)).toThrow('imports credentials/BetaApi.credentials.ts, which belongs to the Beta service');
});

test('a credential two services use stops the build', () => {
	write('dist/nodes/Beta/Beta.node.js', builtClass('Beta', { description: { name: 'beta', displayName: 'Beta', group: [], credentials: [{ name: 'alphaApi' }] } }));
	expect(() => services(root)).toThrow('the credential alphaApi is used by nodes/Alpha and nodes/Beta');
});
