// Smokeball transport and helpers without a server: ticks, API base per region/environment/grant, the
// credential's auth URLs, error parsing, Offset/Limit paging, pacing at 5 requests/second, 429 Retry-After, and
// the ContactDto conversion (nock; fake clock).
const nock = require('nock');
const { ticksToIso, isoToTicks, ticksToMs } = require('../../nodes/Smokeball/ticks');
const {
	apiBaseUrl,
	isOwnRequestId,
	newRequestId,
	parseSmokeballError,
	smokeballList,
	smokeballRequest,
} = require('../../nodes/Smokeball/transport');
const {
	contactToDto,
	simplifyContact,
	simplifyMatter,
	linkId,
} = require('../../nodes/Smokeball/mapping');
const { collect } = require('../../nodes/shared/paging');
const { Smokeball } = require('../../nodes/Smokeball/Smokeball.node');
const { createContext, loadCredentialType } = require('../helpers/harness');
const { withOAuth2, evaluateCredentialExpression, runNodeOAuth2 } = require('../helpers/oauth2');
const { useFakeClock } = require('../helpers/clock');

const clockState = useFakeClock();
const API = 'https://api.smokeball.co.uk';
const ACCOUNT = 'f1e2d3c4-0000-4000-a000-000000000001';
const node = new Smokeball();

const credentials = (extra = {}) => ({
	smokeballOAuth2Api: {
		grantType: 'clientCredentials',
		region: 'uk',
		environment: 'production',
		clientId: 'cid',
		clientSecret: 'csecret',
		apiKey: 'partner-key',
		accountId: ACCOUNT,
		oauthTokenData: { access_token: 'tok' },
		...extra,
	},
});
const context = (extra) =>
	withOAuth2(createContext({ node, parameters: {}, credentials: credentials(extra) }));

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('ticks', () => {
	test('the documented example and round trips, exactly', () => {
		// docs/api/smokeball.md#ticks: 637981232724209300 → 2022-09-07T04:54:32Z
		expect(ticksToIso(637981232724209300)).toBe('2022-09-07T04:54:32.420Z');
		expect(ticksToIso('637981232724209300')).toBe('2022-09-07T04:54:32.420Z');
		expect(isoToTicks('2022-09-07T04:54:32.472Z')).toBe('637981232724720000');
		expect(isoToTicks('0001-01-01T00:00:00Z')).toBe('0');
		expect(ticksToMs(isoToTicks(1_700_000_000_123))).toBe(1_700_000_000_123);
		expect(ticksToIso('not ticks')).toBeNull();
		expect(ticksToIso(null)).toBeNull();
		expect(isoToTicks('garbage')).toBeNull();
	});
});

describe('credential and API base', () => {
	test('regions, environments, custom URLs and the /{accountId} prefix under client credentials', () => {
		expect(apiBaseUrl({ region: 'us', environment: 'production', grantType: 'pkce' })).toBe(
			'https://api.smokeball.com',
		);
		expect(apiBaseUrl({ region: 'au', environment: 'staging', grantType: 'pkce' })).toBe(
			'https://stagingapi.smokeball.com.au',
		);
		expect(
			apiBaseUrl({
				region: 'uk',
				environment: 'production',
				grantType: 'clientCredentials',
				accountId: ' acc 1 ',
			}),
		).toBe('https://api.smokeball.co.uk/acc%201');
		expect(
			apiBaseUrl({
				environment: 'custom',
				customApiUrl: 'http://127.0.0.1:4010/smokeball/api/',
				grantType: 'clientCredentials',
				accountId: 'a',
			}),
		).toBe('http://127.0.0.1:4010/smokeball/api/a');
	});

	test("the credential's token and authorize URLs follow region and environment", () => {
		const type = loadCredentialType('smokeballOAuth2Api');
		const url = (name, data) =>
			evaluateCredentialExpression(type.properties.find((p) => p.name === name).default, data);
		expect(url('accessTokenUrl', { environment: 'production', region: 'us' })).toBe(
			'https://auth.smokeball.com/oauth2/token',
		);
		expect(url('accessTokenUrl', { environment: 'staging', region: 'au' })).toBe(
			'https://datastaging-auth.smokeball.com.au/oauth2/token',
		);
		expect(url('authUrl', { environment: 'production', region: 'uk' })).toBe(
			'https://auth.smokeball.co.uk/oauth2/authorize',
		);
		expect(
			url('accessTokenUrl', {
				environment: 'custom',
				customAuthUrl: 'http://127.0.0.1:4010/smokeball/auth/',
			}),
		).toBe('http://127.0.0.1:4010/smokeball/auth/oauth2/token');
		expect(type.extends).toEqual(['oAuth2Api']);
		expect(type.properties.find((p) => p.name === 'scope').default).toBe('');
	});

	test('missing account id or API key is a credential problem, before any request', async () => {
		const noAccount = await smokeballRequest(context({ accountId: '' }), 'GET', '/staff').catch(
			(e) => e,
		);
		expect(noAccount.message).toMatch(/no Account ID/);
		const noKey = await smokeballRequest(context({ apiKey: '' }), 'GET', '/staff').catch((e) => e);
		expect(noKey.message).toMatch(/no API key/);
	});
});

describe('errors', () => {
	test('ProblemDetails with ASP.NET errors, API Gateway, OAuth and S3 bodies', () => {
		expect(
			parseSmokeballError(400, {
				type: 't',
				title: 'One or more validation errors occurred.',
				status: 400,
				detail: 'clientIds is required',
				errors: { clientIds: ['is required'] },
			}),
		).toEqual(
			expect.objectContaining({
				code: 'One or more validation errors occurred.',
				message: 'clientIds is required',
				fields: [{ field: 'clientIds', code: 'invalid', message: 'is required' }],
			}),
		);
		expect(parseSmokeballError(401, { message: 'Unauthorized' })).toEqual({
			message: 'Unauthorized',
		});
		expect(
			parseSmokeballError(401, {
				error: 'invalid_client',
				error_description: 'Client authentication failed.',
			}),
		).toEqual({ code: 'invalid_client', message: 'Client authentication failed.' });
		expect(
			parseSmokeballError(
				403,
				'<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>',
			),
		).toEqual({ code: 'AccessDenied', message: 'Request has expired' });
		expect(
			parseSmokeballError(429, { error: { code: 'rate_limited', message: 'Too many' } }),
		).toEqual(expect.objectContaining({ code: 'rate_limited' }));
	});

	test('a 400 from Smokeball becomes a NodeApiError listing the fields', async () => {
		nock(API)
			.post(`/${ACCOUNT}/matters`)
			.reply(400, {
				title: 'One or more validation errors occurred.',
				status: 400,
				detail: 'A mandatory field is missing.',
				errors: { clientIds: ['at least one client is required'] },
			});
		const error = await smokeballRequest(context(), 'POST', '/matters', { body: {} }).catch(
			(e) => e,
		);
		expect(error.message).toMatch(
			/^Smokeball refused the matter: One or more validation errors occurred.: A mandatory field is missing.: clientIds: invalid \(at least one client is required\) \(reason: invalid\)$/,
		);
	});
});

describe('paging and pacing', () => {
	test('Return All walks Offset/Limit by size; Limit 5 is one request of Limit=5', async () => {
		const page = (offset, count) => ({
			offset,
			limit: 500,
			size: 1100,
			value: Array.from({ length: count }, (_, i) => ({ id: `c${offset + i}` })),
		});
		nock(API)
			.get(`/${ACCOUNT}/contacts`)
			.query({ Offset: 0, Limit: 500 })
			.reply(200, page(0, 500))
			.get(`/${ACCOUNT}/contacts`)
			.query({ Offset: 500, Limit: 500 })
			.reply(200, page(500, 500))
			.get(`/${ACCOUNT}/contacts`)
			.query({ Offset: 1000, Limit: 500 })
			.reply(200, page(1000, 100));
		const all = await collect(smokeballList(context(), '/contacts'));
		expect(all).toHaveLength(1100);
		expect(all.at(-1).id).toBe('c1099');
		nock(API).get(`/${ACCOUNT}/contacts`).query({ Offset: 0, Limit: 5 }).reply(200, page(0, 5));
		expect(await collect(smokeballList(context(), '/contacts', {}, { limit: 5 }), 5)).toHaveLength(
			5,
		);
	});

	test('20 requests are paced under 5/s (burst kept under 5), and a 429 waits its Retry-After', async () => {
		nock(API).get(`/${ACCOUNT}/staff`).times(20).reply(200, { value: [] });
		const ctx = context();
		for (let i = 0; i < 20; i++) await smokeballRequest(ctx, 'GET', '/staff');
		const waited = clockState.sleeps.reduce((a, b) => a + b, 0);
		// 20 requests at 4.85/s after a burst of 4: at least (20 - 4) / 4.85 s of waiting.
		expect(waited).toBeGreaterThanOrEqual(Math.floor(((20 - 4) / 4.85) * 1000) - 5);
		clockState.sleeps.length = 0;
		nock(API)
			.get(`/${ACCOUNT}/staff`)
			.reply(429, { message: 'Too Many Requests' }, { 'Retry-After': '2' })
			.get(`/${ACCOUNT}/staff`)
			.reply(200, { value: [] });
		const res = await smokeballRequest(ctx, 'GET', '/staff');
		expect(res.status).toBe(200);
		expect(clockState.sleeps).toContain(2000);
	});

	test('writes carry a RequestId (kept across retries); reads do not', async () => {
		const seen = [];
		nock(API)
			.post(`/${ACCOUNT}/contacts`)
			.reply(function () {
				seen.push(this.req.headers.requestid);
				return [202, { id: 'x', href: 'h' }];
			})
			.get(`/${ACCOUNT}/staff`)
			.reply(function () {
				seen.push(this.req.headers.requestid);
				return [200, { value: [] }];
			});
		const ctx = context();
		await smokeballRequest(ctx, 'POST', '/contacts', { body: { person: { lastName: 'x' } } });
		await smokeballRequest(ctx, 'GET', '/staff');
		expect(seen[0]).toMatch(/^[0-9a-f-]{36}$/);
		expect(seen[1]).toBeUndefined();
	});

	test("the node's RequestIds are GUIDs it can recognise in webhooks; others are not its own", () => {
		const a = newRequestId();
		const b = newRequestId();
		expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(a).not.toBe(b);
		expect(isOwnRequestId(a)).toBe(true);
		expect(isOwnRequestId(a.toUpperCase())).toBe(true);
		for (const other of ['38583489-09c4-49ef-b58c-ef1b34208cca', 'r1', '', undefined, null, 42]) {
			expect(isOwnRequestId(other)).toBe(false);
		}
	});
});

describe('mapping', () => {
	test('ContactDto from a read contact: read-only parts dropped, company links turned into ids', () => {
		const dto = contactToDto({
			href: 'h',
			id: 'c1',
			versionId: 'v',
			lastUpdated: 1,
			tags: [],
			externalSystemId: 'E1',
			isDeleted: false,
			person: {
				firstName: 'A',
				voiDetails: { x: 1 },
				executionOptions: { poaVoiDetails: {}, a: 1 },
			},
		});
		expect(dto).toEqual({
			externalSystemId: 'E1',
			isDeleted: false,
			person: { firstName: 'A', executionOptions: { a: 1 } },
		});
		const company = contactToDto({
			company: {
				name: 'Co',
				staff: [{ id: 's1', href: 'x' }],
				directors: [{ href: 'https://x/contacts/d1' }],
				staffIds: ['s1'],
			},
		});
		expect(company).toEqual({ company: { name: 'Co', staffIds: ['s1'], directorIds: ['d1'] } });
	});

	test('simplified records read links and ticks', () => {
		expect(linkId({ href: 'https://api/contacts/abc?x=1' })).toBe('abc');
		expect(
			simplifyMatter({
				id: 'm',
				versionId: '637981232724209300',
				clients: [{ id: 'c1' }],
				matterType: { id: 't' },
				isLead: true,
			}),
		).toEqual(
			expect.objectContaining({
				id: 'm',
				clientIds: ['c1'],
				matterTypeId: 't',
				isLead: true,
				updatedAt: '2022-09-07T04:54:32.420Z',
			}),
		);
		expect(
			simplifyContact({
				id: 'c',
				company: { name: 'Co', phone: { areaCode: '020', number: '7946 0000' } },
				lastUpdated: 637981232724209300,
			}),
		).toEqual(
			expect.objectContaining({
				type: 'company',
				name: 'Co',
				phone: '020 7946 0000',
				updatedAt: '2022-09-07T04:54:32.420Z',
			}),
		);
	});
});

describe('node (nock)', () => {
	test('a client-credentials credential without a token fetches one with Basic auth, then calls the API', async () => {
		const creds = credentials({ oauthTokenData: undefined });
		nock('https://auth.smokeball.co.uk', {
			reqheaders: { authorization: `Basic ${Buffer.from('cid:csecret').toString('base64')}` },
		})
			.post('/oauth2/token', 'grant_type=client_credentials')
			.reply(200, { access_token: 'fresh', token_type: 'Bearer', expires_in: 3600 });
		nock(API, { reqheaders: { authorization: 'Bearer fresh', 'x-api-key': 'partner-key' } })
			.get(`/${ACCOUNT}/staff`)
			.query({ Offset: 0, Limit: 500 })
			.reply(200, {
				offset: 0,
				limit: 500,
				size: 1,
				value: [{ id: 's1', firstName: 'Jane', lastName: 'Smith' }],
			});
		const { output } = await runNodeOAuth2({
			node,
			credentials: creds,
			parameters: { resource: 'staff', operation: 'getAll', returnAll: true },
		});
		expect(output).toEqual([
			{ json: expect.objectContaining({ id: 's1', name: 'Jane Smith' }), pairedItem: { item: 0 } },
		]);
		expect(creds.smokeballOAuth2Api.oauthTokenData.access_token).toBe('fresh');
	});
});
