// Smokeball webhooks a firm can leave running for months, in a started real n8n against the sandbox: deliveries
// remembered across a restart (and one body per signed header set), Ignore Own Changes left at its default, the
// body-size bound, no signing key in the workflow, and a subscription Smokeball dropped found and made again by the
// subscriptions check template (workflows/smokeball-subscriptions-check.json) within its 5 minutes.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { ownerRest, startStack } = require('../helpers/e2e');
const { SEED_FACTS: SB } = require('../../sandbox/systems/smokeball/seed');
const { signature } = require('../../sandbox/systems/smokeball/webhooks');
const { ticksString } = require('../../sandbox/systems/smokeball/ticks');

jest.setTimeout(30 * 60 * 1000);

const CHECK_INTERVAL_MS = 5 * 60_000;
const TRIGGER_WORKFLOW = {
	id: 'lsE2eSbTrigger1',
	name: 'E2E: Smokeball trigger',
	nodes: [
		{
			id: '6f0d3c1e-2a4b-4c5d-8e9f-0a1b2c3d4e5f',
			name: 'Smokeball Trigger',
			type: 'n8n-nodes-legal-sync.smokeballTrigger',
			typeVersion: 1,
			position: [0, 0],
			// Options left empty, as a freshly dragged-in trigger: Ignore Own Changes must hold (it shows as on).
			parameters: { events: ['matter.updated'], options: {} },
			credentials: { smokeballOAuth2Api: { id: 'legalSyncSmokeball', name: 'Smokeball account' } },
			webhookId: '0e2e5b0c-47a1-4f7e-9a55-3c2f1d0e9b71',
		},
		{
			id: '7a1e4d2f-3b5c-4d6e-9fa0-1b2c3d4e5f60',
			name: 'Delivered',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [240, 0],
			parameters: {},
		},
	],
	connections: { 'Smokeball Trigger': { main: [[{ node: 'Delivered', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

let stack;
let url;
let apiKey;
let logFile;
let runNow; // the editor's "Test workflow" from the Run now trigger, as the owner

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function waitFor(check, timeoutMs = 60_000, everyMs = 500) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting; n8n log tail:\n${logTail()}`);
		await sleep(everyMs);
	}
}
const logTail = () =>
	logFile && fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-3000) : '';

async function start() {
	const out = fs.openSync(logFile, 'a');
	url = await stack.n8n.start({ stdio: ['ignore', out, out] });
	fs.closeSync(out);
}
async function restart() {
	await stack.n8n.stop();
	await start();
}

const smokeball = async () => {
	await stack.admin('POST', '/smokeball/processing/flush');
	return stack.admin('GET', '/state/smokeball');
};
const triggerSubscriptions = async () =>
	(await smokeball()).webhooks.filter((w) =>
		w.eventNotificationUrl.includes(TRIGGER_WORKFLOW.nodes[0].webhookId),
	);
/** Executions of the trigger workflow, through n8n's public API. */
async function executions(workflowId = TRIGGER_WORKFLOW.id) {
	const res = await fetch(`${url}/api/v1/executions?workflowId=${workflowId}&limit=250`, {
		headers: { 'X-N8N-API-KEY': apiKey },
	});
	if (!res.ok) throw new Error(`executions answered ${res.status}: ${await res.text()}`);
	return (await res.json()).data;
}
/** Smokeball sends an event (the sandbox signs and delivers it); resolves the delivery log. */
async function fire(extra = {}) {
	const { deliveries } = await stack.admin('POST', '/smokeball/events', {
		type: 'matter.updated',
		matterId: SB.matters.purchase.id,
		...extra,
	});
	return deliveries;
}
/** A delivery by hand, signed with the key Smokeball holds for the subscription. */
async function post(sub, headers, body) {
	const res = await fetch(sub.eventNotificationUrl, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await res.text();
	let parsed = text || null;
	try {
		parsed = JSON.parse(text);
	} catch {
		// not JSON: compared as text
	}
	return { status: res.status, body: parsed };
}
const signedHeaders = (sub, requestId, timestamp = ticksString(Date.now())) => ({
	Timestamp: timestamp,
	RequestId: requestId,
	Signature: signature(sub.key, timestamp, requestId, SB.clientId),
});
const envelope = (sub, payload) => ({
	accountId: SB.accountId,
	subscriptionId: sub.id,
	type: 'matter.updated',
	source: 'Smokeball',
	payload,
	timestamp: Number(ticksString(Date.now())),
});

beforeAll(async () => {
	stack = await startStack();
	logFile = path.join(stack.n8n.userFolder, 'n8n.log');
	await stack.n8n.importCredentials([
		{
			id: 'legalSyncN8nApi',
			name: 'n8n API account',
			type: 'n8nApi',
			data: { apiKey: 'set-below', baseUrl: 'http://127.0.0.1/api/v1' },
		},
	]);
	await stack.n8n.importWorkflow(TRIGGER_WORKFLOW);
	const checkId = await stack.n8n.importWorkflow(
		stack.template('smokeball-subscriptions-check.json'),
	);
	await stack.n8n.publish(TRIGGER_WORKFLOW.id);
	await stack.n8n.publish(checkId);
	await start();
	// The owner, an API key that may list workflows and executions, and the n8n API credential the check uses.
	const rest = await ownerRest(url);
	const key = await rest('POST', '/api-keys', {
		label: 'subscriptions check',
		expiresAt: null,
		scopes: ['workflow:list', 'workflow:read', 'execution:list', 'execution:read'],
	});
	apiKey = key.rawApiKey ?? key.apiKey;
	runNow = async (workflowId) => {
		const { executionId } = await rest('POST', `/workflows/${workflowId}/run`, {
			triggerToStartFrom: { name: 'Run now' },
		});
		return waitFor(async () => {
			const execution = await rest('GET', `/executions/${executionId}`);
			return ['success', 'error', 'crashed'].includes(execution.status) ? execution : null;
		}, 120_000);
	};
	await rest('PATCH', '/credentials/legalSyncN8nApi', {
		name: 'n8n API account',
		type: 'n8nApi',
		data: { apiKey, baseUrl: `${url}/api/v1` },
	});
	// Publishing subscribed the trigger.
	await waitFor(async () => (await triggerSubscriptions()).length === 1);
});
afterAll(async () => stack && stack.stop());

test('a delivery runs once; after a restart its redelivery, or its signed headers with another body, run nothing', async () => {
	const before = (await executions()).length;
	const requestId = crypto.randomUUID();
	const [delivery] = await fire({ requestId });
	expect(delivery.attempts[0].status).toBe(200);
	await waitFor(async () => (await executions()).length === before + 1);

	await restart();
	const [sub] = await triggerSubscriptions();
	// Smokeball delivers at least once: the same event again (same RequestId, signed anew)…
	const [again] = await fire({ requestId });
	expect(again.attempts[0].status).toBe(200);
	// …and the first delivery's signed headers re-sent with another matter in the body.
	const first = delivery.attempts[0];
	const swapped = await post(
		sub,
		{ Timestamp: first.timestamp, RequestId: requestId, Signature: first.signature },
		envelope(sub, { id: SB.matters.sale.id }),
	);
	expect(swapped).toEqual({ status: 200, body: { received: true, ignored: 'duplicate' } });
	await sleep(3000);
	expect((await executions()).length).toBe(before + 1);
});

test('with Options left empty, an echo of an own write (its RequestId) starts nothing; a change by a person does', async () => {
	const before = (await executions()).length;
	const [echo] = await fire({ requestId: '3b9f6c2a-8d41-4e7a-a0c5-1e9a15c0de00' });
	expect(echo.attempts[0].status).toBe(200);
	await sleep(3000);
	expect((await executions()).length).toBe(before);
	await fire();
	await waitFor(async () => (await executions()).length === before + 1);
});

test('a signed delivery over 512 KiB is refused with 413 and starts nothing', async () => {
	const before = (await executions()).length;
	const [sub] = await triggerSubscriptions();
	const big = await post(
		sub,
		signedHeaders(sub, crypto.randomUUID()),
		envelope(sub, { id: SB.matters.purchase.id, description: 'x'.repeat(600 * 1024) }),
	);
	expect(big).toEqual({ status: 413, body: { error: 'too_large' } });
	await sleep(2000);
	expect((await executions()).length).toBe(before);
});

test('the workflow holds nothing that signs: an export has no key, yet deliveries verify', async () => {
	const [sub] = await triggerSubscriptions();
	const file = path.join(stack.n8n.userFolder, 'export.json');
	await stack.n8n.cli(['export:workflow', `--id=${TRIGGER_WORKFLOW.id}`, `--output=${file}`]);
	const exported = fs.readFileSync(file, 'utf8');
	fs.rmSync(file);
	expect(exported).toContain('Smokeball Trigger');
	expect(exported).not.toContain(sub.key);
	expect(exported.match(/[0-9a-f]{64}/g)).toBeNull();
	// What it does hold: where it subscribed, and hashes of the deliveries it has seen.
	const staticData = JSON.parse(exported)[0].staticData['node:Smokeball Trigger'];
	expect(Object.keys(staticData).sort()).toEqual(['events', 'seen', 'subscriptionId', 'url']);
	expect(Object.keys(staticData.seen).length).toBeGreaterThan(0);
});

test('a subscription Smokeball dropped is subscribed again by the check within 5 minutes, across a restart', async () => {
	const before = (await executions()).length;
	const dropped = Date.now();
	expect(
		(await stack.admin('POST', '/smokeball/subscriptions/expire', {})).deleted,
	).toBeGreaterThan(0);
	await restart();
	const ready = Date.now();
	// Smokeball sends events all along; none can arrive until the check has subscribed the trigger again.
	let healed = null;
	await waitFor(
		async () => {
			const [delivery] = await fire();
			if (delivery && delivery.attempts[0].status === 200) healed = Date.now();
			return healed;
		},
		CHECK_INTERVAL_MS + 60_000,
		5000,
	);
	await waitFor(async () => (await executions()).length > before);
	process.stdout.write(
		`heal: deliveries flowed again ${((healed - dropped) / 1000).toFixed(0)} s after Smokeball dropped the subscription (${((healed - ready) / 1000).toFixed(0)} s after n8n was ready)\n`,
	);
	expect(healed - ready).toBeLessThanOrEqual(CHECK_INTERVAL_MS + 30_000);
	// Exactly one subscription again, with Smokeball's test event verified by the trigger (200, nothing run).
	expect(await triggerSubscriptions()).toHaveLength(1);
	const noop = (await stack.admin('GET', '/smokeball/deliveries')).filter((d) => d.type === 'noop');
	expect(noop.at(-1).attempts[0].status).toBe(200);
	const checks = await executions('lsSbSubsCheck01');
	expect(checks.some((e) => e.status === 'success' && e.mode === 'trigger')).toBe(true);
});

test('when Smokeball refuses the credential, the check run fails saying what to fix; reconnected, the next run subscribes again', async () => {
	await stack.admin('POST', '/smokeball/subscriptions/expire', {});
	await stack.admin('POST', '/smokeball/tokens/expire', {});
	// The credential can no longer get a token (as when the refresh token expired or access was revoked).
	const refused = { match: { system: 'smokeball', pathPrefix: '/auth/oauth2/token' }, status: 400 };
	await stack.admin('POST', '/config', { faults: { script: Array(6).fill(refused) } });
	try {
		const run = await runNow('lsSbSubsCheck01');
		expect(run.status).toBe('error');
		const text = JSON.stringify(run.data).replace(/\\+/g, '');
		expect(text).toMatch(
			/Smokeball webhooks are not reaching n8n for "E2E: Smokeball trigger" › Smokeball Trigger: Smokeball did not accept the credential.*\(reason: credential_refused\)/,
		);
		expect(text).toMatch(/could not be renewed/);
		expect(await triggerSubscriptions()).toHaveLength(0);
	} finally {
		await stack.admin('POST', '/config', { faults: null });
	}
	// Reconnected: the next run subscribes again.
	const ok = await runNow('lsSbSubsCheck01');
	expect(ok.status).toBe('success');
	expect(await triggerSubscriptions()).toHaveLength(1);
});
