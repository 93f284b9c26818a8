// Defaults that hold, for every node of the pack: an "Options" collection shows each option at its default until
// it is added, so with the collection left empty ({}) every option must behave as its default. n8n stores only the
// options added, so the code must fill the rest in: it reads every Options collection through nodes/shared/options
// (withDefaults / readOptions), never getNodeParameter('options'…) directly, and gets each declared default back.
// Filters and Additional/Update Fields mean "apply what was added": their entries are read as given.
const fs = require('node:fs');
const path = require('node:path');
const { withDefaults, readOptions, readTriggerOptions } = require('../../nodes/shared/options');
const { createContext } = require('../helpers/harness');
const PACKAGE = require('../../package.json');

const ROOT = path.resolve(__dirname, '../..');
const ENTRIES_APPLIED_AS_GIVEN = new Set([
	'filters',
	'additionalFields',
	'updateFields',
	'clientAdditionalFields',
]);

const nodes = PACKAGE.n8n.nodes.map((file) => {
	const source = path.join(ROOT, file.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
	const Class = require(source)[path.basename(source, '.node.ts')];
	return { file: source, folder: path.dirname(source), node: new Class() };
});

const sourcesOf = (folder) =>
	fs
		.readdirSync(folder, { recursive: true })
		.filter((f) => f.endsWith('.ts'))
		.map((f) => path.join(folder, f));

const collections = (node) => node.description.properties.filter((p) => p.type === 'collection');

test('the walk covers every node of the pack', () => {
	expect(nodes.map((n) => n.node.description.name).sort()).toEqual(
		PACKAGE.n8n.nodes
			.map((f) => path.basename(f, '.node.js'))
			.map((n) => n[0].toLowerCase() + n.slice(1))
			.sort(),
	);
});

describe.each(nodes.map((n) => [n.node.description.displayName, n]))(
	'%s',
	(_name, { node, folder }) => {
		test('each collection is an Options collection (defaults apply) or one whose entries apply as given', () => {
			for (const c of collections(node)) {
				expect([c.name, c.name === 'options' || ENTRIES_APPLIED_AS_GIVEN.has(c.name)]).toEqual([
					c.name,
					true,
				]);
			}
		});

		const options = collections(node).filter((c) => c.name === 'options');
		const cases = options.flatMap((c) =>
			c.options.map((o) => [
				`${JSON.stringify(c.displayOptions?.show ?? {})} ${o.displayName}`,
				c,
				o,
			]),
		);
		if (cases.length) {
			test.each(cases)('with Options {}: %s is its default', (_label, collection, option) => {
				expect(option.default).not.toBeUndefined();
				// As an operation reads it (n8n hands it {} for an empty collection)…
				const ctx = createContext({ node, parameters: { options: {} } });
				expect(readOptions(ctx, [collection], 0)[option.name]).toEqual(option.default);
				// …and as a trigger does.
				expect(withDefaults(collection, {})[option.name]).toEqual(option.default);
				// What a user set wins.
				expect(withDefaults(collection, { [option.name]: 'set' })[option.name]).toBe('set');
			});

			test('Options are read only through the helper that applies the defaults', () => {
				const direct = [];
				let throughHelper = 0;
				for (const file of sourcesOf(folder)) {
					const text = fs.readFileSync(file, 'utf8');
					if (/getNodeParameter\(\s*['"`]options(\.|['"`])/.test(text))
						direct.push(path.relative(ROOT, file));
					throughHelper += (text.match(/\b(readOptions|readTriggerOptions|withDefaults)\(/g) || [])
						.length;
				}
				expect(direct).toEqual([]);
				expect(throughHelper).toBeGreaterThanOrEqual(options.length);
			});
		}
	},
);
