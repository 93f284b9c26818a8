// Real n8n runs the CASEpeer ↔ Case Status templates, unmodified, against the sandbox's demo firm.
const { startStack } = require('../helpers/e2e');
const { SEED_FACTS: CP } = require('../../sandbox/systems/casepeer/seed');

jest.setTimeout(15 * 60 * 1000);

let stack;
beforeAll(async () => {
	stack = await startStack();
});
afterAll(async () => stack && stack.stop());
beforeEach(() => stack.admin('POST', '/reset'));

const caseStatus = () => stack.admin('GET', '/state/case-status');
const casePeer = () => stack.admin('GET', '/state/casepeer');
const writesTo = async (system) => (await stack.admin('GET', `/requests?system=${system}`)).filter((r) => r.method !== 'GET');

async function runTemplate(file) {
	const id = await stack.n8n.importWorkflow(stack.template(file));
	const run = await stack.n8n.execute(id);
	return run;
}

test('nightly sync: exactly the cases changed in CASEpeer are updated or closed; a second run writes nothing', async () => {
	const run = await runTemplate('casepeer-case-status-nightly-sync.json');
	expect(run.error).toBeNull();
	const rows = run.byNode('Sync to Case Status');
	const byId = Object.fromEntries(rows.map((r) => [r.integration_id, r]));
	expect(rows).toHaveLength(CP.connectedIds.length);
	for (const id of CP.divergent.stageChanged) expect(byId[String(id)]).toEqual(expect.objectContaining({ action: 'updated', changes: expect.stringMatching(/^stage: /) }));
	for (const id of CP.divergent.closedInCasepeer) expect(byId[String(id)].action).toBe('closed');
	for (const id of CP.divergent.phoneChanged) expect(byId[String(id)]).toEqual(expect.objectContaining({ action: 'updated', changes: 'clients' }));
	const changed = new Set(CP.changedSinceLastSync.map(String));
	for (const row of rows) if (!changed.has(row.integration_id)) expect(row.action).toBe('unchanged');

	// Case Status now matches CASEpeer for the changed cases.
	const cs = await caseStatus();
	const cp = await casePeer();
	for (const id of CP.divergent.closedInCasepeer) expect(cs.cases.find((c) => c.integration_id === String(id)).status).toBe('closed');
	for (const id of CP.divergent.stageChanged) {
		const cpCase = cp.cases.find((c) => c.id === id);
		const csCase = cs.cases.find((c) => c.integration_id === String(id));
		expect(CP.stageMap[cpCase.stage.name]).toBe(csCase.stage.display_name);
	}

	await stack.admin('DELETE', '/requests');
	const again = await runTemplate('casepeer-case-status-nightly-sync.json');
	expect(again.byNode('Sync to Case Status').every((r) => r.action === 'unchanged')).toBe(true);
	expect(await writesTo('case-status')).toHaveLength(0);
});

test('message relay: each new client message becomes one case note with the prefix; relaying again adds none', async () => {
	const cases = (await caseStatus()).cases.filter((c) => c.status === 'open').slice(0, 3);
	const posted = [];
	for (const [i, c] of cases.entries()) {
		posted.push(await stack.admin('POST', '/case-status/messages', { integration_id: c.integration_id, content: `Question ${i} about my case` }));
	}
	const run = await runTemplate('casepeer-case-status-message-relay.json');
	expect(run.error).toBeNull();
	const relayed = () => casePeer().then((s) => s.notes.filter((n) => (n.external_ref || '').startsWith('casestatus:message:')));
	const notes = await relayed();
	expect(notes).toHaveLength(posted.length);
	for (const [i, message] of posted.entries()) {
		const note = notes.find((n) => n.external_ref === `casestatus:message:${message.id}`);
		expect(note.text).toBe(`Received message from Case Status: Message from Case Status: Question ${i} about my case`);
		expect(String(note.case_id)).toBe(cases[i].integration_id);
	}

	await runTemplate('casepeer-case-status-message-relay.json');
	expect(await relayed()).toHaveLength(posted.length);
});

test('connect a case: checked, imported once, marked connected; a second request links instead of duplicating', async () => {
	const id = CP.unconnected.importable[0];
	const run = await runTemplate('casepeer-case-status-connect-case.json');
	expect(run.error).toBeNull();
	expect(run.byNode('Connected')[0]).toEqual(expect.objectContaining({ result: 'imported' }));
	const cs = await caseStatus();
	const imported = cs.cases.filter((c) => c.integration_id === String(id));
	expect(imported).toHaveLength(1);
	const cpCase = (await casePeer()).cases.find((c) => c.id === id);
	expect(cpCase.case_status_connected).toBe(true);
	expect(cpCase.case_status_id).toBe(imported[0].id);

	const again = await runTemplate('casepeer-case-status-connect-case.json');
	expect(again.byNode('Connected')[0].result).toBe('already in Case Status, now linked');
	expect((await caseStatus()).cases.filter((c) => c.integration_id === String(id))).toHaveLength(1);
});

test('stage mapping check: every CASEpeer stage is listed; only the truly unmapped one is flagged', async () => {
	const run = await runTemplate('casepeer-case-status-stage-mapping.json');
	expect(run.error).toBeNull();
	const rows = run.byNode('Check mapping');
	const unmapped = rows.filter((r) => !r.mapped).map((r) => r.source_stage);
	expect(unmapped).toEqual(['Referred Out']);
	expect(rows.find((r) => r.source_stage === 'medical treatment').case_status_stage).toBe('Treatment');
});

test('manual sync: the results go by email as a CSV with one row per case', async () => {
	stack.smtp.clear();
	const run = await runTemplate('casepeer-case-status-manual-sync.json');
	expect(run.error).toBeNull();
	expect(run.byNode('Summary')[0]).toEqual(expect.objectContaining({ emailed_to: 'ops@firm.com', summary: expect.stringMatching(/Updated: 4 · Closed: 1 · Unchanged: 20/) }));
	expect(stack.smtp.messages).toHaveLength(1);
	const [mail] = stack.smtp.messages;
	expect(mail.to).toEqual(['ops@firm.com']);
	const csv = mail.attachments.find((a) => a.filename === 'case-status-sync-results.csv').content.toString();
	const lines = csv.trim().split(/\r?\n/);
	expect(lines[0]).toMatch(/^"?integration_id"?,/);
	expect(lines).toHaveLength(1 + CP.connectedIds.length);
	expect(lines.find((l) => l.includes(String(CP.divergent.closedInCasepeer[0])))).toMatch(/closed/);
});

test('bulk import: importable cases go in once and are marked connected; the others are listed with a fix; a re-run duplicates nothing', async () => {
	const chosen = [27916, 27917, 27918, 27919, 27920, 27921];
	const importable = chosen.filter((id) => CP.unconnected.importable.includes(id));
	const run = await runTemplate('casepeer-case-status-bulk-import.json');
	expect(run.byNode('Mark connected in CASEpeer')).toHaveLength(importable.length);
	const refused = run.byNode('Not imported');
	expect(refused.map((r) => Number(r.case_id)).sort()).toEqual(chosen.filter((id) => !importable.includes(id)).sort());
	expect(refused.find((r) => Number(r.case_id) === CP.unconnected.badAttorney[0]).reason).toMatch(/attorney/);
	expect(refused.find((r) => Number(r.case_id) === CP.unconnected.noPhone[0]).reason).toMatch(/cell phone/);

	const check = async () => {
		const cs = await caseStatus();
		const cp = await casePeer();
		for (const id of importable) {
			expect(cs.cases.filter((c) => c.integration_id === String(id))).toHaveLength(1);
			expect(cp.cases.find((c) => c.id === id).case_status_connected).toBe(true);
		}
		for (const id of chosen.filter((x) => !importable.includes(x))) {
			expect(cs.cases.some((c) => c.integration_id === String(id))).toBe(false);
		}
	};
	await check();
	await runTemplate('casepeer-case-status-bulk-import.json');
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
	form.append('file', new Blob([Buffer.from('%PDF-1.4 medical records')], { type: 'application/pdf' }), 'medical-records.pdf');
	const uploaded = await (
		await fetch(`${stack.sandbox.url}/casepeer/v1/cases/${target.integration_id}/documents`, {
			method: 'POST',
			headers: { authorization: 'Bearer cp_demo_8b2e61d94a07' },
			body: form,
		})
	).json();

	const run = await runTemplate('casepeer-case-status-document-sync.json');
	expect(run.error).toBeNull();
	const copies = async () => {
		const cp = (await casePeer()).documents.filter((d) => d.external_ref === `casestatus:file:${clientFile.id}`);
		const cs = (await caseStatus()).files.filter((f) => f.external_ref === `casepeer:document:${uploaded.id}`);
		return { cp, cs };
	};
	const first = await copies();
	expect(first.cp).toHaveLength(1);
	expect(first.cs).toHaveLength(1);
	expect(first.cp[0].sha256).toBe(require('node:crypto').createHash('sha256').update('client upload bytes').digest('hex'));
	expect(String(first.cp[0].case_id)).toBe(target.integration_id);

	await runTemplate('casepeer-case-status-document-sync.json');
	const second = await copies();
	expect(second.cp).toHaveLength(1);
	expect(second.cs).toHaveLength(1);
});
