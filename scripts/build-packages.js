#!/usr/bin/env node
// `npm run build:packages`: the full pack and the six service packages from this one source tree. Each is linted
// (`n8n-node lint`, strict), built (`n8n-node build`), scanned by n8n's own package scanner
// (@n8n/scan-community-package's analyzePackage, on its source and on its unpacked tarball; any error or warning
// fails the build) and packed. Output, git-ignored, in packages/:
//   <name>-<version>.tgz   the seven tarballs
//   <name>/                each tarball unpacked: exactly what `npm publish` sends (the release workflow publishes these)
//   workflows/             the templates with node types naming the service packages (n8n-nodes-case-status.caseStatus)
//   manifest.json          per package: tarball, size, node types and credentials (read by tests/packages/)
// A service package is generated in a temporary folder (the sources it needs, its package.json, README, CHANGELOG,
// LICENSE, the default eslint.config.mjs and tsconfig.json), because the repository's own lint would lint any
// TypeScript left under the tree. `--only <name>[,<name>]` builds some packages (the manifest then lists only those).
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { services, ROOT, PACKAGE } = require('./lib/services');
const { packageReadme, packageChangelog } = require('./lib/package-readme');

const OUT = path.join(ROOT, 'packages');
const N8N_NODE = path.join(ROOT, 'node_modules/.bin/n8n-node');
const only = (() => {
	const { values } = parseArgs({ options: { only: { type: 'string' } } });
	return values.only ? new Set(values.only.split(',')) : null;
})();
const wanted = (name) => !only || only.has(name);

function fail(message) {
	throw Object.assign(new Error(message), { brief: true });
}

/** Runs a command; its output is shown only when it fails. */
function run(label, cmd, args, cwd) {
	try {
		return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
	} catch (err) {
		fail(`${label} failed (${cmd} ${args.join(' ')} in ${cwd}):\n${err.stdout || ''}${err.stderr || ''}`);
	}
}

const SCANNER = require.resolve('@n8n/scan-community-package/scanner/scanner.mjs');
let scanner; // the scanner module (ESM), imported in main()
/**
 * n8n's scanner on a folder: its analyzePackage must pass (no error), and the same rules must report no warning.
 * patterns: the scanner's own choice for each leg (source: package.json and nodes/credentials sources; tarball:
 * the compiled .js and package.json).
 */
async function scan(label, dir, patterns) {
	const verdict = await scanner.analyzePackage(dir, patterns);
	if (!verdict.passed) fail(`${label}: n8n's package scanner: ${verdict.message}\n${verdict.details || ''}`);
	// analyzePackage fails on errors only; run its configuration once more to see the warnings as well.
	const scannerRequire = require('node:module').createRequire(SCANNER);
	const { ESLint } = scannerRequire('eslint');
	const glob = scannerRequire('fast-glob');
	const eslint = new ESLint({ cwd: dir, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: await scanner.buildScanConfig() });
	const files = glob.sync(patterns, { cwd: dir, absolute: true, ignore: ['node_modules/**', '**/package-lock.json'] });
	const results = await eslint.lintFiles(files);
	if (results.some((r) => r.warningCount > 0)) {
		fail(`${label}: n8n's package scanner warns:\n${await (await eslint.loadFormatter('stylish')).format(results)}`);
	}
	return files.length;
}

/** `npm pack` into packages/, then unpacked into packages/<name>/; resolves npm's own report of the tarball. */
function pack(label, dir) {
	const [report] = JSON.parse(run(`${label}: npm pack`, 'npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', OUT], dir));
	const unpacked = path.join(OUT, report.name);
	fs.rmSync(unpacked, { recursive: true, force: true });
	fs.mkdirSync(unpacked, { recursive: true });
	execFileSync('tar', ['-xzf', path.join(OUT, report.filename), '-C', unpacked, '--strip-components=1']);
	return { ...report, unpacked };
}

/**
 * The tarball holds its documents, dist/package.json and the built files `inDist` accepts (nothing of another
 * service), and every node and credential its package.json names.
 */
function checkTarball(label, report, pkgJson, inDist) {
	const paths = report.files.map((f) => f.path);
	const extra = paths.filter((p) => !['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE.md', 'dist/package.json'].includes(p) && !inDist(p));
	if (extra.length) fail(`${label}: the tarball holds files it should not:\n  ${extra.join('\n  ')}`);
	const missing = [...pkgJson.n8n.nodes, ...pkgJson.n8n.credentials].filter((p) => !paths.includes(p));
	if (missing.length) fail(`${label}: the tarball lacks what its package.json names:\n  ${missing.join('\n  ')}`);
}

function packageJsonOf(service) {
	return {
		name: service.name,
		version: PACKAGE.version,
		description: `${service.description}. One service of ${PACKAGE.name}.`,
		license: PACKAGE.license,
		homepage: PACKAGE.homepage,
		keywords: service.keywords,
		author: PACKAGE.author,
		repository: PACKAGE.repository,
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

/** The templates with node types naming the service packages; each with the packages it needs. */
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
				if (!rename.has(node.type)) fail(`workflows/${file}: node "${node.name}" has the type ${node.type}, which no service package provides`);
				node.type = rename.get(node.type);
				packages.add(node.type.split('.')[0]);
			}
			return { file, workflow, packages: list.map((s) => s.name).filter((n) => packages.has(n)) };
		});
}

/** The service package's source folder, in a temporary directory; resolves its path. */
function generate(service, templates) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${service.name}-`));
	for (const file of service.files) {
		fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
		fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
		if (file.endsWith('.ts') && fs.readFileSync(path.join(ROOT, file), 'utf8').includes(`'${PACKAGE.name}.`)) {
			fail(`${file} names a node type of ${PACKAGE.name}, which does not exist when ${service.name} is installed alone`);
		}
		// A node's codex file names its type, which in this package carries the package's name.
		if (file.endsWith('.node.json')) {
			const codex = JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
			if (typeof codex.node === 'string') codex.node = codex.node.replace(new RegExp(`^${PACKAGE.name}\\.`), `${service.name}.`);
			fs.writeFileSync(path.join(dir, file), `${JSON.stringify(codex, null, '\t')}\n`);
		}
	}
	fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(packageJsonOf(service), null, '\t')}\n`);
	fs.copyFileSync(path.join(ROOT, 'eslint.config.mjs'), path.join(dir, 'eslint.config.mjs'));
	fs.copyFileSync(path.join(ROOT, 'LICENSE.md'), path.join(dir, 'LICENSE.md'));
	const tsconfig = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8'));
	// n8n loads only the .js; without declarations packages/ holds no TypeScript for the repository's lint to find.
	tsconfig.compilerOptions.declaration = false;
	fs.writeFileSync(path.join(dir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, '\t')}\n`);
	const uses = templates.filter((t) => t.packages.includes(service.name));
	fs.writeFileSync(path.join(dir, 'README.md'), packageReadme(service, uses));
	fs.writeFileSync(path.join(dir, 'CHANGELOG.md'), packageChangelog(service));
	// tsc, eslint and the lint presets resolve from the repository's node_modules.
	fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
	return dir;
}

async function main() {
	const started = Date.now();
	const log = (msg) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${msg}`);
	fs.rmSync(OUT, { recursive: true, force: true });
	fs.mkdirSync(OUT, { recursive: true });
	const manifest = { version: PACKAGE.version, packages: [] };
	scanner = await import(SCANNER);

	// The full pack, built first: the service packages are derived from its dist/ (node and credential descriptions).
	if (wanted(PACKAGE.name)) run('full pack: n8n-node lint', N8N_NODE, ['lint'], ROOT);
	run('full pack: n8n-node build', N8N_NODE, ['build'], ROOT);
	const list = services();
	const templates = serviceTemplates(list);
	if (wanted(PACKAGE.name)) {
		const label = PACKAGE.name;
		const scanned = await scan(`${label} (source)`, ROOT, scanner.SOURCE_FILE_PATTERNS);
		const report = pack(label, ROOT);
		checkTarball(label, report, PACKAGE, (p) => /^dist\/(nodes|credentials|icons)\//.test(p));
		await scan(`${label} (tarball)`, report.unpacked, ['**/*.js', 'package.json']);
		const all = list.flatMap((s) => s.nodes);
		manifest.packages.push(entry(report, null, nodeTypesOf(PACKAGE.name, all), list.flatMap((s) => s.credentials.map((c) => c.type.name))));
		log(`${label}: linted, built, scanned (${scanned} source files), packed`);
	}

	for (const service of list.filter((s) => wanted(s.name))) {
		const label = service.name;
		const dir = generate(service, templates);
		run(`${label}: n8n-node lint`, N8N_NODE, ['lint'], dir);
		run(`${label}: n8n-node build`, N8N_NODE, ['build'], dir);
		const scanned = await scan(`${label} (source)`, dir, scanner.SOURCE_FILE_PATTERNS);
		const report = pack(label, dir);
		const dirs = [...new Set(service.files.map((f) => `dist/${path.posix.dirname(f)}/`))];
		checkTarball(label, report, packageJsonOf(service), (p) => dirs.some((d) => p.startsWith(d)));
		await scan(`${label} (tarball)`, report.unpacked, ['**/*.js', 'package.json']);
		manifest.packages.push(entry(report, service.system, nodeTypesOf(service.name, service.nodes), service.credentials.map((c) => c.type.name)));
		fs.rmSync(dir, { recursive: true, force: true });
		log(`${label}: generated (${service.files.length} source files), linted, built, scanned (${scanned} source files), packed`);
	}

	fs.mkdirSync(path.join(OUT, 'workflows'));
	for (const t of templates) fs.writeFileSync(path.join(OUT, 'workflows', t.file), `${JSON.stringify(t.workflow, null, '\t')}\n`);
	manifest.workflows = templates.map((t) => ({ file: `packages/workflows/${t.file}`, packages: t.packages }));
	fs.writeFileSync(path.join(OUT, 'manifest.json'), `${JSON.stringify(manifest, null, '\t')}\n`);

	console.log('\n| Package | Tarball | Unpacked | Files |\n|---|---|---|---|');
	for (const p of manifest.packages) console.log(`| ${p.name} | ${kb(p.size)} | ${kb(p.unpackedSize)} | ${p.entryCount} |`);
	log(`${manifest.packages.length} packages and ${templates.length} templates in packages/`);
}

function entry(report, system, nodeTypes, credentials) {
	return {
		name: report.name,
		version: report.version,
		system,
		tarball: path.relative(ROOT, path.join(OUT, report.filename)),
		dir: path.relative(ROOT, report.unpacked),
		size: report.size,
		unpackedSize: report.unpackedSize,
		entryCount: report.entryCount,
		nodeTypes,
		credentials,
	};
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

main().catch((err) => {
	console.error(`build:packages: ${err.brief ? err.message : err.stack}`);
	process.exit(1);
});
