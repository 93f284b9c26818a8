// The templates on n8n's queue mode, unmodified except where a firm would edit them (its own case list, a shorter
// poll): PostgreSQL and Redis from Debian's packages, n8n main (editor, REST, schedules, polling triggers) + two
// workers (concurrency 5) + a webhook processor, the pack installed once in their shared user folder
// (scripts/lib/queue.js). Every execution must run on a worker and leave the end state a single process leaves,
// with no write made twice; a worker killed mid-run loses nothing; two workers sharing one credential stay under
// the vendor's limit; a Smokeball delivery repeated to another process changes nothing twice.
const fs = require('node:fs');
const path = require('node:path');
const { QueueStack } = require('../../scripts/lib/queue');
const { packPackage, ROOT } = require('../../scripts/lib/n8n');
const { sandboxCredentials, WEBHOOK_AUTH, DEMO_KEYS } = require('../../scripts/lib/credentials');
const { startSandbox } = require('../../sandbox/server');
const { sandboxAdmin } = require('../helpers/e2e');
const { startSmtpSink } = require('../../sandbox/smtp');
const { ticksNumber, msFromTicks } = require('../../sandbox/systems/smokeball/ticks');
const LIMITS = {
	'case-status': require('../../sandbox/systems/case-status').rateLimit,
	casepeer: require('../../sandbox/systems/casepeer').rateLimit,
};
const { SEED_FACTS: CP } = require('../../sandbox/systems/casepeer/seed');
const { SEED_FACTS: PP } = require('../../sandbox/systems/perfect-portal/seed');
const { SEED_FACTS: SB } = require('../../sandbox/systems/smokeball/seed');

jest.setTimeout(20 * 60 * 1000);

const template = (file) => JSON.parse(fs.readFileSync(path.join(ROOT, 'workflows', file), 'utf8'));
const ID = {
	nightly: 'lsCpCsNightly01',
	relay: 'lsCpCsRelay0001',
	connect: 'lsCpCsConnect01',
	bulk: 'lsCpCsBulkImp01',
	convert: 'lsPpSbConvert01',
	download: 'lsPpDpsDownload1',
	dpsImport: 'lsPpDpsImport001',
	stages: 'lsPpSbStages001',
};
/** The cases the bulk import template's copy lists: importable ones and one of each import blocker. */
const BULK_IDS = [27916, 27917, 27918, 27919, 27920, 27921];

/** A template with the value a firm types into one Set node's first field (the template leaves it empty). */
function typedInto(file, nodeName, value) {
	const wf = template(file);
	wf.nodes.find((n) => n.name === nodeName).parameters.assignments.assignments[0].value = value;
	return wf;
}

/** The bulk import as a firm edits it: its own list of CASEpeer case IDs in "Cases to import". */
function bulkImportOf(id, caseIds) {
	const wf = typedInto(
		'casepeer-case-status-bulk-import.json',
		'Cases to import',
		caseIds.join(', '),
	);
	return id === ID.bulk ? wf : { ...wf, id, name: `${wf.name} (${id})` };
}

/** The message relay with both pollers every minute instead of every 2 minutes, so the test waits less. */
function relayEveryMinute() {
	const wf = template('casepeer-case-status-message-relay.json');
	for (const n of wf.nodes)
		if (n.parameters.pollTimes) n.parameters.pollTimes = { item: [{ mode: 'everyMinute' }] };
	return wf;
}

let sandbox;
let smtp;
let stack;
let admin;
const relayPosted = {};
/** Generated CASEpeer cases not in Case Status yet: two lists for two imports at once, one for the killed run. */
const lists = {};

const state = async (system) => {
	if (system === 'smokeball') await admin('POST', '/smokeball/processing/flush');
	return admin('GET', `/state/${system}`);
};
const requests = (system) => admin('GET', `/requests${system ? `?system=${system}` : ''}`);
const writes = async (system) =>
	(await requests(system)).filter((r) => r.method !== 'GET' && !r.path.endsWith('/oauth2/token'));

/** Runs a workflow from "Run now" on a worker; asserts it ran on one (not on main) and did not fail. */
async function runOnWorker(id, trigger) {
	const run = await stack.runNow(id, trigger);
	expect([run.status, run.error && run.error.message]).toEqual(['success', null]);
	expect(stack.workerOf(run.id)).toBeDefined();
	return run;
}

/** POST to a production webhook on one process (the webhook processor unless told), with the webhook key. */
async function postWebhook(webhookPath, body, baseUrl = stack.webhookUrl) {
	const res = await fetch(`${baseUrl}/webhook/${webhookPath}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', [WEBHOOK_AUTH.header]: WEBHOOK_AUTH.value },
		body: JSON.stringify(body),
	});
	const text = await res.text();
	if (res.status !== 200)
		throw new Error(
			`POST ${baseUrl}/webhook/${webhookPath} answered ${res.status}: ${text.slice(0, 300)}`,
		);
	return text ? JSON.parse(text) : null;
}

/** The newest execution of a workflow (it must have run on a worker). */
async function latestExecution(workflowId) {
	const [latest] = await stack.executions(workflowId);
	const run = await stack.waitFor(latest.id);
	expect(stack.workerOf(run.id)).toBeDefined();
	return run;
}

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
	admin = sandboxAdmin(sandbox.url);
	smtp = await startSmtpSink();
	stack = new QueueStack({
		workers: 2,
		concurrency: 5,
		// Main takes production webhooks too, so a redelivery can reach a process other than the webhook processor.
		mainWebhooks: true,
		// A killed worker's job is found stalled within seconds instead of n8n's default minute.
		env: {
			QUEUE_WORKER_LOCK_DURATION: '5000',
			QUEUE_WORKER_LOCK_RENEW_TIME: '1000',
			QUEUE_WORKER_STALLED_INTERVAL: '2000',
		},
	});
	await stack.prepare({ tarball: packPackage() });
	await stack.main.importCredentials(
		sandboxCredentials(sandbox.url, undefined, { smtpPort: smtp.port }),
	);
	const { unconnected } = await admin('POST', '/seed/linked', { cases: 0, unconnected: 70 });
	Object.assign(lists, {
		shareA: unconnected.slice(0, 15),
		shareB: unconnected.slice(15, 30),
		kill: unconnected.slice(30),
	});
	await stack.importWorkflows([
		bulkImportOf('lsQmBulkShareA1', lists.shareA),
		bulkImportOf('lsQmBulkShareB1', lists.shareB),
		bulkImportOf('lsQmBulkKill001', lists.kill),
		path.join(ROOT, 'workflows/casepeer-case-status-nightly-sync.json'),
		// "Run now" connects the case the firm types into "Case to connect".
		typedInto('casepeer-case-status-connect-case.json', 'Case to connect', '27916'),
		bulkImportOf(ID.bulk, BULK_IDS),
		path.join(ROOT, 'workflows/perfect-portal-smokeball-convert-lead.json'),
		path.join(ROOT, 'workflows/perfect-portal-dps-download-cases.json'),
		path.join(ROOT, 'workflows/perfect-portal-dps-import-selected.json'),
		path.join(ROOT, 'workflows/perfect-portal-smokeball-key-stages.json'),
		relayEveryMinute(),
	]);
	await stack.start();
	for (const id of [ID.connect, ID.download, ID.dpsImport, ID.stages, ID.relay])
		await stack.activate(id);
	const paths = [
		'casepeer-connect-case',
		'perfect-portal-dps-download',
		'perfect-portal-dps-import',
	];
	await stack.webhooksReady(paths, stack.webhookUrl);
	await stack.webhooksReady(paths, stack.url);

	// For the relay, checked last: a client message in Case Status and a note for the client in CASEpeer, posted
	// after the pollers on main set their cursors.
	await new Promise((r) => setTimeout(r, 2000));
	const target = (await state('case-status')).cases.find(
		(c) => c.status === 'open' && CP.connectedIds.includes(Number(c.integration_id)),
	);
	relayPosted.caseId = target.integration_id;
	relayPosted.message = await admin('POST', '/case-status/messages', {
		integration_id: target.integration_id,
		content: 'Can I send my receipts by email?',
	});
	const note = await fetch(`${sandbox.url}/casepeer/v1/cases/${target.integration_id}/notes`, {
		method: 'POST',
		headers: { authorization: `Bearer ${DEMO_KEYS.casePeer}`, 'content-type': 'application/json' },
		body: JSON.stringify({ text: 'Your medical records have arrived.', category_id: 'ncat_2' }),
	});
	relayPosted.note = await note.json();
});

afterAll(async () => {
	if (stack) await stack.stop({ keep: process.env.LEGAL_SYNC_KEEP_QUEUE === '1' });
	if (sandbox) await sandbox.close();
	if (smtp) await smtp.close();
});

test('nightly sync on a worker: exactly the changed cases are written, as in one process; a second run writes nothing', async () => {
	const run = await runOnWorker(ID.nightly);
	const rows = run.byNode('Sync to Case Status');
	expect(rows).toHaveLength(CP.connectedIds.length);
	const byId = Object.fromEntries(rows.map((r) => [r.integration_id, r.action]));
	for (const id of CP.divergent.stageChanged) expect(byId[String(id)]).toBe('updated');
	for (const id of CP.divergent.closedInCasepeer) expect(byId[String(id)]).toBe('closed');
	const changed = new Set(CP.changedSinceLastSync.map(String));
	for (const row of rows)
		if (!changed.has(row.integration_id)) expect(row.action).toBe('unchanged');
	const cs = await state('case-status');
	for (const id of CP.divergent.closedInCasepeer)
		expect(cs.cases.find((c) => c.integration_id === String(id)).status).toBe('closed');

	await admin('DELETE', '/requests');
	const again = await runOnWorker(ID.nightly);
	expect(again.byNode('Sync to Case Status').every((r) => r.action === 'unchanged')).toBe(true);
	expect(await writes('case-status')).toHaveLength(0);
});

test('connect a case through the webhook processor, then the same request through main: one case, linked, never two', async () => {
	const id = CP.unconnected.importable.find((x) => x !== 27916 && x > 27921);
	const first = await postWebhook('casepeer-connect-case', { case_id: String(id) });
	expect(first).toEqual(expect.objectContaining({ result: 'imported' }));
	expect((await latestExecution(ID.connect)).status).toBe('success');
	const second = await postWebhook('casepeer-connect-case', { case_id: String(id) }, stack.url);
	expect(second.result).toBe('already in Case Status, now linked');
	const cs = (await state('case-status')).cases.filter((c) => c.integration_id === String(id));
	expect(cs).toHaveLength(1);
	const cp = (await state('casepeer')).cases.find((c) => c.id === id);
	expect(cp).toEqual(
		expect.objectContaining({ case_status_connected: true, case_status_id: cs[0].id }),
	);

	// "Run now" (its example case) on a worker as well.
	const run = await runOnWorker(ID.connect);
	expect(run.byNode('Connected')[0].result).toMatch(
		/^(imported|already in Case Status, now linked)$/,
	);
	expect(
		(await state('case-status')).cases.filter((c) => c.integration_id === '27916'),
	).toHaveLength(1);
});

test('bulk import on a worker: the importable cases go in once and are connected, the others refused; a re-run duplicates nothing', async () => {
	const chosen = BULK_IDS;
	const importable = chosen.filter((id) => CP.unconnected.importable.includes(id));
	const check = async () => {
		const cs = await state('case-status');
		const cp = await state('casepeer');
		for (const id of importable) {
			expect([id, cs.cases.filter((c) => c.integration_id === String(id)).length]).toEqual([id, 1]);
			expect(cp.cases.find((c) => c.id === id).case_status_connected).toBe(true);
		}
		for (const id of chosen.filter((x) => !importable.includes(x)))
			expect(cs.cases.some((c) => c.integration_id === String(id))).toBe(false);
	};
	const run = await runOnWorker(ID.bulk);
	expect(
		run
			.byNode('Not imported')
			.map((r) => Number(r.case_id))
			.sort(),
	).toEqual(chosen.filter((id) => !importable.includes(id)).sort());
	await check();
	await runOnWorker(ID.bulk);
	await check();
});

test('convert lead on a worker: one Smokeball matter per converted case; a re-run writes nothing to Smokeball', async () => {
	const converted = await admin('POST', `/perfect-portal/leads/${PP.quotes.open[0]}/convert`, {
		case_management_target: 'smokeball',
		conversion_notes: 'Completion before the end of July.',
	});
	await runOnWorker(ID.convert);
	const matters = (await state('smokeball')).matters.filter(
		(m) => m.externalSystemId === converted.case_id,
	);
	expect(matters).toHaveLength(1);
	expect(
		(await state('perfect-portal')).cases.find((c) => c.case_id === converted.case_id)
			.case_management_link,
	).toEqual(expect.objectContaining({ system: 'smokeball', matter_ref: matters[0].id }));
	await admin('DELETE', '/requests');
	await runOnWorker(ID.convert);
	expect(await writes('smokeball')).toHaveLength(0);
	expect(
		(await state('smokeball')).matters.filter((m) => m.externalSystemId === converted.case_id),
	).toHaveLength(1);
});

test('Perfect Portal → DPS One Office through the webhook processor: the Data Table rows on workers, each ticked case imported once', async () => {
	const week = PP.createdWithin.week.filter((id) => PP.dps.target.includes(id));
	const importable = week.filter((id) => PP.dps.importable.includes(id));
	const summary = await postWebhook('perfect-portal-dps-download', { time_frame: 'week' });
	expect(summary.case_ids.sort()).toEqual([...week].sort());
	expect((await latestExecution(ID.download)).status).toBe('success');

	// Tick every downloaded case, as the operations lead does in the editor's Data Table view.
	const project = await stack.rest('GET', '/projects/personal');
	const tables = await stack.rest('GET', `/projects/${project.id}/data-tables`);
	const cases = (tables.data || tables).find((t) => t.name === 'Perfect Portal cases');
	await stack.rest('PATCH', `/projects/${project.id}/data-tables/${cases.id}/rows`, {
		filter: {
			type: 'and',
			filters: [{ columnName: 'download_date', condition: 'eq', value: summary.download_date }],
		},
		data: { import: true },
	});

	await admin('DELETE', '/requests');
	const result = await postWebhook('perfect-portal-dps-import', {});
	expect(result).toEqual(
		expect.objectContaining({
			imported: importable.length,
			not_imported: week.length - importable.length,
		}),
	);
	const dps = await state('dps-one-office');
	for (const id of week)
		expect([id, dps.matters.filter((m) => m.external_ref === id).length]).toEqual([
			id,
			importable.includes(id) ? 1 : 0,
		]);
	const created = (await writes('dps-one-office')).filter(
		(r) => r.method === 'POST' && r.status === 201,
	);

	await admin('DELETE', '/requests');
	await postWebhook('perfect-portal-dps-import', {});
	expect(
		(await writes('dps-one-office')).filter((r) => r.method === 'POST' && r.status === 201),
	).toHaveLength(0);
	expect((await state('dps-one-office')).matters).toHaveLength(dps.matters.length);
	expect(created.length).toBeGreaterThanOrEqual(importable.length);
});

test('two workers running two executions with one credential at once: both converge under the vendor limit, nothing written twice', async () => {
	const [a, b] = [lists.shareA, lists.shareB];
	await admin('DELETE', '/requests');
	const started = Date.now();
	const ids = [await stack.enqueue('lsQmBulkShareA1'), await stack.enqueue('lsQmBulkShareB1')];
	const runs = await Promise.all(ids.map((id) => stack.waitFor(id)));
	const wall = (Date.now() - started) / 1000;
	expect(runs.map((r) => r.status)).toEqual(['success', 'success']);
	const ranOn = ids.map((id) => stack.workerOf(id).name);
	const log = await requests();
	// The rate floor: the busiest credential's answered requests at its limit (the two runs share the buckets).
	const answered = {};
	for (const r of log)
		if (r.status !== 429 && LIMITS[r.system]) answered[r.system] = (answered[r.system] || 0) + 1;
	const refused = log.filter((r) => r.status === 429).length;
	const floor = Math.max(
		...Object.entries(answered).map(
			([system, n]) => Math.max(0, n - LIMITS[system].burst) / LIMITS[system].perSecond,
		),
	);
	console.log(
		`one credential, two executions on ${ranOn.join(' and ')}: ${log.length} requests, ${refused} answered 429, ${wall.toFixed(1)} s vs rate floor ${floor.toFixed(1)} s`,
	);
	expect(refused / log.length).toBeLessThan(0.1);
	const cs = await state('case-status');
	const cp = await state('casepeer');
	for (const id of [...a, ...b]) {
		expect([id, cs.cases.filter((c) => c.integration_id === String(id)).length]).toEqual([id, 1]);
		expect(cp.cases.find((c) => c.id === id).case_status_connected).toBe(true);
	}
});

test('a worker killed mid-execution: n8n does not run the job again; running the template again (the catch-up) finishes it, nothing twice', async () => {
	const ids = lists.kill;
	await admin('DELETE', '/requests');
	const executionId = await stack.enqueue('lsQmBulkKill001');
	const creates = async () =>
		(await writes('case-status')).filter(
			(r) => r.method === 'POST' && r.path === '/v1/api/cases' && r.status === 201,
		).length;
	for (const deadline = Date.now() + 120_000; (await creates()) < 8; ) {
		if (Date.now() > deadline) throw new Error('the bulk import never got going');
		await new Promise((r) => setTimeout(r, 100));
	}
	const worker = stack.workerOf(executionId);
	stack.killWorker(worker);
	const atKill = await creates();
	expect(atKill).toBeLessThan(ids.length);

	// Bull finds the job stalled within seconds (lock 5 s here); n8n gives it up rather than re-running it.
	await new Promise((r) => setTimeout(r, 15_000));
	const afterWait = await creates();
	expect(afterWait - atKill).toBeLessThanOrEqual(1); // at most the request in flight when it died
	// n8n's Bull settings (maxStalledCount 0): "This execution failed to be processed too many times and will no
	// longer retry" — the job is failed, not run again elsewhere.
	const killed = await stack.rest('GET', `/executions/${executionId}`);
	expect(['error', 'crashed']).toContain(killed.status);
	await stack.startWorker(); // the machine comes back

	const catchUp = await runOnWorker('lsQmBulkKill001');
	expect(catchUp.byNode('Mark connected in CASEpeer')).toHaveLength(ids.length);
	const cs = await state('case-status');
	const cp = await state('casepeer');
	for (const id of ids) {
		expect([id, cs.cases.filter((c) => c.integration_id === String(id)).length]).toEqual([id, 1]);
		expect(cp.cases.find((c) => c.id === id).case_status_connected).toBe(true);
	}
	expect(await creates()).toBe(ids.length); // each case created once, across the killed run and the catch-up
});

describe('a Smokeball delivery repeated to another process (at-least-once delivery behind a load balancer)', () => {
	let delivery;
	let webhookRuns;
	let keyStageWrites;

	beforeAll(async () => {
		const { matter } = SB.perfectPortal;
		await admin('DELETE', '/requests');
		const since = new Date().toISOString();
		await admin('POST', `/smokeball/matters/${matter.id}/stage`, { stageName: 'Exchange' });
		const sb = await state('smokeball');
		const log = [...sb.deliveries]
			.reverse()
			.find((d) => d.type === 'matterstage.updated' && d.delivered);
		const sub = sb.webhooks.find((w) => w.id === log.subscriptionId);
		await waitUntil(async () => (await webhookExecutions(since)).length >= 1);
		await waitUntil(
			async () =>
				(await state('perfect-portal')).cases.find((c) => c.case_id === matter.externalSystemId)
					.key_stage.name === 'Exchanged',
		);

		// The same delivery — same RequestId, Timestamp and Signature — arrives again, at main this time.
		const attempt = log.attempts.find((x) => x.status === 200);
		const url = new URL(sub.eventNotificationUrl);
		delivery = await fetch(`${stack.url}${url.pathname}`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				Timestamp: attempt.timestamp,
				RequestId: log.requestId,
				Signature: attempt.signature,
			},
			body: JSON.stringify({
				accountId: sub.accountId,
				subscriptionId: sub.id,
				type: log.type,
				source: 'Smokeball',
				payload: log.payload,
				timestamp: ticksNumber(msFromTicks(attempt.timestamp)),
			}),
		});
		await new Promise((r) => setTimeout(r, 8000)); // time for any second execution to run
		webhookRuns = await webhookExecutions(since);
		keyStageWrites = (await writes('perfect-portal')).filter((r) => r.path.endsWith('/key-stage'));
	});

	test('main accepts the repeat; the end state downstream is written once (found before written)', async () => {
		expect(delivery.status).toBe(200);
		expect(webhookRuns.length).toBeGreaterThanOrEqual(1);
		expect(keyStageWrites).toHaveLength(1);
		expect(
			(await state('perfect-portal')).cases.find(
				(c) => c.case_id === SB.perfectPortal.matter.externalSystemId,
			).key_stage.name,
		).toBe('Exchanged');
	});

	// The trigger keeps the deliveries it has seen with the workflow (saved with the answer), not in one process's
	// memory, so main, which never saw this RequestId, knows it as well (docs/smokeball-webhooks.md).
	test('the repeated delivery is not emitted a second time by the other process', () => {
		expect(webhookRuns).toHaveLength(1);
	});
});

test('message relay both ways: the pollers on main enqueue, workers relay; each message once', async () => {
	const note = () =>
		state('casepeer').then((s) =>
			s.notes.filter((n) => n.external_ref === `casestatus:message:${relayPosted.message.id}`),
		);
	const message = () =>
		state('case-status').then((s) =>
			s.messages.filter((m) => m.external_ref === `casepeer:note:${relayPosted.note.id}`),
		);
	await waitUntil(async () => (await note()).length >= 1 && (await message()).length >= 1, 240_000);
	await new Promise((r) => setTimeout(r, 5000));
	expect(await note()).toHaveLength(1);
	expect(await message()).toHaveLength(1);
	const runs = (await stack.executions(ID.relay)).filter((e) => e.mode === 'trigger');
	expect(runs.length).toBeGreaterThanOrEqual(1);
	for (const e of runs) expect([e.id, Boolean(stack.workerOf(e.id))]).toEqual([e.id, true]);
});

async function webhookExecutions(since) {
	return (await stack.executions(ID.stages)).filter(
		(e) => e.mode === 'webhook' && e.startedAt >= since,
	);
}

async function waitUntil(check, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await check()) return;
		if (Date.now() > deadline) throw new Error('timed out waiting');
		await new Promise((r) => setTimeout(r, 500));
	}
}
