// Smokeball webhook verification: the documented test vector, forged/unsigned/stale deliveries, dedupe memory,
// and the trigger's hooks against nock (subscribe with a secret, recreate when gone, delete on deactivation).
const nock = require('nock');
const {
	computeSignature,
	rejectionOf,
	seenBefore,
	signatureMatches,
} = require('../../nodes/Smokeball/trigger/verify');
const { isoToTicks } = require('../../nodes/Smokeball/ticks');
const { SmokeballTrigger } = require('../../nodes/Smokeball/SmokeballTrigger.node');
const { runHook, runWebhook } = require('../helpers/webhook');
const { useFakeClock } = require('../helpers/clock');

const clockState = useFakeClock();
const trigger = new SmokeballTrigger();
const API = 'https://api.smokeball.com';
const AUTH = 'https://auth.smokeball.com';
const ACCOUNT = 'acc-9';
const URL_ = 'https://n8n.example.com/webhook/abc/webhook';

const credentials = () => ({
	smokeballOAuth2Api: {
		grantType: 'clientCredentials',
		region: 'us',
		environment: 'production',
		clientId: 'client-1',
		clientSecret: 's',
		apiKey: 'key-1',
		accountId: ACCOUNT,
		oauthTokenData: { access_token: 'tok-1' },
	},
});

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('signature', () => {
	test("the webhooks guide's test vector: key, C# payload (client id 'lou1qnn0llav95') → documented hash", () => {
		expect(
			computeSignature(
				'ei7641529ue420n8b9aa',
				'637558795239278688',
				'38583489-09c4-49ef-b58c-ef1b34208cca',
				'lou1qnn0llav95',
			),
		).toBe('feb4b838a272884f6d2c2580b2c7ebb0b2f725b90e8baa6f9b5e1a17a9faec2d');
		// The JS sample's client id ('…95f') gives another hash: the doc's literal payload is the truth.
		expect(
			computeSignature(
				'ei7641529ue420n8b9aa',
				'637558795239278688',
				'38583489-09c4-49ef-b58c-ef1b34208cca',
				'lou1qnn0llav95f',
			),
		).not.toBe('feb4b838a272884f6d2c2580b2c7ebb0b2f725b90e8baa6f9b5e1a17a9faec2d');
		expect(signatureMatches('abc', 'ABC')).toBe(true);
		expect(signatureMatches('abc', 'abd')).toBe(false);
		expect(signatureMatches('abc', 'abcd')).toBe(false);
	});

	test('the vector verifies at its own time, and is stale five minutes later', () => {
		const sent = Date.parse('2021-05-06T06:32:03.927Z'); // 637558795239278688 ticks
		const d = {
			timestamp: '637558795239278688',
			requestId: '38583489-09c4-49ef-b58c-ef1b34208cca',
			signature: 'feb4b838a272884f6d2c2580b2c7ebb0b2f725b90e8baa6f9b5e1a17a9faec2d',
		};
		expect(
			rejectionOf(d, 'ei7641529ue420n8b9aa', 'lou1qnn0llav95', sent + 1000, 300000),
		).toBeNull();
		expect(rejectionOf(d, 'ei7641529ue420n8b9aa', 'lou1qnn0llav95', sent + 300001, 300000)).toBe(
			'stale',
		);
		expect(rejectionOf(d, 'ei7641529ue420n8b9aa', 'lou1qnn0llav95', sent - 300001, 300000)).toBe(
			'stale',
		);
		expect(rejectionOf(d, 'another-key', 'lou1qnn0llav95', sent, 300000)).toBe('bad_signature');
		expect(rejectionOf(d, 'ei7641529ue420n8b9aa', 'other-client', sent, 300000)).toBe(
			'bad_signature',
		);
		expect(
			rejectionOf(
				{ ...d, signature: undefined },
				'ei7641529ue420n8b9aa',
				'lou1qnn0llav95',
				sent,
				300000,
			),
		).toBe('unsigned');
		expect(rejectionOf(d, undefined, 'lou1qnn0llav95', sent, 300000)).toBe('not_configured');
	});

	test('dedupe memory is bounded, oldest first out', () => {
		const seen = [];
		expect(seenBefore(seen, 'a', 2)).toBe(false);
		expect(seenBefore(seen, 'a', 2)).toBe(true);
		seenBefore(seen, 'b', 2);
		seenBefore(seen, 'c', 2);
		expect(seen).toEqual(['b', 'c']);
		expect(seenBefore(seen, 'a', 2)).toBe(false);
	});
});

describe('hooks (nock)', () => {
	const base = `/${ACCOUNT}`;
	const parameters = { events: ['matter.updated', 'matter.created'] };

	test('create: removes leftovers for this URL, subscribes with a fresh 256-bit secret; checkExists; delete', async () => {
		const staticData = { node: {}, global: {} };
		let body;
		const scope = nock(API, { reqheaders: { 'x-api-key': 'key-1', authorization: 'Bearer tok-1' } })
			.get(`${base}/webhooks`)
			.query({ Offset: 0, Limit: 500 })
			.reply(200, {
				offset: 0,
				limit: 500,
				size: 2,
				value: [
					{ id: 'old-1', eventNotificationUrl: URL_ },
					{ id: 'other', eventNotificationUrl: 'https://elsewhere' },
				],
			})
			.delete(`${base}/webhooks/old-1`)
			.reply(200)
			.post(`${base}/webhooks`, (b) => {
				body = b;
				return true;
			})
			.reply(200, {
				id: 'sub-1',
				eventTypes: ['matter.created', 'matter.updated'],
				eventNotificationUrl: URL_,
			});
		const created = await runHook(
			{ node: trigger, parameters, credentials: credentials(), staticData, webhookUrl: URL_ },
			'create',
		);
		expect(created.result).toBe(true);
		expect(body).toEqual({
			name: 'n8n: Test',
			eventTypes: ['matter.created', 'matter.updated'],
			eventNotificationUrl: URL_,
			key: expect.stringMatching(/^[0-9a-f]{64}$/),
		});
		expect(staticData.node).toEqual(
			expect.objectContaining({ subscriptionId: 'sub-1', secret: body.key }),
		);
		expect(scope.isDone()).toBe(true);

		nock(API)
			.get(`${base}/webhooks/sub-1`)
			.reply(200, {
				id: 'sub-1',
				eventTypes: ['matter.updated', 'matter.created'],
				eventNotificationUrl: URL_,
			});
		expect(
			(
				await runHook(
					{ node: trigger, parameters, credentials: credentials(), staticData, webhookUrl: URL_ },
					'checkExists',
				)
			).result,
		).toBe(true);

		nock(API).get(`${base}/webhooks/sub-1`).reply(404, { title: 'Not Found', status: 404 });
		expect(
			(
				await runHook(
					{ node: trigger, parameters, credentials: credentials(), staticData, webhookUrl: URL_ },
					'checkExists',
				)
			).result,
		).toBe(false);
		expect(staticData.node.subscriptionId).toBeUndefined();

		staticData.node.subscriptionId = 'sub-2';
		staticData.node.secret = 'x';
		const del = nock(API)
			.delete(`${base}/webhooks/sub-2`)
			.reply(404, { title: 'Not Found', status: 404 });
		expect(
			(
				await runHook(
					{ node: trigger, parameters, credentials: credentials(), staticData, webhookUrl: URL_ },
					'delete',
				)
			).result,
		).toBe(true);
		expect(del.isDone()).toBe(true);
		expect(staticData.node).toEqual({});
	});

	test('webhook(): emits a genuine delivery once; the error envelope wrapped in "body" is read too', async () => {
		const staticData = { node: { subscriptionId: 'sub-9', secret: 'sec' }, global: {} };
		const ts = isoToTicks(clockState.now);
		const headers = {
			Timestamp: ts,
			RequestId: 'r1',
			Signature: computeSignature('sec', ts, 'r1', 'client-1'),
		};
		const body = {
			body: {
				accountId: ACCOUNT,
				subscriptionId: 'sub-9',
				type: 'error',
				source: 'API',
				payload: { message: 'Contact does not belong', resourceName: 'contact', resourceId: 'c1' },
				timestamp: Number(ts),
			},
		};
		const params = { events: ['error'] };
		const first = await runWebhook({
			node: trigger,
			parameters: params,
			credentials: credentials(),
			staticData,
			headers,
			body,
		});
		expect(first.result.workflowData[0][0].json).toEqual({
			type: 'error',
			source: 'API',
			accountId: ACCOUNT,
			subscriptionId: 'sub-9',
			requestId: 'r1',
			resourceId: 'c1',
			timestamp: ts,
			sentAt: new Date(clockState.now).toISOString(),
			payload: body.body.payload,
		});
		const again = await runWebhook({
			node: trigger,
			parameters: params,
			credentials: credentials(),
			staticData,
			headers,
			body,
		});
		expect(again.result).toEqual({ noWebhookResponse: true });
		expect(again.res.statusCode).toBe(200);
		expect(staticData.node.seen).toEqual(['r1|error|c1']);
	});
});
