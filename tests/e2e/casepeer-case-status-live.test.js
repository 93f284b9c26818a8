// Real n8n runs the published CASEpeer ↔ Case Status templates that a person or CASEpeer itself sets off: the
// connect-a-case form (driven over HTTP as a browser drives it) and the stage-change trigger (polling the sandbox's
// CASEpeer every minute), with their catch-up.
const { startStack } = require('../helpers/e2e');
const { startN8n, PROBLEM_TABLE } = require('../helpers/n8n-rest');
const { openForm } = require('../helpers/forms');
const { FORM_AUTH } = require('../../scripts/lib/credentials');
const { SEED_FACTS: CP } = require('../../sandbox/systems/casepeer/seed');

jest.setTimeout(15 * 60 * 1000);

const T = { form: 'lsCpCsConnForm1', stages: 'lsCpCsStageChg1' };
const LOGIN = {
	authorization: `Basic ${Buffer.from(`${FORM_AUTH.user}:${FORM_AUTH.password}`).toString('base64')}`,
};

let stack;
let n8n;
beforeAll(async () => {
	stack = await startStack();
	const file = (name) => stack.template(`casepeer-case-status-${name}.json`);
	n8n = await startN8n(stack, {
		templates: [file('connect-form'), file('stage-changes')],
		publish: [T.form, T.stages],
	});
});
afterAll(async () => stack && stack.stop());

const caseStatus = () => stack.admin('GET', '/state/case-status');
const casePeer = () => stack.admin('GET', '/state/casepeer');
const csWrites = async () =>
	(await stack.admin('GET', '/requests?system=case-status')).filter((r) => r.method !== 'GET');
const form = () => openForm(n8n.url, 'casepeer-connect-case', { headers: LOGIN });

describe('connect a case (form)', () => {
	beforeAll(() => stack.admin('POST', '/reset'));

	test('a good case: the page shows what will be pushed; Confirm imports it once and marks it connected', async () => {
		const id = CP.unconnected.importable[0];
		const cpCase = (await casePeer()).cases.find((c) => c.id === id);
		const client = cpCase.clients[0];
		await stack.admin('DELETE', '/requests');

		const run = await form().submit([`https://${CP.firmHost}/case/${id}/`]);
		const preview = await run.page();
		expect(preview.text).toMatch(/Check and confirm/);
		expect(preview.text).toContain(`${cpCase.name} (CASEpeer case ${id}, number ${cpCase.number})`);
		expect(preview.text).toContain(`${client.first_name} ${client.last_name}: +1`);
		expect(preview.text).toContain(`<${cpCase.primary_attorney.email}>`);
		expect(preview.text).toContain(`${cpCase.stage.name} → ${CP.stageMap[cpCase.stage.name]}`);
		expect(preview.text).toContain(cpCase.practice_area);
		expect(await csWrites()).toHaveLength(0); // nothing before Confirm

		const done = await (await run.submit()).page();
		expect(done.text).toMatch(
			/Connected to Case Status.*Imported into Case Status as case \d+ and marked connected in CASEpeer/,
		);
		const imported = (await caseStatus()).cases.filter((c) => c.integration_id === String(id));
		expect(imported).toHaveLength(1);
		expect(imported[0].stage.display_name).toBe(CP.stageMap[cpCase.stage.name]);
		const after = (await casePeer()).cases.find((c) => c.id === id);
		expect(after.case_status_connected).toBe(true);
		expect(after.case_status_id).toBe(imported[0].id);

		// The same case again: already connected, nothing to confirm, nothing written.
		await stack.admin('DELETE', '/requests');
		const again = await (await form().submit([String(id)])).page();
		expect(again.text).toMatch(
			/Already connected.*already in Case Status \(case \d+\) and marked connected in CASEpeer/,
		);
		expect(await csWrites()).toHaveLength(0);
	});

	test('a case with problems: every problem is shown with its fix, and nothing is imported', async () => {
		await stack.admin('DELETE', '/requests');
		const attorney = await (await form().submit([String(CP.unconnected.badAttorney[0])])).page();
		expect(attorney.text).toMatch(/Not imported: fix these first/);
		expect(attorney.text).toMatch(
			/not an active attorney user in Case Status \(attorney_not_found\) Fix: Add \S+ as an active attorney user/,
		);
		const phone = await (await form().submit([String(CP.unconnected.noPhone[0])])).page();
		expect(phone.text).toMatch(/no usable cell phone/);
		expect(phone.text).toMatch(/\(missing_cell_phone\) Fix: Enter .*mobile number/);
		expect(await csWrites()).toHaveLength(0);
		const cs = await caseStatus();
		for (const id of [CP.unconnected.badAttorney[0], CP.unconnected.noPhone[0]])
			expect(cs.cases.some((c) => c.integration_id === String(id))).toBe(false);
	});

	test('a seed case already connected, a number CASEpeer does not have, text that is no case: each gets its page; no login, no form', async () => {
		const connected = await (await form().submit([String(CP.connectedIds[0])])).page();
		expect(connected.text).toMatch(/Already connected/);
		const unknown = await (await form().submit(['99999'])).page();
		expect(unknown.text).toMatch(/Not found in CASEpeer.*CASEpeer has no case 99999/);
		const text = await (await form().submit(['the Garcia case'])).page();
		expect(text.text).toMatch(/Not a case URL or ID.*"the Garcia case"/);
		expect((await openForm(n8n.url, 'casepeer-connect-case').get()).status).toBe(401);
	});
});

describe('stage changes', () => {
	beforeAll(() => stack.admin('POST', '/reset'));

	/** Trigger executions of the stage-change workflow that finished after `afterId`. */
	async function triggerRunsAfter(afterId, timeoutMs = 150_000) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const list = await n8n.rest(
				'GET',
				`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: T.stages }))}`,
			);
			const done = (list.results ?? list)
				.filter((e) => e.mode === 'trigger' && Number(e.id) > afterId)
				.filter((e) => !['new', 'running', 'waiting'].includes(e.status));
			if (done.length) return done.map((e) => Number(e.id)).sort((a, b) => a - b);
			if (Date.now() > deadline) throw new Error('the stage-change trigger did not run');
			await new Promise((r) => setTimeout(r, 2000));
		}
	}
	async function lastRunId() {
		const list = await n8n.rest(
			'GET',
			`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: T.stages }))}`,
		);
		return Math.max(0, ...(list.results ?? list).map((e) => Number(e.id)));
	}
	/** The connected case's rows in the runs after `afterId`, waiting for the trigger to hand it over. */
	async function runFor(caseId, afterId) {
		for (;;) {
			const ids = await triggerRunsAfter(afterId);
			for (const id of ids) {
				const run = await n8n.execution(id);
				const rows = (run.byNode('Sync the stage') ?? []).filter(
					(r) => r.integration_id === String(caseId),
				);
				if (rows.length || run.status === 'error') return { run, rows };
			}
			afterId = ids.at(-1);
		}
	}
	const csCase = async (id) =>
		(await caseStatus()).cases.find((c) => c.integration_id === String(id));
	const untouched = async () => {
		const divergent = new Set(CP.changedSinceLastSync);
		const cp = await casePeer();
		return cp.cases.filter(
			(c) =>
				c.case_status_connected &&
				c.status === 'open' &&
				!divergent.has(c.id) &&
				CP.stageMap[c.stage.name],
		);
	};

	/** An active CASEpeer stage of an open case that maps to another Case Status stage than the case's. */
	const anotherStage = (kase) =>
		Object.keys(CP.stageMap).find(
			(name) =>
				CP.stageMap[name] &&
				CP.stageMap[name] !== CP.stageMap[kase.stage.name] &&
				name !== 'Case Closed' &&
				name !== 'New Lead',
		);

	test('a stage changed in CASEpeer reaches Case Status once; a change back and forth writes nothing; the catch-up then writes nothing', async () => {
		const [kase, other] = await untouched();
		const target = anotherStage(kase);
		await stack.admin('DELETE', '/requests');
		let after = await lastRunId();
		await stack.admin('PATCH', `/casepeer/cases/${kase.id}`, { stage: target });
		const changed = await runFor(kase.id, after);
		expect(changed.run.status).toBe('success');
		expect(changed.rows).toEqual([
			expect.objectContaining({
				action: 'updated',
				changes: `stage: ${CP.stageMap[kase.stage.name]} → ${CP.stageMap[target]}`,
			}),
		]);
		expect((await csCase(kase.id)).stage.display_name).toBe(CP.stageMap[target]);
		expect(await csWrites()).toEqual([expect.objectContaining({ method: 'PATCH' })]);

		// A → B → A before the next poll: a stage change in CASEpeer, none in Case Status, so no survey.
		await stack.admin('DELETE', '/requests');
		after = await lastRunId();
		const back = other.stage.name;
		await stack.admin('PATCH', `/casepeer/cases/${other.id}`, { stage: target });
		await stack.admin('PATCH', `/casepeer/cases/${other.id}`, { stage: back });
		const noop = await runFor(other.id, after);
		expect(noop.rows).toEqual([expect.objectContaining({ action: 'unchanged' })]);
		expect(await csWrites()).toHaveLength(0);

		const catchUp = await n8n.runNow(T.stages);
		expect(catchUp.status).toBe('success');
		expect(
			catchUp
				.byNode('Sync the stage')
				.map((r) => [r.integration_id, r.action])
				.sort(),
		).toEqual(
			[
				[String(kase.id), 'unchanged'],
				[String(other.id), 'unchanged'],
			].sort(),
		);
		expect(await csWrites()).toHaveLength(0);
	});

	test('a change whose run failed (Case Status down) is delivered once by the catch-up', async () => {
		const [, , kase] = await untouched();
		const target = anotherStage(kase);
		const after = await lastRunId();
		await stack.admin('POST', '/config', {
			faults: { errorRate: 1, statuses: [503], systems: ['case-status'] },
		});
		try {
			await stack.admin('PATCH', `/casepeer/cases/${kase.id}`, { stage: target });
			const failed = await runFor(kase.id, after);
			expect(failed.run.status).toBe('error');
		} finally {
			await stack.admin('POST', '/config', { faults: null });
		}
		expect((await csCase(kase.id)).stage.display_name).toBe(CP.stageMap[kase.stage.name]);

		await stack.admin('DELETE', '/requests');
		const catchUp = await n8n.runNow(T.stages);
		expect(catchUp.status).toBe('success');
		expect(
			catchUp.byNode('Sync the stage').find((r) => r.integration_id === String(kase.id)),
		).toEqual(expect.objectContaining({ action: 'updated' }));
		expect((await csCase(kase.id)).stage.display_name).toBe(CP.stageMap[target]);
		expect(await csWrites()).toHaveLength(1);
		const again = await n8n.runNow(T.stages);
		expect(again.byNode('Sync the stage').every((r) => r.action === 'unchanged')).toBe(true);
	});
	test('a stage nothing maps is a problem row with its fix: the run alerts once; the row leaves when the case syncs', async () => {
		const [, , , kase] = await untouched();
		const after = await lastRunId();
		await stack.admin('PATCH', `/casepeer/cases/${kase.id}`, { stage: CP.unmappableStage });
		const failed = await runFor(kase.id, after);
		expect(failed.run.status).toBe('error');
		expect(JSON.stringify(failed.run.error)).toMatch(/New stage change problem/);
		const rows = (await n8n.rows(PROBLEM_TABLE)).filter((r) => r.process === 'stage changes');
		expect(rows).toEqual([
			expect.objectContaining({
				record: `case ${kase.id}`,
				reason_code: 'unmapped_stage',
				fix: expect.stringMatching(/Add "Referred Out" to the Stage Mapping table/),
			}),
		]);
		// Known now: the catch-up finds it again and does not alert.
		expect((await n8n.runNow(T.stages)).status).toBe('success');
		await stack.admin('PATCH', `/casepeer/cases/${kase.id}`, { stage: kase.stage.name });
		expect((await n8n.runNow(T.stages)).status).toBe('success');
		expect((await n8n.rows(PROBLEM_TABLE)).filter((r) => r.process === 'stage changes')).toEqual(
			[],
		);
	});
});
