// The DPS One Office node against the sandbox: real HTTP, real credential auth (Bearer key + X-DPS-Database),
// the sandbox's state and request log as truth.
const { NodeApiError, NodeOperationError } = require('n8n-workflow');
const { startSandbox } = require('../../sandbox/server');
const { SEED_FACTS } = require('../../sandbox/systems/dps-one-office');
const dpsSeed = require('../../sandbox/systems/dps-one-office/seed');
const { DpsOneOffice } = require('../../nodes/DpsOneOffice/DpsOneOffice.node');
const { createContext, runNode, runMethod, testCredential } = require('../helpers/harness');
const { resetBuckets } = require('../../nodes/shared/rateLimit');
const { sandboxCredentials } = require('../../scripts/lib/credentials');
const { adminApi } = require('../helpers/sandbox-client');

const F = SEED_FACTS;
let sandbox;
let creds;
const node = new DpsOneOffice();

const admin = adminApi(() => sandbox.url);
const state = () => admin('GET', '/state/dps-one-office');
const requests = () => admin('GET', '/requests?system=dps-one-office');
const clearRequests = () => admin('DELETE', '/requests');
const run = (parameters, extra = {}) => runNode({ node, parameters, credentials: creds, ...extra });
const ref = (value, mode = 'id') => ({ __rl: true, mode, value });
const posts = (log) => log.filter((r) => r.method === 'POST');

/** Matter › Create importing a Perfect Portal case, with its client found or created. */
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
	clientAdditionalFields: {
		town: 'Leeds',
		mobile: '07700 900321',
		externalSource: 'perfect_portal',
	},
	appCode: 'CP',
	feeEarner: 'JSM',
	branch: 'LDS',
	matterDetails: 'Purchase of 9 Canal Wharf, Leeds',
	externalRef: 'PP-777001',
	additionalFields: { externalSource: 'perfect_portal' },
	propertyDetails: {
		property: [
			{
				line1: '9 Canal Wharf',
				town: 'Leeds',
				postcode: 'LS11 5PZ',
				tenure: 'leasehold',
				price: '185000',
			},
		],
	},
	...extra,
});

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
	const entry = sandboxCredentials(sandbox.url).find((c) => c.type === 'dpsOneOfficeApi');
	creds = { dpsOneOfficeApi: entry.data };
});
afterAll(() => sandbox.close());
beforeEach(async () => {
	resetBuckets();
	await admin('POST', '/reset');
});

describe('credential', () => {
	test('the sandbox credential entry and GET /v1/me: right key 200, wrong key 401, no database 400, wrong database 403', async () => {
		const entry = sandboxCredentials(sandbox.url).find((c) => c.type === 'dpsOneOfficeApi');
		expect(entry).toEqual(
			expect.objectContaining({
				id: 'legalSyncDpsOneOffice',
				name: 'DPS One Office account',
				data: { baseUrl: `${sandbox.url}/dps-one-office`, apiKey: F.demoKey, database: 'DEMOFIRM' },
			}),
		);
		const data = creds.dpsOneOfficeApi;
		expect(await testCredential('dpsOneOfficeApi', data)).toBe(200);
		expect(await testCredential('dpsOneOfficeApi', { ...data, baseUrl: `${data.baseUrl}/` })).toBe(
			200,
		);
		expect(await testCredential('dpsOneOfficeApi', { ...data, apiKey: 'dps_wrong_000000' })).toBe(
			401,
		);
		expect(await testCredential('dpsOneOfficeApi', { ...data, database: '' })).toBe(400);
		expect(await testCredential('dpsOneOfficeApi', { ...data, database: 'OTHERFIRM' })).toBe(403);
		const log = await requests();
		expect(log.map((r) => `${r.path} ${r.status}`)).toEqual([
			'/v1/me 200',
			'/v1/me 200',
			'/v1/me 401',
			'/v1/me 400',
			'/v1/me 403',
		]);
	});

	test('the node reports 401 and 403 as NodeApiErrors with a fix, never showing the key', async () => {
		const wrongKey = { dpsOneOfficeApi: { ...creds.dpsOneOfficeApi, apiKey: 'dps_wrong_000000' } };
		const e401 = await runNode({
			node,
			parameters: { resource: 'client', operation: 'get', client: ref('SMI001') },
			credentials: wrongKey,
		}).catch((e) => e);
		expect(e401).toBeInstanceOf(NodeApiError);
		expect(e401.httpCode).toBe('401');
		expect(e401.description).toMatch(/paste the API key again/);
		const wrongDb = { dpsOneOfficeApi: { ...creds.dpsOneOfficeApi, database: 'OTHERFIRM' } };
		const e403 = await runNode({
			node,
			parameters: { resource: 'client', operation: 'get', client: ref('SMI001') },
			credentials: wrongDb,
		}).catch((e) => e);
		expect(e403).toBeInstanceOf(NodeApiError);
		expect(e403.httpCode).toBe('403');
		expect(e403.message).toMatch(
			/Database field of the DPS One Office credential.*\(reason: not_allowed, database_forbidden\)$/,
		);
		for (const e of [e401, e403]) expect(`${e.message} ${e.description}`).not.toContain(F.demoKey);
	});
});

describe('Client', () => {
	test('Get from the list and by Client Ref; an unknown ref is a 404 with continueOnFail pairing', async () => {
		const a = await run({ resource: 'client', operation: 'get', client: ref('SMI001', 'list') });
		const b = await run({ resource: 'client', operation: 'get', client: ref(' SMI001 ') });
		expect(a.output).toEqual(b.output);
		expect(a.output[0].json).toEqual(
			expect.objectContaining({
				client_ref: 'SMI001',
				display_name: 'Alan Smith',
				external_ref: 'ppc_1001',
			}),
		);
		const error = await run({ resource: 'client', operation: 'get', client: ref('NOPE99') }).catch(
			(e) => e,
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('404');
		const input = [{ json: { r: 'SMI002' } }, { json: { r: 'NOPE99' } }];
		const { output } = await run(
			{ resource: 'client', operation: 'get', client: (item) => ref(item.json.r) },
			{ input, continueOnFail: true },
		);
		expect(output.map((o) => o.pairedItem.item)).toEqual([0, 1]);
		expect(output[0].json.client_ref).toBe('SMI002');
		expect(output[1].json.error).toMatch(/^DPS One Office has no client NOPE99 \(it may have been deleted\).*\(reason: not_found\)$/);
		expect(output[1].json.details).toMatch(/\(HTTP 404\)$/);
	});

	test('Find by external reference, and by name + postcode (two Alan Smiths, one at LS1 4AB); nothing found → no items', async () => {
		const byRef = await run({
			resource: 'client',
			operation: 'find',
			findBy: 'externalRef',
			externalRef: F.existingClient.external_ref,
			returnAll: true,
		});
		expect(byRef.output.map((o) => o.json.client_ref)).toEqual([F.existingClient.client_ref]);
		const byName = await run({
			resource: 'client',
			operation: 'find',
			findBy: 'namePostcode',
			name: ' alan  SMITH ',
			postcode: 'ls14ab',
			returnAll: true,
		});
		expect(byName.output.map((o) => o.json.client_ref)).toEqual(['SMI001']);
		const none = await run({
			resource: 'client',
			operation: 'find',
			findBy: 'externalRef',
			externalRef: 'ppc_none',
			returnAll: false,
			limit: 5,
		});
		expect(none.output).toEqual([]);
		const log = await requests();
		expect(log[log.length - 1].query).toEqual({
			external_ref: 'ppc_none',
			page: '1',
			per_page: '5',
		});
		const empty = await run({
			resource: 'client',
			operation: 'find',
			findBy: 'namePostcode',
			name: 'Alan Smith',
			postcode: ' ',
			returnAll: true,
		}).catch((e) => e);
		expect(empty).toBeInstanceOf(NodeOperationError);
		expect(empty.message).toMatch(/'postcode' is empty/);
	});

	test('Create with an external reference writes once; a re-run returns it without a POST; refs follow the contract', async () => {
		const params = {
			resource: 'client',
			operation: 'create',
			type: 'person',
			firstName: 'Tom',
			lastName: 'Smith-Jones',
			addressLine1: '4 Mill Lane',
			postcode: 'm205ab',
			externalRef: 'ppc_6001',
			additionalFields: {
				email: 'tom@example.com',
				externalSource: 'perfect_portal',
				dateOfBirth: '1990-01-02T00:00:00.000Z',
			},
		};
		const first = await run(params);
		expect(first.output[0].json).toEqual(
			expect.objectContaining({
				action: 'created',
				client_ref: F.nextRefs.smithClient,
				date_of_birth: '1990-01-02',
				address: expect.objectContaining({ postcode: 'M20 5AB' }),
			}),
		);
		await clearRequests();
		const again = await run(params);
		expect(again.output[0].json).toEqual({ ...first.output[0].json, action: 'exists' });
		expect(posts(await requests())).toHaveLength(0);
		expect((await state()).clients.filter((c) => c.external_ref === 'ppc_6001')).toHaveLength(1);
	});

	test('Create with "same name and postcode" uses the existing client instead of a duplicate', async () => {
		const { output } = await run({
			resource: 'client',
			operation: 'create',
			type: 'person',
			firstName: 'Sean',
			lastName: "O'Brien",
			addressLine1: '14 Park Row',
			postcode: 'LS1 5HD',
			matchByNamePostcode: true,
		});
		expect(output[0].json).toEqual(
			expect.objectContaining({ action: 'matched', client_ref: 'OBR001' }),
		);
		expect((await state()).clients).toHaveLength(F.clientCount);
	});
});

describe('Matter', () => {
	test('Get by Mat Ref and Find by the Perfect Portal Case ID', async () => {
		const got = await run({
			resource: 'matter',
			operation: 'get',
			matter: ref(F.importedCase.mat_ref),
		});
		expect(got.output[0].json).toEqual(
			expect.objectContaining({
				mat_ref: F.importedCase.mat_ref,
				external_ref: F.importedCase.case_id,
				app_code: 'CP',
			}),
		);
		const found = await run({
			resource: 'matter',
			operation: 'find',
			externalRef: F.importedCase.case_id,
		});
		expect(found.output).toEqual([{ json: got.output[0].json, pairedItem: { item: 0 } }]);
		expect(
			(await run({ resource: 'matter', operation: 'find', externalRef: 'PP-000000' })).output,
		).toEqual([]);
		const missing = await run({
			resource: 'matter',
			operation: 'get',
			matter: ref('SMI001-9999'),
		}).catch((e) => e);
		expect(missing.httpCode).toBe('404');
	});

	test('a case already in DPS is linked, not recreated: no client and no matter written', async () => {
		await clearRequests();
		const { output } = await run(importCase({ externalRef: F.importedCase.case_id }));
		expect(output[0].json).toEqual(
			expect.objectContaining({
				action: 'exists',
				mat_ref: F.importedCase.mat_ref,
				client_ref: F.importedCase.client_ref,
			}),
		);
		const log = await requests();
		expect(log.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/matters']);
	});

	test('import a new case: the client is created, then the matter; a re-run writes nothing', async () => {
		const { output } = await run(importCase());
		expect(output[0].json).toEqual(
			expect.objectContaining({
				action: 'created',
				client_action: 'created',
				mat_ref: 'NGX001-0001',
				client_ref: 'NGX001',
				app_code: 'CP',
				fee_earner: 'JSM',
				branch: 'LDS',
				external_ref: 'PP-777001',
				external_source: 'perfect_portal',
				status: 'open',
				properties: [
					expect.objectContaining({ price: '185000.00', tenure: 'leasehold', currency: 'GBP' }),
				],
			}),
		);
		const s = await state();
		expect(s.clients.find((c) => c.client_ref === 'NGX001')).toEqual(
			expect.objectContaining({
				external_ref: 'ppc_5001',
				mobile: '07700 900321',
				address: expect.objectContaining({ postcode: 'LS11 5PZ', town: 'Leeds' }),
			}),
		);
		await clearRequests();
		const again = await run(importCase());
		expect(again.output[0].json).toEqual(
			expect.objectContaining({ action: 'exists', mat_ref: 'NGX001-0001' }),
		);
		expect(posts(await requests())).toHaveLength(0);
	});

	test('a second case for a client already in DPS (found by external reference) creates only the matter', async () => {
		const { output } = await run(
			importCase({
				clientFirstName: 'Alan',
				clientLastName: 'Smith',
				clientPostcode: 'LS1 4AB',
				clientExternalRef: F.existingClient.external_ref,
				externalRef: 'PP-777010',
			}),
		);
		expect(output[0].json).toEqual(
			expect.objectContaining({
				action: 'created',
				client_action: 'exists',
				mat_ref: F.nextRefs.matterForSMI001,
			}),
		);
		expect((await state()).clients).toHaveLength(F.clientCount);
	});

	test('bad input: missing AppCode is refused before any request', async () => {
		await clearRequests();
		const error = await run(importCase({ appCode: '' })).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.context.itemIndex).toBe(0);
		expect(error.message).toMatch(
			/^the matter for PP-777001 cannot be created: 'AppCode' is empty/,
		);
		expect(await requests()).toEqual([]);
	});

	test('bad input: an unknown Fee Earner is an item-indexed error and the request log shows no write at all', async () => {
		const before = await state();
		await clearRequests();
		const input = [
			{ json: { fe: 'JSM', case: 'PP-777020' } },
			{ json: { fe: 'ZZZ', case: 'PP-777021' } },
		];
		const params = importCase({
			feeEarner: (item) => item.json.fe,
			externalRef: (item) => item.json.case,
			clientExternalRef: (item) => `ppc_${item.json.case}`,
		});
		const error = await run(params, { input: input.slice(1) }).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.context.itemIndex).toBe(0);
		expect(error.message).toMatch(/'Fee Earner' 'ZZZ' is not a fee earner in DPS One Office/);
		expect(error.description).toMatch(/Nothing was written to DPS One Office/);
		const log = await requests();
		expect(log.length).toBeGreaterThan(0);
		expect(posts(log)).toEqual([]);
		const after = await state();
		expect(after.clients).toEqual(before.clients);
		expect(after.matters).toEqual(before.matters);

		// With continueOnFail the good item is imported and the bad one is an error item paired to item 1.
		const { output } = await run(params, { input, continueOnFail: true });
		expect(output.map((o) => o.pairedItem.item)).toEqual([0, 1]);
		expect(output[0].json.action).toBe('created');
		expect(output[1].json.error).toMatch(/^.*'Fee Earner' 'ZZZ'/);
		expect((await state()).clients.filter((c) => c.external_ref === 'ppc_PP-777021')).toEqual([]);
	});

	test('an inactive fee earner, a fee earner without rights to the AppCode, an unknown branch: all named at once', async () => {
		await clearRequests();
		const error = await run(
			importCase({ appCode: 'PI', feeEarner: F.inactiveFeeEarner, branch: 'YRK' }),
		).catch((e) => e);
		expect(error.message).toContain(
			`'Fee Earner' '${F.inactiveFeeEarner}' is an inactive fee earner`,
		);
		expect(error.message).toContain("'Branch' 'YRK' is not a branch in DPS One Office");
		const rights = await run(importCase({ feeEarner: 'ABC' })).catch((e) => e);
		expect(rights.message).toContain("'Fee Earner' 'ABC' has no rights to AppCode 'CP'");
		expect(posts(await requests())).toEqual([]);
	});

	test('an injected 503 after the matter was written: the retry answers 409 and the matter is returned, written once', async () => {
		await admin('POST', '/config', {
			faults: {
				script: [
					{
						status: 503,
						afterHandler: true,
						match: { system: 'dps-one-office', method: 'POST', pathPrefix: '/v1/matters' },
					},
				],
			},
		});
		const { output } = await run(
			importCase({
				clientSource: 'existing',
				client: ref('OBR001', 'list'),
				externalRef: 'PP-777030',
			}),
		);
		expect(output[0].json).toEqual(
			expect.objectContaining({
				action: 'exists',
				mat_ref: F.nextRefs.matterForOBR001,
				client_action: 'existing',
			}),
		);
		expect(posts(await requests()).map((r) => r.status)).toEqual([503, 409]);
		expect((await state()).matters.filter((m) => m.external_ref === 'PP-777030')).toHaveLength(1);
	});

	test('injected 500s on reads are retried', async () => {
		await admin('POST', '/config', {
			faults: {
				script: [
					{ status: 500, match: { method: 'GET' } },
					{ status: 502, match: { method: 'GET' } },
				],
			},
		});
		const { output } = await run({
			resource: 'matter',
			operation: 'get',
			matter: ref(F.closedMatter),
		});
		expect(output[0].json.status).toBe('closed');
		expect((await requests()).map((r) => r.status)).toEqual([500, 502, 200]);
	});

	test('429s are waited out (Retry-After) and every item still succeeds', async () => {
		await admin('POST', '/config', {
			rateLimits: { 'dps-one-office': { perSecond: 2, burst: 1 } },
			rateLimitHeaders: false, // with RateLimit-Policy the pack would pace to 2/s and never meet a 429
		});
		const input = F.matRefs.slice(0, 3).map((m) => ({ json: { m } }));
		const { output } = await run(
			{ resource: 'matter', operation: 'get', matter: (item) => ref(item.json.m) },
			{ input },
		);
		expect(output.map((o) => o.json.mat_ref)).toEqual(F.matRefs.slice(0, 3));
		const statuses = (await requests()).map((r) => r.status);
		expect(statuses).toContain(429);
		expect(statuses.filter((s) => s === 200)).toHaveLength(3);
	}, 20000);
});

describe('Matter › Import Case', () => {
	const buyer = (extra = {}) => ({
		type: 'person',
		title: 'Mrs',
		first_name: 'Cara',
		last_name: 'Lowe',
		address: { line1: '4 Mill Lane', town: 'Leeds', postcode: 'ls6 2ab' },
		mobile: '07700 900555',
		external_ref: 'ct_901',
		...extra,
	});
	const agent = {
		organisation_name: 'Hunters Estate Agents',
		address: { line1: '1 Park Row', postcode: 'LS1 5HD' },
		email: 'sales@hunters.example',
		external_ref: 'pa_950',
		contact_type: 'EA',
		reference: 'HEA/77',
	};
	const importCaseOp = (extra = {}) => ({
		resource: 'matter',
		operation: 'importCase',
		partiesInput: 'json',
		externalRef: 'PP-880001',
		appCode: 'CP',
		feeEarner: 'JSM',
		branch: 'LDS',
		matterDetails: 'Purchase of 4 Mill Lane, Leeds',
		clients: [buyer(), buyer({ title: 'Mr', first_name: 'Dan', external_ref: 'ct_902' })],
		contacts: [agent],
		properties: [
			{
				address: { line1: '4 Mill Lane', town: 'Leeds', postcode: 'LS6 2AB' },
				tenure: 'freehold',
				price: '240000.00',
			},
		],
		options: {},
		...extra,
	});

	test('joint clients, the matter, a contact and a property are created in one checked step; a re-run writes nothing', async () => {
		await clearRequests();
		const { output } = await run(importCaseOp());
		const out = output[0].json;
		expect(out).toEqual(
			expect.objectContaining({
				action: 'created',
				dry_run: false,
				external_ref: 'PP-880001',
				mat_ref: 'LOW001-0001',
				client_ref: 'LOW001',
				client_refs: ['LOW001', 'LOW002'],
				properties: 1,
				summary:
					'Created clients LOW001 (Cara Lowe), LOW002 (Dan Lowe) and matter LOW001-0001, with 1 contact (Hunters Estate Agents as EA) and 1 property.',
			}),
		);
		expect(out.clients.map((c) => c.action)).toEqual(['created', 'created']);
		expect(out.contacts[0]).toEqual(
			expect.objectContaining({ action: 'created', attach: 'created', contact_type: 'EA' }),
		);
		// Every check and lookup came before the first write.
		const log = await requests();
		const firstPost = log.findIndex((r) => r.method === 'POST');
		expect(log.slice(firstPost).every((r) => r.method === 'POST')).toBe(true);
		expect(posts(log).map((r) => r.path)).toEqual([
			'/v1/clients',
			'/v1/clients',
			'/v1/matters',
			'/v1/contacts',
			'/v1/matters/LOW001-0001/contacts',
		]);
		const s = await state();
		const m = s.matters.find((x) => x.mat_ref === 'LOW001-0001');
		expect(m).toEqual(
			expect.objectContaining({
				client_ref: 'LOW001',
				additional_client_refs: ['LOW002'],
				external_ref: 'PP-880001',
				external_source: 'perfect_portal',
			}),
		);
		expect(s.clients.find((c) => c.client_ref === 'LOW002').external_ref).toBe('ct_902');

		await clearRequests();
		const again = (await run(importCaseOp())).output[0].json;
		expect(again).toEqual(
			expect.objectContaining({
				action: 'exists',
				mat_ref: 'LOW001-0001',
				client_refs: ['LOW001', 'LOW002'],
				summary: 'Already in DPS as LOW001-0001: linked, no client or matter created.',
			}),
		);
		expect(again.contacts[0]).toEqual(
			expect.objectContaining({ action: 'exists', attach: 'exists' }),
		);
		expect(posts(await requests())).toEqual([]);
	}, 20000);

	test('Dry Run checks and looks up everything, writes nothing, and says what would be created', async () => {
		await clearRequests();
		const params = importCaseOp({
			clients: [
				buyer({
					first_name: 'Alan',
					last_name: 'Smith',
					external_ref: F.existingClient.external_ref,
				}),
				buyer(),
			],
			dryRun: true,
		});
		const out = (await run(params)).output[0].json;
		expect(out).toEqual(
			expect.objectContaining({
				action: 'would_create',
				dry_run: true,
				mat_ref: null,
				client_refs: ['SMI001'],
				summary:
					'Would create client Cara Lowe and a matter (CP, JSM, LDS) for existing client SMI001, with 1 contact (Hunters Estate Agents as EA) and 1 property.',
			}),
		);
		expect(out.clients.map((c) => c.action)).toEqual(['exists', 'would_create']);
		expect(out.matter).toEqual(
			expect.objectContaining({ client_ref: 'SMI001', app_code: 'CP', external_ref: 'PP-880001' }),
		);
		expect(posts(await requests())).toEqual([]);
		const refused = await run({ ...params, feeEarner: 'ZZZ' }).catch((e) => e);
		expect(refused.message).toMatch(/'Fee Earner' 'ZZZ' is not a fee earner/);
	}, 20000);

	test('a case already in DPS by external reference is linked: no client or matter written, its contacts completed once', async () => {
		await clearRequests();
		const params = importCaseOp({
			externalRef: F.importedCase.case_id,
			clients: [buyer()],
			contacts: [{ ...agent, external_ref: F.existingContact.external_ref, contact_type: 'LEN' }],
		});
		const out = (await run(params)).output[0].json;
		expect(out).toEqual(
			expect.objectContaining({
				action: 'exists',
				mat_ref: F.importedCase.mat_ref,
				client_refs: [F.importedCase.client_ref],
			}),
		);
		expect(out.contacts[0]).toEqual(
			expect.objectContaining({
				action: 'exists',
				contact_id: F.existingContact.contact_id,
				attach: 'exists',
			}),
		);
		expect(posts(await requests())).toEqual([]);
	}, 20000);

	test('bad input is refused, item-indexed, before any write: no clients, unknown fee earner, bad contact type, bad joint client', async () => {
		const before = await state();
		await clearRequests();
		const noClients = await run(importCaseOp({ clients: [] })).catch((e) => e);
		expect(noClients).toBeInstanceOf(NodeOperationError);
		expect(noClients.context.itemIndex).toBe(0);
		expect(noClients.message).toMatch(
			/^the case PP-880001 cannot be imported: 'Clients' is empty: the case has no client/,
		);
		expect(noClients.description).toMatch(/Nothing was written to DPS One Office/);
		expect(await requests()).toEqual([]);

		const missingApp = await run(importCaseOp({ appCode: '' })).catch((e) => e);
		expect(missingApp.message).toMatch(/'AppCode' is empty/);
		expect(await requests()).toEqual([]);
		const lowerApp = await run(importCaseOp({ appCode: 'cp' })).catch((e) => e);
		expect(lowerApp.message).toContain(
			"'AppCode' 'cp' is not an AppCode in DPS One Office (did you mean 'CP'?)",
		);

		const badJoint = await run(
			importCaseOp({
				clients: [
					buyer(),
					buyer({
						first_name: 'Dan',
						external_ref: 'ct_902',
						address: { line1: '4 Mill Lane', postcode: 'LS6' },
					}),
				],
			}),
		).catch((e) => e);
		expect(badJoint.message).toContain(
			"'Client 2 (Dan Lowe) › Postcode' 'LS6' is not a UK postcode",
		);

		const many = await run(
			importCaseOp({ feeEarner: 'ZZZ', contacts: [{ ...agent, contact_type: 'XYZ' }] }),
		).catch((e) => e);
		expect(many.message).toContain("'Fee Earner' 'ZZZ' is not a fee earner in DPS One Office");
		expect(many.message).toContain(
			"'Contact Type of Hunters Estate Agents' 'XYZ' is not a contact type",
		);
		expect(posts(await requests())).toEqual([]);
		const after = await state();
		expect(after.clients).toEqual(before.clients);
		expect(after.matters).toEqual(before.matters);
		expect(after.contacts).toEqual(before.contacts);

		// continueOnFail: the bad case is an error item paired to its input, the good one is imported.
		const input = [
			{ json: { fe: 'ZZZ', ref: 'PP-880002' } },
			{ json: { fe: 'JSM', ref: 'PP-880003' } },
		];
		const { output } = await run(
			importCaseOp({ feeEarner: (item) => item.json.fe, externalRef: (item) => item.json.ref }),
			{ input, continueOnFail: true },
		);
		expect(output.map((o) => o.pairedItem.item)).toEqual([0, 1]);
		expect(output[0].json.error).toMatch(
			/^the case PP-880002 cannot be imported: 'Fee Earner' 'ZZZ'/,
		);
		expect(output[1].json).toEqual(
			expect.objectContaining({ action: 'created', external_ref: 'PP-880003' }),
		);
	}, 20000);

	test('a matter refused after the clients were written says so; the re-run reuses those clients and writes the matter once', async () => {
		await admin('POST', '/config', {
			faults: {
				script: [
					{
						status: 400,
						match: { system: 'dps-one-office', method: 'POST', pathPrefix: '/v1/matters' },
					},
				],
			},
		});
		const failed = await run(importCaseOp({ contacts: [] })).catch((e) => e);
		expect(failed).toBeInstanceOf(NodeApiError);
		expect(failed.description).toMatch(
			/Clients LOW001, LOW002 were created before the matter failed; a re-run finds them by external reference/,
		);
		await clearRequests();
		const out = (await run(importCaseOp({ contacts: [] }))).output[0].json;
		expect(out).toEqual(
			expect.objectContaining({ action: 'created', client_refs: ['LOW001', 'LOW002'] }),
		);
		expect(out.clients.map((c) => c.action)).toEqual(['exists', 'exists']);
		expect(posts(await requests()).map((r) => r.path)).toEqual(['/v1/matters']);
		expect((await state()).clients.filter((c) => c.external_ref === 'ct_901')).toHaveLength(1);
	}, 20000);

	test('a contact refused after the matter was written: the re-run links the matter and completes the contacts', async () => {
		await admin('POST', '/config', {
			faults: {
				script: [
					{
						status: 400,
						match: { system: 'dps-one-office', method: 'POST', pathPrefix: '/v1/contacts' },
					},
				],
			},
		});
		const failed = await run(importCaseOp()).catch((e) => e);
		expect(failed.description).toMatch(
			/Matter LOW001-0001 exists, but not every contact was attached; a re-run links the matter and completes the contacts/,
		);
		await clearRequests();
		const out = (await run(importCaseOp())).output[0].json;
		expect(out).toEqual(
			expect.objectContaining({
				action: 'exists',
				mat_ref: 'LOW001-0001',
				summary:
					'Already in DPS as LOW001-0001: linked, no client or matter created; missing contacts completed.',
			}),
		);
		expect(posts(await requests()).map((r) => r.path)).toEqual([
			'/v1/contacts',
			'/v1/matters/LOW001-0001/contacts',
		]);
		expect((await state()).matters.filter((m) => m.external_ref === 'PP-880001')).toHaveLength(1);
	}, 20000);

	/** A client or contact someone entered in One Office by hand: no external reference. */
	const enterByHand = async (kind, fields) => {
		const s = await state();
		const at = new Date().toISOString();
		let record;
		if (kind === 'clients') {
			const client_ref = `BRO${String(100 + s.clients.length)}`;
			record = dpsSeed.clientRecord({ ...fields, client_ref, created_at: at });
		} else {
			const contact_id = `CT9${String(s.contacts.length).padStart(4, '0')}`;
			record = dpsSeed.contactRecord({ ...fields, contact_id, created_at: at });
		}
		s[kind].push(record);
		await admin('PUT', '/state/dps-one-office', s);
		return record;
	};

	test('a returning client and an estate agent already in DPS without a reference are used, not created again, and the summary says why', async () => {
		const george = await enterByHand('clients', {
			type: 'person',
			first_name: 'George',
			last_name: 'Brown',
			address: { line1: '4 Mill Lane', town: 'Leeds', postcode: 'LS6 2AB' },
		});
		const hunters = await enterByHand('contacts', {
			type: 'organisation',
			contact_type: 'EA',
			organisation_name: 'Hunters Estate Agents',
			address: { line1: '1 Park Row', postcode: 'LS1 5HD' },
		});
		await clearRequests();
		const out = (
			await run(
				importCaseOp({
					// Postcodes as people type them: the search compares them normalised.
					clients: [buyer({ first_name: 'George', last_name: ' Brown', external_ref: 'ct_990' })],
					contacts: [{ ...agent, address: { line1: '1 Park Row', postcode: 'ls15hd' } }],
				}),
			)
		).output[0].json;
		expect(out.clients).toEqual([
			expect.objectContaining({ action: 'matched', client_ref: george.client_ref }),
		]);
		expect(out.contacts).toEqual([
			expect.objectContaining({
				action: 'matched',
				contact_id: hunters.contact_id,
				attach: 'created',
			}),
		]);
		expect(out.summary).toBe(
			`Created matter ${george.client_ref}-0001 for existing client ${george.client_ref} (George Brown: same name and postcode), with 1 contact (Hunters Estate Agents as EA: existing ${hunters.contact_id}, same name and postcode) and 1 property.`,
		);
		expect(posts(await requests()).map((r) => r.path)).toEqual([
			'/v1/matters',
			`/v1/matters/${george.client_ref}-0001/contacts`,
		]);
		const s = await state();
		expect(s.clients.filter((c) => c.display_name === 'George Brown')).toHaveLength(1);
		expect(s.contacts.filter((c) => c.organisation_name === 'Hunters Estate Agents')).toHaveLength(
			1,
		);

		// Two clients of that name at that postcode: the case is refused with both refs, nothing written.
		const twin = await enterByHand('clients', {
			type: 'person',
			first_name: 'George',
			last_name: 'Brown',
			address: { line1: '4 Mill Lane', postcode: 'ls6 2ab' },
		});
		await clearRequests();
		const refused = await run(
			importCaseOp({
				externalRef: 'PP-880009',
				clients: [buyer({ first_name: 'George', last_name: 'Brown', external_ref: 'ct_991' })],
				contacts: [],
			}),
		).catch((e) => e);
		expect(refused.message).toContain(
			`'Client George Brown' matches 2 DPS clients with the same name and postcode (${george.client_ref}, ${twin.client_ref})`,
		);
		expect(posts(await requests())).toEqual([]);
	}, 20000);

	test('the reference lookups of every case in a run go in a few batched requests, not one per record', async () => {
		await clearRequests();
		const cases = [1, 2, 3].map((n) => ({
			json: {
				ref: `PP-88010${n}`,
				client: buyer({ first_name: `Cara${'x'.repeat(n)}`, external_ref: `ct_91${n}` }),
				agent: { ...agent, external_ref: `pa_96${n}` },
			},
		}));
		const { output } = await run(
			importCaseOp({
				externalRef: (item) => item.json.ref,
				clients: (item) => [item.json.client],
				contacts: (item) => [item.json.agent],
			}),
			{ input: cases },
		);
		expect(output.map((o) => o.json.action)).toEqual(['created', 'created', 'created']);
		const log = await requests();
		const byRef = (path) =>
			log.filter((r) => r.method === 'GET' && r.path === path && r.query.external_ref);
		for (const path of ['/v1/matters', '/v1/clients', '/v1/contacts']) {
			expect(byRef(path)).toHaveLength(1);
			expect([].concat(byRef(path)[0].query.external_ref)).toHaveLength(3);
		}
		// The three agents are one firm, a new party reference on each case: created once, then found by name
		// and postcode.
		expect(posts(log).filter((r) => r.path === '/v1/contacts')).toHaveLength(1);
		expect(output.map((o) => o.json.contacts[0].action)).toEqual(['created', 'matched', 'matched']);
	}, 20000);

	test('the lists may be typed JSON text; text that is not a JSON list is refused with the field named', async () => {
		const out = (
			await run(
				importCaseOp({
					clients: JSON.stringify([buyer()]),
					contacts: '',
					properties: '[]',
					externalRef: 'PP-880010',
				}),
			)
		).output[0].json;
		expect(out).toEqual(
			expect.objectContaining({ action: 'created', client_refs: ['LOW001'], properties: 0 }),
		);
		const bad = await run(importCaseOp({ clients: '{"first_name": ' })).catch((e) => e);
		expect(bad.message).toBe("'Clients (JSON)' is not valid JSON");
		const notList = await run(importCaseOp({ contacts: '{"a": 1}' })).catch((e) => e);
		expect(notList.message).toBe("'Contacts (JSON)' is not a list of objects");
	}, 20000);

	// Rows as the editor stores them (Add Client / Add Contact / Add Property), the default of the node's version 2.
	const clientRow = (extra = {}) => ({
		firstName: 'Cara',
		lastName: 'Lowe',
		title: 'Mrs',
		line1: '4 Mill Lane',
		town: 'Leeds',
		postcode: 'ls6 2ab',
		country: 'GB',
		mobile: '07700 900555',
		externalRef: 'ct_901',
		...extra,
	});
	const rowsOp = (extra = {}) => {
		const { partiesInput, clients, contacts, properties, ...rest } = importCaseOp(extra);
		return {
			...rest,
			clientRows: {
				client: [clientRow(), clientRow({ title: 'Mr', firstName: 'Dan', externalRef: 'ct_902' })],
			},
			contactRows: {
				contact: [
					{
						contactType: 'EA',
						organisationName: 'Hunters Estate Agents',
						line1: '1 Park Row',
						postcode: 'LS1 5HD',
						email: 'sales@hunters.example',
						externalRef: 'pa_950',
						reference: 'HEA/77',
					},
				],
			},
			propertyRows: {
				property: [
					{ line1: '4 Mill Lane', town: 'Leeds', postcode: 'LS6 2AB', tenure: 'freehold', price: '240000.00', currency: 'GBP' },
				],
			},
			...extra,
		};
	};

	test('rows (the default): two clients, an estate agent and a property typed into the node import as the JSON lists do', async () => {
		await clearRequests();
		const out = (await run(rowsOp())).output[0].json;
		expect(out).toEqual(
			expect.objectContaining({
				action: 'created',
				client_refs: ['LOW001', 'LOW002'],
				properties: 1,
				summary:
					'Created clients LOW001 (Cara Lowe), LOW002 (Dan Lowe) and matter LOW001-0001, with 1 contact (Hunters Estate Agents as EA) and 1 property.',
			}),
		);
		const s = await state();
		expect(s.clients.find((c) => c.client_ref === 'LOW002')).toEqual(
			expect.objectContaining({ external_ref: 'ct_902', address: expect.objectContaining({ postcode: 'LS6 2AB' }) }),
		);
	}, 20000);

	test('a problem in a row names the row and the field as the node shows them', async () => {
		await clearRequests();
		const error = await run(
			rowsOp({ clientRows: { client: [clientRow(), clientRow({ firstName: 'Dan', postcode: 'LS6', externalRef: 'ct_902' })] } }),
		).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.context.itemIndex).toBe(0);
		expect(error.message).toBe(
			"the case PP-880001 cannot be imported: 'Client 2 (Dan Lowe) › Postcode' 'LS6' is not a UK postcode",
		);
		expect(posts(await requests())).toEqual([]);
	}, 20000);
});

describe('Contact', () => {
	test('Create (never twice), Attach with a contact type (never twice), and the matter lists it', async () => {
		const create = {
			resource: 'contact',
			operation: 'create',
			contactType: 'SUR',
			type: 'organisation',
			organisationName: 'Pennine Surveys',
			externalRef: 'ppc_2010',
			additionalFields: {
				addressLine1: '2 Albion St',
				addressPostcode: 'ls15ab',
				email: 'jobs@pennine.example',
			},
		};
		const first = await run(create);
		expect(first.output[0].json).toEqual(
			expect.objectContaining({
				action: 'created',
				contact_id: F.nextRefs.contact,
				contact_type: 'SUR',
				address: expect.objectContaining({ postcode: 'LS1 5AB' }),
			}),
		);
		expect((await run(create)).output[0].json.action).toBe('exists');

		const attach = {
			resource: 'contact',
			operation: 'attach',
			matter: ref(F.importedCase.mat_ref, 'list'),
			contact: ref(F.nextRefs.contact, 'list'),
			contactType: 'SUR',
			additionalFields: { reference: 'PS/881' },
		};
		const a = await run(attach);
		expect(a.output[0].json).toEqual({
			action: 'created',
			mat_ref: F.importedCase.mat_ref,
			contact_id: F.nextRefs.contact,
			contact_type: 'SUR',
			reference: 'PS/881',
			attached_at: expect.any(String),
		});
		await clearRequests();
		const b = await run(attach);
		expect(b.output[0].json).toEqual({ ...a.output[0].json, action: 'exists' });
		expect(posts(await requests())).toEqual([]);
		const matter = (
			await run({ resource: 'matter', operation: 'get', matter: ref(F.importedCase.mat_ref) })
		).output[0].json;
		expect(matter.contacts.map((c) => `${c.contact_id}:${c.contact_type}`)).toEqual([
			...F.importedCase.attached.map((c) => `${c.contact_id}:${c.contact_type}`),
			`${F.nextRefs.contact}:SUR`,
		]);
	});

	test('Create returns the contact already carrying the external reference', async () => {
		const { output } = await run({
			resource: 'contact',
			operation: 'create',
			contactType: 'LEN',
			type: 'organisation',
			organisationName: 'Northern Building Society',
			externalRef: F.existingContact.external_ref,
		});
		expect(output[0].json).toEqual(
			expect.objectContaining({ action: 'exists', contact_id: F.existingContact.contact_id }),
		);
	});

	test('Attach to a closed matter is a 422; an unknown contact is a 400 naming contact_id', async () => {
		const closed = await run({
			resource: 'contact',
			operation: 'attach',
			matter: ref(F.closedMatter),
			contact: ref('CT00001'),
			contactType: 'EA',
		}).catch((e) => e);
		expect(closed).toBeInstanceOf(NodeApiError);
		expect(closed.httpCode).toBe('422');
		expect(closed.message).toMatch(/matter_closed/);
		const unknown = await run({
			resource: 'contact',
			operation: 'attach',
			matter: ref(F.importedCase.mat_ref),
			contact: ref('CT99999'),
			contactType: 'EA',
		}).catch((e) => e);
		expect(unknown).toBeInstanceOf(NodeApiError);
		expect(unknown.httpCode).toBe('400');
		expect(unknown.message).toMatch(/contact_id: unknown_value/);
		const wrongType = await run({
			resource: 'contact',
			operation: 'attach',
			matter: ref(F.importedCase.mat_ref),
			contact: ref('CT00001'),
			contactType: 'XYZ',
		}).catch((e) => e);
		expect(wrongType).toBeInstanceOf(NodeOperationError);
		expect(wrongType.message).toMatch(/'Contact Type' 'XYZ' is not a contact type/);
	});
});

describe('dropdowns and resource locator lists', () => {
	const call = (kind, name, ...args) =>
		runMethod({ node, credentials: creds }, kind, name, ...args);

	test('AppCodes, fee earners (narrowed to rights on the chosen AppCode), branches and contact types come from the API', async () => {
		const appCodes = await call('loadOptions', 'getAppCodes');
		expect(appCodes.map((o) => o.value)).toEqual(F.appCodes);
		expect(appCodes[1]).toEqual({ name: 'CP – Convey (Purchase)', value: 'CP' });
		expect((await call('loadOptions', 'getFeeEarners')).map((o) => o.value)).toEqual([
			'ABC',
			'JSM',
		]);
		const ctx = createContext({ node, credentials: creds });
		ctx.getCurrentNodeParameter = (name) => ({ appCode: 'CP' })[name];
		const forCp = await node.methods.loadOptions.getFeeEarners.call(ctx);
		expect(forCp).toEqual([
			{ name: 'Jane Smith (JSM)', value: 'JSM', description: 'Branch LDS; AppCodes CP, CS, CC' },
		]);
		expect(await call('loadOptions', 'getBranches')).toEqual([
			{ name: 'Leeds (LDS)', value: 'LDS' },
			{ name: 'Manchester (MAN)', value: 'MAN' },
		]);
		expect((await call('loadOptions', 'getContactTypes')).map((o) => o.value)).toEqual(
			F.contactTypes,
		);
		const queries = (await requests()).map((r) => r.query);
		expect(queries.every((q) => q.active === 'true')).toBe(true);
	});

	test('clients, matters and contacts: newest first, filtered, and an exact ref found directly', async () => {
		const smiths = await call('listSearch', 'searchClients', 'smith');
		expect(smiths.results.map((r) => r.value)).toEqual(['SMI002', 'SMI001']);
		expect(smiths.results[1].name).toBe('Alan Smith (SMI001, LS1 4AB)');
		const pp = await call('listSearch', 'searchMatters', F.importedCase.case_id);
		expect(pp.results.map((r) => r.value)).toEqual([F.importedCase.mat_ref]);
		const exact = await call('listSearch', 'searchMatters', F.closedMatter);
		expect(exact.results[0]).toEqual({
			name: `${F.closedMatter}: Sale of 3 Low Rd, Leeds (closed)`,
			value: F.closedMatter,
		});
		const lenders = await call('listSearch', 'searchContacts', 'len');
		expect(lenders.results.map((r) => r.value)).toEqual(['CT00002']);

		await admin('POST', '/seed/dps-one-office', { clients: 250, mattersPerClient: 0 });
		// 255 clients: the last page (55, newest first), then the pages before it, by token.
		const first = await call('listSearch', 'searchClients');
		expect(first.results).toHaveLength(55);
		expect(first.paginationToken).toBe('2');
		const next = await call('listSearch', 'searchClients', undefined, first.paginationToken);
		expect(next.results).toHaveLength(100);
		expect(next.paginationToken).toBe('1');
		expect(new Set([...first.results, ...next.results].map((r) => r.value)).size).toBe(155);
		const times = (await state()).clients.reduce(
			(m, c) => m.set(c.client_ref, c.updated_at),
			new Map(),
		);
		const stamps = [...first.results, ...next.results].map((r) => times.get(r.value));
		expect(stamps).toEqual(stamps.slice().sort().reverse());
	});
});
