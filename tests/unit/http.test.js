const nock = require('nock');
const { NodeApiError } = require('n8n-workflow');
const { send, buildQuery, parseRetryAfter } = require('../../nodes/shared/http');
const { parseContractError, isSystemic } = require('../../nodes/shared/errors');
const { CaseStatus } = require('../../nodes/CaseStatus/CaseStatus.node');
const { createContext } = require('../helpers/harness');
const { useFakeClock } = require('../helpers/clock');

const BASE = 'http://vendor.test';
const SECRET = 'sk_live_canary_7f3a9c1e5d';
const profile = { system: 'Vendor', credentialType: 'caseStatusApi', rate: { perSecond: 5, burst: 5 }, parseError: parseContractError };
const time = useFakeClock();

function ctx() {
	return createContext({
		node: new CaseStatus(),
		credentials: { caseStatusApi: { environment: 'custom', baseUrl: BASE, apiKey: SECRET } },
	});
}
const req = (extra = {}) => ({ method: 'GET', url: `${BASE}/things`, bucket: 'b1', secrets: [SECRET], ...extra });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('send: authentication and success', () => {
	test('sends the credential header built by the credential type and returns the parsed body', async () => {
		const scope = nock(BASE, { reqheaders: { authorization: `ApiKey ${SECRET}` } })
			.get('/things')
			.reply(200, [{ id: 1 }]);
		const res = await send(ctx(), profile, req());
		expect(res.status).toBe(200);
		expect(res.body).toEqual([{ id: 1 }]);
		scope.done();
	});

	test('returns statuses the caller accepts (404 for a lookup) instead of throwing', async () => {
		nock(BASE).get('/things').reply(404, { error: { code: 'not_found', message: 'no' } });
		const res = await send(ctx(), profile, req({ accept: [404] }));
		expect(res.status).toBe(404);
	});
});

describe('send: retries', () => {
	test('429 waits exactly the Retry-After seconds, then succeeds', async () => {
		nock(BASE).get('/things').reply(429, { error: { code: 'rate_limited' } }, { 'Retry-After': '3' });
		nock(BASE).get('/things').reply(200, { ok: true });
		const res = await send(ctx(), profile, req());
		expect(res.body).toEqual({ ok: true });
		expect(time.sleeps).toContain(3000);
	});

	test('503 without Retry-After backs off exponentially, then succeeds', async () => {
		nock(BASE).get('/things').times(3).reply(503, 'busy');
		nock(BASE).get('/things').reply(200, { ok: true });
		await send(ctx(), profile, req());
		const backoffs = time.sleeps.filter((ms) => ms >= 100);
		expect(backoffs).toHaveLength(3);
		expect(backoffs[1]).toBeGreaterThan(backoffs[0]);
		expect(backoffs[2]).toBeGreaterThan(backoffs[1]);
	});

	test('connection resets are retried for reads', async () => {
		nock(BASE).get('/things').replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
		nock(BASE).get('/things').reply(200, { ok: true });
		const res = await send(ctx(), profile, req());
		expect(res.body).toEqual({ ok: true });
	});

	test('a 400 validation error is never retried and names every failing field', async () => {
		const scope = nock(BASE)
			.post('/things')
			.once()
			.reply(400, {
				error: {
					code: 'validation_failed',
					message: 'Invalid case',
					details: { fields: [{ field: 'clients[0].cell_phone', code: 'invalid_cell_phone' }, { field: 'primary_attorney_email', code: 'attorney_not_found' }] },
				},
			});
		const error = await send(ctx(), profile, req({ method: 'POST', body: {}, itemIndex: 4 })).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(/clients\[0\]\.cell_phone: invalid_cell_phone/);
		expect(error.message).toMatch(/primary_attorney_email: attorney_not_found/);
		expect(error.httpCode).toBe('400');
		expect(error.context.itemIndex).toBe(4);
		expect(time.sleeps.filter((ms) => ms >= 100)).toHaveLength(0);
		scope.done();
	});

	test('a plain POST is not repeated after a 500 (the write may have happened)', async () => {
		nock(BASE).post('/things').once().reply(500, { error: { code: 'internal_error' } });
		const error = await send(ctx(), profile, req({ method: 'POST', body: { a: 1 } })).catch((e) => e);
		expect(error.httpCode).toBe('500');
		expect(nock.isDone()).toBe(true);
	});

	test('a plain POST sent once (500, dropped connection) fails its record only; a 500 that outlived the retries is systemic', async () => {
		// One ambiguous answer does not prove the vendor down: the router goes on with the next records (soak, #13).
		nock(BASE).post('/things').reply(500, { error: { code: 'internal_error' } });
		const once = await send(ctx(), profile, req({ method: 'POST', body: { a: 1 } })).catch((e) => e);
		expect(isSystemic(once)).toBe(false);
		nock(BASE).post('/things').replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
		const dropped = await send(ctx(), profile, req({ method: 'POST', body: { a: 1 } })).catch((e) => e);
		expect(dropped.message).toMatch(/Could not reach Vendor/);
		expect(isSystemic(dropped)).toBe(false);
		nock(BASE).get('/things').times(6).reply(500, { error: { code: 'internal_error' } });
		const down = await send(ctx(), profile, req()).catch((e) => e);
		expect(down.message).toMatch(/after 6 attempts/);
		expect(isSystemic(down)).toBe(true);
		nock(BASE).post('/things').reply(401, { error: { code: 'unauthorized' } });
		expect(isSystemic(await send(ctx(), profile, req({ method: 'POST', body: {} })).catch((e) => e))).toBe(true);
	});

	test('an idempotent POST (create keyed by an external reference) is repeated after a 500', async () => {
		nock(BASE).post('/things').reply(500, { error: { code: 'internal_error' } });
		nock(BASE).post('/things').reply(201, { id: 9 });
		const res = await send(ctx(), profile, req({ method: 'POST', body: { a: 1 }, idempotent: true }));
		expect(res.status).toBe(201);
	});

	test('a POST refused with 429 is repeated: the server did not process it', async () => {
		nock(BASE).post('/things').reply(429, {}, { 'Retry-After': '1' });
		nock(BASE).post('/things').reply(201, { id: 9 });
		const res = await send(ctx(), profile, req({ method: 'POST', body: { a: 1 } }));
		expect(res.status).toBe(201);
	});

	test('gives up after the attempt limit with a message that says so', async () => {
		nock(BASE).get('/things').times(6).reply(502, 'bad gateway');
		const error = await send(ctx(), profile, req()).catch((e) => e);
		expect(error.message).toMatch(/after 6 attempts/);
		expect(error.description).toMatch(/try again later/i);
	});
});

describe('send: secrets never leak', () => {
	test('a vendor that echoes the key or the header gets it scrubbed from message, description and body', async () => {
		nock(BASE)
			.get('/things')
			.reply(401, { error: { code: 'unauthenticated', message: `Key ${SECRET} rejected (Authorization: ApiKey ${SECRET})` } });
		const error = await send(ctx(), profile, req()).catch((e) => e);
		const everything = JSON.stringify({ m: error.message, d: error.description, c: error.cause, ctx: error.context, msgs: error.messages });
		expect(everything).not.toContain(SECRET);
		expect(error.description).toMatch(/credential/);
	});

	test('a network failure message does not carry the key either', async () => {
		nock(BASE).get('/things').times(6).replyWithError({ code: 'ECONNRESET', message: `reset while sending ApiKey ${SECRET}` });
		const error = await send(ctx(), profile, req()).catch((e) => e);
		expect(error.message).toMatch(/Could not reach Vendor/);
		expect(JSON.stringify({ m: error.message, d: error.description, msgs: error.messages })).not.toContain(SECRET);
	});
	test('an OAuth2 token n8n cannot obtain is reported as a credential problem, not as an unreachable system', async () => {
		const c = ctx();
		c.helpers.httpRequestWithAuthentication = async () => {
			throw new Error(`Failed to acquire OAuth2 access token for client ${SECRET}`);
		};
		const error = await send(c, profile, req({ method: 'POST', itemIndex: 2 })).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(/^The Vendor credential could not sign in/);
		expect(error.message).not.toMatch(/Could not reach/);
		expect(error.description).toMatch(/Nothing was sent to Vendor.*client secret/);
		expect(JSON.stringify({ m: error.message, d: error.description })).not.toContain(SECRET);
	});
});

describe('rate limiting', () => {
	test('a burst of requests on one credential is spaced to the configured rate', async () => {
		nock(BASE).get('/things').times(10).reply(200, {});
		const c = ctx();
		for (let i = 0; i < 10; i++) await send(c, profile, req());
		// The client keeps a little under the vendor's 5/s burst 5 (jitter margin): 4 go at once, then one
		// token every 1000 / (5 × 0.97) ≈ 206 ms.
		const waits = time.sleeps.filter((ms) => ms > 0);
		expect(waits).toHaveLength(6);
		for (const ms of waits) expect(ms).toBe(206);
	});

	test('separate credentials have separate buckets', async () => {
		nock(BASE).get('/things').times(8).reply(200, {});
		const c = ctx();
		for (let i = 0; i < 4; i++) await send(c, profile, req({ bucket: 'a' }));
		for (let i = 0; i < 4; i++) await send(c, profile, req({ bucket: 'b' }));
		expect(time.sleeps.filter((ms) => ms > 0)).toEqual([]);
	});
});

describe('query and Retry-After parsing', () => {
	test('lists repeat the key; empty values are left out; brackets survive', () => {
		expect(buildQuery({ integration_id: ['1', '2'], status: '', 'page[number]': 2, x: undefined })).toBe(
			'?integration_id=1&integration_id=2&page%5Bnumber%5D=2',
		);
	});

	test('Retry-After as seconds or HTTP date', () => {
		expect(parseRetryAfter('2', 0)).toBe(2000);
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
		expect(parseRetryAfter('soon', now)).toBeUndefined();
	});
});

describe('429s have a budget of their own', () => {
	test('a request refused with 429 more times than maxAttempts still goes through: each 429 was not processed', async () => {
		nock(BASE).get('/things').times(9).reply(429, {}, { 'Retry-After': '1' });
		nock(BASE).get('/things').reply(200, { ok: true });
		const res = await send(ctx(), profile, req());
		expect(res.body).toEqual({ ok: true });
	});

	test('…until the 429s have cost maxRateLimitedMs of waiting', async () => {
		// 60 s + 60 s waited: the third 429 is the last.
		nock(BASE).get('/things').times(3).reply(429, {}, { 'Retry-After': '60' });
		const error = await send(ctx(), profile, req()).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(nock.pendingMocks()).toEqual([]);
		expect(time.sleeps.filter((ms) => ms >= 60000)).toEqual([60000, 60000]);
	});
});
