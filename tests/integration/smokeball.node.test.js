// The Smokeball node and trigger against the sandbox: real HTTP, n8n's OAuth2 client-credentials behaviour
// (tests/helpers/oauth2.js), the sandbox's rate limit ON, and every API request the node makes checked against
// Smokeball's swagger after each test (tests/helpers/swagger.js).
const crypto = require('node:crypto');
const http = require('node:http');
const { NodeApiError, NodeOperationError } = require('n8n-workflow');
const { startSandbox } = require('../../sandbox/server');
const smokeball = require('../../sandbox/systems/smokeball');
const { signature } = require('../../sandbox/systems/smokeball/webhooks');
const { Smokeball } = require('../../nodes/Smokeball/Smokeball.node');
const { isOwnRequestId } = require('../../nodes/Smokeball/transport');
const { SmokeballTrigger } = require('../../nodes/Smokeball/SmokeballTrigger.node');
const { signingKey } = require('../../nodes/Smokeball/trigger/signingKey');
const { resetBuckets } = require('../../nodes/shared/rateLimit');
const { runNodeOAuth2, runMethodOAuth2 } = require('../helpers/oauth2');
const { runHook, runWebhook } = require('../helpers/webhook');
const { expectRequestsMatchSwagger } = require('../helpers/swagger');
const { adminApi } = require('../helpers/sandbox-client');

const F = smokeball.SEED_FACTS;
const node = new Smokeball();
const trigger = new SmokeballTrigger();
let sandbox;
let apiBase;
let requests;
let credentials;

const admin = adminApi(() => sandbox.url);
const state = () => admin('GET', '/state/smokeball');
const flush = () => admin('POST', '/smokeball/processing/flush');
const byId = (id) => ({ __rl: true, mode: 'id', value: id });
/** Matter › Create's clients as the editor stores the rows (Add Client), each a contact picked by ID. */
const clientsOf = (...ids) => ({ client: ids.map((id) => ({ contact: byId(id) })) });
const apiCalls = (method, pathPart) =>
	requests.filter(
		(r) =>
			r.authenticated &&
			r.method === method &&
			(!pathPart || r.url.split('?')[0].endsWith(pathPart)),
	);

function freshCredentials() {
	return {
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
}

const run = (parameters, extra = {}) =>
	runNodeOAuth2({ node, parameters, credentials, requests, ...extra });

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, systems: [smokeball] });
	apiBase = `${sandbox.url}/smokeball/api/${F.accountId}`;
});
afterAll(() => sandbox.close());
beforeEach(async () => {
	resetBuckets();
	await admin('POST', '/reset');
	requests = [];
	credentials = freshCredentials();
});
afterEach(() => {
	// Proof: every request the node made in the test is one the swagger defines, with its parameters and body.
	expect(expectRequestsMatchSwagger(requests, apiBase)).toBeGreaterThan(0);
});

describe('transport', () => {
	test('x-api-key and the bearer token on every request, under /{accountId}; one token fetch reused', async () => {
		const { ctx } = await run({ resource: 'staff', operation: 'getAll', returnAll: true });
		await run({ resource: 'matter', operation: 'get', matter: byId(F.matters.purchase.id) });
		expect(ctx._tokenRequests).toBe(1);
		expect(credentials.smokeballOAuth2Api.oauthTokenData.access_token).toMatch(/^sbat_/);
		for (const r of apiCalls('GET')) {
			expect(r.url.startsWith(`${apiBase}/`)).toBe(true);
			expect(r.headers['x-api-key']).toBe(F.apiKey);
			expect(r.headers.Authorization).toMatch(/^Bearer sbat_/);
		}
	});

	test('the sandbox credential of scripts/lib/credentials.js works as it is', async () => {
		const { sandboxCredentials } = require('../../scripts/lib/credentials');
		const entry = sandboxCredentials(sandbox.url).find((c) => c.type === 'smokeballOAuth2Api');
		expect(entry).toEqual(
			expect.objectContaining({ id: 'legalSyncSmokeball', name: 'Smokeball account' }),
		);
		expect(entry.data.accountId).toBe(F.accountId);
		credentials = { smokeballOAuth2Api: { ...entry.data } };
		const { output } = await run({ resource: 'staff', operation: 'getAll', returnAll: true });
		expect(output).toHaveLength(F.staffCount);
	});

	test('an expired token: the 401 is answered by renewing the token once, then the request succeeds', async () => {
		await run({ resource: 'staff', operation: 'getAll', returnAll: true });
		const before = credentials.smokeballOAuth2Api.oauthTokenData.access_token;
		await admin('POST', '/smokeball/tokens/expire');
		const { output, ctx } = await run({
			resource: 'matter',
			operation: 'get',
			matter: byId(F.matters.purchase.id),
		});
		expect(output[0].json.id).toBe(F.matters.purchase.id);
		expect(ctx._tokenRequests).toBe(1);
		expect(credentials.smokeballOAuth2Api.oauthTokenData.access_token).not.toBe(before);
	});

	test('a wrong partner key is a NodeApiError naming Smokeball, without the key in the message', async () => {
		credentials.smokeballOAuth2Api.apiKey = 'sb_wrong_key_0000';
		const error = await run({ resource: 'staff', operation: 'getAll', returnAll: true }).catch(
			(e) => e,
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(/^Smokeball did not accept the credential: .*\(reason: credential_refused\)$/);
		expect(error.message).not.toContain('sb_wrong_key_0000');
	});

	test('stays under 5 requests/second: 12 reads against the rate-limited sandbox, no 429', async () => {
		const started = Date.now();
		const input = Array.from({ length: 12 }, () => ({ json: {} }));
		const { output } = await run(
			{ resource: 'matter', operation: 'get', matter: byId(F.matters.purchase.id) },
			{ input },
		);
		expect(output).toHaveLength(12);
		const log = await admin('GET', '/requests?system=smokeball');
		expect(log.filter((e) => e.status === 429)).toEqual([]);
		// 1 token request + 12 reads; the client keeps a burst of 4 at 4.85/s.
		expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
	});
});

describe('Matter', () => {
	test('Get: simplified (links flattened, ticks read) and raw', async () => {
		const { output } = await run({
			resource: 'matter',
			operation: 'get',
			matter: byId(F.matters.purchase.id),
		});
		expect(output[0]).toEqual({
			json: expect.objectContaining({
				id: F.matters.purchase.id,
				number: 'PUR-0001',
				externalSystemId: 'PP-123456',
				isLead: false,
				status: 'Open',
				matterTypeId: F.matterTypes.purchase,
				clientIds: [F.contacts.alan.id, F.contacts.beth.id],
				personResponsibleStaffId: F.staff.janeSmith.id,
				updatedAt: expect.stringMatching(/^2025-06-\d\dT/),
			}),
			pairedItem: { item: 0 },
		});
		const raw = (
			await run({
				resource: 'matter',
				operation: 'get',
				matter: byId(F.matters.purchase.id),
				simplify: false,
			})
		).output[0].json;
		expect(raw.clients[0]).toEqual(
			expect.objectContaining({ id: F.contacts.alan.id, href: expect.any(String) }),
		);
	});

	test('Get Many: Limit is one request; filters map to Type, Status, LastUpdated, Search', async () => {
		const limited = await run({
			resource: 'matter',
			operation: 'getAll',
			returnAll: false,
			limit: 2,
		});
		expect(limited.output).toHaveLength(2);
		expect(apiCalls('GET', '/matters')).toHaveLength(1);
		expect(new URL(apiCalls('GET', '/matters')[0].url).searchParams.get('Limit')).toBe('2');

		const leads = await run({
			resource: 'matter',
			operation: 'getAll',
			returnAll: true,
			filters: { type: 'Leads', status: ['Open'] },
		});
		expect(leads.output.map((i) => i.json.isLead)).toEqual([true, true]);
		const since = await run({
			resource: 'matter',
			operation: 'getAll',
			returnAll: true,
			filters: { type: 'Matters,Leads', lastUpdated: '2025-06-10T00:00:00Z' },
		});
		expect(since.output.length).toBeGreaterThan(0);
		for (const item of since.output)
			expect(Date.parse(item.json.updatedAt)).toBeGreaterThanOrEqual(
				Date.parse('2025-06-10T00:00:00Z'),
			);
		const search = await run({
			resource: 'matter',
			operation: 'getAll',
			returnAll: true,
			filters: { search: 'SAL-0002' },
		});
		expect(search.output.map((i) => i.json.id)).toEqual([F.matters.sale.id]);
		const url = new URL(apiCalls('GET', '/matters')[2].url);
		expect(url.searchParams.get('LastUpdated')).toBe('2025-06-10T00:00:00.000Z');
	});

	test('Create (matter): returns the Link at once; waiting returns the record', async () => {
		const quick = await run({
			resource: 'matter',
			operation: 'create',
			kind: 'matter',
			matterTypeId: F.matterTypes.purchase,
			clients: clientsOf(F.contacts.amelia.id),
			additionalFields: {
				description: 'New purchase',
				personResponsibleStaffId: F.staff.tomBaker.id,
				clientRole: 'Buyer',
			},
		});
		expect(quick.output[0].json).toEqual({
			id: expect.any(String),
			href: expect.stringContaining('/matters/'),
			accepted: true,
			created: true,
		});
		expect(apiCalls('POST', '/matters')[0].headers.RequestId).toEqual(expect.any(String));
		await flush();
		expect((await state()).matters.find((m) => m.id === quick.output[0].json.id)).toEqual(
			expect.objectContaining({ description: 'New purchase', clientRole: 'Buyer' }),
		);

		const waited = await run({
			resource: 'matter',
			operation: 'create',
			kind: 'matter',
			matterTypeId: F.matterTypes.sale,
			clients: clientsOf(F.contacts.amelia.id, F.contacts.jack.id),
			status: 'Pending',
			waitUntilReadable: true,
		});
		expect(waited.output[0].json).toEqual(
			expect.objectContaining({
				status: 'Pending',
				clientIds: [F.contacts.amelia.id, F.contacts.jack.id],
				created: true,
			}),
		);
	});

	test('Create with an External System ID finds the existing matter first (no POST), across matters and leads, whoever its clients are', async () => {
		// The open lead PP-123488 is filed under Jack, not Alan: the default reads the whole firm and finds it.
		const lead = await run({
			resource: 'matter',
			operation: 'create',
			kind: 'lead',
			matterTypeId: F.matterTypes.leadPurchase,
			clients: clientsOf(F.contacts.alan.id),
			externalSystemId: 'PP-123488',
		});
		expect(lead.output[0].json).toEqual(
			expect.objectContaining({ id: F.leads.open.id, created: false }),
		);
		const all = new URL(apiCalls('GET', '/matters')[0].url).searchParams;
		expect(all.get('Type')).toBe('Matters,Leads');
		expect(all.get('ContactId')).toBeNull();
		// "First Client's Matters" narrows the list to that client: quicker, and it misses the lead.
		requests.length = 0;
		const narrow = await run({
			resource: 'matter',
			operation: 'create',
			matterTypeId: F.matterTypes.purchase,
			clients: clientsOf(F.contacts.alan.id),
			externalSystemId: 'PP-123456',
			lookupScope: 'client',
		});
		expect(narrow.output[0].json).toEqual(
			expect.objectContaining({ id: F.matters.purchase.id, created: false }),
		);
		expect(new URL(apiCalls('GET', '/matters')[0].url).searchParams.get('ContactId')).toBe(
			F.contacts.alan.id,
		);
		expect(apiCalls('POST')).toEqual([]);
	});

	test('Create for many items reads the firm matters once, and a matter made for one item is found for the next', async () => {
		const input = [
			{ json: { ref: 'PP-990001' } },
			{ json: { ref: 'PP-990001' } },
			{ json: { ref: 'PP-123456' } },
		];
		const { output } = await run(
			{
				resource: 'matter',
				operation: 'create',
				matterTypeId: F.matterTypes.purchase,
				clients: clientsOf(F.contacts.beth.id),
				externalSystemId: (item) => item.json.ref,
			},
			{ input },
		);
		expect(output.map((o) => o.json.created)).toEqual([true, false, false]);
		expect(output[2].json.id).toBe(F.matters.purchase.id);
		expect(apiCalls('POST', '/matters')).toHaveLength(1);
		expect(apiCalls('GET', '/matters')).toHaveLength(1);
	});

	test('Create (lead) with wait, then Convert Lead, then Close', async () => {
		const lead = await run({
			resource: 'matter',
			operation: 'create',
			kind: 'lead',
			matterTypeId: F.matterTypes.leadPurchase,
			clients: clientsOf(F.contacts.jack.id),
			externalSystemId: 'PP-999001',
			waitUntilReadable: true,
		});
		expect(lead.output[0].json).toEqual(
			expect.objectContaining({ isLead: true, externalSystemId: 'PP-999001', created: true }),
		);
		const id = lead.output[0].json.id;
		const converted = await run({
			resource: 'matter',
			operation: 'convertLead',
			matter: byId(id),
			matterTypeId: F.matterTypes.purchase,
			clientRole: 'Buyer',
			waitUntilReadable: true,
		});
		expect(converted.output[0].json).toEqual(
			expect.objectContaining({
				id,
				isLead: false,
				matterTypeId: F.matterTypes.purchase,
				converted: true,
			}),
		);
		const patch = apiCalls('PATCH', `/matters/${id}`)[0];
		expect(patch.body).toEqual({
			isLead: false,
			matterTypeId: F.matterTypes.purchase,
			clientRole: 'Buyer',
		});
		const twice = await run({
			resource: 'matter',
			operation: 'convertLead',
			matter: byId(id),
			matterTypeId: F.matterTypes.purchase,
			clientRole: 'Buyer',
		});
		expect(twice.output[0].json.converted).toBe(false);

		const closed = await run({
			resource: 'matter',
			operation: 'close',
			matter: byId(id),
			closedDate: '2025-07-01T10:00:00Z',
			waitUntilReadable: true,
		});
		expect(closed.output[0].json).toEqual(
			expect.objectContaining({ status: 'Closed', closedDate: '2025-07-01T10:00:00Z' }),
		);
		const writes = apiCalls('PATCH').length;
		const again = await run({ resource: 'matter', operation: 'close', matter: byId(id) });
		expect(again.output[0].json.changed).toEqual([]);
		expect(apiCalls('PATCH')).toHaveLength(writes);
	});

	test('Close a lead sets leadClosedDate and the reason', async () => {
		await run({
			resource: 'matter',
			operation: 'close',
			matter: byId(F.leads.openSale.id),
			leadClosedReason: 'Went elsewhere',
		});
		expect(apiCalls('PATCH')[0].body).toEqual({
			status: 'Closed',
			leadClosedDate: expect.any(String),
			leadClosedReason: 'Went elsewhere',
		});
	});

	test('Update writes only the fields that differ; an unchanged matter is not written', async () => {
		const same = await run({
			resource: 'matter',
			operation: 'update',
			matter: byId(F.matters.purchase.id),
			updateFields: { number: 'PUR-0001', personResponsibleStaffId: F.staff.janeSmith.id },
		});
		expect(same.output[0].json.changed).toEqual([]);
		expect(apiCalls('PATCH')).toEqual([]);
		const changed = await run({
			resource: 'matter',
			operation: 'update',
			matter: byId(F.matters.purchase.id),
			updateFields: {
				number: 'PUR-0001',
				description: 'Purchase, price reduced',
				personAssistingStaffId: F.staff.tomBaker.id,
			},
			waitUntilReadable: true,
		});
		expect(apiCalls('PATCH')[0].body).toEqual({
			description: 'Purchase, price reduced',
			personAssistingStaffId: F.staff.tomBaker.id,
		});
		expect(changed.output[0].json).toEqual(
			expect.objectContaining({
				description: 'Purchase, price reduced',
				personAssistingStaffId: F.staff.tomBaker.id,
				changed: ['description', 'personAssistingStaffId'],
			}),
		);
	});

	test('a write Smokeball accepts but fails later: waiting ends with an error that points at the error webhook', async () => {
		const error = await run({
			resource: 'matter',
			operation: 'create',
			matterTypeId: F.matterTypes.purchase,
			clients: clientsOf(crypto.randomUUID()),
			waitUntilReadable: true,
			waitTimeout: 2,
		}).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/not readable after 2 s/);
		expect(error.description).toMatch(/error" webhook/);
	});

	test('bad input names the field and the item; continueOnFail gives a paired error item', async () => {
		const error = await run({
			resource: 'matter',
			operation: 'get',
			matter: byId('not-a-guid'),
		}).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/'Matter' is not a Smokeball ID/);
		const soft = await run(
			{
				resource: 'matter',
				operation: 'create',
				matterTypeId: F.matterTypes.purchase,
				clients: { client: [] },
			},
			{ continueOnFail: true },
		);
		expect(soft.output[0]).toEqual({
			json: expect.objectContaining({
				error: expect.stringMatching(/'Clients' is empty/),
			}),
			pairedItem: { item: 0 },
		});
		const missing = await run({
			resource: 'matter',
			operation: 'get',
			matter: byId(crypto.randomUUID()),
		}).catch((e) => e);
		expect(missing).toBeInstanceOf(NodeApiError);
		expect(missing.message).toMatch(/^Smokeball has no matter [0-9a-f-]+ \(it may have been deleted\).*\(reason: not_found\)$/);
	});
});

describe('Contact', () => {
	test('Create a person (wait) and a company; the External System ID finds an existing contact', async () => {
		const person = await run({
			resource: 'contact',
			operation: 'create',
			contactType: 'person',
			firstName: 'Nina',
			lastName: 'Shaw',
			externalSystemId: 'PP-CL-2001',
			additionalFields: {
				email: 'nina@example.com',
				cell: '07700 900999',
				addressLine1: '1 High St',
				city: 'Bath',
				birthDate: '1990-02-03',
			},
			waitUntilReadable: true,
		});
		expect(person.output[0].json).toEqual(
			expect.objectContaining({
				type: 'person',
				name: 'Nina Shaw',
				email: 'nina@example.com',
				cell: '07700 900999',
				externalSystemId: 'PP-CL-2001',
				created: true,
			}),
		);
		expect(apiCalls('POST', '/contacts')[0].body).toEqual({
			person: {
				firstName: 'Nina',
				lastName: 'Shaw',
				email: 'nina@example.com',
				cell: { number: '07700 900999' },
				birthDate: '1990-02-03',
				residentialAddress: { addressLine1: '1 High St', city: 'Bath' },
			},
			externalSystemId: 'PP-CL-2001',
		});
		const again = await run({
			resource: 'contact',
			operation: 'create',
			contactType: 'person',
			firstName: 'Nina',
			lastName: 'Shaw',
			externalSystemId: 'PP-CL-2001',
			additionalFields: { email: 'nina@example.com' },
		});
		expect(again.output[0].json).toEqual(
			expect.objectContaining({ id: person.output[0].json.id, created: false }),
		);
		const renamed = await run({
			resource: 'contact',
			operation: 'create',
			contactType: 'person',
			firstName: 'Alan',
			lastName: 'Renamed',
			externalSystemId: 'PP-CL-1001',
			lookupScope: 'all',
		});
		expect(renamed.output[0].json).toEqual(
			expect.objectContaining({
				id: F.contacts.alan.id,
				created: false,
				matchedBy: 'external_system_id',
			}),
		);
		// The contact ID the source already holds wins, even when email and name no longer match.
		const known = await run({
			resource: 'contact',
			operation: 'create',
			contactType: 'person',
			firstName: 'Alan',
			lastName: 'Married-Name',
			externalSystemId: 'ct_elsewhere',
			knownContactId: F.contacts.alan.id,
			matchEmail: true,
			additionalFields: { email: 'new@example.com' },
		});
		expect(known.output[0].json).toEqual(
			expect.objectContaining({ id: F.contacts.alan.id, created: false, matchedBy: 'known_id' }),
		);
		// A known ID that is deleted (or not a Smokeball ID) is passed over: the usual lookup decides.
		const stale = await run({
			resource: 'contact',
			operation: 'create',
			contactType: 'person',
			firstName: 'Nina',
			lastName: 'Shaw',
			externalSystemId: 'PP-CL-2001',
			knownContactId: F.contacts.deleted.id,
			additionalFields: { email: 'nina@example.com' },
		});
		expect(stale.output[0].json).toEqual(
			expect.objectContaining({ id: person.output[0].json.id, matchedBy: 'external_system_id' }),
		);
		const company = await run({
			resource: 'contact',
			operation: 'create',
			contactType: 'company',
			companyName: 'Severn Bank',
			additionalFields: { companyType: 'Bank', email: 'loans@severn.example' },
		});
		expect(company.output[0].json.accepted).toBe(true);
		expect(apiCalls('POST', '/contacts')[1].body).toEqual({
			company: { name: 'Severn Bank', type: 'Bank', email: 'loans@severn.example' },
		});
		const wrong = await run({
			resource: 'contact',
			operation: 'create',
			contactType: 'company',
			companyName: 'X',
			additionalFields: { birthDate: '2000-01-01' },
		}).catch((e) => e);
		expect(wrong.message).toMatch(/'birthDate' does not apply to a company/);
	});

	test('Create with Match Existing by Email and Name: a contact added by hand is reused, a spouse sharing the email is not', async () => {
		const create = (firstName, lastName, externalSystemId) =>
			run({
				resource: 'contact',
				operation: 'create',
				contactType: 'person',
				firstName,
				lastName,
				externalSystemId,
				matchEmail: true,
				additionalFields: { email: F.contacts.alan.email.toUpperCase() },
			});
		// Alan is in Smokeball under another External System ID: same email and name, so he is the same person.
		const alan = await create('alan', 'EXAMPLE', 'pa_901');
		expect(alan.output[0].json).toEqual(
			expect.objectContaining({
				id: F.contacts.alan.id,
				externalSystemId: 'PP-CL-1001',
				created: false,
			}),
		);
		expect(apiCalls('POST', '/contacts')).toHaveLength(0);
		// His partner shares the email but not the name: a new contact.
		const partner = await create('Beth', 'Example', 'pa_902');
		expect(partner.output[0].json.created).toBe(true);
		expect(apiCalls('POST', '/contacts')[0].body).toEqual({
			person: {
				firstName: 'Beth',
				lastName: 'Example',
				email: F.contacts.alan.email.toUpperCase(),
			},
			externalSystemId: 'pa_902',
		});
		// Without the option the External System ID alone decides, as before.
		const plain = await run({
			resource: 'contact',
			operation: 'create',
			contactType: 'person',
			firstName: 'Alan',
			lastName: 'Example',
			externalSystemId: 'pa_903',
			additionalFields: { email: F.contacts.alan.email },
		});
		expect(plain.output[0].json.created).toBe(true);
	});

	test('Get Many searches by name, email and phone', async () => {
		const byName = await run({
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
			filters: { name: '*example*' },
		});
		expect(byName.output.map((i) => i.json.name).sort()).toEqual(['Alan Example', 'Beth Example']);
		const byEmail = await run({
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
			filters: { email: 'alan@example.com' },
		});
		expect(byEmail.output.map((i) => i.json.id)).toEqual([F.contacts.alan.id]);
		const byPhone = await run({
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
			filters: { phone: '07700900123', updatedSince: '2025-01-01T00:00:00Z', types: ['Person'] },
		});
		expect(byPhone.output.map((i) => i.json.id)).toEqual([F.contacts.alan.id]);
		const q = new URL(apiCalls('GET', '/contacts')[2].url).searchParams;
		expect(q.getAll('Search')).toEqual(['phone:07700900123']);
		expect(q.get('UpdatedSince')).toMatch(/^638\d{15}$/);
		const deleted = await run({
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
			filters: { includeDeleted: true },
		});
		expect(deleted.output).toHaveLength(F.contactCount);
	});

	test('Update reads, merges and PUTs the whole contact; unchanged is not written', async () => {
		const none = await run({
			resource: 'contact',
			operation: 'update',
			contact: byId(F.contacts.alan.id),
			updateFields: { email: 'alan@example.com' },
		});
		expect(none.output[0].json.changed).toEqual([]);
		expect(apiCalls('PUT')).toEqual([]);
		const updated = await run({
			resource: 'contact',
			operation: 'update',
			contact: byId(F.contacts.alan.id),
			updateFields: { email: 'alan.new@example.com', city: 'Bath' },
			waitUntilReadable: true,
		});
		const put = apiCalls('PUT', `/contacts/${F.contacts.alan.id}`)[0];
		expect(put.body.person).toEqual(
			expect.objectContaining({
				firstName: 'Alan',
				lastName: 'Example',
				email: 'alan.new@example.com',
				cell: { areaCode: '', number: '07700 900123' },
			}),
		);
		expect(put.body.person.residentialAddress).toEqual(
			expect.objectContaining({ addressLine1: '14 Mill Lane', city: 'Bath' }),
		);
		expect(put.body.externalSystemId).toBe('PP-CL-1001');
		expect(updated.output[0].json).toEqual(
			expect.objectContaining({
				email: 'alan.new@example.com',
				changed: ['email', 'residentialAddress'],
			}),
		);
	});
});

describe('Staff, Memo, Fee, Expense', () => {
	test('Staff Get Many with a search and the hourly rate', async () => {
		const { output } = await run({
			resource: 'staff',
			operation: 'getAll',
			returnAll: true,
			filters: { email: 'jane@firm.co.uk', includeRate: true },
		});
		expect(output.map((i) => i.json)).toEqual([
			expect.objectContaining({
				id: F.staff.janeSmith.id,
				name: 'Jane Smith',
				rate: 250,
				userId: F.staff.janeSmith.userId,
			}),
		]);
	});

	test('Memo Create (once, even when run twice) and Get Many', async () => {
		const params = {
			resource: 'memo',
			operation: 'create',
			matter: byId(F.matters.sale.id),
			title: 'Conversion notes',
			text: 'Converted from PP-123499',
			waitUntilReadable: true,
		};
		const first = await run(params);
		expect(first.output[0].json).toEqual(
			expect.objectContaining({
				title: 'Conversion notes',
				text: 'Converted from PP-123499',
				created: true,
			}),
		);
		const second = await run(params);
		expect(second.output[0].json).toEqual(
			expect.objectContaining({ id: first.output[0].json.id, created: false }),
		);
		expect(apiCalls('POST', '/memos')).toHaveLength(1);
		const list = await run({
			resource: 'memo',
			operation: 'getAll',
			matter: byId(F.matters.purchase.id),
			returnAll: true,
		});
		expect(list.output).toHaveLength(F.memoCountOnPurchase);
	});

	test('Fee Create (fixed and time), duplicate skipped, Get Many since a time', async () => {
		const fixed = await run({
			resource: 'fee',
			operation: 'create',
			matter: byId(F.matters.sale.id),
			subject: 'Legal fee: sale (balance)',
			feeDate: '2025-06-20',
			feeType: 0,
			rate: 450,
			waitUntilReadable: true,
		});
		expect(fixed.output[0].json).toEqual(
			expect.objectContaining({
				feeType: 'fixed',
				amount: 450,
				staffId: F.staff.janeSmith.id,
				created: true,
			}),
		);
		const time = await run({
			resource: 'fee',
			operation: 'create',
			matter: byId(F.matters.sale.id),
			subject: 'Call with agent',
			feeDate: '2025-06-21',
			feeType: 1,
			rate: 180,
			duration: 20,
			additionalFields: { staffId: F.staff.tomBaker.id, isBillable: false },
		});
		expect(time.output[0].json.accepted).toBe(true);
		expect(apiCalls('POST', '/fees')[1].body).toEqual({
			subject: 'Call with agent',
			feeDate: '2025-06-21T00:00:00.000Z',
			feeType: 1,
			rate: 180,
			duration: 20,
			staffId: F.staff.tomBaker.id,
			isBillable: false,
		});
		const dup = await run({
			resource: 'fee',
			operation: 'create',
			matter: byId(F.matters.sale.id),
			subject: 'Legal fee: sale (balance)',
			feeDate: '2025-06-20',
			feeType: 0,
			rate: 450,
		});
		expect(dup.output[0].json.created).toBe(false);
		await flush();
		const list = await run({
			resource: 'fee',
			operation: 'getAll',
			matter: byId(F.matters.sale.id),
			returnAll: true,
			updatedSince: new Date(Date.now() - 60000).toISOString(),
		});
		expect(list.output.map((i) => i.json.subject).sort()).toEqual([
			'Call with agent',
			'Legal fee: sale (balance)',
		]);
	});

	test('Expense Create, price precision checked before any write, Get Many', async () => {
		const ok = await run({
			resource: 'expense',
			operation: 'create',
			matter: byId(F.matters.sale.id),
			subject: 'Land Registry fee',
			expenseDate: '2025-06-22',
			price: 20,
			quantity: 1,
			costType: 'Hard',
			waitUntilReadable: true,
		});
		expect(ok.output[0].json).toEqual(
			expect.objectContaining({
				subject: 'Land Registry fee',
				amount: 20,
				costType: 'Hard',
				created: true,
			}),
		);
		const bad = await run({
			resource: 'expense',
			operation: 'create',
			matter: byId(F.matters.sale.id),
			subject: 'x',
			expenseDate: '2025-06-22',
			price: 1.234,
		}).catch((e) => e);
		expect(bad.message).toMatch(/'Price' must be an amount with at most 2 decimal places/);
		const list = await run({
			resource: 'expense',
			operation: 'getAll',
			matter: byId(F.matters.purchase.id),
			returnAll: true,
		});
		expect(list.output).toHaveLength(F.expenseCountOnPurchase);
	});
});

describe('Matter Type', () => {
	test('Get Many: matter or lead types, by name; simplified or raw', async () => {
		const { output } = await run({
			resource: 'matterType',
			operation: 'getAll',
			returnAll: true,
			filters: { kind: 0, name: 'Conveyancing' },
		});
		expect(output.map((o) => o.json.name).sort()).toEqual([
			'Conveyancing - Purchase',
			'Conveyancing - Sale',
		]);
		expect(output.find((o) => o.json.id === F.matterTypes.purchase).json).toEqual({
			id: F.matterTypes.purchase,
			name: 'Conveyancing - Purchase',
			category: 'Conveyancing',
			kind: 'matter',
			location: 'ENG',
			representativeOptions: ['Buyer', 'Lender'],
			isDeleted: false,
		});
		expect(apiCalls('GET', '/mattertypes')[0].url).toMatch(/Name=Conveyancing/);
		expect(apiCalls('GET', '/mattertypes')[0].url).toMatch(/Type=0/);
		const leads = await run({
			resource: 'matterType',
			operation: 'getAll',
			returnAll: false,
			limit: 1,
			filters: { kind: 1 },
			simplify: false,
		});
		expect(leads.output).toHaveLength(1);
		expect(leads.output[0].json).toEqual(
			expect.objectContaining({ type: 1, href: expect.any(String) }),
		);
	});
});

describe('Document, Matter Stage, Client Portal', () => {
	const file = (text, fileName = 'Quote.pdf') => ({
		json: {},
		binary: {
			data: { data: Buffer.from(text).toString('base64'), fileName, mimeType: 'application/pdf' },
		},
	});

	test('Upload: metadata POST, then the bytes PUT to the presigned URL with an empty Content-Type and no API headers', async () => {
		const { output } = await run(
			{
				resource: 'document',
				operation: 'upload',
				matter: byId(F.matters.sale.id),
				externalReference: 'pp:doc:1',
				additionalFields: { folderPath: 'Perfect Portal' },
				waitUntilReadable: true,
			},
			{ input: [file('%PDF-1.4 quote')] },
		);
		expect(output[0].json).toEqual(
			expect.objectContaining({
				fileName: 'Quote.pdf',
				isUploaded: true,
				sizeBytes: 14,
				externalSystemId: 'pp:doc:1',
				created: true,
			}),
		);
		const put = requests.find((r) => !r.authenticated && r.method === 'PUT');
		expect(put.headers).toEqual({ 'Content-Type': '' });
		expect(put.url).toContain('/smokeball/files/');
		expect(apiCalls('POST', '/documents/files')[0].body).toEqual({
			fileName: 'Quote.pdf',
			folderPath: 'Perfect Portal',
			fileAdditionalData: { externalSystemId: 'pp:doc:1' },
		});

		const again = await run(
			{
				resource: 'document',
				operation: 'upload',
				matter: byId(F.matters.sale.id),
				externalReference: 'pp:doc:1',
			},
			{ input: [file('%PDF-1.4 quote')] },
		);
		expect(again.output[0].json).toEqual(
			expect.objectContaining({ id: output[0].json.id, created: false }),
		);
		expect(apiCalls('POST', '/documents/files')).toHaveLength(1);

		const down = await run({
			resource: 'document',
			operation: 'download',
			matter: byId(F.matters.sale.id),
			fileId: output[0].json.id,
		});
		expect(Buffer.from(down.output[0].binary.data.data, 'base64').toString()).toBe(
			'%PDF-1.4 quote',
		);
		expect(down.output[0].binary.data).toEqual(
			expect.objectContaining({ fileName: 'Quote.pdf', mimeType: 'application/pdf' }),
		);
		const get = requests.find((r) => !r.authenticated && r.method === 'GET');
		expect(get.headers.Authorization).toBeUndefined();
		expect(get.headers['x-api-key']).toBeUndefined();
	});

	test('Upload completes a file whose earlier upload failed instead of adding a second one', async () => {
		const { clock } = require('../../nodes/shared/clock');
		const realSleep = clock.sleep;
		clock.sleep = async () => undefined; // the storage retries' backoff, not under test here
		await admin('POST', '/config', {
			faults: {
				script: [
					{ status: 500, match: { system: 'smokeball', method: 'PUT' } },
					{ status: 500, match: { system: 'smokeball', method: 'PUT' } },
					{ status: 500, match: { system: 'smokeball', method: 'PUT' } },
					{ status: 500, match: { system: 'smokeball', method: 'PUT' } },
					{ status: 500, match: { system: 'smokeball', method: 'PUT' } },
					{ status: 500, match: { system: 'smokeball', method: 'PUT' } },
				],
			},
		});
		const failed = await run(
			{
				resource: 'document',
				operation: 'upload',
				matter: byId(F.matters.sale.id),
				externalReference: 'pp:doc:2',
			},
			{ input: [file('abc', 'a.txt')] },
		)
			.catch((e) => e)
			.finally(() => {
				clock.sleep = realSleep;
			});
		expect(failed).toBeInstanceOf(NodeApiError);
		expect(failed.message).toMatch(/^Smokeball file storage kept failing on its side.*\(reason: system_unavailable\b/);
		const retry = await run(
			{
				resource: 'document',
				operation: 'upload',
				matter: byId(F.matters.sale.id),
				externalReference: 'pp:doc:2',
			},
			{ input: [file('abc', 'a.txt')] },
		);
		expect(retry.output[0].json.uploaded).toBe(true);
		expect(apiCalls('POST', '/documents/files')).toHaveLength(1);
		expect(apiCalls('GET', '/upload')).toHaveLength(1);
		const files = (await state()).files.filter(
			(f) => f.additionalData.externalSystemId === 'pp:doc:2',
		);
		expect(files).toEqual([expect.objectContaining({ isUploaded: true, sizeBytes: 3 })]);
	});

	test('Document Get Many and a seeded download', async () => {
		const list = await run({
			resource: 'document',
			operation: 'getAll',
			matter: byId(F.matters.purchase.id),
			returnAll: true,
			filters: { fileExtension: 'pdf' },
		});
		expect(list.output).toHaveLength(F.fileCountOnPurchase);
		expect(list.output[0].json).toEqual(
			expect.objectContaining({
				fileName: 'Quote PP-123456.pdf',
				externalSystemId: F.files.quote.externalSystemId,
			}),
		);
		const down = await run({
			resource: 'document',
			operation: 'download',
			matter: byId(F.matters.purchase.id),
			fileId: F.files.quote.id,
			binaryPropertyName: 'pdf',
		});
		expect(Buffer.from(down.output[0].binary.pdf.data, 'base64').toString()).toBe(
			F.files.quote.text,
		);
	});

	test('Matter Stage Get Many: the stages changed since a time (the catch-up for missed stage webhooks)', async () => {
		const since = new Date(Date.now() - 60_000).toISOString();
		await admin('POST', `/smokeball/matters/${F.matters.sale.id}/stage`, { stageName: 'Exchange' });
		const { output } = await run({
			resource: 'matterStage',
			operation: 'getAll',
			returnAll: true,
			filters: { updatedSince: since },
		});
		expect(output.map((o) => o.json)).toEqual([
			expect.objectContaining({
				matterId: F.matters.sale.id,
				stageName: 'Exchange',
				updatedAt: expect.any(String),
			}),
		]);
		const every = await run({ resource: 'matterStage', operation: 'getAll', returnAll: true });
		expect(every.output.length).toBeGreaterThan(1);
	});

	test('Matter Stage Get: stage and stage set names; a matter without a stage gives nulls', async () => {
		const { output } = await run({
			resource: 'matterStage',
			operation: 'get',
			matter: byId(F.matters.purchase.id),
		});
		expect(output[0].json).toEqual(
			expect.objectContaining({
				matterId: F.matters.purchase.id,
				stageName: F.purchaseStage.stageName,
				stageSetName: F.purchaseStage.stageSetName,
				updatedAt: expect.any(String),
			}),
		);
		const none = await run({
			resource: 'matterStage',
			operation: 'get',
			matter: byId(F.leads.open.id),
		});
		expect(none.output[0].json).toEqual(
			expect.objectContaining({ stageId: null, stageName: null }),
		);
	});

	test('Client Portal Send Message: to the first client when none given, as a user (UserId header)', async () => {
		const { output } = await run({
			resource: 'clientPortal',
			operation: 'sendMessage',
			matter: byId(F.matters.purchase.id),
			message: 'Exchange is booked for Friday.',
			userId: F.staff.janeSmith.userId,
		});
		expect(output[0].json).toEqual(
			expect.objectContaining({ contactId: F.contacts.alan.id, accepted: true }),
		);
		expect(apiCalls('POST', '/portal/messages')[0].headers.UserId).toBe(F.staff.janeSmith.userId);
		await flush();
		const messages = await admin('GET', '/smokeball/portal-messages');
		expect(messages).toEqual([
			expect.objectContaining({
				contactId: F.contacts.alan.id,
				message: 'Exchange is booked for Friday.',
				sentByUserId: F.staff.janeSmith.userId,
			}),
		]);
	});
});

describe('Referral Type', () => {
	test("Get Many lists the firm's referral types (Smokeball's referrers), deleted ones on request", async () => {
		const live = await run({ resource: 'referralType', operation: 'getAll' });
		const T = F.referralTypes;
		expect(live.output.map((o) => o.json)).toEqual([
			{ id: T.hunters.id, name: T.hunters.name, isDeleted: false },
			{ id: T.northshire.id, name: T.northshire.name, isDeleted: false },
		]);
		const all = await run({ resource: 'referralType', operation: 'getAll', includeDeleted: true });
		expect(all.output).toHaveLength(3);
	});
});

describe('loadOptions and listSearch', () => {
	const method = (kind, name, currentParameters, ...args) =>
		runMethodOAuth2({ node, credentials, requests, currentParameters }, kind, name, ...args);

	test('matter types by kind, client roles of a type, staff, users; searches for matters and contacts', async () => {
		const leadTypes = await method('loadOptions', 'getMatterTypes', { kind: 'lead' });
		expect(leadTypes.map((o) => o.value).sort()).toEqual(
			[F.matterTypes.leadPurchase, F.matterTypes.leadSale].sort(),
		);
		const matterTypes = await method('loadOptions', 'getMatterTypes', { kind: 'matter' });
		expect(matterTypes).toHaveLength(3);
		const roles = await method('loadOptions', 'getClientRoles', {
			matterTypeId: F.matterTypes.purchase,
		});
		expect(roles.map((r) => r.value)).toEqual(['Buyer', 'Lender']);
		const staff = await method('loadOptions', 'getStaff', {});
		expect(staff).toHaveLength(F.staffCount);
		expect(staff.at(-1).name).toMatch(/\(former\)$/);
		const users = await method('loadOptions', 'getUsers', {});
		expect(users.map((u) => u.value)).toContain(F.staff.janeSmith.userId);
		const matters = await method('listSearch', 'searchMatters', {}, 'PUR-0001');
		expect(matters.results).toEqual([
			expect.objectContaining({
				value: F.matters.purchase.id,
				name: expect.stringContaining('PUR-0001'),
			}),
		]);
		const contacts = await method('listSearch', 'searchContacts', {}, 'example');
		expect(contacts.results.map((c) => c.name).sort()).toEqual(['Alan Example', 'Beth Example']);
	});
});

describe('Smokeball Trigger', () => {
	let receiver;
	let webhookUrl;
	let staticData;
	let deliveries;
	let parameters;

	beforeAll(async () => {
		receiver = http.createServer((req, res) => {
			const chunks = [];
			req.on('data', (c) => chunks.push(c));
			req.on('end', async () => {
				const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
				const out = await runWebhook({
					node: trigger,
					parameters,
					credentials,
					staticData,
					headers: req.headers,
					body,
					webhookUrl,
					requests,
				});
				deliveries.push({ headers: req.headers, body, ...out });
				res.writeHead(out.res.ended ? out.res.statusCode : 200).end();
			});
		});
		await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
		webhookUrl = `http://127.0.0.1:${receiver.address().port}/webhook/abc/webhook`;
	});
	afterAll(() => new Promise((r) => receiver.close(r)));
	beforeEach(() => {
		staticData = { node: {}, global: {} };
		deliveries = [];
		parameters = { events: ['matter.created', 'matter.updated', 'matterstage.updated', 'error'] };
	});
	const hook = (name) =>
		runHook({ node: trigger, parameters, credentials, staticData, webhookUrl, requests }, name);
	// The key the trigger derives (the harness's instance, workflow and node ids): never in static data.
	const triggerKey = () =>
		signingKey(credentials.smokeballOAuth2Api, {
			instanceId: 'test-instance',
			workflowId: 'test-workflow',
			nodeId: 'node-under-test',
		});
	/** Deliveries after a write are sent in the background: wait (up to 5 s) until n arrived, then a moment more. */
	const settle = async (n) => {
		for (let i = 0; i < 100 && deliveries.length < n; i++)
			await new Promise((r) => setTimeout(r, 50));
		await new Promise((r) => setTimeout(r, 100));
	};

	test('activation subscribes with the derived key; deliveries are verified, emitted once, filtered by event', async () => {
		// The node's own writes start the workflow here, to see the RequestId they carry.
		parameters.options = { ignoreOwnWrites: false };
		expect((await hook('checkExists')).result).toBe(false);
		expect((await hook('create')).result).toBe(true);
		expect(JSON.stringify(staticData)).not.toContain(triggerKey());
		const sub = (await state()).webhooks[0];
		expect(sub).toEqual(
			expect.objectContaining({
				id: staticData.node.subscriptionId,
				eventNotificationUrl: webhookUrl,
				key: triggerKey(),
				eventTypes: ['error', 'matter.created', 'matter.updated', 'matterstage.updated'],
			}),
		);
		expect((await hook('checkExists')).result).toBe(true);

		// A matter created through the node reaches the trigger with the RequestId the node sent.
		const created = await run({
			resource: 'matter',
			operation: 'create',
			matterTypeId: F.matterTypes.sale,
			clients: clientsOf(F.contacts.oliver.id),
		});
		await flush();
		await settle(1);
		expect(deliveries).toHaveLength(1);
		const [first] = deliveries;
		expect(first.result.workflowData[0]).toEqual([
			{
				json: expect.objectContaining({
					type: 'matter.created',
					source: 'API',
					resourceId: created.output[0].json.id,
					requestId: apiCalls('POST', '/matters')[0].headers.RequestId,
					sentAt: expect.any(String),
				}),
			},
		]);

		// At-least-once: the same event delivered twice starts the workflow once.
		await admin('POST', '/smokeball/events', {
			type: 'matter.updated',
			matterId: F.matters.purchase.id,
			copies: 2,
		});
		await settle(3);
		expect(deliveries).toHaveLength(3);
		expect(deliveries[1].result.workflowData).toBeDefined();
		expect(deliveries[2].result).toEqual({ noWebhookResponse: true });
		expect(deliveries[2].res.body).toEqual({ received: true, ignored: 'duplicate' });

		// Stage changes arrive as matterstage.updated; a contact event nobody selected never reaches the node.
		await admin('POST', `/smokeball/matters/${F.matters.purchase.id}/stage`, {
			stageName: 'Completion',
		});
		await admin('POST', '/smokeball/events', {
			type: 'contact.updated',
			payload: { id: F.contacts.alan.id },
		});
		await settle(4);
		expect(deliveries).toHaveLength(4);
		expect(deliveries[3].result.workflowData[0][0].json.payload.stage.name).toBe('Completion');
	});

	test("Ignore Own Changes: echoes of the node's writes (its RequestIds) are acknowledged, not emitted", async () => {
		parameters = {
			events: ['matter.created', 'matter.updated'],
			options: { ignoreOwnWrites: true },
		};
		await hook('create');
		await run({
			resource: 'matter',
			operation: 'create',
			matterTypeId: F.matterTypes.sale,
			clients: clientsOf(F.contacts.oliver.id),
		});
		const sent = apiCalls('POST', '/matters')[0].headers.RequestId;
		expect(isOwnRequestId(sent)).toBe(true);
		await flush();
		await settle(1);
		expect(deliveries).toHaveLength(1);
		expect(deliveries[0].headers.requestid).toBe(sent);
		expect(deliveries[0].result).toEqual({ noWebhookResponse: true });
		expect(deliveries[0].res.body).toEqual({ received: true, ignored: 'own_write' });
		// A change made in Smokeball itself (another RequestId) still starts the workflow.
		await admin('POST', '/smokeball/events', {
			type: 'matter.updated',
			matterId: F.matters.purchase.id,
		});
		await settle(2);
		expect(deliveries[1].result.workflowData[0][0].json.type).toBe('matter.updated');
	});

	test('forged, unsigned, stale and replayed deliveries are refused', async () => {
		await hook('create');
		const secret = triggerKey();
		const body = {
			accountId: F.accountId,
			subscriptionId: staticData.node.subscriptionId,
			type: 'matter.updated',
			source: 'Smokeball',
			payload: { id: F.matters.purchase.id },
			timestamp: 0,
		};
		const ticksNow = smokeball.helpers.ticksString(Date.now());
		const signed = (ts, requestId, key = secret) => ({
			Timestamp: ts,
			RequestId: requestId,
			Signature: signature(key, ts, requestId, F.clientId),
		});
		const deliver = (headers) =>
			runWebhook({
				node: trigger,
				parameters,
				credentials,
				staticData,
				headers,
				body,
				webhookUrl,
				requests,
			});

		const good = await deliver(signed(ticksNow, 'r-1'));
		expect(good.result.workflowData).toHaveLength(1);

		const forged = await deliver(signed(ticksNow, 'r-2', 'not-the-secret'));
		expect(forged.result).toEqual({ noWebhookResponse: true });
		expect(forged.res).toEqual(
			expect.objectContaining({ statusCode: 401, body: { error: 'bad_signature' } }),
		);

		const tampered = await deliver({ ...signed(ticksNow, 'r-3'), RequestId: 'r-3b' });
		expect(tampered.res.statusCode).toBe(401);

		const unsigned = await deliver({ Timestamp: ticksNow, RequestId: 'r-4' });
		expect(unsigned.res).toEqual(
			expect.objectContaining({ statusCode: 401, body: { error: 'unsigned' } }),
		);

		const old = smokeball.helpers.ticksString(Date.now() - 10 * 60000);
		const stale = await deliver(signed(old, 'r-5'));
		expect(stale.res).toEqual(
			expect.objectContaining({ statusCode: 401, body: { error: 'stale' } }),
		);

		const replay = await deliver(signed(ticksNow, 'r-1'));
		expect(replay.result).toEqual({ noWebhookResponse: true });
		expect(replay.res.body).toEqual({ received: true, ignored: 'duplicate' });

		// The same signed headers with another body (another matter) are the same delivery: refused as a duplicate.
		const swapped = await runWebhook({
			node: trigger,
			parameters,
			credentials,
			staticData,
			headers: signed(ticksNow, 'r-1'),
			body: { ...body, payload: { id: F.matters.sale.id } },
			webhookUrl,
			requests,
		});
		expect(swapped.res.body).toEqual({ received: true, ignored: 'duplicate' });
	});

	test('Check Trigger Subscriptions: a subscription Smokeball dropped is made again at once, its test event verifies; orphans are listed, then removed; failures alert once', async () => {
		await hook('create');
		const triggerNode = {
			id: 'node-under-test',
			name: 'Smokeball Trigger',
			type: 'n8n-nodes-legal-sync.smokeballTrigger',
			parameters: { events: parameters.events },
			credentials: { smokeballOAuth2Api: { id: 'smokeballOAuth2Api-test', name: 'Smokeball' } },
			webhookId: 'abc',
		};
		const workflows = () => [
			{
				json: {
					id: 'test-workflow',
					name: 'Test',
					active: true,
					nodes: [triggerNode],
					staticData: { 'node:Smokeball Trigger': { ...staticData.node } },
				},
			},
		];
		const checkMemory = { node: {}, global: {} };
		const check = (options = {}, input = workflows()) =>
			run(
				{ resource: 'webhookSubscription', operation: 'checkTriggers', options },
				{ input, staticData: checkMemory },
			);

		requests.length = 0;
		let out = (await check()).output;
		expect(out.map((r) => r.json.result)).toEqual(['in place']);
		expect(requests.filter((r) => r.method !== 'GET' && r.authenticated)).toHaveLength(0);

		// Smokeball drops it (refresh token expired or access revoked): the next check subscribes again.
		await admin('POST', '/smokeball/subscriptions/expire', {});
		deliveries = [];
		out = (await check()).output;
		expect(out[0].json).toEqual(
			expect.objectContaining({
				workflow_id: 'test-workflow',
				trigger: 'Smokeball Trigger',
				url: webhookUrl,
				result: 'created',
				test_event: 'sent',
				alert: false,
			}),
		);
		const [sub] = (await state()).webhooks;
		expect(sub).toEqual(
			expect.objectContaining({
				id: out[0].json.subscription_id,
				key: triggerKey(),
				eventNotificationUrl: webhookUrl,
			}),
		);
		// Smokeball's test event (noop) reached the trigger, passed the signature check and started nothing.
		await settle(1);
		expect(deliveries[0].res).toEqual(
			expect.objectContaining({
				statusCode: 200,
				body: { received: true, ignored: 'event_not_selected' },
			}),
		);
		await admin('POST', '/smokeball/events', {
			type: 'matter.updated',
			matterId: F.matters.purchase.id,
		});
		await settle(2);
		expect(deliveries[1].result.workflowData[0][0].json.type).toBe('matter.updated');

		// Orphans: one this n8n made for a trigger no longer published, one at this trigger's old address; another
		// system's subscription is never touched.
		const smokeballState = await state();
		const orphan = (id, name, url) => ({
			...sub,
			id,
			name,
			eventNotificationUrl: url,
			createdDateUtc: sub.createdDateUtc,
		});
		const gone = sub.name.replace('test-workflow node-under-test', 'wf-gone node-gone');
		smokeballState.webhooks.push(
			orphan(
				'00000000-0000-4000-8000-000000000001',
				gone,
				'https://n8n.example.com/webhook/zz/webhook',
			),
			orphan(
				'00000000-0000-4000-8000-000000000002',
				'n8n: Test',
				'http://old-host:5678/webhook/abc/webhook',
			),
			orphan(
				'00000000-0000-4000-8000-000000000003',
				'Case Status',
				'https://casestatus.example/hook',
			),
		);
		await admin('PUT', '/state/smokeball', smokeballState);
		out = (await check()).output;
		expect(out.map((r) => [r.json.result, r.json.subscription_id])).toEqual([
			['in place', sub.id],
			['orphan', '00000000-0000-4000-8000-000000000001'],
			['orphan', '00000000-0000-4000-8000-000000000002'],
		]);
		expect(out[2].json.reason).toMatch(/old address of this n8n \(now http:\/\/127\.0\.0\.1/);
		expect(out[1].json.fix).toMatch(/Remove Orphans/);
		out = (await check({ removeOrphans: true })).output;
		expect(out.filter((r) => r.json.result === 'orphan removed')).toHaveLength(2);
		expect((await state()).webhooks.map((w) => w.id).sort()).toEqual(
			['00000000-0000-4000-8000-000000000003', sub.id].sort(),
		);

		// Wired to anything but the workflow list, it refuses instead of taking every subscription for an orphan.
		await expect(check({ removeOrphans: true }, [{ json: {} }])).rejects.toThrow(
			'The input holds no n8n workflows',
		);
		expect((await state()).webhooks).toHaveLength(2);

		// A trigger that never recorded its address, and a credential Smokeball refuses: failed rows, alerting once.
		const unrecorded = workflows();
		unrecorded[0].json.staticData = {};
		out = (await check({}, unrecorded)).output;
		expect(out[0].json).toEqual(
			expect.objectContaining({
				result: 'failed',
				alert: true,
				fix: expect.stringMatching(/publish/),
			}),
		);
		expect((await check({}, unrecorded)).output[0].json.alert).toBe(false);
		await admin('POST', '/smokeball/subscriptions/expire', {});
		await admin('POST', '/smokeball/tokens/expire', {});
		credentials.smokeballOAuth2Api.clientSecret = 'revoked';
		out = (await check()).output;
		expect(out[0].json).toEqual(expect.objectContaining({ result: 'failed', alert: true }));
		expect(`${out[0].json.reason} ${out[0].json.fix}`).toMatch(/credential/i);
		expect(JSON.stringify(out)).not.toContain('revoked');
	});

	test('a subscription Smokeball dropped (refresh token expired) is recreated on the next activation; deactivation deletes', async () => {
		await hook('create');
		const firstId = staticData.node.subscriptionId;
		await admin('POST', '/smokeball/subscriptions/expire', {});
		expect((await hook('checkExists')).result).toBe(false);
		await hook('create');
		expect(staticData.node.subscriptionId).not.toBe(firstId);
		expect((await state()).webhooks.map((w) => w.id)).toEqual([staticData.node.subscriptionId]);

		// Changed event selection: the old subscription is replaced, never duplicated.
		parameters = { events: ['memo.created'] };
		expect((await hook('checkExists')).result).toBe(false);
		await hook('create');
		expect((await state()).webhooks).toEqual([
			expect.objectContaining({ eventTypes: ['memo.created'] }),
		]);

		// Static data lost (e.g. workflow re-imported): the subscription is found by its mark and kept.
		staticData = { node: {}, global: {} };
		expect((await hook('checkExists')).result).toBe(true);
		await hook('create');
		expect((await state()).webhooks).toHaveLength(1);

		expect((await hook('delete')).result).toBe(true);
		expect((await state()).webhooks).toEqual([]);
		expect(staticData.node.subscriptionId).toBeUndefined();
	});
});
