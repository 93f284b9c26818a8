// Each service package's committed source root, packages/<name>/, as generated from the one source tree: what n8n's
// verification reads (the scanner finds the folder whose package.json carries the package's name in the source
// checkout the npm provenance names, and lints its package.json, nodes/ and credentials/). The files are copies, not
// symlinks: docs/packages.md says why. `npm run sync:packages` writes them; tests/unit/package-sources.test.js fails
// when a committed file drifts from what this module generates.
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, PACKAGE } = require('./services');
const { packageReadme, packageChangelog } = require('./package-readme');

/** The folder of the committed package roots, and the build output (git-ignored, outside any package root). */
const PACKAGES_DIR = path.join(ROOT, 'packages');
const BUILD_DIR = path.join(ROOT, 'build/packages');

/** Paths inside a package root that its build makes and git ignores: never compared, never removed by a sync. */
const BUILT = /^(dist|node_modules)(\/|$)|\.tsbuildinfo$/;

/** The package.json of a service package; `repository.directory` names its root in this repository. */
function packageJsonOf(service) {
	return {
		name: service.name,
		version: PACKAGE.version,
		description: `${service.description}. One service of ${PACKAGE.name}.`,
		license: PACKAGE.license,
		homepage: PACKAGE.homepage,
		keywords: service.keywords,
		author: PACKAGE.author,
		repository: { ...PACKAGE.repository, directory: `packages/${service.name}` },
		scripts: { build: 'n8n-node build', lint: 'n8n-node lint' },
		files: ['dist', '!dist/tsconfig.tsbuildinfo', 'CHANGELOG.md'],
		n8n: {
			n8nNodesApiVersion: PACKAGE.n8n.n8nNodesApiVersion,
			strict: PACKAGE.n8n.strict,
			credentials: service.credentials.map((c) => c.entry),
			nodes: service.nodes.map((n) => n.entry),
		},
		peerDependencies: PACKAGE.peerDependencies,
	};
}

/** Node type names (with n8n's `…Tool` variants of usableAsTool nodes) of a package. */
function nodeTypesOf(packageName, nodes) {
	return nodes.flatMap(({ type }) => [`${packageName}.${type.name}`, ...(type.usableAsTool ? [`${packageName}.${type.name}Tool`] : [])]);
}

/** The templates of workflows/ with node types naming the service packages; each with the packages it needs. */
function serviceTemplates(list) {
	const rename = new Map();
	for (const s of list) {
		for (const type of nodeTypesOf(PACKAGE.name, s.nodes)) rename.set(type, type.replace(`${PACKAGE.name}.`, `${s.name}.`));
	}
	const dir = path.join(ROOT, 'workflows');
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => {
			const workflow = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
			const packages = new Set();
			for (const node of workflow.nodes) {
				if (!node.type.startsWith(`${PACKAGE.name}.`)) continue;
				if (!rename.has(node.type)) throw new Error(`workflows/${file}: node "${node.name}" has the type ${node.type}, which no service package provides`);
				node.type = rename.get(node.type);
				packages.add(node.type.split('.')[0]);
			}
			return { file, workflow, packages: list.map((s) => s.name).filter((n) => packages.has(n)) };
		});
}

const json = (value) => `${JSON.stringify(value, null, '\t')}\n`;

/**
 * Every file of packages/<service.name>/: Map of package-relative path → Buffer. The service's sources from the tree
 * (a node's codex file names its type with this package's name), its package.json, README, CHANGELOG, the
 * repository's LICENSE and default eslint.config.mjs, and a tsconfig.json without declarations (n8n loads only the .js).
 */
function packageFiles(service, templates) {
	const files = new Map();
	for (const file of service.files) {
		let content = fs.readFileSync(path.join(ROOT, file));
		if (file.endsWith('.ts') && content.includes(`'${PACKAGE.name}.`)) {
			throw new Error(`${file} names a node type of ${PACKAGE.name}, which does not exist when ${service.name} is installed alone`);
		}
		if (file.endsWith('.node.json')) {
			const codex = JSON.parse(content.toString('utf8'));
			if (typeof codex.node === 'string') codex.node = codex.node.replace(new RegExp(`^${PACKAGE.name}\\.`), `${service.name}.`);
			content = Buffer.from(json(codex));
		}
		files.set(file, content);
	}
	const tsconfig = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8'));
	tsconfig.compilerOptions.declaration = false;
	const uses = templates.filter((t) => t.packages.includes(service.name));
	files.set('package.json', Buffer.from(json(packageJsonOf(service))));
	files.set('README.md', Buffer.from(packageReadme(service, uses)));
	files.set('CHANGELOG.md', Buffer.from(packageChangelog(service)));
	files.set('LICENSE.md', fs.readFileSync(path.join(ROOT, 'LICENSE.md')));
	files.set('eslint.config.mjs', fs.readFileSync(path.join(ROOT, 'eslint.config.mjs')));
	files.set('tsconfig.json', Buffer.from(json(tsconfig)));
	return files;
}

/** Files under dir (package-relative, `/`-separated), leaving out what the package's build makes. */
function filesOn(dir, prefix = '') {
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const rel = prefix + e.name;
		if (BUILT.test(rel)) return [];
		return e.isDirectory() ? filesOn(path.join(dir, e.name), `${rel}/`) : [rel];
	});
}

/**
 * How the folder `dir` differs from the generated `files`: [{ file, problem: 'missing' | 'differs' | 'extra' }].
 * A symlink counts as differing: the committed root holds the files themselves.
 */
function drift(dir, files) {
	const out = [];
	const present = new Set(filesOn(dir));
	for (const [file, content] of files) {
		const target = path.join(dir, file);
		if (!present.has(file)) out.push({ file, problem: 'missing' });
		else if (fs.lstatSync(target).isSymbolicLink() || !fs.readFileSync(target).equals(content)) out.push({ file, problem: 'differs' });
	}
	for (const file of present) if (!files.has(file)) out.push({ file, problem: 'extra' });
	return out.sort((a, b) => a.file.localeCompare(b.file));
}

/** Writes `files` into `dir`, removing what is not among them (the build's output stays); resolves the drift fixed. */
function write(dir, files) {
	const fixed = drift(dir, files);
	for (const { file, problem } of fixed) {
		const target = path.join(dir, file);
		fs.rmSync(target, { force: true });
		if (problem === 'extra') continue;
		fs.mkdirSync(path.dirname(target), { recursive: true });
		fs.writeFileSync(target, files.get(file));
	}
	// Folders a removed file left empty.
	const prune = (d) => {
		for (const e of fs.readdirSync(d, { withFileTypes: true })) if (e.isDirectory() && !BUILT.test(e.name)) prune(path.join(d, e.name));
		if (d !== dir && fs.readdirSync(d).length === 0) fs.rmdirSync(d);
	};
	if (fs.existsSync(dir)) prune(dir);
	return fixed;
}

module.exports = { PACKAGES_DIR, BUILD_DIR, packageJsonOf, nodeTypesOf, serviceTemplates, packageFiles, drift, write, filesOn };
