// n8n's scanner on the source of a published package, as it runs: the commit the npm provenance names, as GitHub
// serves it (here `git archive HEAD`: what is committed, nothing git ignores), the folder its findPackageRoot picks
// for the package's name, and analyzePackage with its own source patterns. Each service package's folder must be its
// committed root, packages/<name>/ (docs/packages.md), and pass.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ROOT } = require('../../scripts/lib/n8n');
const { builtPackages } = require('../helpers/e2e');

jest.setTimeout(5 * 60 * 1000);

// The scanner is an ES module, which jest's CommonJS runtime cannot import: a plain Node process runs it, without
// jest's NODE_ENV=test (eslint-plugin-n8n-nodes-base's rules read file names differently under it).
const SCAN = `
const [archive, ...names] = process.argv.slice(1);
import(require.resolve('@n8n/scan-community-package/scanner/scanner.mjs')).then(async (scanner) => {
	const out = [];
	for (const name of names) {
		const root = scanner.findPackageRoot(archive, name);
		const verdict = root ? await scanner.analyzePackage(root, scanner.SOURCE_FILE_PATTERNS) : { passed: false, message: 'no folder' };
		out.push({ name, root: root && require('node:path').relative(archive, root), passed: verdict.passed, message: verdict.message || null, details: (verdict.details || '').slice(0, 1500) });
	}
	console.log(JSON.stringify(out));
});`;

test('in the committed tree, the scanner finds each package at its root and its source passes', () => {
	const { packages } = builtPackages();
	const archive = fs.mkdtempSync(path.join(os.tmpdir(), 'legal-sync-source-'));
	try {
		execFileSync('sh', ['-c', `git archive HEAD | tar -x -C '${archive}'`], { cwd: ROOT });
		const env = { ...process.env };
		delete env.NODE_ENV;
		const out = execFileSync(process.execPath, ['-e', SCAN, archive, ...packages.map((p) => p.name)], { cwd: ROOT, encoding: 'utf8', env });
		const found = JSON.parse(out.trim().split('\n').pop());
		expect(found).toEqual(packages.map((p) => ({ name: p.name, root: p.system ? `packages/${p.name}` : '', passed: true, message: null, details: '' })));
	} finally {
		fs.rmSync(archive, { recursive: true, force: true });
	}
});
