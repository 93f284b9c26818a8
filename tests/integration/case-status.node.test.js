// The Case Status node against the sandbox: real HTTP, real credential auth, the sandbox's state as the truth.
const { NodeApiError, NodeOperationError } = require('n8n-workflow');
const { startSandbox } = require('../../sandbox/server');
const { CaseStatus } = require('../../nodes/CaseStatus/CaseStatus.node');
const { runNode, runMethod, testCredential } = require('../helpers/harness');
const { resetBuckets } = require('../../nodes/shared/rateLimit');
const { DEMO_KEYS } = require('../../scripts/lib/credentials');
const { adminApi } = require('../helpers/sandbox-client');

const CANARY = 'cs_canary_0d1e2f3a4b5c';
let sandbox;
let creds;
const node = new CaseStatus();

const admin = adminApi(() => sandbox.url);
const state = () => admin('GET', '/state/case-status');
const run = (parameters, extra = {}) => runNode({ node, parameters, credentials: creds, ...extra });

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
	creds = { caseStatusApi: { environment: 'custom', baseUrl: `${sandbox.url}/case-status`, apiKey: DEMO_KEYS.caseStatus } };
});
afterAll(() => sandbox.close());
beforeEach(async () => {
	resetBuckets();
	await admin('POST', '/reset');
});

describe('credential test request', () => {
	test('succeeds with the demo key and fails with a wrong one', async () => {
		expect(await testCredential('caseStatusApi', creds.caseStatusApi)).toBe(200);
		expect(await testCredential('caseStatusApi', { ...creds.caseStatusApi, apiKey: 'wrong' })).toBe(401);
	});
});

describe('Case › Get Many', () => {
	test('Return All pages through every open case', async () => {
		const { output } = await run({ resource: 'case', operation: 'getAll', returnAll: true, filters: { status: 'open' } });
		const open = (await state()).cases.filter((c) => c.status === 'open');
		expect(output.map((i) => i.json.integration_id).sort()).toEqual(open.map((c) => c.integration_id).sort());
		expect(output.every((i) => i.pairedItem.item === 0)).toBe(true);
	});

	test('Limit 3 makes one request for three cases', async () => {
		await admin('DELETE', '/requests');
		const { output } = await run({ resource: 'case', operation: 'getAll', returnAll: false, limit: 3 });
		expect(output).toHaveLength(3);
		const log = await admin('GET', '/requests?system=case-status');
		expect(log).toHaveLength(1);
	});

	test('Return All with pages of 100 stops at the short page', async () => {
		await admin('POST', '/seed/case-status', { cases: 230 });
		await admin('DELETE', '/requests');
		const { output } = await run({ resource: 'case', operation: 'getAll', returnAll: true, simplify: false });
		const total = (await state()).cases.length;
		expect(output).toHaveLength(total);
		const pages = (await admin('GET', '/requests?system=case-status')).length;
		expect(pages).toBe(Math.ceil((total + 1) / 100));
	});

	test('filters by integration IDs and updated-since', async () => {
		const all = (await state()).cases;
		const ids = [all[0].integration_id, all[3].integration_id];
		const { output } = await run({ resource: 'case', operation: 'getAll', returnAll: true, filters: { integrationIds: ids.join(', ') } });
		expect(output.map((i) => i.json.integration_id).sort()).toEqual(ids.sort());

		const sorted = [...all].sort((a, b) => a.updated_at.localeCompare(b.updated_at));
		const since = sorted[sorted.length - 4].updated_at;
		const recent = await run({ resource: 'case', operation: 'getAll', returnAll: true, filters: { updatedSince: since } });
		expect(recent.output.length).toBe(all.filter((c) => c.updated_at >= since).length);
	});

	test('a malformed Updated Since is refused before any request, naming the field and item', async () => {
		await admin('DELETE', '/requests');
		const error = await run({ resource: 'case', operation: 'getAll', returnAll: true, filters: { updatedSince: 'last tuesday' } }).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/'Filters.updatedSince'/);
		expect(await admin('GET', '/requests?system=case-status')).toHaveLength(0);
	});
});

describe('Case › Get', () => {
	test('by integration ID and by internal ID return the same case', async () => {
		const target = (await state()).cases[2];
		const a = await run({ resource: 'case', operation: 'get', case: { __rl: true, mode: 'integrationId', value: target.integration_id } });
		const b = await run({ resource: 'case', operation: 'get', case: { __rl: true, mode: 'id', value: String(target.id) } });
		expect(a.output[0].json).toEqual(b.output[0].json);
		expect(a.output[0].json.name).toBe(target.name);
	});

	test('an unknown integration ID says so for that item; continueOnFail returns an error item instead', async () => {
		const input = [{ json: { id: (await state()).cases[0].integration_id } }, { json: { id: '99999999' } }];
		const parameters = { resource: 'case', operation: 'get', case: (item) => ({ __rl: true, mode: 'integrationId', value: item.json.id }) };
		const error = await run(parameters, { input }).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/No Case Status case has integration ID '99999999'/);
		expect(error.context.itemIndex).toBe(1);

		const { output } = await run(parameters, { input, continueOnFail: true });
		expect(output).toHaveLength(2);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(output[1]).toEqual(expect.objectContaining({ json: expect.objectContaining({ error: expect.stringMatching(/99999999/) }), pairedItem: { item: 1 } }));
		// Only error + details: the shape n8n routes to the error output under "Continue (using error output)".
		expect(Object.keys(output[1].json).sort()).toEqual(['details', 'error']);
	});

	test('an unknown internal ID is a 404 NodeApiError with a fix hint', async () => {
		const error = await run({ resource: 'case', operation: 'get', case: { __rl: true, mode: 'id', value: '424242' } }).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('404');
		expect(error.description).toMatch(/Check the ID/);
	});
});

describe('errors, limits and faults', () => {
	test('a wrong key is a 401 that names the credential and never shows the key', async () => {
		const bad = { caseStatusApi: { ...creds.caseStatusApi, apiKey: CANARY.replace('canary', 'wrongk') } };
		const error = await runNode({ node, parameters: { resource: 'user', operation: 'getAll', returnAll: true }, credentials: bad }).catch((e) => e);
		expect(error.httpCode).toBe('401');
		expect(error.description).toMatch(/Case Status credential/);
		expect(JSON.stringify([error.message, error.description, error.messages])).not.toContain('wrongk');
	});

	test('429 answers from the rate limit are waited out and the listing completes', async () => {
		await admin('POST', '/seed/case-status', { cases: 400 });
		await admin('POST', '/config', { rateLimits: { 'case-status': { perSecond: 2, burst: 1 } } });
		const { output } = await run({ resource: 'case', operation: 'getAll', returnAll: true, simplify: false });
		expect(output).toHaveLength((await state()).cases.length);
	});

	test('injected 503, dropped connection and 429 are retried; the result is complete and correct', async () => {
		await admin('POST', '/config', {
			faults: { script: [{ status: 503 }, { drop: true }, { status: 429, retryAfter: 1 }], match: { system: 'case-status' } },
		});
		const { output } = await run({ resource: 'case', operation: 'getAll', returnAll: true });
		expect(output).toHaveLength((await state()).cases.length);
		const log = await admin('GET', '/requests?system=case-status');
		expect(log.filter((r) => r.faulted).length).toBe(3);
	});
});

describe('Stage, User and the case list search', () => {
	test('stages come in position order with their integration mappings', async () => {
		const { output } = await run({ resource: 'stage', operation: 'getAll' });
		const positions = output.map((i) => i.json.position);
		expect(positions).toEqual([...positions].sort((a, b) => a - b));
		expect(output.length).toBeLessThanOrEqual(12);
		expect(output[0].json.integration_mappings).toEqual(expect.any(Array));
	});

	test('users filter by email case-insensitively', async () => {
		const attorney = (await state()).users.find((u) => u.role === 'attorney' && u.active);
		const { output } = await run({ resource: 'user', operation: 'getAll', returnAll: true, filters: { email: attorney.email.toUpperCase() } });
		expect(output.map((i) => i.json.id)).toEqual([attorney.id]);
	});

	test('the resource locator list searches cases by name', async () => {
		const target = (await state()).cases[0];
		const res = await runMethod({ node, credentials: creds }, 'listSearch', 'searchCases', target.name.slice(0, 6));
		expect(res.results.map((r) => r.value)).toContain(String(target.id));
	});
});
