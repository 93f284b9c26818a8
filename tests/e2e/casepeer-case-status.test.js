// Real n8n runs the CASEpeer ↔ Case Status templates, unmodified except where a firm types its own values, against
// the sandbox's demo firm. The templates keep the stage mapping and the known problems in n8n Data Tables, which
// `n8n execute` cannot load: they run on a started n8n, from "Run now" and their webhooks, as an admin runs them.
const fs = require('node:fs');
const crypto = require('node:crypto');
const { startStack } = require('../helpers/e2e');
const { startN8n, STAGE_TABLE } = require('../helpers/n8n-rest');
const { SEED_FACTS: CP } = require('../../sandbox/systems/casepeer/seed');

jest.setTimeout(15 * 60 * 1000);

const T = {
	nightly: 'lsCpCsNightly01',
	relay: 'lsCpCsRelay0001',
	connect: 'lsCpCsConnect01',
	stages: 'lsCpCsStages001',
	manual: 'lsCpCsManual001',
	manualAsImported: 'lsCpCsManualNew',
	bulk: 'lsCpCsBulkImp01',
	docs: 'lsCpCsDocs00001',
};
const BULK_IDS = [27916, 27917, 27918, 27919, 27920, 27921];

let stack;
let n8n;
beforeAll(async () => {
	stack = await startStack();
	const file = (name) => stack.template(`casepeer-case-status-${name}.json`);
	const read = (name) => JSON.parse(fs.readFileSync(file(name), 'utf8'));
	const assignment = (wf, node, field) =>
		wf.nodes
			.find((n) => n.name === node)
			.parameters.assignments.assignments.find((a) => a.name === field);
	// The firm lists the cases to import, as the template's sticky note asks.
	const bulk = read('bulk-import');
	bulk.nodes.find((n) => n.name === 'Cases to import').parameters.assignments.assignments[0].value =
		BULK_IDS.join(', ');
	// The manual sync as the firm sets it (its own addresses, as the stickies ask), and as imported.
	const manual = read('manual-sync');
	assignment(manual, 'Example request', 'Your email').value = 'ops@firm.com';
	assignment(manual, 'Request', 'send_from').value = 'n8n@firm.com';
	const manualAsImported = { ...read('manual-sync'), id: T.manualAsImported };
	n8n = await startN8n(stack, {
		templates: ['nightly-sync', 'message-relay', 'connect-case', 'stage-mapping', 'document-sync']
			.map(file)
			.concat([bulk, manual, manualAsImported]),
		publish: [T.connect],
	});
});
afterAll(async () => stack && stack.stop());
beforeEach(() => stack.admin('POST', '/reset'));

const caseStatus = () => stack.admin('GET', '/state/case-status');
const casePeer = () => stack.admin('GET', '/state/casepeer');
const writesTo = async (system) =>
	(await stack.admin('GET', `/requests?system=${system}`)).filter((r) => r.method !== 'GET');

test('nightly sync: exactly the cases changed in CASEpeer are updated or closed; a second run writes nothing', async () => {
	const run = await n8n.runNow(T.nightly);
	expect(run.status).toBe('success');
	const rows = run.byNode('Sync to Case Status');
	const byId = Object.fromEntries(rows.map((r) => [r.integration_id, r]));
	expect(rows).toHaveLength(CP.connectedIds.length);
	for (const id of CP.divergent.stageChanged)
		expect(byId[String(id)]).toEqual(
			expect.objectContaining({ action: 'updated', changes: expect.stringMatching(/^stage: /) }),
		);
	for (const id of CP.divergent.closedInCasepeer) expect(byId[String(id)].action).toBe('closed');
	for (const id of CP.divergent.phoneChanged)
		expect(byId[String(id)]).toEqual(
			expect.objectContaining({ action: 'updated', changes: 'clients' }),
		);
	const changed = new Set(CP.changedSinceLastSync.map(String));
	for (const row of rows)
		if (!changed.has(row.integration_id)) expect(row.action).toBe('unchanged');

	const cs = await caseStatus();
	const cp = await casePeer();
	for (const id of CP.divergent.closedInCasepeer)
		expect(cs.cases.find((c) => c.integration_id === String(id)).status).toBe('closed');
	for (const id of CP.divergent.stageChanged) {
		const cpCase = cp.cases.find((c) => c.id === id);
		const csCase = cs.cases.find((c) => c.integration_id === String(id));
		expect(CP.stageMap[cpCase.stage.name]).toBe(csCase.stage.display_name);
	}

	await stack.admin('DELETE', '/requests');
	const again = await n8n.runNow(T.nightly);
	expect(again.status).toBe('success');
	expect(again.byNode('Sync to Case Status').every((r) => r.action === 'unchanged')).toBe(true);
	expect(await writesTo('case-status')).toHaveLength(0);
});

test('message relay: each new client message becomes one case note with the prefix, in the category the firm picked; relaying again adds none', async () => {
	const cases = (await caseStatus()).cases.filter((c) => c.status === 'open').slice(0, 3);
	const posted = [];
	for (const [i, c] of cases.entries()) {
		posted.push(
			await stack.admin('POST', '/case-status/messages', {
				integration_id: c.integration_id,
				content: `Question ${i} about my case`,
			}),
		);
	}
	const run = await n8n.runNow(T.relay);
	expect(run.status).toBe('success');
	const relayed = () =>
		casePeer().then((s) =>
			s.notes.filter((n) => (n.external_ref || '').startsWith('casestatus:message:')),
		);
	const notes = await relayed();
	expect(notes).toHaveLength(posted.length);
	for (const [i, message] of posted.entries()) {
		const note = notes.find((n) => n.external_ref === `casestatus:message:${message.id}`);
		expect(note.text).toBe(
			`Received message from Case Status: Message from Case Status: Question ${i} about my case`,
		);
		expect(String(note.case_id)).toBe(cases[i].integration_id);
		expect(note.category_id).toBe('ncat_2'); // "Client Communication", picked by name in the template
	}

	await n8n.runNow(T.relay);
	expect(await relayed()).toHaveLength(posted.length);
});

test('message relay: the hourly catch-up reads Case Status only; the CASEpeer notes (a request per case) are caught up nightly', async () => {
	const hourly = await n8n.runNow(T.relay, 'Every hour (catch-up)');
	expect(hourly.status).toBe('success');
	expect(hourly.ran('Client messages of the last 24 hours')).toBe(true);
	expect(hourly.ran('Connected cases')).toBe(false);
	const nightly = await n8n.runNow(T.relay, 'Every night at 3:37 AM (notes catch-up)');
	expect(nightly.status).toBe('success');
	expect(nightly.ran('Connected cases')).toBe(true);
	expect(nightly.ran('Client notes since the last catch-up')).toBe(true);
});

test('connect a case: checked, imported once, marked connected; a second request links instead of duplicating', async () => {
	const id = CP.unconnected.importable[0];
	const first = await n8n.post('casepeer-connect-case', { case_id: id });
	expect(first).toEqual({
		status: 200,
		body: expect.objectContaining({ result: 'imported', case_id: String(id) }),
	});
	const cs = await caseStatus();
	const imported = cs.cases.filter((c) => c.integration_id === String(id));
	expect(imported).toHaveLength(1);
	const cpCase = (await casePeer()).cases.find((c) => c.id === id);
	expect(cpCase.case_status_connected).toBe(true);
	expect(cpCase.case_status_id).toBe(imported[0].id);

	const again = await n8n.post('casepeer-connect-case', {
		case_id: `https://${CP.firmHost}/case/${id}/`,
	});
	expect(again.body.result).toBe('already in Case Status, now linked');
	expect((await caseStatus()).cases.filter((c) => c.integration_id === String(id))).toHaveLength(1);

	const refused = await n8n.post('casepeer-connect-case', {
		case_id: CP.unconnected.badAttorney[0],
	});
	expect(refused).toEqual({
		status: 422,
		body: expect.objectContaining({
			result: 'not imported',
			reason_code: 'attorney_not_found',
			fix: expect.stringMatching(/attorney user in Case Status/),
		}),
	});
	const withoutKey = await n8n.post('casepeer-connect-case', { case_id: id }, {});
	expect(withoutKey.status).toBe(403);
});

test("stage mapping: the first run writes the firm's own stages into the shared table; the admin maps the rest there", async () => {
	const first = await n8n.runNow(T.stages);
	expect(first.status).toBe('success');
	const unmapped = first
		.byNode('Check mapping')
		.filter((r) => !r.mapped)
		.map((r) => r.source_stage);
	expect(unmapped.sort()).toEqual([...CP.nearMissStages, CP.unmappableStage].sort());
	const table = await n8n.rows(STAGE_TABLE);
	expect(table.map((r) => r.casepeer_stage).sort()).toEqual([...CP.stageNames].sort());
	expect(table.find((r) => r.casepeer_stage === 'Suit Filed').case_status_stage).toBe('Litigation');
	expect(table.find((r) => r.casepeer_stage === 'medical treatment').case_status_stage).toBe('');

	await n8n.setRows(STAGE_TABLE, 'casepeer_stage', [
		{ casepeer_stage: 'Pre-Lit  Investigation', case_status_stage: 'Investigation' },
		{ casepeer_stage: 'medical treatment', case_status_stage: 'Treatment' },
	]);
	const second = await n8n.runNow(T.stages);
	const rows = second.byNode('Check mapping');
	expect(rows.filter((r) => !r.mapped).map((r) => r.source_stage)).toEqual([CP.unmappableStage]);
	expect(rows.find((r) => r.source_stage === 'medical treatment').case_status_stage).toBe(
		'Treatment',
	);
	expect(await n8n.rows(STAGE_TABLE)).toHaveLength(CP.stageCount);

	// A row naming something that is not a Case Status stage stops the run and lists the firm's stages.
	await n8n.setRows(STAGE_TABLE, 'casepeer_stage', [
		{ casepeer_stage: 'Referred Out', case_status_stage: 'Referred' },
	]);
	try {
		const broken = await n8n.runNow(T.stages);
		expect(broken.status).toBe('error');
		expect(broken.error.message).toMatch(/"Referred" is not a Case Status stage/);
		expect(broken.error.description).toMatch(
			/Pick one of the firm's stages: Intake, Investigation/,
		);
	} finally {
		await n8n.setRows(STAGE_TABLE, 'casepeer_stage', [
			{ casepeer_stage: 'Referred Out', case_status_stage: '' },
		]);
	}
});

test('manual sync: the results go by email as a CSV with one row per case', async () => {
	stack.smtp.clear();
	const run = await n8n.runNow(T.manual);
	expect(run.status).toBe('success');
	expect(run.byNode('Summary')[0]).toEqual(
		expect.objectContaining({
			emailed_to: 'ops@firm.com',
			summary: expect.stringMatching(/Updated: 4 · Closed: 1 · Unchanged: 20/),
		}),
	);
	expect(stack.smtp.messages).toHaveLength(1);
	const [mail] = stack.smtp.messages;
	expect(mail.to).toEqual(['ops@firm.com']);
	const csv = mail.attachments
		.find((a) => a.filename === 'case-status-sync-results.csv')
		.content.toString();
	const lines = csv.trim().split(/\r?\n/);
	expect(lines[0]).toMatch(/^"?integration_id"?,/);
	expect(lines).toHaveLength(1 + CP.connectedIds.length);
	expect(lines.find((l) => l.includes(String(CP.divergent.closedInCasepeer[0])))).toMatch(/closed/);
});

test('manual sync as imported: "Run now" stops on the example address and sends nothing, syncs nothing', async () => {
	stack.smtp.clear();
	const run = await n8n.runNow(T.manualAsImported);
	expect(run.status).toBe('error');
	expect(run.error.message).toMatch(
		/^Nothing was synced or sent: you@example\.com and n8n@example\.com are the template's example addresses, .*"Your email" of the Example request node.*"send_from" of the Request node/,
	);
	expect(run.ran('Stop: set your own e-mail address')).toBe(true);
	expect(run.ran('Stage mapping table')).toBe(false);
	expect(stack.smtp.messages).toHaveLength(0);
	expect(await writesTo('case-status')).toEqual([]);
});

test('bulk import: importable cases go in once and are marked connected; the others are listed with a fix; a re-run duplicates nothing', async () => {
	const importable = BULK_IDS.filter((id) => CP.unconnected.importable.includes(id));
	const run = await n8n.runNow(T.bulk);
	expect(run.status).toBe('success');
	expect(run.byNode('Imported')).toHaveLength(importable.length);
	const refused = run.byNode('Not imported');
	expect(refused.map((r) => Number(r.case_id)).sort()).toEqual(
		BULK_IDS.filter((id) => !importable.includes(id)).sort(),
	);
	expect(refused.find((r) => Number(r.case_id) === CP.unconnected.badAttorney[0])).toEqual(
		expect.objectContaining({
			reason_code: 'attorney_not_found',
			reason: expect.stringMatching(/^case \d+ cannot be imported/),
		}),
	);
	expect(refused.find((r) => Number(r.case_id) === CP.unconnected.noPhone[0])).toEqual(
		expect.objectContaining({
			reason_code: 'missing_cell_phone',
			reason: expect.stringMatching(/cell phone/),
		}),
	);

	const check = async () => {
		const cs = await caseStatus();
		const cp = await casePeer();
		for (const id of importable) {
			expect(cs.cases.filter((c) => c.integration_id === String(id))).toHaveLength(1);
			expect(cp.cases.find((c) => c.id === id).case_status_connected).toBe(true);
		}
		for (const id of BULK_IDS.filter((x) => !importable.includes(x))) {
			expect(cs.cases.some((c) => c.integration_id === String(id))).toBe(false);
		}
	};
	await check();
	await n8n.runNow(T.bulk);
	await check();
});

test('document sync: new documents are copied both ways, byte for byte, and never twice', async () => {
	const target = (await caseStatus()).cases.find((c) => c.status === 'open');
	const clientFile = await stack.admin('POST', '/case-status/files', {
		integration_id: target.integration_id,
		file_name: 'drivers-license.jpg',
		content_base64: Buffer.from('client upload bytes').toString('base64'),
		content_type: 'image/jpeg',
	});
	const form = new FormData();
	form.append(
		'file',
		new Blob([Buffer.from('%PDF-1.4 medical records')], { type: 'application/pdf' }),
		'medical-records.pdf',
	);
	const uploaded = await (
		await fetch(`${stack.sandbox.url}/casepeer/v1/cases/${target.integration_id}/documents`, {
			method: 'POST',
			headers: { authorization: `Bearer ${CP.demoKey}` },
			body: form,
		})
	).json();

	const run = await n8n.runNow(T.docs);
	expect(run.status).toBe('success');
	const copies = async () => {
		const cp = (await casePeer()).documents.filter(
			(d) => d.external_ref === `casestatus:file:${clientFile.id}`,
		);
		const cs = (await caseStatus()).files.filter(
			(f) => f.external_ref === `casepeer:document:${uploaded.id}`,
		);
		return { cp, cs };
	};
	const first = await copies();
	expect(first.cp).toHaveLength(1);
	expect(first.cs).toHaveLength(1);
	expect(first.cp[0].sha256).toBe(
		crypto.createHash('sha256').update('client upload bytes').digest('hex'),
	);
	expect(String(first.cp[0].case_id)).toBe(target.integration_id);

	await stack.admin('DELETE', '/requests');
	await n8n.runNow(T.docs);
	const second = await copies();
	expect(second.cp).toHaveLength(1);
	expect(second.cs).toHaveLength(1);
	// What is already copied is not even downloaded again.
	expect(
		(await stack.admin('GET', '/requests')).filter((r) => /\/content$/.test(r.path)),
	).toHaveLength(0);
});

// n8n passes a node's input on as if written when the node throws under "Continue (using error output)"; the pack
// marks systemic failures instead, and the templates stop on that mark (nodes/shared/router.ts).
test('a system failure (Case Status refuses the key) stops the bulk import: nothing is marked connected, the run fails saying why', async () => {
	await stack.admin('POST', '/config', {
		faults: { script: [{ status: 401, match: { system: 'case-status' } }] },
	});
	const run = await n8n.runNow(T.bulk);
	expect(run.status).toBe('error');
	expect(run.error.message).toMatch(/^A system failed, not the records, so the run stopped: .*401/);
	expect(run.byNode('Imported') ?? []).toHaveLength(0);
	expect(run.byNode('Not imported') ?? []).toHaveLength(0);
	const cp = await casePeer();
	for (const id of BULK_IDS)
		expect(cp.cases.find((c) => c.id === id).case_status_connected).toBe(false);
	const written = [...(await writesTo('case-status')), ...(await writesTo('casepeer'))];
	expect(written.filter((r) => !r.faulted && r.status < 400)).toEqual([]);
});

test('connect a case while Case Status refuses the key: 503 with the reason and fix, never "Error in workflow"', async () => {
	await stack.admin('POST', '/config', {
		faults: { script: [{ status: 401, match: { system: 'case-status' } }] },
	});
	const answer = await n8n.post('casepeer-connect-case', { case_id: CP.unconnected.importable[0] });
	expect(answer).toEqual({
		status: 503,
		body: expect.objectContaining({
			result: 'not imported',
			reason_code: 'system_failure',
			reason: expect.stringMatching(/401/),
		}),
	});
	expect((await writesTo('casepeer')).filter((r) => r.status < 400)).toEqual([]);
});
