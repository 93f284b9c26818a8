// The Smokeball node's Layout and Referral Type resources without a server (nock): which requests each operation makes, that each one
// is one Smokeball's swagger defines (tests/helpers/swagger.js), and that a write is made only when values differ.
const nock = require('nock');
const { Smokeball } = require('../../nodes/Smokeball/Smokeball.node');
const { runNodeOAuth2 } = require('../helpers/oauth2');
const { expectRequestsMatchSwagger } = require('../helpers/swagger');

const API = 'https://api.smokeball.co.uk';
const ACCOUNT = 'f1e2d3c4-0000-4000-a000-000000000001';
const BASE = `${API}/${ACCOUNT}`;
const M = '51cefb72-6247-4ca2-8926-5d14d65f7cb9';
const ITEM = '59791902-6280-471b-bd18-f8439ba3042f';
const DESIGN = '414ab774-adce-4659-b18c-82d1b0e826a0';
const node = new Smokeball();
let requests;

const credentials = () => ({
	smokeballOAuth2Api: {
		grantType: 'clientCredentials',
		region: 'uk',
		environment: 'production',
		clientId: 'cid',
		clientSecret: 'csecret',
		apiKey: 'partner-key',
		accountId: ACCOUNT,
		oauthTokenData: { access_token: 'tok' },
	},
});
const run = (parameters) =>
	runNodeOAuth2({
		node,
		parameters: { resource: 'layout', ...parameters },
		credentials: credentials(),
		requests,
	});
const matter = { __rl: true, mode: 'id', value: M };
const fields = (values) => ({
	field: Object.entries(values).map(([key, value]) => ({ key, value })),
});
const design = {
	id: DESIGN,
	name: 'Completion Details',
	fields: [
		{ name: 'Status', type: 'Combobox', possibleValues: ['Pending', 'Exchanged', 'Completed'] },
		{ name: 'CompletionDate', type: 'Date' },
	],
};
const item = (values) => ({
	id: ITEM,
	itemId: ITEM,
	name: 'Completion Details',
	layoutDesign: { id: DESIGN, href: `${BASE}/layouts/${DESIGN}` },
	values: Object.entries(values).map(([key, value]) => ({ key, value })),
});
const sent = () => requests.filter((r) => r.method !== 'GET').map((r) => [r.method, r.url, r.body]);

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
	requests = [];
});
afterEach(() => {
	expect(nock.pendingMocks()).toEqual([]);
	nock.cleanAll();
	// Every request made is one the swagger defines (the refused-input test makes none).
	expectRequestsMatchSwagger(requests, BASE);
});
afterAll(() => nock.enableNetConnect());

test('Get Many Designs pages GET /layouts and filters by name', async () => {
	nock(BASE)
		.get('/layouts')
		.query({ Offset: 0, Limit: 500 })
		.reply(200, {
			offset: 0,
			limit: 500,
			size: 2,
			value: [
				{ id: 'd-1', name: 'Property Details' },
				{ id: DESIGN, name: 'Completion Details' },
			],
		});
	const { output } = await run({
		operation: 'getAllDesigns',
		returnAll: true,
		filters: { name: 'CompletionDetails' },
	});
	expect(output.map((o) => o.json)).toEqual([
		{ id: DESIGN, name: 'Completion Details', versionId: null, lastUpdated: null },
	]);
});

test('Create on a matter without the design POSTs the values (empty ones left out)', async () => {
	nock(BASE).get(`/layouts/${DESIGN}`).reply(200, design);
	nock(BASE).get(`/matters/${M}/layouts`).reply(200, { value: [] });
	nock(BASE)
		.post(`/matters/${M}/layouts`)
		.reply(202, { id: ITEM, href: `${BASE}/matters/${M}/layouts/${ITEM}` });
	const { output } = await run({
		operation: 'create',
		matter,
		layoutDesign: DESIGN,
		fields: fields({ Status: 'Exchanged', CompletionDate: '' }),
	});
	expect(sent()).toEqual([
		[
			'POST',
			`${BASE}/matters/${M}/layouts`,
			{ layoutDesignId: DESIGN, values: [{ key: 'Status', value: 'Exchanged' }] },
		],
	]);
	expect(output[0].json).toEqual(
		expect.objectContaining({
			id: ITEM,
			created: true,
			accepted: true,
			values: { Status: 'Exchanged' },
		}),
	);
});

test('Create where the design is already on the matter PATCHes only what differs, or nothing', async () => {
	nock(BASE).get(`/layouts/${DESIGN}`).twice().reply(200, design);
	nock(BASE)
		.get(`/matters/${M}/layouts`)
		.twice()
		.reply(200, { value: [item({ Status: 'Exchanged', CompletionDate: '2026-06-26' })] });
	nock(BASE).patch(`/matters/${M}/layouts/${ITEM}`).reply(202, { id: ITEM });
	const params = { operation: 'create', matter, layoutDesign: DESIGN };
	const same = await run({ ...params, fields: fields({ Status: 'Exchanged' }) });
	expect(same.output[0].json).toEqual(expect.objectContaining({ created: false, updated: false }));
	expect(sent()).toEqual([]);
	const changed = await run({
		...params,
		fields: fields({ Status: 'Completed', CompletionDate: '2026-06-26' }),
	});
	expect(sent()).toEqual([
		[
			'PATCH',
			`${BASE}/matters/${M}/layouts/${ITEM}`,
			{ itemId: ITEM, values: [{ key: 'Status', value: 'Completed' }] },
		],
	]);
	expect(changed.output[0].json).toEqual(
		expect.objectContaining({ updated: true, changed: ['Status'] }),
	);
});

test('a name the design lacks: refused naming it, or left out and listed with "Leave Them Out"', async () => {
	nock(BASE).get(`/layouts/${DESIGN}`).twice().reply(200, design);
	const params = {
		operation: 'create',
		matter,
		layoutDesign: DESIGN,
		fields: fields({ Status: 'Pending', Lender: 'Nationwide' }),
	};
	await expect(run(params)).rejects.toThrow(
		"'Fields › Lender' is not a field of the layout design 'Completion Details'",
	);
	nock(BASE).get(`/matters/${M}/layouts`).reply(200, { value: [] });
	nock(BASE).post(`/matters/${M}/layouts`).reply(202, { id: ITEM });
	const { output } = await run({ ...params, otherFields: 'skip' });
	expect(sent()[0][2].values).toEqual([{ key: 'Status', value: 'Pending' }]);
	expect(output[0].json.skipped).toEqual(['Lender']);
});

test('Update reads the item and its design; unchanged values send nothing', async () => {
	nock(BASE)
		.get(`/matters/${M}/layouts/${ITEM}`)
		.reply(200, item({ Status: 'Pending' }));
	nock(BASE).get(`/layouts/${DESIGN}`).reply(200, design);
	const { output } = await run({
		operation: 'update',
		matter,
		itemId: ITEM,
		fields: fields({ Status: 'Pending' }),
	});
	expect(output[0].json).toEqual(
		expect.objectContaining({ id: ITEM, updated: false, values: { Status: 'Pending' } }),
	);
	expect(sent()).toEqual([]);
});

test('Get and Get Many read the matter’s layouts, Get Many filtered by design', async () => {
	nock(BASE)
		.get(`/matters/${M}/layouts`)
		.reply(200, {
			value: [
				item({ Status: 'Pending' }),
				{ ...item({}), itemId: 'x', layoutDesign: { id: 'other' } },
			],
		});
	nock(BASE)
		.get(`/matters/${M}/layouts/${ITEM}`)
		.reply(200, item({ Status: 'Pending' }));
	const many = await run({ operation: 'getAll', matter, layoutDesign: DESIGN });
	expect(many.output.map((o) => o.json.id)).toEqual([ITEM]);
	const one = await run({ operation: 'get', matter, itemId: ITEM });
	expect(one.output[0].json).toEqual(
		expect.objectContaining({ id: ITEM, layoutDesignId: DESIGN, values: { Status: 'Pending' } }),
	);
});

test('a layout item ID that is not a GUID is refused before any request', async () => {
	await expect(run({ operation: 'get', matter, itemId: 'abc' })).rejects.toThrow(
		/'Layout Item ID' is not a Smokeball ID/,
	);
	expect(requests).toEqual([]);
});

test('Referral Type › Get Many reads GET /referraltypes once and leaves deleted ones out', async () => {
	nock(BASE)
		.get('/referraltypes')
		.reply(200, {
			value: [
				{ id: 'a', name: 'Hunters', isDeleted: false },
				{ id: 'b', name: 'Old scheme', isDeleted: true },
			],
		});
	const { output } = await runNodeOAuth2({
		node,
		parameters: { resource: 'referralType', operation: 'getAll' },
		credentials: credentials(),
		requests,
	});
	expect(output.map((o) => o.json)).toEqual([{ id: 'a', name: 'Hunters', isDeleted: false }]);
});
