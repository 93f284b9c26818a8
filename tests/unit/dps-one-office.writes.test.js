// The DPS One Office node's writes against nock: both auth headers on every request, the pre-write check of
// AppCode / Fee Earner / Branch (nothing written, not even the client, when the matter would be refused),
// find-before-create by external reference, and 409s taken as "already exists".
const nock = require('nock');
const { NodeApiError, NodeOperationError } = require('n8n-workflow');
const { DpsOneOffice } = require('../../nodes/DpsOneOffice/DpsOneOffice.node');
const { runNode } = require('../helpers/harness');
const { useFakeClock } = require('../helpers/clock');

const BASE = 'http://dps.test';
const KEY = 'dps_unit_key_123456';
const credentials = { dpsOneOfficeApi: { baseUrl: `${BASE}/`, apiKey: KEY, database: 'DEMOFIRM' } };
const node = new DpsOneOffice();
const clock = useFakeClock();

const list = (data, extra = {}) => ({
	data,
	meta: { page: 1, per_page: 200, total: data.length, next_page: null, ...extra },
});
const APP_CODES = [
	{ code: 'CP', description: 'Convey (Purchase)', active: true, is_default: true },
	{ code: 'CR', description: 'Criminal (retired)', active: false, is_default: false },
	{ code: 'PI', description: 'Personal Injury', active: true, is_default: true },
];
const FEE_EARNERS = [
	{ code: 'ABC', name: 'Anna Clarke', email: null, branch: 'MAN', app_codes: ['PI'], active: true },
	{ code: 'JSM', name: 'Jane Smith', email: null, branch: 'LDS', app_codes: ['CP'], active: true },
	{
		code: 'OLD',
		name: 'Oliver Dean',
		email: null,
		branch: 'LDS',
		app_codes: ['CP'],
		active: false,
	},
];
const BRANCHES = [{ code: 'LDS', name: 'Leeds', active: true }];
const CONTACT_TYPES = [
	{ code: 'EA', description: 'Estate Agent', active: true },
	{ code: 'LEN', description: 'Lender', active: true },
	{ code: 'OLDT', description: 'Retired type', active: false },
];
const CLIENT = { client_ref: 'NGX001', display_name: 'Bea Ng', external_ref: 'ppc_5001' };
const MATTER = {
	mat_ref: 'NGX001-0001',
	client_ref: 'NGX001',
	external_ref: 'PP-777001',
	status: 'open',
};

/** Lookup lists answered (once each unless told otherwise). */
function lookups(times = 1) {
	const scope = nock(BASE);
	scope.get('/v1/app-codes').query(true).times(times).reply(200, list(APP_CODES));
	scope.get('/v1/fee-earners').query(true).times(times).reply(200, list(FEE_EARNERS));
	scope.get('/v1/branches').query(true).times(times).reply(200, list(BRANCHES));
	return scope;
}

const importCase = (extra = {}) => ({
	resource: 'matter',
	operation: 'create',
	clientSource: 'findOrCreate',
	clientType: 'person',
	clientFirstName: 'Bea',
	clientLastName: 'Ng',
	clientAddressLine1: '1 Canal Wharf',
	clientPostcode: 'ls115pz',
	clientExternalRef: 'ppc_5001',
	appCode: 'CP',
	feeEarner: 'JSM',
	branch: 'LDS',
	matterDetails: 'Purchase of 9 Canal Wharf, Leeds',
	externalRef: 'PP-777001',
	// Name + postcode matching (on by default) has its own test below.
	clientMatchByNamePostcode: false,
	...extra,
});
const run = (parameters, extra = {}) => runNode({ node, parameters, credentials, ...extra });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('transport', () => {
	test('every request carries the Bearer key and X-DPS-Database; the base URL loses its trailing slash', async () => {
		const scope = nock(BASE, {
			reqheaders: { authorization: `Bearer ${KEY}`, 'x-dps-database': 'DEMOFIRM' },
		})
			.get('/v1/matters/SMI001-0001')
			.reply(200, { mat_ref: 'SMI001-0001' });
		const { output } = await run({
			resource: 'matter',
			operation: 'get',
			matter: { __rl: true, mode: 'id', value: ' SMI001-0001 ' },
		});
		expect(output).toEqual([{ json: { mat_ref: 'SMI001-0001' }, pairedItem: { item: 0 } }]);
		scope.done();
	});

	test('a credential without a database is refused before any request', async () => {
		const error = await runNode({
			node,
			parameters: {
				resource: 'matter',
				operation: 'get',
				matter: { __rl: true, mode: 'id', value: 'X-1' },
			},
			credentials: { dpsOneOfficeApi: { ...credentials.dpsOneOfficeApi, database: ' ' } },
		}).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/no Database/);
	});

	test('403 database_forbidden says to check the Database field, never showing the key', async () => {
		nock(BASE)
			.get('/v1/matters/X-1')
			.reply(403, { error: { code: 'database_forbidden', message: `Key ${KEY} may not use it.` } });
		const error = await run({
			resource: 'matter',
			operation: 'get',
			matter: { __rl: true, mode: 'id', value: 'X-1' },
		}).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('403');
		expect(error.message).toMatch(
			/Check the Database field.*\(reason: not_allowed, database_forbidden\)$/,
		);
		expect(error.message).not.toContain(KEY);
	});

	test('a 429 is waited out (Retry-After) and the request repeated', async () => {
		nock(BASE)
			.get('/v1/clients/SMI001')
			.reply(429, { error: { code: 'rate_limited' } }, { 'Retry-After': '2' });
		nock(BASE).get('/v1/clients/SMI001').reply(200, { client_ref: 'SMI001' });
		const { output } = await run({
			resource: 'client',
			operation: 'get',
			client: { __rl: true, mode: 'list', value: 'SMI001' },
		});
		expect(output[0].json.client_ref).toBe('SMI001');
		expect(clock.sleeps).toContain(2000);
	});
});

describe('Matter › Create (import a case as client + matter)', () => {
	test('a matter already carrying the Case ID is returned; nothing else is read or written', async () => {
		const existing = nock(BASE)
			.get('/v1/matters')
			.query({ external_ref: 'PP-123456', page: 1, per_page: 1 })
			.reply(200, list([{ mat_ref: 'SMI001-0001', external_ref: 'PP-123456' }]));
		const { output } = await run(importCase({ externalRef: 'PP-123456' }));
		expect(output[0].json).toEqual({
			action: 'exists',
			mat_ref: 'SMI001-0001',
			external_ref: 'PP-123456',
		});
		existing.done();
	});

	test('missing AppCode (and other empty fields) are refused before any request, naming each field', async () => {
		const error = await run(
			importCase({ appCode: '', matterDetails: ' ', clientPostcode: '' }),
		).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.context.itemIndex).toBe(0);
		expect(error.message).toBe(
			"the matter for PP-777001 cannot be created: 'AppCode' is empty; 'Matter Details' is empty; 'Client Postcode' is empty",
		);
		expect(error.description).toMatch(/Nothing was written to DPS One Office\.$/);
	});

	test('an unknown fee earner, an inactive AppCode and a wrong branch are all refused before the client is created', async () => {
		nock(BASE).get('/v1/matters').query(true).reply(200, list([]));
		lookups();
		nock(BASE).get('/v1/clients').query(true).reply(200, list([]));
		const posts = nock(BASE).post(/.*/).reply(201, {});
		const error = await run(importCase({ appCode: 'CR', feeEarner: 'ZZZ', branch: 'lds' })).catch(
			(e) => e,
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.context.itemIndex).toBe(0);
		expect(error.message).toContain("'AppCode' 'CR' is an inactive AppCode");
		expect(error.message).toContain("'Fee Earner' 'ZZZ' is not a fee earner in DPS One Office");
		expect(error.message).toContain(
			"'Branch' 'lds' is not a branch in DPS One Office (did you mean 'LDS'?)",
		);
		expect(error.description).toContain('ABC Anna Clarke, JSM Jane Smith');
		expect(posts.isDone()).toBe(false);
	});

	test('a fee earner without rights to the AppCode is refused before writing (DPS would answer 422)', async () => {
		nock(BASE).get('/v1/matters').query(true).reply(200, list([]));
		lookups();
		nock(BASE).get('/v1/clients').query(true).reply(200, list([]));
		const error = await run(importCase({ feeEarner: 'ABC' })).catch((e) => e);
		expect(error.message).toContain("'Fee Earner' 'ABC' has no rights to AppCode 'CP'");
		expect(error.description).toContain('Choose a fee earner with rights to CP (JSM)');
	});

	test('a new client and its matter: exact bodies, the matter keyed by the Case ID', async () => {
		nock(BASE)
			.get('/v1/matters')
			.query({ external_ref: 'PP-777001', page: 1, per_page: 1 })
			.reply(200, list([]));
		lookups();
		nock(BASE)
			.get('/v1/clients')
			.query({ external_ref: 'ppc_5001', page: 1, per_page: 1 })
			.reply(200, list([]));
		let clientBody;
		let matterBody;
		nock(BASE)
			.post('/v1/clients', (b) => (clientBody = b))
			.reply(201, CLIENT);
		nock(BASE)
			.post('/v1/matters', (b) => (matterBody = b))
			.reply(201, MATTER);
		const { output } = await run(
			importCase({
				clientAdditionalFields: {
					town: 'Leeds',
					mobile: '07700 900321',
					externalSource: 'perfect_portal',
				},
				additionalFields: {
					externalSource: 'perfect_portal',
					openedOn: '2023-06-01T00:00:00.000Z',
				},
				propertyDetails: {
					property: [
						{
							line1: '9 Canal Wharf',
							postcode: 'ls115pz',
							tenure: 'leasehold',
							price: '185000',
							country: 'GB',
							currency: 'GBP',
						},
					],
				},
			}),
		);
		expect(clientBody).toEqual({
			type: 'person',
			first_name: 'Bea',
			last_name: 'Ng',
			address: { line1: '1 Canal Wharf', town: 'Leeds', country: 'GB', postcode: 'LS11 5PZ' },
			mobile: '07700 900321',
			external_ref: 'ppc_5001',
			external_source: 'perfect_portal',
		});
		expect(matterBody).toEqual({
			client_ref: 'NGX001',
			app_code: 'CP',
			fee_earner: 'JSM',
			branch: 'LDS',
			matter_details: 'Purchase of 9 Canal Wharf, Leeds',
			external_ref: 'PP-777001',
			external_source: 'perfect_portal',
			opened_on: '2023-06-01',
			properties: [
				{
					address: { line1: '9 Canal Wharf', country: 'GB', postcode: 'LS11 5PZ' },
					tenure: 'leasehold',
					price: '185000.00',
					currency: 'GBP',
				},
			],
		});
		expect(output[0].json).toEqual({ action: 'created', ...MATTER, client_action: 'created' });
	});

	test('a client found by external reference is reused; a 503 on the matter create is retried and its 409 answered with the matter', async () => {
		nock(BASE).get('/v1/matters').query(true).reply(200, list([]));
		lookups();
		nock(BASE)
			.get('/v1/clients')
			.query(true)
			.reply(200, list([CLIENT]));
		nock(BASE)
			.post('/v1/matters')
			.reply(503, { error: { code: 'unavailable' } });
		nock(BASE)
			.post('/v1/matters')
			.reply(409, {
				error: {
					code: 'duplicate_external_ref',
					details: { existing_id: 'NGX001-0001', field: 'external_ref' },
				},
			});
		nock(BASE).get('/v1/matters/NGX001-0001').reply(200, MATTER);
		const { output } = await run(importCase());
		expect(output[0].json).toEqual({ action: 'exists', ...MATTER, client_action: 'exists' });
	});

	test('several clients with the same name and postcode stop the item instead of guessing', async () => {
		nock(BASE).get('/v1/matters').query(true).reply(200, list([]));
		lookups();
		nock(BASE)
			.get('/v1/clients')
			.query({ external_ref: 'ppc_5001', page: 1, per_page: 1 })
			.reply(200, list([]));
		nock(BASE)
			.get('/v1/clients')
			.query({ name: 'Bea Ng', postcode: 'LS11 5PZ', page: 1, per_page: 10 })
			.reply(200, list([{ client_ref: 'NGX001' }, { client_ref: 'NGX002' }]));
		const error = await run(importCase({ clientMatchByNamePostcode: true })).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain(
			"'Client' matches 2 DPS clients with the same name and postcode (NGX001, NGX002)",
		);
	});

	test('a matter refused after its client was created says so in the fix hint', async () => {
		nock(BASE).get('/v1/matters').query(true).reply(200, list([]));
		lookups();
		nock(BASE).get('/v1/clients').query(true).reply(200, list([]));
		nock(BASE).post('/v1/clients').reply(201, CLIENT);
		nock(BASE)
			.post('/v1/matters')
			.reply(400, {
				error: {
					code: 'validation_failed',
					message: 'Bad',
					details: { fields: [{ field: 'branch', code: 'unknown_value' }] },
				},
			});
		const error = await run(importCase()).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(/branch: unknown_value/);
		expect(error.description).toMatch(
			/Client NGX001 was created before the matter failed; a re-run finds it/,
		);
	});

	test('an existing client ref is checked; without an external reference a 503 is not retried', async () => {
		lookups();
		nock(BASE).get('/v1/clients/SMI001').reply(200, { client_ref: 'SMI001' });
		const post = nock(BASE)
			.post('/v1/matters')
			.reply(503, { error: { code: 'unavailable' } });
		const error = await run({
			resource: 'matter',
			operation: 'create',
			clientSource: 'existing',
			client: { __rl: true, mode: 'id', value: 'SMI001' },
			appCode: 'CP',
			feeEarner: 'JSM',
			branch: 'LDS',
			matterDetails: 'Advice',
		}).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('503');
		post.done();

		lookups();
		nock(BASE)
			.get('/v1/clients/NOPE01')
			.reply(404, { error: { code: 'not_found' } });
		const missing = await run({
			resource: 'matter',
			operation: 'create',
			client: { __rl: true, mode: 'id', value: 'NOPE01' },
			appCode: 'CP',
			feeEarner: 'JSM',
			branch: 'LDS',
			matterDetails: 'Advice',
		}).catch((e) => e);
		expect(missing).toBeInstanceOf(NodeOperationError);
		expect(missing.message).toContain("'Client Ref' 'NOPE01' is not a DPS client");
	});

	test('the firm lists are read once per execution for many items, and so is a client reference; continueOnFail pairs each error', async () => {
		lookups(1);
		nock(BASE).get('/v1/matters').query(true).times(3).reply(200, list([]));
		// The three cases share their client: looked up by its reference once in the run.
		nock(BASE)
			.get('/v1/clients')
			.query(true)
			.reply(200, list([CLIENT]));
		nock(BASE).post('/v1/matters').times(2).reply(201, MATTER);
		const input = [{ json: { fe: 'JSM' } }, { json: { fe: 'ZZZ' } }, { json: { fe: 'JSM' } }];
		const { output } = await run(
			importCase({ feeEarner: (item) => item.json.fe, externalRef: (_, i) => `PP-77700${i}` }),
			{
				input,
				continueOnFail: true,
			},
		);
		expect(output.map((o) => o.pairedItem.item)).toEqual([0, 1, 2]);
		expect(output[0].json.action).toBe('created');
		expect(output[1].json.error).toMatch(/^.*'Fee Earner' 'ZZZ'/);
		expect(output[2].json.action).toBe('created');
		expect(nock.pendingMocks()).toEqual([]);
	});
});

describe('Client › Create', () => {
	const create = (extra = {}) => ({
		resource: 'client',
		operation: 'create',
		type: 'organisation',
		organisationName: 'Northern Homes Ltd',
		addressLine1: '1 City Square',
		postcode: 'LS1 2ES',
		externalRef: '',
		...extra,
	});

	test('by default, the one client with the same name and postcode is used', async () => {
		nock(BASE)
			.get('/v1/clients')
			.query({ name: 'Northern Homes Ltd', postcode: 'LS1 2ES', page: 1, per_page: 10 })
			.reply(200, list([{ client_ref: 'NOR001' }]));
		const { output } = await run(create());
		expect(output[0].json).toEqual({ action: 'matched', client_ref: 'NOR001' });
	});

	test('a lost create response: the retry answers 409 and the client it made is returned', async () => {
		nock(BASE).get('/v1/clients').query(true).times(2).reply(200, list([]));
		nock(BASE).post('/v1/clients').reply(502, 'Bad Gateway');
		nock(BASE)
			.post('/v1/clients')
			.reply(409, {
				error: { code: 'duplicate_external_ref', details: { existing_id: 'NOR002' } },
			});
		nock(BASE).get('/v1/clients/NOR002').reply(200, { client_ref: 'NOR002' });
		const { output } = await run(create({ externalRef: 'ppc_77' }));
		expect(output[0].json).toEqual({ action: 'exists', client_ref: 'NOR002' });
	});

	test('bad fields are refused before any request', async () => {
		const error = await run(
			create({ organisationName: '', postcode: 'LS1', additionalFields: { email: 'x@' } }),
		).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(
			"the client cannot be created: 'Organisation Name' is empty; 'Postcode' 'LS1' is not a UK postcode; 'Email' 'x@' is not an e-mail address",
		);
	});
});

describe('Contact', () => {
	const attach = (extra = {}) => ({
		resource: 'contact',
		operation: 'attach',
		matter: { __rl: true, mode: 'id', value: 'SMI001-0001' },
		contact: { __rl: true, mode: 'id', value: 'CT00002' },
		contactType: 'LEN',
		...extra,
	});
	const attached = {
		contact_id: 'CT00002',
		contact_type: 'LEN',
		reference: null,
		attached_at: '2025-03-11T09:23:00.000Z',
	};

	test('Attach: already attached with that type → returned without a POST', async () => {
		nock(BASE).get('/v1/contact-types').query(true).reply(200, list(CONTACT_TYPES));
		nock(BASE)
			.get('/v1/matters/SMI001-0001/contacts')
			.query(true)
			.reply(200, list([attached]));
		const { output } = await run(attach());
		expect(output[0].json).toEqual({ action: 'exists', mat_ref: 'SMI001-0001', ...attached });
	});

	test('Attach: a 409 already_attached (an earlier attempt that landed) counts as done', async () => {
		nock(BASE).get('/v1/contact-types').query(true).reply(200, list(CONTACT_TYPES));
		nock(BASE).get('/v1/matters/SMI001-0001/contacts').query(true).reply(200, list([]));
		let body;
		nock(BASE)
			.post('/v1/matters/SMI001-0001/contacts', (b) => (body = b))
			.reply(409, { error: { code: 'already_attached', details: { existing_id: 'CT00002' } } });
		nock(BASE)
			.get('/v1/matters/SMI001-0001/contacts')
			.query(true)
			.reply(200, list([{ ...attached, reference: 'R9' }]));
		const { output } = await run(attach({ additionalFields: { reference: 'R9' } }));
		expect(body).toEqual({ contact_id: 'CT00002', contact_type: 'LEN', reference: 'R9' });
		expect(output[0].json).toEqual({
			action: 'exists',
			mat_ref: 'SMI001-0001',
			...attached,
			reference: 'R9',
		});
	});

	test('CLIENT, an inactive or an unknown contact type is refused before any write', async () => {
		const client = await run(attach({ contactType: 'CLIENT' })).catch((e) => e);
		expect(client.message).toMatch(/'Contact Type' 'CLIENT' is not a contact type/);
		nock(BASE).get('/v1/contact-types').query(true).reply(200, list(CONTACT_TYPES));
		const error = await run({
			resource: 'contact',
			operation: 'create',
			contactType: 'OLDT',
			type: 'organisation',
			organisationName: 'Hunters',
		}).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/'Contact Type' 'OLDT' is an inactive contact type/);
		expect(error.description).toContain('EA Estate Agent, LEN Lender');
	});

	test('Create: looks up the external reference first and sends the contact type with the fields', async () => {
		nock(BASE).get('/v1/contact-types').query(true).reply(200, list(CONTACT_TYPES));
		nock(BASE)
			.get('/v1/contacts')
			.query({ external_ref: 'ppc_2002', page: 1, per_page: 1 })
			.reply(200, list([]));
		let body;
		nock(BASE)
			.post('/v1/contacts', (b) => (body = b))
			.reply(201, { contact_id: 'CT00004' });
		const { output } = await run({
			resource: 'contact',
			operation: 'create',
			contactType: 'EA',
			type: 'organisation',
			organisationName: 'Hunters Property',
			externalRef: 'ppc_2002',
			additionalFields: {
				addressLine1: '10 Boar Lane',
				addressPostcode: 'ls16en',
				phone: '0113 496 0101',
			},
		});
		expect(body).toEqual({
			contact_type: 'EA',
			type: 'organisation',
			organisation_name: 'Hunters Property',
			address: { line1: '10 Boar Lane', country: 'GB', postcode: 'LS1 6EN' },
			phone: '0113 496 0101',
			external_ref: 'ppc_2002',
		});
		expect(output[0].json).toEqual({ action: 'created', contact_id: 'CT00004' });
	});
});
