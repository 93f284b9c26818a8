// The tarball a firm's n8n installs: every node and credential package.json names, their icons, README, LICENSE and
// package.json, and nothing else (no build cache, no screenshots, no sources, tests or sandbox).
const { execFileSync } = require('node:child_process');
const { packPackage, PACKAGE } = require('../../scripts/lib/n8n');

const files = execFileSync('tar', ['-tzf', packPackage()], { encoding: 'utf8' })
	.trim()
	.split('\n')
	.map((f) => f.replace(/^package\//, ''));

test('every node and credential the package names is in the tarball', () => {
	for (const entry of [...PACKAGE.n8n.nodes, ...PACKAGE.n8n.credentials]) expect(files).toContain(entry);
});

test('the tarball holds only what n8n loads: built code, node descriptions, icons, README, LICENSE, package.json', () => {
	const unexpected = files.filter(
		(f) =>
			!['package.json', 'README.md', 'LICENSE.md', 'CHANGELOG.md', 'dist/package.json'].includes(f) &&
			!/^dist\/(nodes|credentials)\/.+\.(js|d\.ts|json|svg)$/.test(f) &&
			!/^dist\/(nodes|credentials)\/.+\.js\.map$/.test(f) &&
			!/^dist\/icons\/[a-z]+(\.dark)?\.svg$/.test(f),
	);
	expect(unexpected).toEqual([]);
	expect(files.filter((f) => /tsbuildinfo|\.png$|^dist\/docs\//.test(f))).toEqual([]);
});
