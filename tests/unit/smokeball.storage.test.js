// Smokeball's presigned file storage and its token-renewal probe go through the one HTTP core, send() in
// nodes/shared/http.ts, with its retry rules (nock; fake clock). Without that, the storage had its own retry loop:
// it ignored Retry-After and retried any coded network error, which these tests would catch.
const nock = require('nock');
const http = require('../../nodes/shared/http');
const {
	presignedRequest,
	smokeballRequest,
	storageProfile,
} = require('../../nodes/Smokeball/transport');
const { Smokeball } = require('../../nodes/Smokeball/Smokeball.node');
const { createContext } = require('../helpers/harness');
const { withOAuth2 } = require('../helpers/oauth2');
const { useFakeClock } = require('../helpers/clock');

const clockState = useFakeClock();
const STORAGE = 'https://files.smokeball.test';
const KEY = '/uploads/f1?X-Amz-Signature=s3cr3t-signature&X-Amz-Expires=900';
const API = 'https://api.smokeball.co.uk';
const ACCOUNT = 'f1e2d3c4-0000-4000-a000-000000000001';

const context = () =>
	withOAuth2(
		createContext({
			node: new Smokeball(),
			parameters: {},
			credentials: {
				smokeballOAuth2Api: {
					grantType: 'clientCredentials',
					region: 'uk',
					environment: 'production',
					clientId: 'cid',
					clientSecret: 'csecret',
					apiKey: 'partner-key',
					accountId: ACCOUNT,
					oauthTokenData: { access_token: 'old' },
				},
			},
		}),
	);

let sendSpy;
beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
	sendSpy = jest.spyOn(http, 'send');
});
afterEach(() => {
	sendSpy.mockRestore();
	nock.cleanAll();
});
afterAll(() => nock.enableNetConnect());

/** Every PUT the storage saw, with the headers that matter. */
function storage(replies) {
	const seen = [];
	let scope = nock(STORAGE);
	for (const reply of replies) {
		scope = scope.put(KEY).reply(function (uri, body) {
			seen.push({ headers: this.req.headers, body });
			return reply;
		});
	}
	return seen;
}

describe('presigned upload', () => {
	test('503 then 200: retried by send() after the Retry-After it was given, without any API credential', async () => {
		const seen = storage([
			[503, 'SlowDown', { 'Retry-After': '3' }],
			[200, ''],
		]);
		const res = await presignedRequest(context(), 'PUT', STORAGE + KEY, {
			body: Buffer.from('%PDF-1.4 quote'),
		});
		expect(res.status).toBe(200);
		expect(Buffer.isBuffer(res.body)).toBe(true);
		expect(seen).toHaveLength(2);
		// send()'s rule: a 503 with Retry-After waits exactly that long (the old private loop ignored it).
		expect(clockState.sleeps).toContain(3000);
		expect(sendSpy).toHaveBeenCalledTimes(1);
		expect(sendSpy.mock.calls[0][1]).toBe(storageProfile);
		for (const { headers, body } of seen) {
			expect(headers.authorization).toBeUndefined();
			expect(headers['x-api-key']).toBeUndefined();
			expect(headers.accept).toBeUndefined();
			expect(headers['content-type']).toBe('');
			expect(body).toBe('%PDF-1.4 quote');
		}
	});

	test('403 (an expired URL) is not retried', async () => {
		const seen = storage([
			[403, '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>'],
		]);
		const error = await presignedRequest(context(), 'PUT', STORAGE + KEY, {
			body: Buffer.from('x'),
			itemIndex: 2,
		}).catch((e) => e);
		expect(error.message).toMatch(
			/^Smokeball file storage does not allow this credential to do this: .*\(reason: not_allowed, access_denied\)$/,
		);
		expect(seen).toHaveLength(1);
		expect(clockState.sleeps).toEqual([]);
		expect(sendSpy).toHaveBeenCalledTimes(1);
	});

	test('a refused connection is not retried (only the network errors send() retries are)', async () => {
		let attempts = 0;
		nock(STORAGE)
			.put(KEY)
			.times(6)
			.replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))
			.on('request', () => attempts++);
		const error = await presignedRequest(context(), 'PUT', STORAGE + KEY, {
			body: Buffer.from('x'),
		}).catch((e) => e);
		expect(error.description).toMatch(/Smokeball file storage/);
		expect(attempts).toBe(1);
	});
});

describe('token renewal probe', () => {
	test('after a 401 the probe goes through send() on the partner key, n8n renews the token, the request is sent again', async () => {
		nock('https://auth.smokeball.co.uk')
			.post('/oauth2/token', 'grant_type=client_credentials')
			.reply(200, { access_token: 'new', token_type: 'Bearer', expires_in: 3600 });
		nock(API, { reqheaders: { authorization: 'Bearer old' } })
			.get(`/${ACCOUNT}/staff`)
			.reply(401, { message: 'Unauthorized' })
			.get(`/${ACCOUNT}/webhooks/types`)
			.reply(401, { message: 'Unauthorized' });
		nock(API, { reqheaders: { authorization: 'Bearer new', 'x-api-key': 'partner-key' } })
			.get(`/${ACCOUNT}/webhooks/types`)
			.reply(200, [])
			.get(`/${ACCOUNT}/staff`)
			.reply(200, { value: [] });
		const ctx = context();
		const res = await smokeballRequest(ctx, 'GET', '/staff');
		expect(res.status).toBe(200);
		expect(ctx._tokenRequests).toBe(1);
		const probe = sendSpy.mock.calls.find(([, , request]) => request.tokenProbe);
		expect(probe[2]).toEqual(
			expect.objectContaining({
				url: `${API}/${ACCOUNT}/webhooks/types`,
				bucket: expect.any(String),
			}),
		);
		expect(sendSpy).toHaveBeenCalledTimes(3);
		expect(nock.isDone()).toBe(true);
	});
});
