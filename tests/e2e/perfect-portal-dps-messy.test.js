// Real n8n runs the Perfect Portal → DPS One Office templates against a messy firm (sandbox/systems/messy-firm.js):
// a returning client and an estate agent already in DPS without a reference, joint buyers sharing an e-mail, a fee
// earner who left, an unknown AppCode, a fee earner without rights, a case deleted and one changed after the
// download. Each bad case is its row with a reason code and a fix, every good one is imported, nothing that
// already existed is created again; a system that fails (not a case) fails the run.
const { startStack } = require('../helpers/e2e');
const { startWithDataTables } = require('../helpers/data-tables');
const { MESSY_FACTS: M } = require('../../sandbox/systems/messy-firm');
const { SEED_FACTS: PP } = require('../../sandbox/systems/perfect-portal/seed');

jest.setTimeout(15 * 60 * 1000);

const CASES = 'Perfect Portal cases';
const CONTACTS = 'Perfect Portal case contacts';

let stack;
let dt;
beforeAll(async () => {
	stack = await startStack();
	await stack.admin('POST', '/perfect-portal/messy-firm');
	await stack.admin('POST', '/dps-one-office/messy-firm');
	dt = await startWithDataTables(
		stack,
		[
			'perfect-portal-dps-download-cases.json',
			'perfect-portal-dps-import-selected.json',
			'perfect-portal-dps-import-dry-run.json',
		],
		['perfect-portal-dps-download', 'perfect-portal-dps-import', 'perfect-portal-dps-dry-run'],
	);
});
afterAll(async () => stack && stack.stop());

const dps = () => stack.admin('GET', '/state/dps-one-office');
const dpsRequests = () => stack.admin('GET', '/requests?system=dps-one-office');
const C = M.cases;
const refused = {
	[C.feeEarnerLeft]: ['check_failed', /'Fee Earner' 'OLD' is an inactive fee earner/],
	[C.unknownAppCode]: ['check_failed', /'AppCode' 'CX' is not an AppCode in DPS One Office/],
	[C.noRights]: ['check_failed', /'Fee Earner' 'ABC' has no rights to AppCode 'CP'/],
	[C.plain]: ['deleted_in_perfect_portal', /^the case is no longer in Perfect Portal/],
	[C.changed]: [
		'changed_since_download',
		/^the case changed in Perfect Portal after it was downloaded/,
	],
};
// The seed's own week (two importable cases, three refused) comes along.
const seedWeek = PP.createdWithin.week.filter((id) => PP.dps.target.includes(id));
const seedRefused = [...PP.dps.missingAppCode, ...PP.dps.missingFeeEarnerCode, ...PP.dps.noClients];

test('a messy week: each bad case is its row with a reason code and a fix, the good ones go in, nothing that already existed is created again', async () => {
	const summary = await dt.post('perfect-portal-dps-download', { time_frame: 'week' });
	const messyDps = Object.values(C).filter(
		(id) => ![C.inSmokeball, C.noClient, C.deletedMatter].includes(id),
	);
	expect(summary.case_ids.sort()).toEqual([...seedWeek, ...messyDps].sort());

	// The operations lead ticks every case and George Brown's estate agent.
	const cases = await dt.rows(CASES);
	await dt.edit(
		CASES,
		cases.map((r) => ({ id: r.id, import: true })),
	);
	const rowOf = (id) => cases.find((r) => r.case_id === id);
	const agent = (await dt.rows(CONTACTS)).find(
		(r) => r.case_row === rowOf(C.returningClient).id && r.party_type === 'estate_agent',
	);
	await dt.edit(CONTACTS, [{ id: agent.id, import: true }]);
	// Meanwhile in Perfect Portal: one case is deleted, another changed.
	await stack.admin('DELETE', `/perfect-portal/cases/${C.plain}`);
	await stack.admin('PATCH', `/perfect-portal/cases/${C.changed}`, {
		matter_details: 'Purchase of Flat 2, 4 Cardigan Road, Leeds (price renegotiated)',
	});

	// The dry run sees the same and writes nothing.
	await stack.admin('DELETE', '/requests');
	const dry = await dt.post('perfect-portal-dps-dry-run');
	expect((await dpsRequests()).filter((r) => r.method !== 'GET')).toEqual([]);
	const dryOf = (id) => dry.cases.find((c) => c.case_id === id);
	expect(dryOf(C.returningClient).clients).toEqual([
		`George Brown: existing client ${M.george.dpsClientRef}`,
	]);
	for (const [id, [code]] of Object.entries(refused)) expect(dryOf(id).reason_code).toBe(code);

	const before = await dps();
	await stack.admin('DELETE', '/requests');
	const result = await dt.post('perfect-portal-dps-import');
	const requests = await dpsRequests();
	const caseOf = (id) => result.cases.find((c) => c.case_id === id);

	// The run ends with its report: every case has its row, the bad ones with reason code, reason and fix.
	expect(result.cases).toHaveLength(summary.cases);
	for (const [id, [code, reason]] of Object.entries(refused)) {
		expect([id, caseOf(id).result, caseOf(id).reason_code]).toEqual([id, 'not imported', code]);
		expect(caseOf(id).reason).toMatch(reason);
		expect(caseOf(id).fix).not.toBe('');
	}
	for (const c of result.cases) expect(c.reason).not.toMatch(/^Item \d/);
	expect(result.not_imported).toBe(Object.keys(refused).length + seedRefused.length);
	expect(result.imported).toBe(summary.cases - result.not_imported);

	// The returning client and his estate agent are used, not created again, and the row says so.
	const after = await dps();
	const george = after.clients.filter((c) => c.display_name === 'George Brown');
	expect(george).toHaveLength(1);
	const agents = after.contacts.filter((c) => c.organisation_name === M.agent.company_name);
	expect(agents).toHaveLength(1);
	const matter = after.matters.find((m) => m.external_ref === C.returningClient);
	expect(matter.client_ref).toBe(M.george.dpsClientRef);
	expect(matter.contacts).toEqual([
		expect.objectContaining({ contact_id: M.agent.dpsContactId, contact_type: 'EA' }),
	]);
	expect(caseOf(C.returningClient).summary).toBe(
		`Created matter ${matter.mat_ref} for existing client ${M.george.dpsClientRef} (George Brown: same name and postcode), with 1 contact (${M.agent.company_name} as EA: existing ${M.agent.dpsContactId}, same name and postcode) and 1 property.`,
	);
	// Joint buyers sharing an e-mail stay two clients of one matter.
	const taylors = after.matters.find((m) => m.external_ref === C.jointBuyers);
	expect(taylors.additional_client_refs).toHaveLength(1);
	expect(after.clients.filter((c) => c.email === M.sharedEmail)).toHaveLength(2);

	// Nothing for the refused cases; nothing created twice.
	for (const id of Object.keys(refused))
		expect(after.matters.some((m) => m.external_ref === id)).toBe(false);
	const refs = after.clients.map((c) => c.external_ref).filter(Boolean);
	expect(new Set(refs).size).toBe(refs.length);
	expect(after.matters.length - before.matters.length).toBe(result.imported);

	// The reference lookups of the whole run went in one request per list, not one per record.
	const byRef = (path) =>
		requests.filter((r) => r.method === 'GET' && r.path === path && r.query.external_ref);
	expect(byRef('/v1/matters')).toHaveLength(1);
	expect(byRef('/v1/clients')).toHaveLength(1);
	expect(byRef('/v1/contacts')).toHaveLength(1);
	console.log(
		`DPS requests for ${summary.cases} ticked cases (${result.imported} imported): ${requests.length} (${requests.filter((r) => r.method === 'GET').length} reads, ${requests.filter((r) => r.method !== 'GET').length} writes)`,
	);

	// Again: imported rows are skipped, the refused ones refused again, nothing written.
	await stack.admin('DELETE', '/requests');
	const again = await dt.post('perfect-portal-dps-import');
	expect(again.imported).toBe(0);
	expect((await dpsRequests()).filter((r) => r.method !== 'GET')).toEqual([]);
});

test('a system that fails is not a case problem: DPS refusing the credential fails the run (the error workflow fires), the rows say why', async () => {
	await stack.admin('POST', '/config', {
		faults: { errorRate: 1, statuses: [401], systems: ['dps-one-office'] },
	});
	const res = await dt.post('perfect-portal-dps-import', {}, { raw: true });
	await stack.admin('POST', '/config', { faults: null });
	expect(res.status).toBe(500);
	const row = (await dt.rows(CASES)).find((r) => r.case_id === C.feeEarnerLeft);
	expect(row).toEqual(
		expect.objectContaining({
			status: 'not imported',
			result: expect.stringMatching(/^Not imported: DPS One Office did not accept the credential.*\(reason: credential_refused\b/),
		}),
	);
});
