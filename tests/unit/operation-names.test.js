// "File name, import name and operation value agree" (#16): for every nodes/<System>/actions/<resource>/, the
// *.operation.ts files on disk, the values in its resource module's Operation options, the keys of its `operations`
// table and the names it imports them under are the same, and actions/router.ts routes through those tables.
const fs = require('fs');
const path = require('path');

const NODES = path.join(__dirname, '../../nodes');
// A value that is a reserved word cannot be an import name: it is imported as <value>Operation.
const RESERVED = new Set(['delete', 'new', 'default', 'import', 'export', 'function', 'class', 'return', 'in']);
const importNameFor = (value) => (RESERVED.has(value) ? `${value}Operation` : value);

const systems = fs
	.readdirSync(NODES)
	.filter((name) => fs.existsSync(path.join(NODES, name, 'actions', 'router.ts')));

function resourcesOf(system) {
	const actions = path.join(NODES, system, 'actions');
	return fs
		.readdirSync(actions)
		.filter((name) => fs.statSync(path.join(actions, name)).isDirectory())
		.map((resource) => {
			const dir = path.join(actions, resource);
			const moduleFile = fs.readdirSync(dir).find((f) => f.endsWith('.resource.ts'));
			return { resource, dir, moduleFile };
		});
}

const cases = systems.flatMap((system) => resourcesOf(system).map((r) => [system, r.resource, r]));

test('every system with actions is checked', () => {
	expect(systems.length).toBeGreaterThanOrEqual(6);
	expect(cases.length).toBeGreaterThan(30);
});

describe.each(cases)('%s › %s', (system, resource, { dir, moduleFile }) => {
	const files = fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.operation.ts'))
		.map((f) => f.replace(/\.operation\.ts$/, ''))
		.sort();
	const source = moduleFile ? fs.readFileSync(path.join(dir, moduleFile), 'utf8') : '';
	const mod = moduleFile ? require(path.join(dir, moduleFile)) : {};

	test('has a <Resource>.resource.ts module named after the folder', () => {
		expect(moduleFile).toBe(`${resource[0].toUpperCase()}${resource.slice(1)}.resource.ts`);
	});

	test('the Operation options, the operations table and the files on disk name the same operations', () => {
		const option = mod.description.find((p) => p.name === 'operation' && p.type === 'options');
		const values = option.options.map((o) => o.value).sort();
		expect(option.displayOptions.show.resource).toEqual([resource]);
		expect(Object.keys(mod.operations).sort()).toEqual(values);
		expect(files).toEqual(values);
	});

	test('each operation is imported from its own file under its own name', () => {
		const imports = [...source.matchAll(/import \* as (\w+) from '\.\/(\w+)\.operation'/g)].map(
			([, name, file]) => [file, name],
		);
		expect(imports.map(([file]) => file).sort()).toEqual(files);
		for (const [file, name] of imports) expect([file, name]).toEqual([file, importNameFor(file)]);
		for (const file of files) {
			expect(mod.operations[file]).toBe(require(path.join(dir, `${file}.operation.ts`)));
		}
	});
});

test.each(systems)('%s: the router table is the resource modules’ operations tables', (system) => {
	const { resources } = require(path.join(NODES, system, 'actions', 'router.ts'));
	const found = resourcesOf(system);
	expect(Object.keys(resources).sort()).toEqual(found.map((r) => r.resource).sort());
	for (const { resource, dir, moduleFile } of found) {
		expect(resources[resource]).toBe(require(path.join(dir, moduleFile)).operations);
	}
});

test('no file in nodes/ imports an operation module under another name', () => {
	const walk = (dir) =>
		fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
			const full = path.join(dir, e.name);
			return e.isDirectory() ? walk(full) : e.name.endsWith('.ts') ? [full] : [];
		});
	const wrong = walk(NODES).flatMap((file) =>
		[...fs.readFileSync(file, 'utf8').matchAll(/import \* as (\w+) from '[./]*(?:\w+\/)*(\w+)\.operation'/g)]
			.filter(([, name, op]) => name !== importNameFor(op))
			.map(([line]) => `${path.relative(NODES, file)}: ${line}`),
	);
	expect(wrong).toEqual([]);
});
