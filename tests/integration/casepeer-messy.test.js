// The CASEpeer → Case Status node chain on the sandbox's messy firm (sandbox/systems/casepeer/messy.js): every bad
// record is its own row with a reason, every good one is done, closed cases close whatever their stage or attorney.
const { startSandbox } = require('../../sandbox/server');
const { MESSY_FACTS: M } = require('../../sandbox/systems/casepeer/messy');
const { CasePeer } = require('../../nodes/CasePeer/CasePeer.node');
const { CaseStatus } = require('../../nodes/CaseStatus/CaseStatus.node');
const { runNode } = require('../helpers/harness');
const { resetBuckets } = require('../../nodes/shared/rateLimit');
const { DEMO_KEYS } = require('../../scripts/lib/credentials');
const { adminApi } = require('../helpers/sandbox-client');

let sandbox;
let credentials;
const casePeer = new CasePeer();
const caseStatus = new CaseStatus();
const byId = (id) => ({ __rl: true, mode: 'id', value: String(id) });

const admin = adminApi(() => sandbox.url);

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
	credentials = {
		casePeerApi: { baseUrl: `${sandbox.url}/casepeer`, apiKey: DEMO_KEYS.casePeer },
		caseStatusApi: {
			environment: 'custom',
			baseUrl: `${sandbox.url}/case-status`,
			apiKey: DEMO_KEYS.caseStatus,
		},
	};
});
afterAll(() => sandbox.close());
beforeEach(async () => {
	resetBuckets();
	await admin('POST', '/reset');
	await admin('POST', '/casepeer/messy', {});
	await admin('POST', '/case-status/messy', {});
});

test('nightly sync: closed cases close whatever their stage or attorney; each problem is its own row', async () => {
	const read = await runNode({
		node: casePeer,
		credentials,
		parameters: {
			resource: 'case',
			operation: 'getAll',
			returnAll: true,
			filters: { connected: true },
			output: 'canonical',
		},
	});
	const { output } = await runNode({
		node: caseStatus,
		credentials,
		input: read.output.map((i) => ({ json: i.json })),
		parameters: { resource: 'case', operation: 'sync' },
	});
	const row = (id) => output.find((o) => o.json.integration_id === String(id)).json;
	const c = M.connected;
	expect(row(c.closedUnmapped)).toEqual(expect.objectContaining({ action: 'closed' }));
	expect(row(c.closedInactiveAttorney)).toEqual(expect.objectContaining({ action: 'closed' }));
	expect(row(c.stageChangedInactiveAttorney)).toEqual(
		expect.objectContaining({ action: 'updated', changes: 'stage: Treatment Complete → Demand' }),
	);
	expect(row(c.attorneyNowParalegal)).toEqual(
		expect.objectContaining({
			action: 'failed',
			reason: expect.stringMatching(/^attorney_not_found .*sng@firm.com is a paralegal/),
		}),
	);
	expect(row(c.openUnmapped)).toEqual(
		expect.objectContaining({ action: 'failed', reason: expect.stringMatching(/^unmapped_stage/) }),
	);
	expect(row(c.labelledPhone)).toEqual(
		expect.objectContaining({
			action: 'failed',
			reason: expect.stringMatching(/not_a_cell_phone .*labelled "Home"/),
		}),
	);
	expect(row(c.reopenedInactiveAttorney)).toEqual(
		expect.objectContaining({ action: 'updated', changes: 'status: closed → open' }),
	);
	expect(row(c.noCaseNumber).action).toBe('unchanged');
	expect(row(c.noCaseStatus)).toEqual(
		expect.objectContaining({ action: 'skipped', reason: 'not_in_case_status' }),
	);
	expect(
		output.some((o) => [String(c.deleted), String(c.merged)].includes(o.json.integration_id)),
	).toBe(false);
	const cs = await admin('GET', '/state/case-status');
	for (const id of [c.closedUnmapped, c.closedInactiveAttorney])
		expect(cs.cases.find((x) => x.integration_id === String(id)).status).toBe('closed');
});

test('bulk import: each unreadable or refused case is its row with a reason; the others go in; an existing case is linked', async () => {
	const u = M.unconnected;
	const input = Object.values(u).map((id) => ({ json: { id } }));
	const got = await runNode({
		node: casePeer,
		credentials,
		input,
		continueOnFail: true,
		parameters: {
			resource: 'case',
			operation: 'get',
			case: (item) => byId(item.json.id),
			output: 'canonical',
		},
	});
	const notFound = got.output
		.filter((o) => o.json.error)
		.map((o) => input[o.pairedItem.item].json.id);
	expect(notFound.sort()).toEqual([u.deleted, u.merged].sort());
	const cases = got.output.filter((o) => !o.json.error);
	const imported = await runNode({
		node: caseStatus,
		credentials,
		input: cases.map((o) => ({ json: o.json })),
		continueOnFail: true,
		parameters: { resource: 'case', operation: 'create', source: 'canonical' },
	});
	const byCase = Object.fromEntries(
		imported.output.map((o) => [cases[o.pairedItem.item].json.externalRef, o.json]),
	);
	expect(byCase[u.alreadyInCaseStatus]).toEqual(expect.objectContaining({ action: 'exists' }));
	expect(byCase[u.importable]).toEqual(expect.objectContaining({ action: 'created' }));
	expect(byCase[u.noCaseNumber]).toEqual(
		expect.objectContaining({
			action: 'created',
			readable_id: String(u.noCaseNumber),
			warnings: expect.stringMatching(/no case number/),
		}),
	);
	expect(byCase[u.officePhone].error).toMatch(/labelled "Office".*\(not_a_cell_phone\)/);
	expect(byCase[u.extension].error).toMatch(/extension.*\(not_a_cell_phone\)/);
	expect(byCase[u.londonLandline].error).toMatch(/landline.*\(not_a_cell_phone\)/);
	expect(byCase[u.closed].error).toMatch(/closed in the source system.*\(closed_in_source\)/);
	expect(byCase[u.inactiveAttorney].error).toMatch(/pwhite@firm.com is an inactive user/);
});

test('a note CASEpeer refuses (422, deleted or merged case) is its own error item; the next note is written', async () => {
	const cs = await admin('GET', '/state/case-status');
	const received = cs.messages.filter((m) => m.type === 'received' && m.created_at > '2026');
	const input = received.map((m) => ({
		json: {
			id: m.id,
			content: m.content,
			integration_id: cs.cases.find((c) => c.id === m.case_id).integration_id,
		},
	}));
	const { output } = await runNode({
		node: casePeer,
		credentials,
		input,
		continueOnFail: true,
		parameters: {
			resource: 'caseNote',
			operation: 'create',
			case: (item) => byId(item.json.integration_id),
			text: (item) =>
				`Received message from Case Status: Message from Case Status: ${item.json.content}`,
			externalRef: (item) => `casestatus:message:${item.json.id}`,
			additionalFields: { categoryId: 'Client Communication' },
		},
	});
	expect(output.map((o) => (o.json.error ? 'refused' : 'written'))).toEqual([
		'refused',
		'refused',
		'written',
	]);
	expect(output[0].json.error).toMatch(/\(reason: case_not_writable\)$/);
	expect(output[2].json.category_id).toBe('ncat_2');
});
