// The six service packages, derived from the layout and the full pack's package.json, never from a hand-kept list:
// one package per nodes/<System>/ folder that `n8n.nodes` names, holding that folder, the credentials its nodes use,
// whatever those files import from outside (nodes/shared/, credentials/shared/) and the icons they name. A file of
// one service that imports another service's folder or credential is an error: a package holds one service.
// Reads the node and credential descriptions from the built full pack (dist/, so `npm run build` comes first) or, with
// { fromSource: true }, from the TypeScript sources (under jest, or after scripts/lib/ts-require.js's register()).
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const PACKAGE = require(path.join(ROOT, 'package.json'));

/** The description object of a built node or credential class (dist/…js), or of its TypeScript source. */
function loadType(root, distFile, fromSource) {
	const file = path.join(root, fromSource ? sourceOf(distFile) : distFile);
	if (!fs.existsSync(file)) throw new Error(`${fromSource ? sourceOf(distFile) : distFile} is missing${fromSource ? '' : ': run `npm run build` first'}`);
	const exported = Object.values(require(file)).filter((v) => typeof v === 'function');
	if (exported.length !== 1) throw new Error(`${distFile} must export exactly one class (it exports ${exported.length})`);
	return new exported[0]();
}

/** `dist/<dir>/<name>.js` of package.json → its TypeScript source. */
const sourceOf = (distFile) => distFile.replace(/^dist\//, '').replace(/\.js$/, '.ts');

/** Package name from the service's display name: "Case Status" → n8n-nodes-case-status, "CASEpeer" → n8n-nodes-casepeer. */
const packageNameOf = (displayName) => `n8n-nodes-${displayName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;

function walk(dir) {
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}


/** Relative module specifiers a TypeScript file imports (static, dynamic and `export … from`). */
function relativeImports(file) {
	const src = fs.readFileSync(file, 'utf8');
	const specs = [];
	const re = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]*)['"]/g;
	for (let m = re.exec(src); m; m = re.exec(src)) specs.push(m[1]);
	return specs;
}

function resolveImport(spec, fromFile, rel) {
	const base = path.resolve(path.dirname(fromFile), spec);
	for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
		if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
	}
	throw new Error(`${rel(fromFile)} imports '${spec}', which does not exist`);
}

/** Icon files (`file:…svg|png`) a source names, resolved the way n8n resolves them (relative to the file). */
function iconsOf(file, rel) {
	const src = fs.readFileSync(file, 'utf8');
	const icons = [];
	for (const m of src.matchAll(/['"]file:([^'"]+\.(?:svg|png))['"]/g)) {
		const icon = path.resolve(path.dirname(file), m[1]);
		if (!fs.existsSync(icon)) throw new Error(`${rel(file)} names the icon ${m[1]}, which does not exist`);
		icons.push(icon);
	}
	return icons;
}

/** A service's action node (its trigger if it has no other). */
const mainNode = (nodes) => nodes.find((n) => !(n.type.group || []).includes('trigger')) || nodes[0];

/**
 * The services of the full pack: [{ system, name, displayName, description, keywords, nodes: [{ entry, type }],
 * credentials: [{ entry, type }], files: [repo-relative paths to copy] }], in the order package.json names them.
 * `root`: the repository (another folder in tests); `fromSource`: read the descriptions from the .ts sources.
 */
function services(root = ROOT, { fromSource = false } = {}) {
	const pack = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	const rel = (file) => path.relative(root, file).split(path.sep).join('/');
	const bySystem = new Map();
	for (const entry of pack.n8n.nodes) {
		const m = /^dist\/nodes\/([^/]+)\/[^/]+\.node\.js$/.exec(entry);
		if (!m) throw new Error(`package.json n8n.nodes: ${entry} is not dist/nodes/<System>/<Name>.node.js`);
		if (!bySystem.has(m[1])) bySystem.set(m[1], { system: m[1], nodes: [], credentials: [] });
		bySystem.get(m[1]).nodes.push({ entry, type: loadType(root, entry, fromSource).description });
	}
	const credentials = pack.n8n.credentials.map((entry) => ({ entry, type: loadType(root, entry, fromSource) }));
	const owners = new Map(credentials.map((c) => [c.type.name, []]));
	for (const service of bySystem.values()) {
		const used = new Set(service.nodes.flatMap((n) => (n.type.credentials || []).map((c) => c.name)));
		for (const name of used) {
			if (!owners.has(name)) throw new Error(`nodes/${service.system} uses the credential ${name}, which package.json n8n.credentials does not list`);
			owners.get(name).push(service.system);
		}
		service.credentials = credentials.filter((c) => used.has(c.type.name));
	}
	for (const [name, systems] of owners) {
		if (systems.length !== 1) {
			throw new Error(`the credential ${name} is used by ${systems.length ? systems.map((s) => `nodes/${s}`).join(' and ') : 'no node'}: each credential belongs to exactly one service package`);
		}
	}

	const systems = [...bySystem.keys()];
	const credentialOwner = new Map(credentials.map((c) => [path.join(root, sourceOf(c.entry)), owners.get(c.type.name)[0]]));
	return [...bySystem.values()].map((service) => {
		const main = mainNode(service.nodes);
		const folder = path.join(root, 'nodes', service.system);
		const seeds = [...walk(folder).filter((f) => f.endsWith('.ts')), ...service.credentials.map((c) => path.join(root, sourceOf(c.entry)))];
		const files = new Set(walk(folder));
		const visited = new Set();
		const queue = [...seeds];
		while (queue.length) {
			const file = queue.pop();
			if (visited.has(file)) continue;
			visited.add(file);
			files.add(file);
			for (const icon of iconsOf(file, rel)) files.add(icon);
			for (const spec of relativeImports(file)) {
				const target = resolveImport(spec, file, rel);
				const other = systems.find((s) => s !== service.system && target.startsWith(path.join(root, 'nodes', s) + path.sep));
				const otherCredential = credentialOwner.has(target) && credentialOwner.get(target) !== service.system;
				if (other || otherCredential) {
					throw new Error(
						`${rel(file)} imports ${rel(target)}, which belongs to the ${other || credentialOwner.get(target)} service: ` +
							`one package holds one service, so move the shared code to nodes/shared/ (or credentials/shared/)`,
					);
				}
				queue.push(target);
			}
		}
		const displayName = main.type.displayName;
		const own = new RegExp(`\\b${displayName.toLowerCase()}\\b`);
		const otherNames = [...bySystem.values()].filter((s) => s !== service).map((s) => mainNode(s.nodes).type.displayName.toLowerCase());
		return {
			system: service.system,
			name: packageNameOf(displayName),
			displayName,
			description: main.type.description,
			// The pack's keywords that name no other service, and this service's name.
			keywords: [...new Set([...(pack.keywords || []).filter((k) => !otherNames.some((o) => k.includes(o)) && !own.test(k)), displayName.toLowerCase()])],
			nodes: service.nodes,
			credentials: service.credentials,
			files: [...files].map(rel).sort(),
		};
	});
}

module.exports = { services, ROOT, PACKAGE };
