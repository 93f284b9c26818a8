'use strict';

// The sandbox's shape after the #16 splits: a system's seed does not read another system's seed (what two systems
// share lives in sandbox/systems/shared-ids.js), and the split folders keep small files with the route table in
// index.js.
const fs = require('node:fs');
const path = require('node:path');

const SYSTEMS = path.join(__dirname, '../../sandbox/systems');
const jsFiles = (dir) =>
	fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const full = path.join(dir, e.name);
		if (e.isDirectory()) return jsFiles(full);
		return e.name.endsWith('.js') ? [full] : [];
	});
const requiresOf = (file) =>
	[...fs.readFileSync(file, 'utf8').matchAll(/require\('([^']+)'\)/g)].map((m) =>
		path.resolve(path.dirname(file), m[1]),
	);
const lines = (file) => fs.readFileSync(file, 'utf8').split('\n').length - 1;

describe('sandbox layout', () => {
	test.each([
		['perfect-portal', 'smokeball'],
		['smokeball', 'perfect-portal'],
	])('no %s module reads the %s folder', (system, other) => {
		const otherDir = path.join(SYSTEMS, other);
		const reads = jsFiles(path.join(SYSTEMS, system)).flatMap((file) =>
			requiresOf(file)
				.filter((target) => target === otherDir || target.startsWith(otherDir + path.sep))
				.map((target) => `${path.relative(SYSTEMS, file)} → ${path.relative(SYSTEMS, target)}`),
		);
		expect(reads).toEqual([]);
	});

	// The long files left are data (seeds) or are still to be split; a new long file fails here.
	const LONG = [
		'smokeball/seed.js',
		'smokeball/views.js',
		'perfect-portal/validate.js',
		'perfect-portal/views.js',
	];
	test.each(['smokeball', 'perfect-portal'])('%s: files of 300 lines at most', (folder) => {
		const long = jsFiles(path.join(SYSTEMS, folder))
			.map((file) => [path.relative(SYSTEMS, file), lines(file)])
			.filter(([name, n]) => n > 300 && !LONG.includes(name));
		expect(long).toEqual([]);
	});

	test('Smokeball: index.js names a module for every API route', () => {
		const smokeball = require('../../sandbox/systems/smokeball');
		const source = fs.readFileSync(path.join(SYSTEMS, 'smokeball/index.js'), 'utf8');
		for (const { method, path: route } of smokeball.helpers.API_ROUTES)
			expect(source).toMatch(
				new RegExp(`\\['${method}', '${route.replace(/[{}]/g, '\\$&')}', \\(?\\w`),
			);
	});
});
