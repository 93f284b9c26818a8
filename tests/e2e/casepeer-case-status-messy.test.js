// Real n8n runs the CASEpeer ↔ Case Status templates against the sandbox's messy firm (sandbox/systems/casepeer/
// messy.js): cases deleted or merged in CASEpeer, inactive and wrong-role attorneys, closed cases on unmapped
// stages, labelled phones, missing case numbers, messages and notes one side refuses. Every bad record is its row
// with a reason and a fix, every good record is done, and only something new fails a run.
const fs = require('node:fs');
const { startStack } = require('../helpers/e2e');
const { startN8n, PROBLEM_TABLE } = require('../helpers/n8n-rest');
const { MESSY_FACTS: M } = require('../../sandbox/systems/casepeer/messy');

jest.setTimeout(15 * 60 * 1000);

const T = {
	nightly: 'lsCpCsNightly01',
	relay: 'lsCpCsRelay0001',
	connect: 'lsCpCsConnect01',
	manual: 'lsCpCsManual001',
	bulk: 'lsCpCsBulkImp01',
	docs: 'lsCpCsDocs00001',
};
const C = M.connected;
const U = M.unconnected;

let stack;
let n8n;
beforeAll(async () => {
	stack = await startStack();
	const file = (name) =>
		JSON.parse(fs.readFileSync(stack.template(`casepeer-case-status-${name}.json`), 'utf8'));
	const set = (wf, nodeName, field, value) => {
		const assignments = wf.nodes.find((n) => n.name === nodeName)?.parameters.assignments
			.assignments;
		const assignment = assignments?.find((a) => a.name === field);
		if (assignment) assignment.value = value;
		return wf;
	};
	// What the firm types into the templates: its digest address, the cases to import, the case to sync by hand.
	const nightly = set(file('nightly-sync'), 'Digest settings', 'digest_to', 'ops@firm.example');
	const bulk = set(
		file('bulk-import'),
		'Cases to import',
		'case_ids',
		[...Object.values(U), 99999].join(', '),
	);
	const manual = set(
		set(
			set(
				set(file('manual-sync'), 'Example request', 'Which cases', 'Individual case'),
				'Example request',
				'Integration ID',
				'99999',
			),
			'Example request',
			'Your email',
			'ops@firm.example',
		),
		'Request',
		'send_from',
		'n8n@firm.example',
	);
	n8n = await startN8n(stack, {
		templates: [
			nightly,
			bulk,
			manual,
			file('message-relay'),
			file('connect-case'),
			file('document-sync'),
		],
		publish: [T.connect],
	});
});
afterAll(async () => stack && stack.stop());

async function messyFirm() {
	await stack.admin('POST', '/reset');
	await n8n.dropTable(PROBLEM_TABLE);
	const cp = await stack.admin('POST', '/casepeer/messy', {});
	const cs = await stack.admin('POST', '/case-status/messy', {});
	return { ...cp, ...cs };
}
const caseStatus = () => stack.admin('GET', '/state/case-status');
const casePeer = () => stack.admin('GET', '/state/casepeer');
const csCase = async (id) =>
	(await caseStatus()).cases.find((c) => c.integration_id === String(id));
/** The text of a mail as sent (quoted-printable undone). */
const body = (mail) =>
	mail.raw
		.replace(/=\r?\n/g, '')
		.replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
const problems = async (process) =>
	(await n8n.rows(PROBLEM_TABLE)).filter((r) => r.process === process);

test('nightly sync: closed cases close whatever their stage or attorney; known problems alert once, then go to the digest', async () => {
	await messyFirm();
	stack.smtp.clear();
	const first = await n8n.runNow(T.nightly);
	const row = (id) =>
		first.byNode('Sync to Case Status').find((r) => r.integration_id === String(id));
	expect(row(C.closedUnmapped).action).toBe('closed');
	expect(row(C.closedInactiveAttorney).action).toBe('closed');
	expect(row(C.stageChangedInactiveAttorney)).toEqual(
		expect.objectContaining({ action: 'updated', changes: 'stage: Treatment Complete → Demand' }),
	);
	expect(row(C.reopenedInactiveAttorney)).toEqual(
		expect.objectContaining({ action: 'updated', changes: 'status: closed → open' }),
	);
	expect(row(C.noCaseNumber).action).toBe('unchanged');
	for (const id of [C.closedUnmapped, C.closedInactiveAttorney])
		expect((await csCase(id)).status).toBe('closed');
	expect((await csCase(C.reopenedInactiveAttorney)).status).toBe('open');
	expect((await csCase(C.noCaseNumber)).readable_id).toBe('2025-0901');

	// Three new per-case problems: each is a row with its code and fix; the run fails once so the error workflow fires.
	expect(first.status).toBe('error');
	expect(JSON.stringify(first.error)).toMatch(/3 new problem\(s\)/);
	const open = await problems('nightly sync');
	expect(open.map((p) => [p.record, p.reason_code]).sort()).toEqual([
		[`case ${C.attorneyNowParalegal}`, 'attorney_not_found'],
		[`case ${C.openUnmapped}`, 'unmapped_stage'],
		[`case ${C.labelledPhone}`, 'not_a_cell_phone'],
	]);
	expect(open.find((p) => p.reason_code === 'not_a_cell_phone').fix).toMatch(
		/without a label or an extension/,
	);
	expect(stack.smtp.messages).toHaveLength(1);
	expect(stack.smtp.messages[0].subject).toBe(
		'CASEpeer and Case Status digest: 3 new, 0 still open',
	);

	// The next night the same backlog is known: the run succeeds, and the digest lists it as still open.
	stack.smtp.clear();
	const second = await n8n.runNow(T.nightly);
	expect(second.status).toBe('success');
	expect(stack.smtp.messages[0].subject).toBe(
		'CASEpeer and Case Status digest: 0 new, 3 still open',
	);
	expect(body(stack.smtp.messages[0])).toMatch(
		new RegExp(`case ${C.labelledPhone} since \\d{4}-\\d{2}-\\d{2}: not_a_cell_phone`),
	);

	// Fixed in CASEpeer: it syncs and leaves the table.
	await stack.admin('PATCH', `/casepeer/cases/${C.labelledPhone}`, {
		primary_client: { cell_phone: '(917) 672-1535' },
	});
	const third = await n8n.runNow(T.nightly);
	expect(third.status).toBe('success');
	expect((await problems('nightly sync')).map((p) => p.record).sort()).toEqual([
		`case ${C.attorneyNowParalegal}`,
		`case ${C.openUnmapped}`,
	]);
});

test('bulk import: each unreadable or refused case is its row with a reason code and fix; the others go in; an existing case is linked', async () => {
	await messyFirm();
	const run = await n8n.runNow(T.bulk);
	expect(run.status).toBe('success');
	const notFound = run.byNode('Not found in CASEpeer');
	expect(notFound.map((r) => Number(r.case_id)).sort()).toEqual(
		[U.deleted, U.merged, 99999].sort(),
	);
	expect(notFound[0]).toEqual(
		expect.objectContaining({
			reason_code: 'not_found',
			reason: expect.stringMatching(/deleted or merged/),
		}),
	);
	const refused = Object.fromEntries(run.byNode('Not imported').map((r) => [Number(r.case_id), r]));
	expect(Object.keys(refused).map(Number).sort()).toEqual(
		[U.officePhone, U.extension, U.londonLandline, U.closed, U.inactiveAttorney].sort(),
	);
	expect(refused[U.officePhone]).toEqual(
		expect.objectContaining({
			reason_code: 'not_a_cell_phone',
			reason: expect.stringMatching(/labelled "Office"/),
		}),
	);
	expect(refused[U.extension].reason).toMatch(/has an extension/);
	expect(refused[U.londonLandline].reason).toMatch(/landline/);
	expect(refused[U.closed]).toEqual(
		expect.objectContaining({
			reason_code: 'closed_in_source',
			fix: expect.stringMatching(/Reopen the case/),
		}),
	);
	expect(refused[U.inactiveAttorney].reason).toMatch(
		/pwhite@firm.com is an inactive user in Case Status/,
	);
	const done = Object.fromEntries(run.byNode('Imported').map((r) => [Number(r.case_id), r]));
	expect(done[U.alreadyInCaseStatus].result).toBe('already in Case Status, now linked');
	expect(done[U.importable].result).toBe('imported');
	expect(done[U.noCaseNumber]).toEqual(
		expect.objectContaining({
			result: 'imported',
			warnings: expect.stringMatching(/no case number/),
		}),
	);
	expect((await csCase(U.noCaseNumber)).readable_id).toBe(String(U.noCaseNumber));
	const cp = await casePeer();
	expect(cp.cases.find((c) => c.id === U.alreadyInCaseStatus).case_status_connected).toBe(true);
});

test('connect webhook: 200, 400, 404 and 422 each with the reason and the fix, never "Error in workflow"', async () => {
	await messyFirm();
	const linked = await n8n.post('casepeer-connect-case', { case_id: U.alreadyInCaseStatus });
	expect(linked).toEqual({
		status: 200,
		body: expect.objectContaining({ result: 'already in Case Status, now linked' }),
	});
	const gone = await n8n.post('casepeer-connect-case', { case_id: U.merged });
	expect(gone).toEqual({
		status: 404,
		body: expect.objectContaining({
			reason_code: 'not_found',
			reason: expect.stringMatching(/deleted or merged/),
			fix: expect.stringMatching(/merged into/),
		}),
	});
	const phone = await n8n.post('casepeer-connect-case', { case_id: U.officePhone });
	expect(phone).toEqual({
		status: 422,
		body: expect.objectContaining({
			reason_code: 'not_a_cell_phone',
			fix: expect.stringMatching(/mobile number/),
		}),
	});
	expect(phone.body.reason).not.toMatch(/^Item \d/);
	const empty = await n8n.post('casepeer-connect-case', {});
	expect(empty).toEqual({
		status: 400,
		body: expect.objectContaining({ reason_code: 'missing_case_id' }),
	});
});

test('manual sync of an unknown ID: the last page says so in a sentence', async () => {
	await messyFirm();
	stack.smtp.clear();
	const run = await n8n.runNow(T.manual);
	expect(run.status).toBe('success');
	expect(run.byNode('Summary')[0]).toEqual(
		expect.objectContaining({
			summary: expect.stringMatching(/Failed: 1/),
			failures: expect.stringMatching(
				/^Case 99999: not_found: CASEpeer has no case 99999; it was deleted or merged, or the number is wrong\. Fix: Enter the number after \/case\//,
			),
		}),
	);
	expect(body(stack.smtp.messages[0])).toMatch(/Case 99999: not_found/);
});

test('message relay: a message or note one side refuses is its row; the next ones are relayed; the catch-up delivers each exactly once', async () => {
	const seeded = await messyFirm();
	const first = await n8n.runNow(T.relay);
	const cp = await casePeer();
	const noteFor = (id) => cp.notes.filter((n) => n.external_ref === `casestatus:message:${id}`);
	expect(noteFor(seeded.messages.onGoodCase)).toHaveLength(1);
	expect(noteFor(seeded.messages.onDeletedCase)).toHaveLength(0);
	const cs = await caseStatus();
	expect(
		cs.messages.filter((m) => m.external_ref === `casepeer:note:${seeded.notes.onGoodCase}`),
	).toHaveLength(1);
	expect(first.status).toBe('error');
	const rows = await problems('message relay');
	expect(rows.map((r) => r.reason_code).sort()).toEqual([
		'case_not_writable',
		'case_not_writable',
		'not_in_case_status',
	]);
	expect(
		rows.find((r) => r.record.startsWith(`Case Status message ${seeded.messages.onMergedCase}`)),
	).toEqual(
		expect.objectContaining({
			fix: expect.stringMatching(/copy it to the right case in CASEpeer/),
		}),
	);

	// A message the trigger emitted but whose run died: the catch-up finds it and relays it once.
	const good = cs.cases.find((c) => c.integration_id === String(C.mergeTarget));
	const missed = await stack.admin('POST', '/case-status/messages', {
		case_id: good.id,
		content: 'Sent while n8n was down',
	});
	const second = await n8n.runNow(T.relay);
	expect(second.status).toBe('success');
	const after = await casePeer();
	expect(
		after.notes.filter((n) => n.external_ref === `casestatus:message:${missed.id}`),
	).toHaveLength(1);
	expect(
		after.notes.filter(
			(n) => n.external_ref === `casestatus:message:${seeded.messages.onGoodCase}`,
		),
	).toHaveLength(1);
	expect(
		(await caseStatus()).messages.filter(
			(m) => m.external_ref === `casepeer:note:${seeded.notes.onGoodCase}`,
		),
	).toHaveLength(1);
	expect(await problems('message relay')).toHaveLength(3);
});

test('document sync: an upload CASEpeer refuses is its row; the others are copied', async () => {
	await messyFirm();
	const onDeleted = await stack.admin('POST', '/case-status/files', {
		integration_id: String(C.deleted),
		file_name: 'photos.zip',
		content: 'photos',
	});
	const onGood = await stack.admin('POST', '/case-status/files', {
		integration_id: String(C.mergeTarget),
		file_name: 'w2.pdf',
		content: '%PDF w2',
	});
	const run = await n8n.runNow(T.docs);
	expect(run.status).toBe('error');
	const cp = await casePeer();
	expect(
		cp.documents.filter((d) => d.external_ref === `casestatus:file:${onGood.id}`),
	).toHaveLength(1);
	expect(
		cp.documents.filter((d) => d.external_ref === `casestatus:file:${onDeleted.id}`),
	).toHaveLength(0);
	const rows = await problems('documents');
	expect(rows).toEqual([
		expect.objectContaining({
			reason_code: 'case_not_writable',
			record: expect.stringMatching(
				new RegExp(`Case Status file ${onDeleted.id} photos.zip \\(case ${C.deleted}\\)`),
			),
		}),
	]);
	const again = await n8n.runNow(T.docs);
	expect(again.status).toBe('success');
	expect(
		(await casePeer()).documents.filter((d) => d.external_ref === `casestatus:file:${onGood.id}`),
	).toHaveLength(1);
});
