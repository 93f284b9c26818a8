// The heartbeat template in a started n8n: it reads n8n's own execution list through the n8n API, so it needs an
// owner, an API key and a credential holding it, set up here the way an operations lead would in the editor.
const { startStack } = require('../helpers/e2e');

jest.setTimeout(15 * 60 * 1000);

let stack;
let url;
let session;

async function rest(method, route, body) {
	const res = await fetch(`${url}/rest${route}`, {
		method,
		headers: { ...session, 'content-type': 'application/json' },
		body: body ? JSON.stringify(body) : undefined,
	});
	const json = await res.json().catch(() => null);
	if (!res.ok)
		throw new Error(`${method} ${route} answered ${res.status}: ${JSON.stringify(json)}`);
	return json?.data ?? json;
}

/** The editor's "Test workflow" from the Run now trigger; resolves the finished execution's status and error. */
async function runNow(workflowId) {
	const { executionId } = await rest('POST', `/workflows/${workflowId}/run`, {
		triggerToStartFrom: { name: 'Run now' },
	});
	const deadline = Date.now() + 120_000;
	for (;;) {
		const execution = await rest('GET', `/executions/${executionId}`);
		if (['success', 'error', 'crashed'].includes(execution.status)) return execution;
		if (Date.now() > deadline) throw new Error(`execution ${executionId} did not finish`);
		await new Promise((r) => setTimeout(r, 250));
	}
}

beforeAll(async () => {
	stack = await startStack();
	// A placeholder now; the key exists only once the owner does.
	await stack.n8n.importCredentials([
		{
			id: 'legalSyncN8nApi',
			name: 'n8n API account',
			type: 'n8nApi',
			data: { apiKey: 'set-below', baseUrl: 'http://127.0.0.1/api/v1' },
		},
	]);
	for (const file of [
		'casepeer-case-status-nightly-sync.json',
		'casepeer-case-status-message-relay.json',
		'casepeer-case-status-heartbeat.json',
	]) {
		await stack.n8n.importWorkflow(stack.template(file));
	}
	url = await stack.n8n.start();
	const owner = await fetch(`${url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'browser-id': 'e2e' },
		body: JSON.stringify({
			email: 'ops@firm.example',
			firstName: 'Ops',
			lastName: 'Lead',
			password: 'Operations-Lead-1',
		}),
	});
	if (owner.status !== 200)
		throw new Error(`owner setup answered ${owner.status}: ${await owner.text()}`);
	session = { cookie: owner.headers.get('set-cookie').split(';')[0], 'browser-id': 'e2e' };
	const key = await rest('POST', '/api-keys', {
		label: 'heartbeat',
		expiresAt: null,
		scopes: ['execution:list', 'execution:read'],
	});
	await rest('PATCH', '/credentials/legalSyncN8nApi', {
		name: 'n8n API account',
		type: 'n8nApi',
		data: { apiKey: key.rawApiKey ?? key.apiKey, baseUrl: `${url}/api/v1` },
	});
});
afterAll(async () => stack && stack.stop());

test('the heartbeat alerts while the nightly sync has never run, and is quiet once it has, even when that run ended on new problems', async () => {
	const before = await runNow('lsCpCsBeat00001');
	expect(before.status).toBe('error');
	expect(JSON.stringify(before.data)).toMatch(/nightly CASEpeer → Case Status sync has never run/);

	const nightly = await runNow('lsCpCsNightly01');
	expect(nightly.status).toBe('success');

	const after = await runNow('lsCpCsBeat00001');
	expect(after.status).toBe('success');

	// A night that found new per-case problems fails (the error workflow alerts once); the heartbeat stays quiet.
	await stack.admin('POST', '/casepeer/messy', {});
	await stack.admin('POST', '/case-status/messy', {});
	const messy = await runNow('lsCpCsNightly01');
	expect(messy.status).toBe('error');
	expect((await runNow('lsCpCsBeat00001')).status).toBe('success');
});
