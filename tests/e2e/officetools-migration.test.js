// Real n8n runs the OfficeTools portal migration template, unmodified, against the sandbox's demo firm: a dry run
// that writes nothing; then a run killed midway in step 4 (after a lost upload response), a Firm Portal copy
// corrupted meanwhile, a re-run that finishes the job but keeps the unverified file, and a third run that changes
// nothing.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const { startStack } = require('../helpers/e2e');
const { SEED_FACTS: F } = require('../../sandbox/systems/officetools/seed');

jest.setTimeout(15 * 60 * 1000);

const TEMPLATE = 'officetools-portal-migration.json';
const UPLOADS = { system: 'officetools', method: 'POST', pathPrefix: '/v1/firm-portal/documents' };

// What the seed makes of the five steps (SEED_FACTS): the contacts Sync Contact can create, the documents that go
// to their users (invoices and files lost to retention never do), and the visible contacts it cannot create.
const syncable = F.syncableContactIds;
const notSyncable = F.visibleContactIds.filter((id) => !syncable.includes(id));
const uploadable = syncable
	.flatMap((id) => F.documentsByContact[id])
	.filter((id) => !F.invoiceIds.includes(id) && !F.lostIds.includes(id));
const withoutUser = [...notSyncable, ...F.hiddenContactIds]
	.flatMap((id) => F.documentsByContact[id])
	.filter((id) => !F.invoiceIds.includes(id));
const sorted = (list) => [...list].sort();

let stack;
beforeAll(async () => {
	stack = await startStack();
});
afterAll(async () => stack && stack.stop());
beforeEach(async () => {
	await stack.admin('POST', '/reset');
	await stack.admin('POST', '/config', { faults: null });
	stack.smtp.clear();
});

const firm = async () => (await stack.admin('GET', '/state/officetools')).firms[F.firmId];
const writes = async () =>
	(await stack.admin('GET', '/requests?system=officetools')).filter((r) => r.method !== 'GET');
/** The sandbox state with one Firm Portal document replaced. */
async function tampered(doc) {
	const state = await stack.admin('GET', '/state/officetools');
	const docs = state.firms[F.firmId].portal_documents;
	docs[docs.findIndex((d) => d.id === doc.id)] = doc;
	return state;
}
const welcomeEmails = () => stack.admin('GET', `/officetools/welcome-emails?firm_id=${F.firmId}`);
const countBy = (list, key) =>
	list.reduce((acc, x) => ({ ...acc, [x[key]]: (acc[x[key]] ?? 0) + 1 }), {});

function template({ dryRun = false } = {}) {
	const workflow = JSON.parse(fs.readFileSync(stack.template(TEMPLATE), 'utf8'));
	if (!dryRun) return workflow;
	const settings = workflow.nodes.find((n) => n.name === 'Settings');
	settings.parameters.assignments.assignments.find((a) => a.name === 'dryRun').value = true;
	return { ...workflow, id: 'lsOtPortalMigDry', name: `${workflow.name} (dry run)` };
}

/** Starts `n8n execute` in its own process group, so the test can kill it (and any child) mid-run. */
function startExecution(id) {
	const { n8n } = stack;
	const child = spawn(n8n.runtime.node, [n8n.runtime.n8n, 'execute', `--id=${id}`, '--rawOutput'], {
		env: n8n.env(),
		cwd: n8n.userFolder,
		detached: true,
		stdio: 'ignore',
	});
	const exited = new Promise((resolve) =>
		child.once('exit', (code, signal) => resolve({ code, signal })),
	);
	return { child, exited };
}

async function waitFor(check, { timeoutMs = 240_000, whileRunning } = {}) {
	const deadline = Date.now() + timeoutMs;
	let done = false;
	whileRunning?.exited.then(() => (done = true));
	while (Date.now() < deadline) {
		if (await check()) return;
		if (done) throw new Error('n8n finished before the awaited point');
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error('timed out');
}

/**
 * The end state every complete run must reach, however many runs and crashes it took. `corrupt` names a legacy
 * document whose Firm Portal copy does not match: it must be reported and stay on the old portal.
 */
async function expectMigrated({ corrupt = null } = {}) {
	const state = await firm();
	const legacy = Object.fromEntries(state.legacy_documents.map((d) => [d.id, d]));

	// Every syncable visible contact is a Firm Portal user exactly once, and got one welcome e-mail.
	const users = countBy(state.portal_users, 'legacy_contact_id');
	for (const id of syncable) expect(users[id]).toBe(1);
	for (const id of [...notSyncable, ...F.hiddenContactIds]) expect(users[id]).toBeUndefined();
	expect(countBy(await welcomeEmails(), 'legacy_contact_id')).toEqual(
		Object.fromEntries(syncable.map((id) => [id, 1])),
	);

	// Every uploadable document is on the Firm Portal exactly once, for its contact's user, byte for byte.
	const onPortal = countBy(state.portal_documents, 'legacy_document_id');
	expect(sorted(Object.keys(onPortal))).toEqual(sorted(uploadable));
	for (const id of uploadable) expect(onPortal[id]).toBe(1);
	for (const doc of state.portal_documents) {
		const source = legacy[doc.legacy_document_id];
		if (doc.legacy_document_id === corrupt) expect(doc.sha256).not.toBe(source.sha256);
		else expect(doc.sha256).toBe(source.sha256);
		expect(doc.size_bytes).toBe(source.size_bytes);
		const user = state.portal_users.find((u) => u.id === doc.user_id);
		expect(user.legacy_contact_id).toBe(source.legacy_contact_id);
	}

	// Nothing unverified was deleted: the only files gone from the old portal are those retention removed before
	// the migration and those verified on the Firm Portal.
	const verified = new Set(
		state.portal_documents
			.filter((d) => d.sha256 === legacy[d.legacy_document_id].sha256)
			.map((d) => d.legacy_document_id),
	);
	const gone = state.legacy_documents.filter((d) => !d.content_available).map((d) => d.id);
	for (const id of gone) expect(F.expiredIds.includes(id) || verified.has(id)).toBe(true);
	expect(sorted(gone)).toEqual(
		sorted(new Set([...F.expiredIds, ...uploadable.filter((id) => id !== corrupt)])),
	);

	// Every document still on the old portal when the run began is in WorkSpace now (step 2).
	for (const id of F.toDownloadIds) expect(legacy[id].downloaded_to_workspace).toBe(true);

	// Hidden contacts are untouched: no user, no e-mail, their files neither migrated nor deleted.
	for (const id of F.hiddenContactDocumentIds) {
		expect(legacy[id]).toEqual(
			expect.objectContaining({ content_available: true, migrated_to_firm_portal: false }),
		);
	}
	return state;
}

test('dry run: all five steps read only, and the report says what each would do', async () => {
	const id = await stack.n8n.importWorkflow(template({ dryRun: true }));
	const run = await stack.n8n.execute(id);
	expect(run.error).toBeNull();
	expect(await writes()).toEqual([]);
	expect((await firm()).firm_portal.status).toBe('not_activated');

	const [summary] = run.byNode('Migration summary');
	expect(summary.dry_run).toBe(true);
	expect(summary.summary).toMatch(/DRY RUN, nothing was changed/);
	expect(summary.counts).toEqual({
		'1 Activate Firm Portal': { 'would activate': 1 },
		'2 Get Documents': { 'would download into WorkSpace': F.toDownloadIds.length },
		'3 Sync Contacts': {
			'hidden: not migrated': F.hiddenContactIds.length,
			'would create': syncable.length,
			'would fail': notSyncable.length,
		},
		'4 Upload Documents': {
			'would upload': uploadable.length,
			'not uploaded': withoutUser.length,
			'cannot be migrated': F.lostIds.filter((d) => !F.invoiceIds.includes(d)).length,
		},
		'5 Delete Documents': { 'would delete once uploaded and verified': uploadable.length },
	});
	expect(sorted(run.byNode('Would download into WorkSpace').map((r) => r.row.record_id))).toEqual(
		sorted(F.toDownloadIds),
	);
	const wouldSync = Object.fromEntries(
		run.byNode('Would sync').map((r) => [r.row.record_id, r.row]),
	);
	for (const cid of syncable) expect(wouldSync[cid].action).toBe('would create');
	expect(wouldSync[F.sharedEmail.contactIds[1]].detail).toMatch(/also used by/);
	for (const cid of [...F.noEmailContactIds, ...F.invalidEmailContactIds])
		expect(wouldSync[cid].detail).toMatch(/No valid e-mail/);
	expect(sorted(run.byNode('Would upload').map((r) => r.row.record_id))).toEqual(
		sorted(uploadable),
	);
	expect(sorted(summary.hidden_contacts_not_migrated)).toEqual(sorted(F.hiddenContactIds));
	expect(sorted(summary.invoices_not_migratable)).toEqual(sorted(F.invoiceIds));
	expect(summary.near_retention_limit).toEqual(F.nearExpiry.map((d) => d.id));

	expect(stack.smtp.messages).toHaveLength(1);
	const [mail] = stack.smtp.messages;
	expect(mail.to).toEqual(['ops@brightlinetax.example']);
	expect(mail.subject).toMatch(/dry run/);
	const csv = mail.attachments.find(
		(a) => a.filename === 'officetools-migration-report-dry-run.csv',
	);
	expect(csv.content.toString()).toMatch(/^near the 30-day retention limit,,NOT SECURED,/m);
});

test('a run killed midway, then re-run: everything migrated exactly once, only verified files deleted; a third run writes nothing', async () => {
	const id = await stack.n8n.importWorkflow(template());
	// The 1st upload lands but its response is lost (the node retries: 409 "already uploaded"); the 3rd hangs
	// until n8n is killed, so it never lands.
	await stack.admin('POST', '/config', {
		faults: {
			script: [
				{ match: UPLOADS, afterHandler: true },
				{ match: UPLOADS, latencyMs: 0 },
				{ match: UPLOADS, latencyMs: 0 },
				{ match: UPLOADS, latencyMs: 300_000, status: 503 },
			],
		},
	});
	const first = startExecution(id);
	await waitFor(async () => (await stack.admin('GET', '/config')).faults.script.length === 0, {
		whileRunning: first,
	});
	process.kill(-first.child.pid, 'SIGKILL');
	expect((await first.exited).signal).toBe('SIGKILL');
	await stack.admin('POST', '/config', { faults: null });

	// Killed in step 4: two documents are on the Firm Portal (the lost response did not duplicate one), nothing
	// was deleted, the earlier steps are done.
	const mid = await firm();
	expect(mid.firm_portal.status).toBe('active');
	expect(countBy(mid.portal_users, 'legacy_contact_id')).toEqual(
		Object.fromEntries(syncable.map((cid) => [cid, 1])),
	);
	const uploads = await stack.admin(
		'GET',
		'/requests?system=officetools&method=POST&pathPrefix=/v1/firm-portal/documents',
	);
	expect(uploads.slice(0, 3)).toEqual([
		expect.objectContaining({ dropped: true }),
		expect.objectContaining({ status: 409 }),
		expect.objectContaining({ status: 201 }),
	]);
	expect(mid.portal_documents).toHaveLength(2);
	expect(new Set(mid.portal_documents.map((d) => d.legacy_document_id)).size).toBe(2);
	expect(sorted(mid.legacy_documents.filter((d) => !d.content_available).map((d) => d.id))).toEqual(
		sorted(F.expiredIds),
	);

	// One of those copies went bad on the Firm Portal (its sha256 no longer matches the old portal's).
	const bad = mid.portal_documents.find(
		(p) => mid.legacy_documents.find((d) => d.id === p.legacy_document_id).content_available,
	);
	const corrupt = bad.legacy_document_id;
	bad.sha256 = 'f'.repeat(64);
	await stack.admin('PUT', '/state/officetools', await tampered(bad));

	// The re-run finishes the job without redoing what the killed run did.
	const run = await stack.n8n.execute(id);
	expect(run.error).toBeNull();
	await expectMigrated({ corrupt });
	const [summary] = run.byNode('Migration summary');
	expect(summary.counts['1 Activate Firm Portal']).toEqual({ 'already active': 1 });
	expect(summary.counts['2 Get Documents']).toEqual({});
	expect(summary.counts['3 Sync Contacts']).toEqual({
		'hidden: not migrated': F.hiddenContactIds.length,
		'already on the Firm Portal': syncable.length,
		'not migrated': notSyncable.length,
	});
	expect(summary.counts['4 Upload Documents'].uploaded).toBe(uploadable.length - 2);
	expect(summary.counts['5 Delete Documents']).toEqual({
		'deleted from the old portal': uploadable.filter((d) => !F.expiredIds.includes(d)).length - 1,
		'kept on the old portal': 1,
	});
	expect(summary.verified).toBe(uploadable.length - 1);
	expect(summary.checksum_mismatches).toEqual([corrupt]);
	expect(summary.to_fix).toContain(`${corrupt}: kept on the old portal`);
	expect(run.byNode('Kept on the old portal')[0].row).toEqual(
		expect.objectContaining({ record_id: corrupt, detail: expect.stringMatching(/not verified/) }),
	);
	const notMigrated = Object.fromEntries(
		run.byNode('Not synced').map((r) => [r.row.record_id, r.row.detail]),
	);
	expect(notMigrated[F.sharedEmail.contactIds[1]]).toMatch(/email_in_use.*address of their own/);
	expect(notMigrated[F.noEmailContactIds[0]]).toMatch(/contact_email_invalid/);

	// The e-mailed report: one CSV line per document checksum; the bad copy is flagged.
	expect(stack.smtp.messages).toHaveLength(1);
	const csv = stack.smtp.messages[0].attachments
		.find((a) => a.filename === 'officetools-migration-report.csv')
		.content.toString();
	const checks = csv.split(/\r?\n/).filter((l) => l.startsWith('checksum verification,'));
	expect(checks.filter((l) => l.includes('on the Firm Portal, verified'))).toHaveLength(
		uploadable.length - 1,
	);
	expect(checks.filter((l) => l.includes('CHECKSUM MISMATCH'))).toEqual([
		expect.stringContaining(`,${corrupt},`),
	]);

	// A third run finds nothing to do: OfficeTools accepts no write, and the firm's state does not change. (It
	// asks again for the contacts it could not create, which OfficeTools refuses again, and checks the bad copy
	// again without deleting.)
	const before = await firm();
	await stack.admin('DELETE', '/requests');
	const third = await stack.n8n.execute(id);
	expect(third.error).toBeNull();
	const attempts = await writes();
	expect(attempts.filter((r) => r.status < 400)).toEqual([]);
	expect(attempts.map((r) => `${r.method} ${r.path}`)).toEqual(
		notSyncable.map(() => 'POST /v1/firm-portal/users'),
	);
	expect(await firm()).toEqual(before);
	await expectMigrated({ corrupt });
	expect(third.byNode('Migration summary')[0].checksum_mismatches).toEqual([corrupt]);
});

test('a document the Firm Portal refuses is its row and the rest is migrated; the credential refused for every upload fails the run after its report', async () => {
	const id = await stack.n8n.importWorkflow(template());
	await stack.admin('POST', '/config', { faults: { script: [{ status: 422, match: UPLOADS }] } });
	const run = await stack.n8n.execute(id);
	expect(run.error).toBeNull();
	const [refused] = run.byNode('Not uploaded').map((r) => r.row);
	expect(refused.detail).toMatch(/^OfficeTools refused the [a-z ]+ by one of its rules: .*\(reason: [a-z_]+\) /);
	const onPortal = (await firm()).portal_documents.map((d) => d.legacy_document_id);
	expect(sorted(onPortal)).toEqual(sorted(uploadable.filter((d) => d !== refused.record_id)));
	expect(run.byNode('Migration summary')).toHaveLength(1);

	// The refused document is all that is left; this time OfficeTools refuses the credential: not a record's fault.
	stack.smtp.clear();
	await stack.admin('POST', '/config', { faults: { script: [{ status: 401, match: UPLOADS }] } });
	const failed = await stack.n8n.execute(id);
	expect(failed.error.message).toMatch(
		new RegExp(
			`^The migration did not finish because a system failed.*${refused.record_id}: OfficeTools did not accept the credential.*\\(reason: credential_refused\\b`,
		),
	);
	expect(stack.smtp.messages).toHaveLength(1); // the report still went out
});
