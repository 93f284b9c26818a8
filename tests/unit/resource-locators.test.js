// Every resource locator comes from one factory (nodes/shared/locator.ts, issue #16): From List first, the system's
// typed modes, and By URL where the system has links that name the record (issue #19: the Smokeball contact picker).
const fs = require('fs');
const path = require('path');
const { locatorValue, resourceLocator } = require('../../nodes/shared/locator');
const { rowGuid } = require('../../nodes/Smokeball/actions/common');
const pkg = require('../../package.json');

const NODES = path.join(__dirname, '../../nodes');

/** Every node class of the package, by the source file package.json names (dist/… → nodes/…). */
const nodes = pkg.n8n.nodes.map((file) => {
	const mod = require(
		path.join(__dirname, '../..', file.replace(/^dist\//, '').replace(/\.js$/, '')),
	);
	const NodeClass = Object.values(mod).find((v) => typeof v === 'function');
	return new NodeClass();
});

/** Every resourceLocator parameter of a description, also inside collections and rows. */
function locators(properties, found = []) {
	for (const p of properties ?? []) {
		if (p.type === 'resourceLocator') found.push(p);
		if (Array.isArray(p.options))
			locators(
				p.options.filter((o) => o && o.name && !('value' in o)),
				found,
			);
		if (Array.isArray(p.values)) locators(p.values, found);
	}
	return found;
}

/** The .ts files under a folder. */
function sources(dir) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const full = path.join(dir, e.name);
		return e.isDirectory() ? sources(full) : e.name.endsWith('.ts') ? [full] : [];
	});
}

/** The systems whose records have links a person can paste, and the mode every locator of theirs offers. */
const MODES = {
	caseStatus: ['list', 'integrationId', 'id'],
	casePeer: ['list', 'id', 'url'],
	perfectPortal: ['list', 'id'],
	officeTools: ['list', 'id'],
	dpsOneOffice: ['list', 'id'],
	smokeball: ['list', 'id', 'url'],
};

describe('resource locators', () => {
	test('no node writes a resource locator by hand: only nodes/shared/locator.ts says resourceLocator', () => {
		const handMade = sources(NODES).filter(
			(file) =>
				!file.endsWith(path.join('shared', 'locator.ts')) &&
				/type:\s*'resourceLocator'/.test(fs.readFileSync(file, 'utf8')),
		);
		expect(handMade.map((f) => path.relative(NODES, f))).toEqual([]);
	});

	test.each(Object.entries(MODES))(
		'%s: every locator has the same modes, From List first',
		(name, modes) => {
			const node = nodes.find((n) => n.description.name === name);
			const found = locators(node.description.properties);
			expect(found.length).toBeGreaterThan(0);
			for (const locator of found) {
				expect(locator.modes.map((m) => m.name)).toEqual(modes);
				expect(locator.default).toEqual({ mode: 'list', value: '' });
				expect(locator.modes[0].typeOptions).toEqual(
					expect.objectContaining({ searchable: true, searchListMethod: expect.any(String) }),
				);
			}
		},
	);

	test('a URL mode reads its own example to an ID the ID mode accepts', () => {
		const urlModes = nodes.flatMap((n) =>
			locators(n.description.properties).map((l) => [l, l.modes.find((m) => m.name === 'url')]),
		);
		const withUrl = urlModes.filter(([, url]) => url);
		expect(withUrl.length).toBeGreaterThan(0);
		for (const [locator, url] of withUrl) {
			const example = url.placeholder.replace(/^e\.g\. /, '');
			expect(url.extractValue.regex).toBe(url.validation[0].properties.regex);
			const id = new RegExp(url.extractValue.regex).exec(example)?.[1];
			expect(id).toBeTruthy();
			const idMode = locator.modes.find((m) => m.name === 'id');
			const idRegex = idMode.validation?.[0].properties.regex;
			if (idRegex) expect(new RegExp(idRegex).test(id)).toBe(true);
		}
	});

	test('the Smokeball contact picker takes a contact link, in the top-level picker and in Add Client rows', () => {
		const { Smokeball } = require('../../nodes/Smokeball/Smokeball.node');
		const pickers = locators(new Smokeball().description.properties).filter(
			(l) => l.modes[0].typeOptions.searchListMethod === 'searchContacts',
		);
		expect(pickers.length).toBeGreaterThan(1);
		const guid = '9a9ce552-6bee-45e4-8eb1-afe2c18c489f';
		const link = `https://api.smokeball.com/acct-1/contacts/${guid}`;
		for (const picker of pickers) {
			const url = picker.modes.find((m) => m.name === 'url');
			expect(new RegExp(url.extractValue.regex).exec(link)[1]).toBe(guid);
			expect(
				new RegExp(url.extractValue.regex).test(`https://api.smokeball.com/acct-1/matters/${guid}`),
			).toBe(false);
		}
		const ctx = { getNode: () => ({ name: 'Smokeball' }) };
		expect(rowGuid(ctx, 0, { __rl: true, mode: 'url', value: link }, 'Client', 'fix')).toBe(guid);
		expect(rowGuid(ctx, 0, { __rl: true, mode: 'id', value: ` ${guid} ` }, 'Client', 'fix')).toBe(
			guid,
		);
	});

	test('the factory leaves out what a spec does not give, and the reader takes locators, strings and numbers', () => {
		const locator = resourceLocator({
			displayName: 'Thing',
			name: 'thing',
			searchListMethod: 'searchThings',
			typed: [{ placeholder: 'e.g. 1' }],
		});
		expect(locator).not.toHaveProperty('description');
		expect(locator.modes[1]).toEqual({
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 1',
		});
		expect(locatorValue({ __rl: true, mode: 'id', value: ' 42 ' })).toBe('42');
		expect(locatorValue(42)).toBe('42');
		expect(locatorValue(undefined)).toBe('');
		expect(locatorValue('https://x.test/case/7/', 'https?://[^/\\s]+/case/(\\d+)')).toBe('7');
	});
});
