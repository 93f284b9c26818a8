// Smokeball webhook verification: the documented test vector, forged/unsigned/stale deliveries, one body per
// signed header set, the body-size bound, the seen-deliveries record, Ignore Own Changes left at its default, the
// derived signing key (nothing in static data can sign), and the trigger's hooks against nock.
const nock = require('nock');
const {
	computeSignature,
	rejectionOf,
	signatureMatches,
} = require('../../nodes/Smokeball/trigger/verify');
const {
	seenBefore,
	MAX_SEEN,
	SEEN_RETENTION_MS,
} = require('../../nodes/Smokeball/trigger/seenDeliveries');
const { signingKey, keyTag } = require('../../nodes/Smokeball/trigger/signingKey');
const { markOf, instanceMark } = require('../../nodes/Smokeball/trigger/subscriptions');
const { isoToTicks } = require('../../nodes/Smokeball/ticks');
const { SmokeballTrigger, MAX_BODY_BYTES } = require('../../nodes/Smokeball/SmokeballTrigger.node');
const { runHook, runWebhook } = require('../helpers/webhook');
const { useFakeClock } = require('../helpers/clock');

const clockState = useFakeClock();
const trigger = new SmokeballTrigger();
const API = 'https://api.smokeball.com';
const ACCOUNT = 'acc-9';
const URL_ = 'https://n8n.example.com/webhook/abc/webhook';
// What the harness's contexts answer for getInstanceId(), getWorkflow().id and getNode().id.
const IDENTITY = {
	instanceId: 'test-instance',
	workflowId: 'test-workflow',
	nodeId: 'node-under-test',
};

const credentialData = () => ({
	grantType: 'clientCredentials',
	region: 'us',
	environment: 'production',
	clientId: 'client-1',
	clientSecret: 'client-secret-1',
	apiKey: 'key-1',
	accountId: ACCOUNT,
	oauthTokenData: { access_token: 'tok-1' },
});
const credentials = () => ({ smokeballOAuth2Api: credentialData() });
const KEY = signingKey(credentialData(), IDENTITY);

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
		const key = 'ei7641529ue420n8b9aa';
		expect(rejectionOf(d, key, 'lou1qnn0llav95', sent + 1000, 300000)).toBeNull();
		expect(rejectionOf(d, key, 'lou1qnn0llav95', sent + 300001, 300000)).toBe('stale');
		expect(rejectionOf(d, key, 'lou1qnn0llav95', sent - 300001, 300000)).toBe('stale');
		expect(rejectionOf(d, 'another-key', 'lou1qnn0llav95', sent, 300000)).toBe('bad_signature');
		expect(rejectionOf(d, key, 'other-client', sent, 300000)).toBe('bad_signature');
		expect(rejectionOf({ ...d, signature: undefined }, key, 'lou1qnn0llav95', sent, 300000)).toBe(
			'unsigned',
		);
		expect(rejectionOf(d, null, 'lou1qnn0llav95', sent, 300000)).toBe('not_configured');
	});
});

describe('signing key', () => {
	test('derived from the credential secrets and the trigger identity; nothing else signs', () => {
		expect(KEY).toMatch(/^[0-9a-f]{64}$/);
		expect(signingKey(credentialData(), IDENTITY)).toBe(KEY);
		for (const other of [
			{ ...IDENTITY, instanceId: 'other' },
			{ ...IDENTITY, workflowId: 'other' },
			{ ...IDENTITY, nodeId: 'other' },
		])
			expect(signingKey(credentialData(), other)).not.toBe(KEY);
		expect(signingKey({ ...credentialData(), clientSecret: 'rotated' }, IDENTITY)).not.toBe(KEY);
		expect(signingKey({ ...credentialData(), apiKey: 'rotated' }, IDENTITY)).not.toBe(KEY);
		// The token is not a secret of the key: reconnecting the credential keeps it.
		expect(
			signingKey({ ...credentialData(), oauthTokenData: { access_token: 'new' } }, IDENTITY),
		).toBe(KEY);
		expect(signingKey({ clientSecret: '', apiKey: '' }, IDENTITY)).toBeNull();
		expect(keyTag(KEY)).toMatch(/^[0-9a-f]{8}$/);
		expect(KEY).not.toContain(keyTag(KEY));
	});
});

describe('seen deliveries', () => {
	test('remembered by hash for 24 h, at most MAX_SEEN, oldest first out', () => {
		const seen = {};
		expect(seenBefore(seen, ['a', 'b'], 0)).toBe(false);
		expect(seenBefore(seen, ['b'], 1)).toBe(true);
		expect(seenBefore(seen, ['c', 'a'], 1)).toBe(true);
		expect(Object.keys(seen)).toHaveLength(2);
		expect(JSON.stringify(seen)).not.toMatch(/"a"|"b"/);
		expect(seenBefore(seen, ['a'], SEEN_RETENTION_MS + 1)).toBe(false);
		for (let i = 0; i < MAX_SEEN + 10; i++) seenBefore(seen, [`k${i}`], SEEN_RETENTION_MS + 2 + i);
		expect(Object.keys(seen)).toHaveLength(MAX_SEEN);
		expect(seenBefore(seen, ['k0'], SEEN_RETENTION_MS + 3 + MAX_SEEN)).toBe(false);
		expect(seenBefore(seen, [`k${MAX_SEEN + 9}`], SEEN_RETENTION_MS + 3 + MAX_SEEN)).toBe(true);
	});
});

describe('webhook()', () => {
	const ts = () => isoToTicks(clockState.now);
	const signed = (requestId, timestamp = ts(), key = KEY) => ({
		Timestamp: timestamp,
		RequestId: requestId,
		Signature: computeSignature(key, timestamp, requestId, 'client-1'),
	});
	const envelope = (type, payload) => ({
		accountId: ACCOUNT,
		subscriptionId: 'sub-9',
		type,
		source: 'Smokeball',
		payload,
		timestamp: 0,
	});
	const deliver = (o) =>
		runWebhook({
			node: trigger,
			parameters: { events: ['matter.updated', 'contact.updated', 'error'] },
			credentials: credentials(),
			staticData: o.staticData,
			headers: o.headers,
			body: o.body,
			rawBody: o.rawBody,
		});
	const emitted = (out) => (out.result.workflowData ? out.result.workflowData[0] : null);

	test('a genuine delivery is emitted once and answered by the node itself (so n8n saves what it saw)', async () => {
		const staticData = { node: {}, global: {} };
		const headers = signed('r1');
		const body = {
			body: envelope('error', {
				message: 'Contact does not belong',
				resourceName: 'contact',
				resourceId: 'c1',
			}),
		};
		const first = await deliver({ staticData, headers, body });
		expect(first.result.noWebhookResponse).toBe(true);
		expect(first.res).toEqual(
			expect.objectContaining({ statusCode: 200, body: { received: true } }),
		);
		expect(emitted(first)[0].json).toEqual({
			type: 'error',
			source: 'Smokeball',
			accountId: ACCOUNT,
			subscriptionId: 'sub-9',
			requestId: 'r1',
			resourceId: 'c1',
			timestamp: headers.Timestamp,
			sentAt: new Date(clockState.now).toISOString(),
			payload: body.body.payload,
		});
		const again = await deliver({ staticData, headers, body });
		expect(again.result).toEqual({ noWebhookResponse: true });
		expect(again.res.body).toEqual({ received: true, ignored: 'duplicate' });
		expect(Object.keys(staticData.node.seen)).toHaveLength(2);
	});

	test('one body per signed header set: the same headers with another body are a duplicate', async () => {
		const staticData = { node: {}, global: {} };
		const headers = signed('r-tamper');
		const genuine = await deliver({
			staticData,
			headers,
			body: envelope('matter.updated', { id: 'm1' }),
		});
		expect(emitted(genuine)).toHaveLength(1);
		for (const body of [
			envelope('matter.updated', { id: 'm2-another-matter' }),
			envelope('contact.updated', { id: 'c9' }),
			envelope('error', { message: 'x', resourceId: 'z' }),
		]) {
			const tampered = await deliver({ staticData, headers, body });
			expect(tampered.result).toEqual({ noWebhookResponse: true });
			expect(tampered.res.body).toEqual({ received: true, ignored: 'duplicate' });
		}
	});

	test("Smokeball's redelivery of an event (a newer Timestamp, the same RequestId and body) is a duplicate", async () => {
		const staticData = { node: {}, global: {} };
		const body = envelope('matter.updated', { id: 'm1' });
		expect(emitted(await deliver({ staticData, headers: signed('r-retry'), body }))).toHaveLength(
			1,
		);
		clockState.now += 1500;
		const retry = await deliver({ staticData, headers: signed('r-retry'), body });
		expect(retry.res.body).toEqual({ received: true, ignored: 'duplicate' });
		// Another event caused by the same write (same RequestId) is not.
		const other = await deliver({
			staticData,
			headers: signed('r-retry', isoToTicks(clockState.now + 1)),
			body: envelope('contact.updated', { id: 'c1' }),
		});
		expect(emitted(other)).toHaveLength(1);
	});

	test(`a body over ${MAX_BODY_BYTES / 1024} KiB is refused with 413 and starts nothing, signed or not`, async () => {
		const staticData = { node: {}, global: {} };
		const body = envelope('matter.updated', { id: 'm1', description: 'x'.repeat(5 * 1024 * 1024) });
		for (const headers of [signed('r-big'), {}]) {
			const out = await deliver({ staticData, headers, body });
			expect(out.result).toEqual({ noWebhookResponse: true });
			expect(out.res).toEqual(
				expect.objectContaining({ statusCode: 413, body: { error: 'too_large' } }),
			);
		}
		expect(staticData.node.seen).toBeUndefined();
		// Just under the bound is fine.
		const small = envelope('matter.updated', {
			id: 'm1',
			description: 'x'.repeat(MAX_BODY_BYTES - 400),
		});
		expect(
			emitted(await deliver({ staticData, headers: signed('r-ok'), body: small })),
		).toHaveLength(1);
	});

	test('refused deliveries (forged, stale, unsigned) are not remembered, so they cannot block a genuine one', async () => {
		const staticData = { node: {}, global: {} };
		const body = envelope('matter.updated', { id: 'm1' });
		const forged = await deliver({ staticData, headers: signed('r-x', ts(), 'wrong'), body });
		expect(forged.res).toEqual(
			expect.objectContaining({ statusCode: 401, body: { error: 'bad_signature' } }),
		);
		const stale = await deliver({
			staticData,
			headers: signed('r-x', isoToTicks(clockState.now - 10 * 60000)),
			body,
		});
		expect(stale.res.body).toEqual({ error: 'stale' });
		expect(staticData.node.seen).toBeUndefined();
		expect(emitted(await deliver({ staticData, headers: signed('r-x'), body }))).toHaveLength(1);
	});

	test('with Options left empty, own writes are ignored (Ignore Own Changes shows true) and the max age is 300 s', async () => {
		const staticData = { node: {}, global: {} };
		const body = envelope('matter.updated', { id: 'm1' });
		const own = await deliver({
			staticData,
			headers: signed('3b9f6c2a-8d41-4e7a-a0c5-1e9a15c0de00'),
			body,
		});
		expect(own.res.body).toEqual({ received: true, ignored: 'own_write' });
		const old = await deliver({
			staticData,
			headers: signed('r-old', isoToTicks(clockState.now - 301_000)),
			body,
		});
		expect(old.res.body).toEqual({ error: 'stale' });
		const recent = await deliver({
			staticData,
			headers: signed('r-recent', isoToTicks(clockState.now - 299_000)),
			body,
		});
		expect(emitted(recent)).toHaveLength(1);
	});

	test('static data never holds anything that signs: a v1 secret is removed on the next delivery', async () => {
		const staticData = {
			node: { secret: 'v1-secret', subscriptionId: 'sub-1', seen: ['r|x|y'] },
			global: {},
		};
		const out = await deliver({
			staticData,
			headers: signed('r-v2'),
			body: envelope('matter.updated', { id: 'm1' }),
		});
		expect(emitted(out)).toHaveLength(1);
		expect(staticData.node.secret).toBeUndefined();
		const text = JSON.stringify(staticData);
		expect(text).not.toContain(KEY);
		expect(text).not.toContain('client-secret-1');
		expect(text).not.toContain('r-v2');
		// The v1 key no longer verifies anything.
		const v1 = await deliver({
			staticData: { node: { secret: 'v1-secret' }, global: {} },
			headers: signed('r-v1', ts(), 'v1-secret'),
			body: envelope('matter.updated', { id: 'm1' }),
		});
		expect(v1.res.statusCode).toBe(401);
	});
});

describe('hooks (nock)', () => {
	const base = `/${ACCOUNT}`;
	const parameters = { events: ['matter.updated', 'matter.created'] };
	const hook = (name, staticData, mode = 'trigger') =>
		runHook(
			{ node: trigger, parameters, credentials: credentials(), staticData, webhookUrl: URL_, mode },
			name,
		);
	const list = (value) =>
		nock(API)
			.get(`${base}/webhooks`)
			.query({ Offset: 0, Limit: 500 })
			.reply(200, { offset: 0, limit: 500, size: value.length, value });
	const TAG = keyTag(KEY);
	const mark = `[n8n ${instanceMark('test-instance')} test-workflow node-under-test ${TAG}]`;
	const current = {
		id: 'sub-1',
		name: `n8n: Test ${mark}`,
		eventTypes: ['matter.created', 'matter.updated'],
		eventNotificationUrl: URL_,
	};

	test('create: subscribes with the derived key and a marked name, then removes leftovers at this URL', async () => {
		const staticData = { node: { secret: 'v1-secret' }, global: {} };
		let body;
		list([
			{
				id: 'old-1',
				name: 'n8n: Test',
				eventNotificationUrl: URL_,
				eventTypes: ['matter.updated'],
			},
			{ id: 'other', name: 'Another integration', eventNotificationUrl: 'https://elsewhere' },
		]);
		const scope = nock(API, { reqheaders: { 'x-api-key': 'key-1', authorization: 'Bearer tok-1' } })
			.post(`${base}/webhooks`, (b) => {
				body = b;
				return true;
			})
			.reply(200, { id: 'sub-1' })
			.delete(`${base}/webhooks/old-1`)
			.reply(200);
		expect((await hook('create', staticData)).result).toBe(true);
		expect(body).toEqual({
			name: `n8n: Test ${mark}`,
			eventTypes: ['matter.created', 'matter.updated'],
			eventNotificationUrl: URL_,
			key: KEY,
		});
		expect(markOf(body.name)).toEqual({
			test: false,
			instance: instanceMark('test-instance'),
			workflowId: 'test-workflow',
			nodeId: 'node-under-test',
			tag: TAG,
		});
		expect(staticData.node).toEqual({
			url: URL_,
			events: ['matter.created', 'matter.updated'],
			subscriptionId: 'sub-1',
		});
		expect(scope.isDone()).toBe(true);
	});

	test('checkExists: true only for exactly one current subscription (URL, events, key)', async () => {
		const staticData = { node: {}, global: {} };
		list([current]);
		expect((await hook('checkExists', staticData)).result).toBe(true);
		list([]);
		expect((await hook('checkExists', staticData)).result).toBe(false);
		list([{ ...current, eventTypes: ['matter.updated'] }]);
		expect((await hook('checkExists', staticData)).result).toBe(false);
		list([{ ...current, eventNotificationUrl: 'https://old.example.com/webhook/abc/webhook' }]);
		expect((await hook('checkExists', staticData)).result).toBe(false);
		list([{ ...current, name: current.name.replace(TAG, '00000000') }]);
		expect((await hook('checkExists', staticData)).result).toBe(false);
		list([current, { ...current, id: 'sub-dup' }]);
		expect((await hook('checkExists', staticData)).result).toBe(false);
	});

	test("the editor's test listener keeps its own subscription and leaves the published one alone", async () => {
		const staticData = { node: { url: URL_ }, global: {} };
		let body;
		list([current]);
		nock(API)
			.post(`${base}/webhooks`, (b) => {
				body = b;
				return true;
			})
			.reply(200, { id: 'sub-test' });
		expect((await hook('create', staticData, 'manual')).result).toBe(true);
		expect(markOf(body.name).test).toBe(true);
		expect(staticData.node.url).toBe(URL_);
		list([current, { ...current, id: 'sub-test', name: body.name }]);
		const del = nock(API).delete(`${base}/webhooks/sub-test`).reply(200);
		expect((await hook('delete', staticData, 'manual')).result).toBe(true);
		expect(del.isDone()).toBe(true);
	});

	test('delete: removes every subscription of this trigger, 404 included', async () => {
		const staticData = {
			node: { url: URL_, subscriptionId: 'sub-1', secret: 'x', seen: {} },
			global: {},
		};
		list([
			current,
			{ ...current, id: 'sub-2' },
			{ id: 'other', name: 'Other', eventNotificationUrl: 'https://x' },
		]);
		const del = nock(API)
			.delete(`${base}/webhooks/sub-1`)
			.reply(200)
			.delete(`${base}/webhooks/sub-2`)
			.reply(404, { title: 'Not Found', status: 404 });
		expect((await hook('delete', staticData)).result).toBe(true);
		expect(del.isDone()).toBe(true);
		expect(staticData.node).toEqual({ seen: {} });
	});
});
