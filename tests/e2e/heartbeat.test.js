// The heartbeat template in a started n8n: it reads n8n's own execution list through the n8n API, so it needs an
// owner, an API key and a credential holding it, set up here the way an operations lead would in the editor.
const { startStack } = require('../helpers/e2e');
const { startN8n } = require('../helpers/n8n-rest');

jest.setTimeout(15 * 60 * 1000);

let stack;
let n8n;
const runNow = (id) => n8n.runNow(id);

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
	n8n = await startN8n(stack, {
		templates: ['nightly-sync', 'message-relay', 'heartbeat'].map((name) =>
			stack.template(`casepeer-case-status-${name}.json`),
		),
	});
	const key = await n8n.rest('POST', '/api-keys', {
		label: 'heartbeat',
		expiresAt: null,
		scopes: ['execution:list', 'execution:read'],
	});
	await n8n.rest('PATCH', '/credentials/legalSyncN8nApi', {
		name: 'n8n API account',
		type: 'n8nApi',
		data: { apiKey: key.rawApiKey ?? key.apiKey, baseUrl: `${n8n.url}/api/v1` },
	});
});
afterAll(async () => stack && stack.stop());

test('the heartbeat alerts while the nightly sync has never run, and is quiet once it has, even when that run ended on new problems', async () => {
	const before = await runNow('lsCpCsBeat00001');
	expect(before.status).toBe('error');
	expect(before.error.message).toMatch(/nightly CASEpeer → Case Status sync has never run/);

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
