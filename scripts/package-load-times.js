#!/usr/bin/env node
// Size and load time of the seven packages `npm run build:packages` built (run that first). Each tarball is
// installed as n8n installs a community package, then loaded by real n8n's own loader (n8n-core's
// PackageDirectoryLoader.loadAll(), what n8n runs for each installed package as it starts), in a fresh process each
// time so nothing is cached; the figure is the median of --runs (5) loads. A last row loads the six service
// packages in one process, as an n8n with all six installed does. Prints a Markdown table and writes
// build/packages/load-times.json.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { N8n, ensureRuntime, ROOT } = require('./lib/n8n');

const RUNS = Number(parseArgs({ options: { runs: { type: 'string', default: '5' } } }).values.runs);

// Runs in the runtime's Node 24, beside n8n: loads package directories with n8n's loader, one after another in one
// process as n8n does when several are installed, and reports the time they took together.
const LOAD = `
const [runtime, ...dirs] = process.argv.slice(1);
// As n8n does before loading packages: their require('n8n-workflow') resolves to n8n's own copy.
const Module = require('node:module');
process.env.NODE_PATH = Module._nodeModulePaths(runtime + '/node_modules/n8n/dist').join(':');
Module._initPaths();
require(runtime + '/node_modules/reflect-metadata');
const { PackageDirectoryLoader } = require(runtime + '/node_modules/n8n-core');
(async () => {
	const start = process.hrtime.bigint();
	let nodes = 0;
	let credentials = 0;
	for (const dir of dirs) {
		const loader = new PackageDirectoryLoader(dir);
		await loader.loadAll();
		nodes += Object.keys(loader.nodeTypes).length;
		credentials += Object.keys(loader.credentialTypes).length;
	}
	const ms = Number(process.hrtime.bigint() - start) / 1e6;
	console.log(JSON.stringify({ ms, nodes, credentials }));
})().catch((err) => { console.error(err); process.exit(1); });
`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

function main() {
	const manifestFile = path.join(ROOT, 'build/packages/manifest.json');
	if (!fs.existsSync(manifestFile)) throw new Error('build/packages/ is missing: run `npm run build:packages` first');
	const { packages } = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
	const runtime = ensureRuntime();
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'legal-sync-load-'));
	const n8n = new N8n({ userFolder, runtime });
	const rows = [];
	/** The median of RUNS loads of these package folders, each in a fresh process. */
	const load = (dirs) => {
		const runs = [];
		for (let i = 0; i < RUNS; i++) {
			const out = execFileSync(runtime.node, ['-e', LOAD, runtime.dir, ...dirs], {
				encoding: 'utf8',
				env: { PATH: process.env.PATH, HOME: process.env.HOME, N8N_USER_FOLDER: userFolder, N8N_LOG_LEVEL: 'warn' },
			});
			runs.push(JSON.parse(out.trim().split('\n').pop()));
		}
		return { ...runs[0], ms: median(runs.map((r) => r.ms)) };
	};
	try {
		const six = [];
		for (const pkg of packages) {
			const dir = n8n.installPackage(path.join(ROOT, pkg.tarball), pkg.name);
			if (pkg.system) six.push({ pkg, dir });
			const { ms, nodes, credentials } = load([dir]);
			rows.push({ name: pkg.name, size: pkg.size, unpackedSize: pkg.unpackedSize, files: pkg.entryCount, loadMs: ms, nodes, credentials });
		}
		const { ms, nodes, credentials } = load(six.map((s) => s.dir));
		const sum = (key) => six.reduce((a, s) => a + s.pkg[key], 0);
		rows.push({ name: 'the six service packages together', size: sum('size'), unpackedSize: sum('unpackedSize'), files: sum('entryCount'), loadMs: ms, nodes, credentials });
	} finally {
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
	fs.writeFileSync(path.join(ROOT, 'build/packages/load-times.json'), `${JSON.stringify({ runs: RUNS, rows }, null, '\t')}\n`);
	console.log(`| Package | Tarball | Unpacked | Files | Nodes + credentials loaded | Load in n8n (median of ${RUNS}) |\n|---|---|---|---|---|---|`);
	for (const r of rows) console.log(`| ${r.name} | ${kb(r.size)} | ${kb(r.unpackedSize)} | ${r.files} | ${r.nodes} + ${r.credentials} | ${r.loadMs.toFixed(0)} ms |`);
}

main();
