'use strict';

// The Smokeball emulator against Smokeball's own swagger and guides (docs/api/smokeball.md), over real HTTP: OAuth2,
// both headers on every API call, the /{accountId} prefix rule, Offset/Limit pages, 202 + Link writes applied
// later, ProblemDetails, presigned upload/download, signed webhook delivery, and responses that validate against
// the swagger's response schemas.

const crypto = require('node:crypto');
const http = require('node:http');
const { startSandbox } = require('../../sandbox/server');
const { sandboxClient, adminClient } = require('../helpers/sandbox-client');
const smokeball = require('../../sandbox/systems/smokeball');
const { signature } = require('../../sandbox/systems/smokeball/webhooks');
const { spec, validateValue } = require('../../sandbox/systems/smokeball/openapi');
const { ticksString, msFromTicks } = require('../../sandbox/systems/smokeball/ticks');

const F = smokeball.SEED_FACTS;
let sb;
let base; // http://host/smokeball
let api; // client-credentials API base (with the account prefix)

const basic = (id = F.clientId, secret = F.clientSecret) =>
	`Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

async function form(path, body, headers = {}) {
	const res = await fetch(base + path, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
		body: new URLSearchParams(body).toString(),
	});
	return { status: res.status, body: await res.json() };
}

async function clientToken() {
	const res = await form(
		'/auth/oauth2/token',
		{ grant_type: 'client_credentials' },
		{ Authorization: basic() },
	);
	return res.body.access_token;
}

let token;
const { call, get, post, patch } = sandboxClient({
	base: () => api,
	auth: ({ auth = true }, headers) =>
		auth
			? {
					'x-api-key': headers['x-api-key'] ?? F.apiKey,
					Authorization: headers.Authorization ?? `Bearer ${token}`,
				}
			: {},
	read: 'jsonOrText',
});
const admin = adminClient(() => `${sb.url}/__admin`);
const flush = () => admin('POST', '/smokeball/processing/flush');

/** Waits (up to 5 s) until check() is true: deliveries after a write are sent in the background. */
async function until(check) {
	for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
	expect(check()).toBe(true);
}

/** The response schema of an operation, validated strictly (no field the swagger does not define). */
function expectSchema(path, method, status, body) {
	const content = spec.paths[path][method].responses[String(status)].content;
	const errors = validateValue(content['application/json'].schema, body, '', { strict: true });
	expect(errors).toEqual([]);
}

beforeAll(async () => {
	sb = await startSandbox({ port: 0, systems: [smokeball] });
	base = `${sb.url}/smokeball`;
	api = `${base}/api/${F.accountId}`;
});
afterAll(() => sb.close());
beforeEach(async () => {
	await admin('POST', '/reset');
	await admin('POST', '/config', { rateLimits: false });
	token = await clientToken();
});

describe('OAuth2 (Cognito-style)', () => {
	test('client credentials need HTTP Basic client auth and a form body', async () => {
		const ok = await form(
			'/auth/oauth2/token',
			{ grant_type: 'client_credentials' },
			{ Authorization: basic() },
		);
		expect(ok.status).toBe(200);
		expect(ok.body).toEqual({
			access_token: expect.stringMatching(/^sbat_/),
			token_type: 'Bearer',
			expires_in: 3600,
		});
		expect(ok.body.refresh_token).toBeUndefined();
		const wrong = await form(
			'/auth/oauth2/token',
			{ grant_type: 'client_credentials' },
			{ Authorization: basic(F.clientId, 'nope') },
		);
		expect(wrong).toEqual({
			status: 401,
			body: { error: 'invalid_client', error_description: expect.any(String) },
		});
		const inBody = await form('/auth/oauth2/token', {
			grant_type: 'client_credentials',
			client_id: F.clientId,
			client_secret: F.clientSecret,
		});
		expect(inBody.status).toBe(401);
		const json = await fetch(`${base}/auth/oauth2/token`, {
			method: 'POST',
			headers: { Authorization: basic(), 'Content-Type': 'application/json' },
			body: JSON.stringify({ grant_type: 'client_credentials' }),
		});
		expect(json.status).toBe(400);
	});

	test("the token endpoint is not behind the API's 5/s partner limit", async () => {
		await admin('POST', '/config', { rateLimits: true });
		const statuses = [];
		for (let i = 0; i < 12; i++) {
			statuses.push(
				(
					await form(
						'/auth/oauth2/token',
						{ grant_type: 'client_credentials' },
						{ Authorization: basic() },
					)
				).status,
			);
		}
		expect(statuses.every((s) => s === 200)).toBe(true);
	});

	test('authorization code with PKCE: redirect with code, single-use exchange, refresh keeps the refresh token', async () => {
		const verifier = crypto.randomBytes(32).toString('base64url');
		const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
		const redirect = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';
		const auth = await fetch(
			`${base}/auth/oauth2/authorize?response_type=code&client_id=${F.clientId}&redirect_uri=${encodeURIComponent(redirect)}&state=xyz&code_challenge=${challenge}&code_challenge_method=S256`,
			{ redirect: 'manual' },
		);
		expect(auth.status).toBe(302);
		const location = new URL(auth.headers.get('location'));
		expect(location.origin + location.pathname).toBe(redirect);
		expect(location.searchParams.get('state')).toBe('xyz');
		const code = location.searchParams.get('code');

		const bad = await form(
			'/auth/oauth2/token',
			{ grant_type: 'authorization_code', code, redirect_uri: redirect, code_verifier: 'wrong' },
			{ Authorization: basic() },
		);
		expect(bad.body.error).toBe('invalid_grant');
		// The code was spent by the failed attempt.
		const spent = await form(
			'/auth/oauth2/token',
			{ grant_type: 'authorization_code', code, redirect_uri: redirect, code_verifier: verifier },
			{ Authorization: basic() },
		);
		expect(spent.body.error).toBe('invalid_grant');

		const again = new URL(
			(
				await fetch(
					`${base}/auth/oauth2/authorize?response_type=code&client_id=${F.clientId}&redirect_uri=${encodeURIComponent(redirect)}&code_challenge=${challenge}&code_challenge_method=S256`,
					{ redirect: 'manual' },
				)
			).headers.get('location'),
		).searchParams.get('code');
		const tokens = await form(
			'/auth/oauth2/token',
			{
				grant_type: 'authorization_code',
				code: again,
				redirect_uri: redirect,
				code_verifier: verifier,
			},
			{ Authorization: basic() },
		);
		expect(tokens.status).toBe(200);
		expect(tokens.body).toEqual(
			expect.objectContaining({
				token_type: 'Bearer',
				expires_in: 3600,
				refresh_token: expect.any(String),
			}),
		);
		// Authorization-code tokens use paths without the account prefix.
		const plain = await get(`${base}/api/staff`, {
			headers: { Authorization: `Bearer ${tokens.body.access_token}` },
		});
		expect(plain.status).toBe(200);
		const prefixed = await get(`${api}/staff`, {
			headers: { Authorization: `Bearer ${tokens.body.access_token}` },
		});
		expect(prefixed.status).toBe(404);

		const refreshed = await form(
			'/auth/oauth2/token',
			{ grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token },
			{ Authorization: basic() },
		);
		expect(refreshed.status).toBe(200);
		expect(refreshed.body.refresh_token).toBeUndefined();
		expect(refreshed.body.access_token).not.toBe(tokens.body.access_token);
	});
});

describe('API auth', () => {
	test('both x-api-key and a valid bearer token, on every request', async () => {
		expect((await get('/staff')).status).toBe(200);
		expect((await get('/staff', { headers: { 'x-api-key': 'sb_wrong' } })).status).toBe(401);
		const noKey = await fetch(`${api}/staff`, { headers: { Authorization: `Bearer ${token}` } });
		expect(noKey.status).toBe(401);
		const noToken = await fetch(`${api}/staff`, { headers: { 'x-api-key': F.apiKey } });
		expect(noToken.status).toBe(401);
		expect(await noToken.json()).toEqual({ message: 'Unauthorized' });
		await admin('POST', '/smokeball/tokens/expire');
		expect((await get('/staff')).status).toBe(401);
	});

	test('client credentials: the /{accountId} prefix is required and must be the token account', async () => {
		const bare = await get(`${base}/api/staff`);
		expect(bare.status).toBe(403);
		expect(bare.body).toEqual(
			expect.objectContaining({
				status: 403,
				title: 'Forbidden',
				detail: expect.stringContaining('/{accountId}'),
			}),
		);
		expect((await get(`${base}/api/${crypto.randomUUID()}/staff`)).status).toBe(403);
		const ok = await get('/staff');
		expect(ok.body.href).toBe(`${api}/staff`);
		expect(ok.body.value[0].href.startsWith(`${api}/staff/`)).toBe(true);
	});

	test('5 requests per second, burst 5, per partner key', async () => {
		await admin('POST', '/config', { rateLimits: true });
		// Sent together, so the bucket cannot refill in between (even on a busy machine).
		const statuses = (
			await Promise.all(Array.from({ length: 10 }, () => get('/webhooks/types')))
		).map((r) => r.status);
		const ok = statuses.filter((s) => s === 200).length;
		expect(ok).toBeGreaterThanOrEqual(5);
		expect(ok).toBeLessThanOrEqual(6);
		expect(statuses.filter((s) => s === 429).length).toBe(10 - ok);
		// The canary key has its own bucket.
		expect(
			(await get('/webhooks/types', { headers: { 'x-api-key': F.canaryApiKey } })).status,
		).toBe(200);
	});
});

describe('lists', () => {
	test('Offset/Limit envelope; Limit over 500 is a 400 ProblemDetails', async () => {
		const page = await get('/contacts?Offset=2&Limit=3');
		expect(page.status).toBe(200);
		expect(page.body).toEqual(
			expect.objectContaining({ offset: 2, limit: 3, size: F.contactCount }),
		);
		expect(page.body.value).toHaveLength(3);
		expect(page.body.next.href).toContain('offset=5');
		expect(page.body.previous.href).toContain('offset=0');
		expectSchema('/contacts', 'get', 200, page.body);
		const all = await get('/contacts');
		expect(all.body.limit).toBe(500);
		const bad = await get('/contacts?Limit=501');
		expect(bad.status).toBe(400);
		expect(bad.headers.get('content-type')).toContain('application/problem+json');
		expect(bad.body).toEqual(
			expect.objectContaining({
				status: 400,
				title: expect.any(String),
				errors: { Limit: expect.any(Array) },
			}),
		);
	});

	test('matters: matters only by default, Type, Status, ContactId, Search, LastUpdated xor UpdatedSince', async () => {
		const matters = await get('/matters');
		expect(matters.body.size).toBe(F.matterCount);
		expect(matters.body.value.every((m) => m.isLead === false)).toBe(true);
		expectSchema('/matters', 'get', 200, matters.body);
		expect((await get('/matters?Type=Leads')).body.size).toBe(F.leadCount);
		expect((await get('/matters?Type=Matters,Leads')).body.size).toBe(F.matterCount + F.leadCount);
		expect((await get('/matters?Status=Open')).body.size).toBe(F.openMatterCount);
		const mine = await get(`/matters?Type=Matters,Leads&ContactId=${F.contacts.alan.id}`);
		expect(mine.body.value.map((m) => m.id)).toContain(F.matters.purchase.id);
		const search = await get(`/matters?Search=${F.matters.purchase.number}`);
		expect(search.body.value.map((m) => m.id)).toEqual([F.matters.purchase.id]);
		const since = '2025-06-10T00:00:00Z';
		const recent = await get(`/matters?LastUpdated=${since}&Type=Matters,Leads`);
		const ticks = ticksString(Date.parse(since));
		const viaTicks = await get(`/matters?UpdatedSince=${ticks}&Type=Matters,Leads`);
		expect(recent.body.value.map((m) => m.id)).toEqual(viaTicks.body.value.map((m) => m.id));
		expect(recent.body.size).toBeGreaterThan(0);
		expect(recent.body.size).toBeLessThan(F.matterCount + F.leadCount);
		for (const m of recent.body.value)
			expect(msFromTicks(m.versionId)).toBeGreaterThanOrEqual(Date.parse(since));
		expect((await get(`/matters?LastUpdated=${since}&UpdatedSince=${ticks}`)).status).toBe(400);
		expect((await get('/matters?Status=Sleeping')).status).toBe(400);
		const sorted = await get('/matters?Sort=desc(lastUpdated)');
		const versions = sorted.body.value.map((m) => BigInt(m.versionId));
		expect([...versions].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0))).toEqual(versions);
	});

	test('contacts: Search name/email/phone with wildcards, Type, ExcludeDeletedContacts, UpdatedSince ticks', async () => {
		const byName = await get(`/contacts?Search=${encodeURIComponent('name:*example*')}`);
		expect(byName.body.value.map((c) => c.person.firstName).sort()).toEqual(['Alan', 'Beth']);
		const byEmail = await get(`/contacts?Search=${encodeURIComponent('email:ALAN@example.com')}`);
		expect(byEmail.body.value.map((c) => c.id)).toEqual([F.contacts.alan.id]);
		const byPhone = await get(`/contacts?Search=${encodeURIComponent('phone:07700900123')}`);
		expect(byPhone.body.value.map((c) => c.id)).toEqual([F.contacts.alan.id]);
		const both = await get(
			`/contacts?Search=${encodeURIComponent('name:*example*')}&Search=${encodeURIComponent('email:beth*')}`,
		);
		expect(both.body.size).toBe(1);
		expect((await get('/contacts?Type=Organisation')).body.value.every((c) => c.company)).toBe(
			true,
		);
		expect((await get('/contacts?ExcludeDeletedContacts=true')).body.size).toBe(F.liveContactCount);
		expect((await get('/contacts?Search=age:3')).status).toBe(400);
		const first = (await get(`/contacts/${F.contacts.alan.id}`)).body;
		expectSchema('/contacts/{id}', 'get', 200, first);
		const after = await get(`/contacts?UpdatedSince=${first.lastUpdated}`);
		expect(after.body.value.map((c) => c.id)).toContain(F.contacts.alan.id);
	});

	test('every read the node uses validates against the swagger response schema', async () => {
		const m = F.matters.purchase.id;
		expectSchema('/matters/{matterId}', 'get', 200, (await get(`/matters/${m}`)).body);
		expectSchema('/staff', 'get', 200, (await get('/staff?Fields=rate')).body);
		expectSchema('/matters/{matterId}/memos', 'get', 200, (await get(`/matters/${m}/memos`)).body);
		expectSchema('/matters/{matterId}/fees', 'get', 200, (await get(`/matters/${m}/fees`)).body);
		expectSchema(
			'/matters/{matterId}/expenses',
			'get',
			200,
			(await get(`/matters/${m}/expenses`)).body,
		);
		expectSchema(
			'/matters/{matterId}/documents/files',
			'get',
			200,
			(await get(`/matters/${m}/documents/files`)).body,
		);
		const stage = await get(`/matters/${m}/stages`);
		expectSchema('/matters/{matterId}/stages', 'get', 200, stage.body);
		expect(stage.body.stage.name).toBe(F.purchaseStage.stageName);
		expectSchema(
			'/stagesets/{id}',
			'get',
			200,
			(await get(`/stagesets/${stage.body.stageSet.id}`)).body,
		);
		expectSchema('/mattertypes', 'get', 200, (await get('/mattertypes?Type=1')).body);
		expectSchema('/webhooks/types', 'get', 200, (await get('/webhooks/types')).body);
		const fees = (await get(`/matters/${m}/fees`)).body;
		expect(fees.size).toBe(F.feeCountOnPurchase);
		expect((await get(`/matters/${F.leads.open.id}/stages`)).status).toBe(404);
	});
});

describe('writes: 202 + Link, applied later', () => {
	test('POST /matters answers 202 with Link and Location, echoes RequestId; readable after processing', async () => {
		await admin('POST', '/smokeball/processing', { delayMs: 400 });
		const body = {
			externalSystemId: 'EXT-1',
			matterTypeId: F.matterTypes.purchase,
			clientIds: [F.contacts.amelia.id],
			clientRole: 'Buyer',
			status: 'Open',
			personResponsibleStaffId: F.staff.janeSmith.id,
		};
		const res = await post('/matters', body, { headers: { RequestId: 'req-42' } });
		expect(res.status).toBe(202);
		expectSchema('/matters', 'post', 202, res.body);
		expect(res.body).toEqual({ id: expect.any(String), href: `${api}/matters/${res.body.id}` });
		expect(res.headers.get('location')).toBe(res.body.href);
		expect(res.headers.get('requestid')).toBe('req-42');
		expect((await get(`/matters/${res.body.id}`)).status).toBe(404);
		await new Promise((r) => setTimeout(r, 450));
		const matter = await get(`/matters/${res.body.id}`);
		expect(matter.status).toBe(200);
		expect(matter.body).toEqual(
			expect.objectContaining({ externalSystemId: 'EXT-1', status: 'Open', isLead: false }),
		);
		expect(matter.body.personResponsible.id).toBe(F.staff.janeSmith.id);
	});

	test('mandatory fields and body types are 400 ProblemDetails; unknown references fail later', async () => {
		const missing = await post('/matters', {
			matterTypeId: F.matterTypes.purchase,
			status: 'Open',
		});
		expect(missing.status).toBe(400);
		expect(missing.body.errors).toEqual({ clientIds: expect.any(Array) });
		const wrongType = await post('/matters', {
			matterTypeId: F.matterTypes.purchase,
			clientIds: 'x',
			status: 'Open',
		});
		expect(wrongType.status).toBe(400);
		const leadWithMatterType = await post('/matters', {
			matterTypeId: F.matterTypes.purchase,
			clientIds: [F.contacts.jack.id],
			status: 'Open',
			isLead: true,
		});
		expect(leadWithMatterType.status).toBe(400);
		const ghost = await post('/matters', {
			matterTypeId: F.matterTypes.purchase,
			clientIds: [crypto.randomUUID()],
			status: 'Open',
		});
		expect(ghost.status).toBe(202);
		await flush();
		expect((await get(`/matters/${ghost.body.id}`)).status).toBe(404);
	});

	test('PATCH converts a lead (clientRole required); a matter never goes back to a lead; PUT cannot change clients', async () => {
		const lead = F.leads.open.id;
		expect(
			(await patch(`/matters/${lead}`, { isLead: false, matterTypeId: F.matterTypes.purchase }))
				.status,
		).toBe(400);
		expect(
			(
				await patch(`/matters/${lead}`, {
					isLead: false,
					matterTypeId: F.matterTypes.leadPurchase,
					clientRole: 'Buyer',
				})
			).status,
		).toBe(400);
		const ok = await patch(`/matters/${lead}`, {
			isLead: false,
			matterTypeId: F.matterTypes.purchase,
			clientRole: 'Buyer',
		});
		expect(ok.status).toBe(202);
		await flush();
		const converted = (await get(`/matters/${lead}`)).body;
		expect(converted).toEqual(
			expect.objectContaining({ isLead: false, openedDate: expect.any(String) }),
		);
		expect(converted.matterType.id).toBe(F.matterTypes.purchase);
		expect((await patch(`/matters/${lead}`, { isLead: true })).status).toBe(400);
		const put = await call('PUT', `/matters/${F.matters.purchase.id}`, {
			body: { clientIds: [F.contacts.jack.id] },
		});
		expect(put.status).toBe(400);
		expect(
			(await patch(`/matters/${F.matters.purchase.id}`, { clientRole: 'Lender' })).status,
		).toBe(400);
	});

	test('memos, fees, expenses, contacts and portal messages are accepted and applied', async () => {
		const m = F.matters.sale.id;
		const memo = await post(`/matters/${m}/memos`, { title: 'Note', text: 'Hello' });
		const fee = await post(`/matters/${m}/fees`, {
			subject: 'Review',
			feeDate: '2025-06-01',
			feeType: 1,
			duration: 30,
			rate: 200,
		});
		const expense = await post(`/matters/${m}/expenses`, {
			subject: 'Search',
			expenseDate: '2025-06-01',
			costType: 'Hard',
			quantity: 2,
			price: 10.5,
		});
		const contact = await post('/contacts', {
			person: { firstName: 'New', lastName: 'Person' },
			externalSystemId: 'X1',
		});
		const portal = await post(
			`/matters/${m}/portal/messages`,
			{ contactId: F.contacts.oliver.id, message: 'Hi' },
			{ headers: { UserId: F.staff.janeSmith.userId } },
		);
		for (const r of [memo, fee, expense, contact, portal]) expect(r.status).toBe(202);
		expect(portal.body).toBe('');
		expect((await post(`/matters/${m}/memos`, { title: '', text: 'x' })).status).toBe(400);
		expect((await post(`/matters/${m}/fees`, { subject: 'x' })).status).toBe(400);
		expect((await post(`/matters/${m}/expenses`, { price: 1.234 })).status).toBe(400);
		expect(
			(await post(`/matters/${m}/portal/messages`, { contactId: F.contacts.alan.id, message: 'x' }))
				.status,
		).toBe(400);
		await flush();
		const feeRead = await get(`/matters/${m}/fees/${fee.body.id}`);
		expectSchema('/matters/{matterId}/fees/{id}', 'get', 200, feeRead.body);
		expect(feeRead.body).toEqual(expect.objectContaining({ amount: 100, feeType: 1 }));
		expect(feeRead.body.staff.id).toBe(F.staff.janeSmith.id); // matched to the client's user
		const expenseRead = await get(`/matters/${m}/expenses/${expense.body.id}`);
		expectSchema('/matters/{matterId}/expenses/{id}', 'get', 200, expenseRead.body);
		expect(expenseRead.body.amount).toBe(21);
		expect((await get(`/matters/${m}/memos/${memo.body.id}`)).body.plainText).toBe('Hello');
		expect((await get(`/contacts/${contact.body.id}`)).body.externalSystemId).toBe('X1');
		const messages = (await admin('GET', '/smokeball/portal-messages')).body;
		expect(messages).toEqual([
			expect.objectContaining({
				matterId: m,
				contactId: F.contacts.oliver.id,
				message: 'Hi',
				sentByUserId: F.staff.janeSmith.userId,
			}),
		]);
	});
});

describe('documents: presigned URLs', () => {
	test('upload needs an empty Content-Type; download returns the bytes; tampered URLs are refused', async () => {
		const m = F.matters.purchase.id;
		const add = await post(`/matters/${m}/documents/files`, {
			fileName: 'Report.pdf',
			fileAdditionalData: { externalSystemId: 'r1' },
		});
		expect(add.status).toBe(202);
		expectSchema('/matters/{matterId}/documents/files', 'post', 202, add.body);
		const bytes = crypto.randomBytes(2048);
		const typed = await fetch(add.body.uploadUrl, {
			method: 'PUT',
			body: bytes,
			headers: { 'Content-Type': 'application/pdf' },
		});
		expect(typed.status).toBe(403);
		expect(await typed.text()).toContain('SignatureDoesNotMatch');
		// Change the signature's first character to another one (a fixed '0' would be no change 1 time in 16).
		const tamperedUrl = add.body.uploadUrl.replace(
			/Signature=(.)/,
			(_, c) => `Signature=${c === '0' ? '1' : '0'}`,
		);
		expect(tamperedUrl).not.toBe(add.body.uploadUrl);
		const tampered = await fetch(tamperedUrl, {
			method: 'PUT',
			body: bytes,
			headers: { 'Content-Type': '' },
		});
		expect(tampered.status).toBe(403);
		const up = await fetch(add.body.uploadUrl, {
			method: 'PUT',
			body: bytes,
			headers: { 'Content-Type': '' },
		});
		expect(up.status).toBe(200);
		const info = await get(`/matters/${m}/documents/files/${add.body.fileId}/download`);
		expect(info.status).toBe(200);
		expectSchema('/matters/{matterId}/documents/files/{fileId}/download', 'get', 200, info.body);
		expect(info.body).toEqual(
			expect.objectContaining({ name: 'Report', fileExtension: '.pdf', sizeBytes: 2048 }),
		);
		const down = await fetch(info.body.downloadUrl);
		expect(Buffer.from(await down.arrayBuffer()).equals(bytes)).toBe(true);
		const file = await get(`/matters/${m}/documents/files/${add.body.fileId}`);
		expect(file.body).toEqual(
			expect.objectContaining({ isUploaded: true, additionalData: { externalSystemId: 'r1' } }),
		);
		expect((await post(`/matters/${m}/documents/files`, { fileName: 'noextension' })).status).toBe(
			400,
		);
		const search = await get(
			`/matters/${m}/documents/files?Search=${encodeURIComponent('query:report')}`,
		);
		expect(search.body.value.map((f) => f.id)).toEqual([add.body.fileId]);
	});
});

describe('webhooks', () => {
	let receiver;
	let received;
	let receiverUrl;
	beforeAll(async () => {
		receiver = http.createServer((req, res) => {
			const chunks = [];
			req.on('data', (c) => chunks.push(c));
			req.on('end', () => {
				received.push({
					headers: req.headers,
					body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
				});
				res.writeHead(200).end();
			});
		});
		await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
		receiverUrl = `http://127.0.0.1:${receiver.address().port}/hook`;
	});
	afterAll(() => new Promise((r) => receiver.close(r)));
	beforeEach(() => {
		received = [];
	});

	test("the guide's signature test vector", () => {
		expect(
			signature(
				'ei7641529ue420n8b9aa',
				'637558795239278688',
				'38583489-09c4-49ef-b58c-ef1b34208cca',
				'lou1qnn0llav95',
			),
		).toBe('feb4b838a272884f6d2c2580b2c7ebb0b2f725b90e8baa6f9b5e1a17a9faec2d');
	});

	test('subscribe, receive signed matter.created caused by our write (RequestId echoed), list, update, delete', async () => {
		expect(
			(await post('/webhooks', { eventTypes: ['matter.nope'], eventNotificationUrl: receiverUrl }))
				.status,
		).toBe(400);
		expect(
			(
				await post('/webhooks', {
					eventTypes: ['matter.created'],
					eventNotificationUrl: 'not a url',
				})
			).status,
		).toBe(400);
		const sub = await post('/webhooks', {
			name: 't',
			eventTypes: ['matter.created', 'error'],
			eventNotificationUrl: receiverUrl,
			key: 'secret-1',
		});
		expect(sub.status).toBe(200);
		expectSchema('/webhooks', 'post', 200, sub.body);
		expect(sub.body.key).toBeUndefined();
		const created = await post(
			'/matters',
			{ matterTypeId: F.matterTypes.sale, clientIds: [F.contacts.amelia.id], status: 'Open' },
			{ headers: { RequestId: 'rq-7' } },
		);
		await flush();
		await until(() => received.length >= 1);
		expect(received).toHaveLength(1);
		const [delivery] = received;
		expect(delivery.headers.requestid).toBe('rq-7');
		expect(delivery.headers.signature).toBe(
			signature('secret-1', delivery.headers.timestamp, 'rq-7', F.clientId),
		);
		expect(Math.abs(msFromTicks(delivery.headers.timestamp) - Date.now())).toBeLessThan(5000);
		expect(delivery.body).toEqual({
			accountId: F.accountId,
			subscriptionId: sub.body.id,
			type: 'matter.created',
			source: 'API',
			payload: expect.objectContaining({ id: created.body.id, status: 'Open' }),
			timestamp: expect.any(Number),
		});
		// A failed write reaches the error subscription.
		await post('/matters', {
			matterTypeId: F.matterTypes.sale,
			clientIds: [crypto.randomUUID()],
			status: 'Open',
		});
		await flush();
		await until(() => received.length >= 2);
		expect(received[1].body).toEqual(
			expect.objectContaining({
				type: 'error',
				payload: expect.objectContaining({
					resourceName: 'matter',
					message: expect.stringContaining('does not belong'),
				}),
			}),
		);

		const list = await get('/webhooks');
		expect(list.body.value.map((w) => w.id)).toEqual([sub.body.id]);
		const put = await call('PUT', `/webhooks/${sub.body.id}`, {
			body: { eventTypes: ['memo.created'], eventNotificationUrl: receiverUrl },
		});
		expect(put.body.eventTypes).toEqual(['memo.created']);
		expect((await call('DELETE', `/webhooks/${sub.body.id}`)).status).toBe(200);
		expect((await get(`/webhooks/${sub.body.id}`)).status).toBe(404);
	});

	test('admin: fire events (with at-least-once copies), stage changes, and expired subscriptions', async () => {
		const sub = (
			await post('/webhooks', {
				eventTypes: ['matter.updated', 'matterstage.updated'],
				eventNotificationUrl: receiverUrl,
				key: 'k',
			})
		).body;
		const fired = await admin('POST', '/smokeball/events', {
			type: 'matter.updated',
			matterId: F.matters.purchase.id,
			copies: 2,
		});
		expect(fired.body.deliveries).toHaveLength(1);
		expect(received).toHaveLength(2);
		expect(received[0].headers.requestid).toBe(received[1].headers.requestid);
		expect(received[0].body.source).toBe('Smokeball');
		const stage = await admin('POST', `/smokeball/matters/${F.matters.purchase.id}/stage`, {
			stageName: 'Completion',
		});
		expect(stage.status).toBe(200);
		expect(received[2].body).toEqual(
			expect.objectContaining({
				type: 'matterstage.updated',
				payload: expect.objectContaining({
					stage: expect.objectContaining({ name: 'Completion' }),
				}),
			}),
		);
		expect((await get(`/matters/${F.matters.purchase.id}/stages`)).body.stage.name).toBe(
			'Completion',
		);
		const expired = await admin('POST', '/smokeball/subscriptions/expire', {});
		expect(expired.body).toEqual({ deleted: 1 });
		expect((await get(`/webhooks/${sub.id}`)).status).toBe(404);
	});
});

describe('shared with the Perfect Portal sandbox', () => {
	test('case PP-104514 is matter PUR-0007, its client contact ct_18 is that matter’s client, and key stages map to real stage names', () => {
		const pp = require('../../sandbox/systems/perfect-portal/seed');
		const { createRng } = require('../../sandbox/lib/rng');
		const ppState = pp.seed(createRng(7));
		const sbState = smokeball.seed();
		const linked = ppState.cases.find((c) => c.case_id === pp.SEED_FACTS.linkedCaseId);
		const matter = sbState.matters.find((m) => m.id === F.perfectPortal.matter.id);
		expect(linked.case_id).toBe(F.perfectPortal.matter.externalSystemId);
		expect(linked.case_management_link).toEqual(
			expect.objectContaining({ system: 'smokeball', matter_ref: matter.id }),
		);
		expect(matter.externalSystemId).toBe(linked.case_id);
		const client = linked.clients_contacts.find((p) => p.is_primary);
		const ppContact = ppState.contacts.find((c) => c.id === client.contact_id);
		const sbContact = sbState.contacts.find((c) => c.id === F.perfectPortal.client.id);
		expect(matter.clientIds).toEqual([sbContact.id]);
		expect(ppContact).toEqual(
			expect.objectContaining({ id: sbContact.externalSystemId, external_ref: sbContact.id }),
		);
		expect(sbContact.person).toEqual(
			expect.objectContaining({
				firstName: ppContact.first_name,
				lastName: ppContact.last_name,
				email: ppContact.email,
			}),
		);
		// The matter is at the stage the case's key stage maps to.
		const stage = sbState.matterStages.find((s) => s.matterId === matter.id);
		const set = sbState.stageSets.find((s) => s.id === stage.stageSetId);
		const keyStage = ppState.key_stages.find((k) => k.id === linked.key_stage.id);
		expect(set.stages.find((s) => s.id === stage.stageId).name).toBe(
			keyStage.case_management_mapping.stage_name,
		);
		for (const k of ppState.key_stages.filter((x) => x.case_management_mapping)) {
			expect(set.stages.map((s) => s.name)).toContain(k.case_management_mapping.stage_name);
		}
	});
});
