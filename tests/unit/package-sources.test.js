// Each service package's committed source root, packages/<name>/, is what the source tree generates
// (scripts/lib/package-sources.js): n8n's verification reads that folder in the commit the npm provenance names, so a
// copy that drifts from nodes/, credentials/, the templates or the version fails here (fix: npm run sync:packages).
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { services, ROOT, PACKAGE } = require('../../scripts/lib/services');
const { PACKAGES_DIR, packageFiles, serviceTemplates, drift, write } = require('../../scripts/lib/package-sources');

jest.setTimeout(120 * 1000);

// The node and credential descriptions come from the .ts sources (ts-jest compiles them): no build needed.
const list = services(ROOT, { fromSource: true });
const templates = serviceTemplates(list);
const committed = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);

test.each(list.map((s) => [s.name, s]))('packages/%s/ holds exactly what the source tree generates', (name, service) => {
	const stale = drift(path.join(PACKAGES_DIR, name), packageFiles(service, templates)).map((d) => `${d.file}: ${d.problem}`);
	expect({ hint: 'run `npm run sync:packages` and commit packages/', stale }).toEqual({ hint: expect.any(String), stale: [] });
});

test('packages/ holds the six service packages and nothing else, all committed', () => {
	expect(fs.readdirSync(PACKAGES_DIR).sort()).toEqual(list.map((s) => s.name).sort());
	for (const s of list) expect(committed).toContain(`packages/${s.name}/package.json`);
});

test('each package name has one committed package.json, in its root: the folder n8n\'s scanner finds in the source checkout', () => {
	// @n8n/scan-community-package's findPackageRoot takes the first package.json with the package's name.
	for (const s of [...list, { name: PACKAGE.name }]) {
		const owners = committed.filter((f) => f.endsWith('package.json') && JSON.parse(fs.readFileSync(path.join(ROOT, f), 'utf8')).name === s.name);
		expect(owners).toEqual([s.system ? `packages/${s.name}/package.json` : 'package.json']);
	}
});

test('versions move together: every service package carries the root version; the release commit syncs them', () => {
	for (const s of list) {
		const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGES_DIR, s.name, 'package.json'), 'utf8'));
		expect([s.name, pkg.version]).toEqual([s.name, PACKAGE.version]);
		expect(pkg.repository).toEqual({ ...PACKAGE.repository, directory: `packages/${s.name}` });
	}
	// `npm run release` (release-it) bumps the root version; this hook regenerates packages/ into the same commit.
	const hooks = JSON.parse(fs.readFileSync(path.join(ROOT, '.release-it.json'), 'utf8')).hooks;
	expect(hooks['before:git:release']).toBe('npm run sync:packages && git add packages');
});

test('a version bump the packages did not follow is drift', () => {
	const [service] = list;
	const files = packageFiles(service, templates);
	const bumped = new Map(files);
	const pkg = JSON.parse(files.get('package.json'));
	bumped.set('package.json', Buffer.from(JSON.stringify({ ...pkg, version: '9.9.9' })));
	expect(drift(path.join(PACKAGES_DIR, service.name), bumped)).toEqual([{ file: 'package.json', problem: 'differs' }]);
});

describe('drift and write on a scratch copy', () => {
	let dir;
	let files;
	beforeEach(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'legal-sync-package-'));
		files = packageFiles(list[0], templates);
		write(dir, files);
	});
	afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

	test('a written root has no drift; its build output (dist/, node_modules/) is not compared', () => {
		fs.mkdirSync(path.join(dir, 'dist'));
		fs.writeFileSync(path.join(dir, 'dist/x.js'), '');
		expect(drift(dir, files)).toEqual([]);
	});

	test('an edited copy, a missing file, an extra file and a symlink in place of a copy are each reported, and write fixes them', () => {
		const [a, b, c] = [...files.keys()].filter((f) => f.endsWith('.ts'));
		fs.appendFileSync(path.join(dir, a), '// edited\n');
		fs.rmSync(path.join(dir, b));
		fs.writeFileSync(path.join(dir, 'nodes/stray.ts'), '');
		fs.rmSync(path.join(dir, c));
		fs.symlinkSync(path.join(ROOT, c), path.join(dir, c));
		expect(drift(dir, files)).toEqual(
			[
				{ file: a, problem: 'differs' },
				{ file: b, problem: 'missing' },
				{ file: c, problem: 'differs' },
				{ file: 'nodes/stray.ts', problem: 'extra' },
			].sort((x, y) => x.file.localeCompare(y.file)),
		);
		write(dir, files);
		expect(drift(dir, files)).toEqual([]);
	});
});

test("the repository's TypeScript build does not compile packages/ or build/ (no second copy of each source)", () => {
	const tsc = path.join(ROOT, 'node_modules/.bin/tsc');
	const listed = execFileSync(tsc, ['--listFilesOnly', '-p', 'tsconfig.json'], { cwd: ROOT, encoding: 'utf8' })
		.split('\n')
		.filter((f) => f.startsWith(ROOT));
	expect(listed.some((f) => f.startsWith(path.join(ROOT, 'nodes/')))).toBe(true);
	expect(listed.filter((f) => /^(packages|build)\//.test(path.relative(ROOT, f)))).toEqual([]);
});
