// The Smokeball node's Layout resource against the sandbox (real HTTP, client credentials, rate limit on), every
// API request checked against Smokeball's swagger after each test (tests/helpers/swagger.js).
const { NodeOperationError } = require('n8n-workflow');
const { startSandbox } = require('../../sandbox/server');
const smokeball = require('../../sandbox/systems/smokeball');
const { Smokeball } = require('../../nodes/Smokeball/Smokeball.node');
const { resetBuckets } = require('../../nodes/shared/rateLimit');
const { runNodeOAuth2, runMethodOAuth2 } = require('../helpers/oauth2');
const { expectRequestsMatchSwagger } = require('../helpers/swagger');
const { adminApi } = require('../helpers/sandbox-client');

const F = smokeball.SEED_FACTS;
const D = F.layoutDesigns.completion;
const node = new Smokeball();
let sandbox;
let apiBase;
let requests;
let credentials;

const admin = adminApi(() => sandbox.url);
const state = async () => {
	await admin('POST', '/smokeball/processing/flush');
	return admin('GET', '/state/smokeball');
};
const byId = (id) => ({ __rl: true, mode: 'id', value: id });
const writes = () => requests.filter((r) => r.authenticated && r.method !== 'GET');
const run = (parameters, extra = {}) =>
	runNodeOAuth2({ node, parameters, credentials, requests, ...extra });
const matter = byId(F.matters.purchase.id);
const fields = (values) => ({
	field: Object.entries(values).map(([key, value]) => ({ key, value })),
});

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, systems: [smokeball] });
	apiBase = `${sandbox.url}/smokeball/api/${F.accountId}`;
});
afterAll(() => sandbox.close());
beforeEach(async () => {
	resetBuckets();
	await admin('POST', '/reset');
	requests = [];
	credentials = {
		smokeballOAuth2Api: {
			grantType: 'clientCredentials',
			region: 'us',
			environment: 'custom',
			customAuthUrl: `${sandbox.url}/smokeball/auth`,
			customApiUrl: `${sandbox.url}/smokeball/api`,
			clientId: F.clientId,
			clientSecret: F.clientSecret,
			apiKey: F.apiKey,
			accountId: F.accountId,
			scope: '',
			authentication: 'header',
		},
	};
});
afterEach(() => {
	expect(expectRequestsMatchSwagger(requests, apiBase)).toBeGreaterThan(0);
});

test('Get Many Designs lists the firm’s designs; the name filter finds one; loadOptions give designs and fields', async () => {
	const all = await run({ resource: 'layout', operation: 'getAllDesigns', returnAll: true });
	expect(all.output.map((o) => o.json.name).sort()).toEqual([
		'Completion Details',
		'Property Details',
	]);
	const one = await run({
		resource: 'layout',
		operation: 'getAllDesigns',
		returnAll: true,
		filters: { name: 'completion details' },
	});
	expect(one.output.map((o) => o.json)).toEqual([
		expect.objectContaining({ id: D.id, name: 'Completion Details' }),
	]);
	const method = (name, currentParameters) =>
		runMethodOAuth2({ node, credentials, requests, currentParameters }, 'loadOptions', name);
	expect((await method('getLayoutDesigns', {})).map((o) => o.value)).toContain(D.id);
	const names = await method('getLayoutFields', { layoutDesign: D.id });
	expect(names.map((o) => o.value)).toEqual(D.fields);
	expect(names[0].description).toBe('Combobox: Pending / Exchanged / Completed');
});

test('Create fills the design on the matter (waits); again with the same values writes nothing; a change is merged', async () => {
	const params = {
		resource: 'layout',
		operation: 'create',
		matter,
		layoutDesign: D.id,
		fields: fields({ Status: 'Exchanged', CompletionDate: '2026-06-26', LenderName: '' }),
		waitUntilReadable: true,
	};
	const first = await run(params);
	expect(first.output[0].json).toEqual(
		expect.objectContaining({
			matterId: F.matters.purchase.id,
			layoutDesignId: D.id,
			designName: 'Completion Details',
			values: { Status: 'Exchanged', CompletionDate: '2026-06-26' },
			created: true,
		}),
	);
	const again = await run(params);
	expect(again.output[0].json).toEqual(
		expect.objectContaining({ id: first.output[0].json.id, created: false, updated: false }),
	);
	expect(writes().map((r) => r.method)).toEqual(['POST']);

	const changed = await run({
		...params,
		fields: fields({ Status: 'Completed', CompletionDate: '2026-06-26' }),
	});
	expect(changed.output[0].json).toEqual(
		expect.objectContaining({ created: false, updated: true, changed: ['Status'] }),
	);
	const patch = writes().at(-1);
	expect(patch.method).toBe('PATCH');
	expect(patch.body).toEqual({
		itemId: first.output[0].json.id,
		values: [{ key: 'Status', value: 'Completed' }],
	});
	const items = (await state()).layoutItems.filter((i) => i.matterId === F.matters.purchase.id);
	expect(items).toHaveLength(1);
	expect(items[0].values).toEqual([
		{ key: 'Status', value: 'Completed', state: null },
		{ key: 'CompletionDate', value: '2026-06-26', state: null },
	]);

	const list = await run({ resource: 'layout', operation: 'getAll', matter, layoutDesign: D.id });
	expect(list.output.map((o) => o.json.values.Status)).toEqual(['Completed']);
	const got = await run({
		resource: 'layout',
		operation: 'get',
		matter,
		itemId: list.output[0].json.id,
	});
	expect(got.output[0].json.values).toEqual({ Status: 'Completed', CompletionDate: '2026-06-26' });
});

test('Update merges only what differs; unchanged writes nothing', async () => {
	const created = await run({
		resource: 'layout',
		operation: 'create',
		matter,
		layoutDesign: D.id,
		fields: fields({ Notes: 'Keys with the agent.' }),
		waitUntilReadable: true,
	});
	const itemId = created.output[0].json.id;
	const params = {
		resource: 'layout',
		operation: 'update',
		matter,
		itemId,
		waitUntilReadable: true,
	};
	const same = await run({ ...params, fields: fields({ Notes: 'Keys with the agent.' }) });
	expect(same.output[0].json.updated).toBe(false);
	const updated = await run({ ...params, fields: fields({ PurchasePrice: '162500.00' }) });
	expect(updated.output[0].json).toEqual(
		expect.objectContaining({
			updated: true,
			values: { Notes: 'Keys with the agent.', PurchasePrice: '162500.00' },
		}),
	);
	expect(writes().map((r) => r.method)).toEqual(['POST', 'PATCH']);
});

test('a field name the design does not have is refused before any write, naming the field and the item', async () => {
	const attempt = run({
		resource: 'layout',
		operation: 'create',
		matter,
		layoutDesign: D.id,
		fields: fields({ CompletionDay: '2026-06-26' }),
	});
	await expect(attempt).rejects.toThrow(NodeOperationError);
	await expect(attempt).rejects.toThrow(
		/'Fields › CompletionDay' is not a field of the layout design 'Completion Details'/,
	);
	expect(writes()).toEqual([]);
});

test('the sandbox refuses a value Smokeball would refuse (a Combobox value not listed)', async () => {
	const attempt = run({
		resource: 'layout',
		operation: 'create',
		matter,
		layoutDesign: D.id,
		fields: fields({ Status: 'exchanged-ish' }),
	});
	await expect(attempt).rejects.toThrow(/^Smokeball refused the layout: .*Status: invalid.*\(reason: invalid\)$/);
});
