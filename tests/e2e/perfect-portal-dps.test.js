// Real n8n runs the Perfect Portal → DPS One Office templates, unmodified, against the sandbox's demo firms.
// Data tables need n8n's modules, which `n8n execute` does not load: the templates run on a started n8n, through
// their webhook triggers and once through "Run now" as the editor runs it; two small test workflows read and tick rows.
const { startStack } = require('../helpers/e2e');
const { startWithDataTables } = require('../helpers/data-tables');
const { WEBHOOK_AUTH } = require('../../scripts/lib/credentials');
const { SEED_FACTS: PP } = require('../../sandbox/systems/perfect-portal/seed');
const { SEED_FACTS: DPS } = require('../../sandbox/systems/dps-one-office/seed');

jest.setTimeout(15 * 60 * 1000);

const TEMPLATES = [
	'perfect-portal-dps-download-cases.json',
	'perfect-portal-dps-import-selected.json',
	'perfect-portal-dps-import-dry-run.json',
];
const CASES = 'Perfect Portal cases';
const CONTACTS = 'Perfect Portal case contacts';
const PROPERTIES = 'Perfect Portal case properties';

let stack;
let n8nUrl;
let post;
let rows;
let edit;
let runNow;
beforeAll(async () => {
	stack = await startStack();
	({ n8nUrl, post, rows, edit, runNow } = await startWithDataTables(stack, TEMPLATES, [
		'perfect-portal-dps-download',
		'perfect-portal-dps-import',
		'perfect-portal-dps-dry-run',
	]));
});
afterAll(async () => stack && stack.stop());

const download = (timeFrame) => post('perfect-portal-dps-download', { time_frame: timeFrame });
const importSelected = () => post('perfect-portal-dps-import');
const dryRun = () => post('perfect-portal-dps-dry-run');

const dpsState = () => stack.admin('GET', '/state/dps-one-office');
const ppState = () => stack.admin('GET', '/state/perfect-portal');
const writes = async (system) =>
	(await stack.admin('GET', `/requests?system=${system}`)).filter((r) => r.method !== 'GET');

const dpsKey = {
	authorization: `Bearer ${DPS.demoKey}`,
	'x-dps-database': DPS.database,
	'content-type': 'application/json',
};

// The week's cases Perfect Portal sends to DPS One Office: two importable, and the three the import must refuse.
const weekCases = PP.createdWithin.week.filter((id) => PP.dps.target.includes(id));
const [missingAppCode] = PP.dps.missingAppCode;
const [unknownFeeEarner] = PP.dps.missingFeeEarnerCode;
const [noClients] = PP.dps.noClients;
const [joint, alreadyInDps] = weekCases.filter((id) => PP.dps.importable.includes(id));
const bad = [missingAppCode, unknownFeeEarner, noClients];

let firstDownload;
const caseRow = async (caseId, downloadDate = firstDownload) =>
	(await rows(CASES)).find((r) => r.case_id === caseId && r.download_date === downloadDate);

test('the sandbox week holds the cases this scenario needs', () => {
	expect(weekCases).toHaveLength(5);
	expect(weekCases).toEqual(expect.arrayContaining([joint, alreadyInDps, ...bad]));
	expect(PP.twoClientCaseIds).toContain(joint);
});

test('the webhooks refuse a caller without the webhook key or with a wrong one: nothing runs, nothing is read or written', async () => {
	await stack.admin('DELETE', '/requests');
	const attempts = [
		{ 'content-type': 'application/json' },
		{ 'content-type': 'application/json', [WEBHOOK_AUTH.header]: 'not-the-key' },
		{ 'content-type': 'application/json', [WEBHOOK_AUTH.header]: '' },
	];
	for (const path of [
		'perfect-portal-dps-download',
		'perfect-portal-dps-import',
		'perfect-portal-dps-dry-run',
	]) {
		for (const headers of attempts) {
			const res = await fetch(`${n8nUrl}/webhook/${path}`, {
				method: 'POST',
				headers,
				body: JSON.stringify({ time_frame: 'week' }),
			});
			expect([path, headers[WEBHOOK_AUTH.header], [401, 403].includes(res.status)]).toEqual([
				path,
				headers[WEBHOOK_AUTH.header],
				true,
			]);
		}
	}
	expect(await stack.admin('GET', '/requests')).toEqual([]);
});

test('download: each case of the week sent to DPS becomes a row, with its clients, contacts and properties; the tables are created on the first run', async () => {
	const summary = await download('week');
	expect(summary).toEqual(expect.objectContaining({ cases: 5, already_imported: 0 }));
	expect(summary.case_ids.sort()).toEqual([...weekCases].sort());
	expect(summary.message).toMatch(
		/^Downloaded 5 case\(s\) created in Perfect Portal within the last week\. Tick "import"/,
	);
	firstDownload = summary.download_date;

	const pp = await ppState();
	const cases = await rows(CASES);
	expect(cases).toHaveLength(5);
	for (const row of cases) {
		const source = pp.cases.find((c) => c.case_id === row.case_id);
		expect(row).toEqual(
			expect.objectContaining({
				download_date: firstDownload,
				import: false,
				status: [missingAppCode, unknownFeeEarner, noClients].includes(row.case_id)
					? 'needs fixing'
					: 'new',
				dps_mat_ref: '',
				dps_client_ref: '',
				app_code: source.app_code ?? '',
				fee_earner: source.fee_earner.code ?? '',
				branch: source.branch.code,
				matter_details: source.matter_details,
			}),
		);
	}
	expect((await caseRow(missingAppCode)).result).toBe(
		'Fix before importing: Type the DPS AppCode (work type) in app_code, e.g. CP.',
	);
	expect((await caseRow(unknownFeeEarner)).result).toBe(
		"Fix before importing: Type Tom Price's DPS user code in fee_earner, e.g. JSM (Perfect Portal has none for Tom Price).",
	);
	expect((await caseRow(noClients)).result).toBe(
		'Fix before importing: Add a client to the case in Perfect Portal and download again (the case has none).',
	);
	// The rows that need fixing have their own status; the others are new.
	for (const id of [missingAppCode, unknownFeeEarner, noClients])
		expect((await caseRow(id)).status).toBe('needs fixing');

	const contacts = await rows(CONTACTS);
	const parties = pp.cases
		.filter((c) => weekCases.includes(c.case_id))
		.flatMap((c) => c.clients_contacts);
	expect(contacts).toHaveLength(parties.length);
	const jointRow = await caseRow(joint);
	const jointParties = contacts.filter((r) => r.case_row === jointRow.id);
	expect(
		jointParties.map((r) => [r.party_type, r.import, r.as_client, r.dps_contact_type]),
	).toEqual([
		['client', true, true, ''],
		['client', true, true, ''],
		['estate_agent', false, false, 'EA'],
		['lender', false, false, 'LEN'],
	]);
	expect(jointParties[0]).toEqual(
		expect.objectContaining({
			is_primary: true,
			address_line1: expect.any(String),
			postcode: expect.stringMatching(/^[A-Z0-9 ]+$/),
		}),
	);
	const properties = await rows(PROPERTIES);
	expect(properties).toHaveLength(
		pp.cases.filter((c) => weekCases.includes(c.case_id)).flatMap((c) => c.properties).length,
	);
	expect(properties.filter((r) => r.case_row === jointRow.id)).toEqual([
		expect.objectContaining({
			import: true,
			transaction_type: 'purchase',
			price: expect.stringMatching(/^\d+\.\d\d$/),
		}),
	]);
});

test('tick the rows as the operations lead would: every case, the estate agent of one, a fee earner typed wrong', async () => {
	const cases = (await rows(CASES)).filter((r) => r.download_date === firstDownload);
	const feeEarnerRow = cases.find((r) => r.case_id === unknownFeeEarner);
	await edit(CASES, [
		...cases.map((r) => ({ id: r.id, import: true })),
		{ id: feeEarnerRow.id, fee_earner: 'TPR' },
	]);
	const jointRow = await caseRow(joint);
	const agent = (await rows(CONTACTS)).find(
		(r) => r.case_row === jointRow.id && r.party_type === 'estate_agent',
	);
	await edit(CONTACTS, [{ id: agent.id, import: true }]);
	expect((await rows(CASES)).every((r) => r.import)).toBe(true);

	// One case is already in DPS One Office (opened there by hand, carrying its Case ID).
	const res = await fetch(`${stack.sandbox.url}/dps-one-office/v1/matters`, {
		method: 'POST',
		headers: dpsKey,
		body: JSON.stringify({
			client_ref: DPS.clientWithoutMatter,
			app_code: 'PI',
			fee_earner: 'ABC',
			branch: 'MAN',
			matter_details: 'RTA claim opened in One Office',
			external_ref: alreadyInDps,
		}),
	});
	expect(res.status).toBe(201);
	expect((await res.json()).mat_ref).toBe(DPS.nextRefs.matterForOBR001);
});

test('dry run: writes nothing anywhere and shows what the import would create, or why not', async () => {
	const before = {
		dps: await dpsState(),
		cases: await rows(CASES),
		contacts: await rows(CONTACTS),
	};
	await stack.admin('DELETE', '/requests');
	const result = await dryRun();
	expect(await writes('dps-one-office')).toEqual([]);
	expect(await writes('perfect-portal')).toEqual([]);
	expect(await dpsState()).toEqual(before.dps);
	expect(await rows(CASES)).toEqual(before.cases);
	expect(await rows(CONTACTS)).toEqual(before.contacts);

	expect(result).toEqual(expect.objectContaining({ would_import: 2, would_not_import: 3 }));
	expect(result.message).toMatch(
		/^Dry run, nothing was written\. 2 of 5 ticked cases would be imported; 3 would not:/,
	);
	const byCase = Object.fromEntries(result.cases.map((c) => [c.case_id, c]));
	expect(byCase[joint]).toEqual(
		expect.objectContaining({
			result: 'would import',
			summary: expect.stringMatching(
				/^Would create clients .+, .+ and a matter \(CP, JSM, LDS\), with 1 contact \(.+ as EA\) and 1 property\.$/,
			),
			clients: [expect.stringMatching(/: new client$/), expect.stringMatching(/: new client$/)],
		}),
	);
	expect(byCase[alreadyInDps].result).toBe(
		`already in DPS: would link ${DPS.nextRefs.matterForOBR001}`,
	);
	expect(byCase[missingAppCode].reason).toMatch(
		// The reason names the case and the field, without n8n's internal "Item N:".
		new RegExp(`^the case ${missingAppCode} cannot be imported: 'AppCode' is empty`),
	);
});

test('"Run now" (the editor\'s button on the manual trigger) runs the same dry run: same result, still nothing written', async () => {
	await stack.admin('DELETE', '/requests');
	const viaWebhook = await dryRun();
	const run = await runNow('lsPpDpsDryRun001');
	expect(run.status).toBe('success');
	expect(run.byNode('Run now')).toHaveLength(1);
	expect(run.byNode('Dry run result')[0].message).toBe(viaWebhook.message);
	expect(await writes('dps-one-office')).toEqual([]);
});

test('import selected: clients and matter once per ticked case, refs written back, the refused cases listed with reason and fix, nothing half-created', async () => {
	await stack.admin('DELETE', '/requests');
	const before = await dpsState();
	const result = await importSelected();
	expect(result).toEqual(expect.objectContaining({ imported: 2, not_imported: 3 }));
	const lines = result.message.split('\n');
	expect(lines[0]).toBe('2 of 5 cases imported; 3 not imported.');
	const line = (id) => lines.find((l) => l.startsWith(`${id}: `));
	expect(line(missingAppCode)).toMatch(
		new RegExp(
			`^${missingAppCode}: the case ${missingAppCode} cannot be imported: 'AppCode' is empty Fix: Enter the AppCode \\(work type\\), e\\.g\\. CP\\.`,
		),
	);
	expect(line(unknownFeeEarner)).toMatch(
		/'Fee Earner' 'TPR' is not a fee earner in DPS One Office Fix: Use an active fee earner: ABC Anna Clarke, JSM Jane Smith; or ask/,
	);
	expect(line(noClients)).toMatch(
		/'Clients' is empty: the case has no client to open the matter for Fix: Add the client to the case/,
	);
	for (const id of bad) expect(line(id)).toMatch(/Nothing was written to DPS One Office\.$/);
	for (const id of bad)
		expect(result.cases.find((c) => c.case_id === id).reason_code).toBe('check_failed');

	// DPS One Office: the joint case's two clients, its matter and its ticked estate agent; nothing for the others.
	const pp = await ppState();
	const jointCase = pp.cases.find((c) => c.case_id === joint);
	const clientParties = jointCase.clients_contacts.filter((p) => p.type === 'client');
	const agentParty = jointCase.clients_contacts.find((p) => p.type === 'estate_agent');
	const dps = await dpsState();
	const matters = dps.matters.filter((m) => m.external_ref === joint);
	expect(matters).toHaveLength(1);
	const clients = clientParties.map((p) =>
		dps.clients.filter((c) => c.external_ref === p.contact_id),
	);
	expect(clients.map((c) => c.length)).toEqual([1, 1]);
	expect(matters[0]).toEqual(
		expect.objectContaining({
			client_ref: clients[0][0].client_ref,
			additional_client_refs: [clients[1][0].client_ref],
			app_code: 'CP',
			fee_earner: 'JSM',
			branch: 'LDS',
		}),
	);
	expect(matters[0].properties).toHaveLength(1);
	const agent = dps.contacts.filter((c) => c.external_ref === agentParty.id);
	expect(agent).toHaveLength(1);
	expect(matters[0].contacts).toEqual([
		expect.objectContaining({ contact_id: agent[0].contact_id, contact_type: 'EA' }),
	]);
	expect(dps.contacts).toHaveLength(before.contacts.length + 1); // the lender was not ticked
	expect(dps.matters.filter((m) => m.external_ref === alreadyInDps)).toHaveLength(1);
	for (const id of bad) {
		expect(dps.matters.some((m) => m.external_ref === id)).toBe(false);
		const refs = pp.cases
			.find((c) => c.case_id === id)
			.clients_contacts.flatMap((p) => [p.id, p.contact_id])
			.filter(Boolean);
		expect(dps.clients.some((c) => refs.includes(c.external_ref))).toBe(false);
	}
	expect(dps.clients).toHaveLength(before.clients.length + 2);
	expect(dps.matters).toHaveLength(before.matters.length + 1);
	expect((await writes('dps-one-office')).map((r) => `${r.method} ${r.path}`)).toEqual([
		'POST /v1/clients',
		'POST /v1/clients',
		'POST /v1/matters',
		'POST /v1/contacts',
		`POST /v1/matters/${matters[0].mat_ref}/contacts`,
	]);

	// The rows: imported ones carry the Mat Ref and Client Refs; refused ones say why and stay ticked.
	const jointRow = await caseRow(joint);
	expect(jointRow).toEqual(
		expect.objectContaining({
			status: 'imported',
			dps_mat_ref: matters[0].mat_ref,
			dps_client_ref: `${clients[0][0].client_ref}, ${clients[1][0].client_ref}`,
			result: expect.stringMatching(/^Created clients .* and matter /),
		}),
	);
	expect(await caseRow(alreadyInDps)).toEqual(
		expect.objectContaining({
			status: 'imported',
			dps_mat_ref: DPS.nextRefs.matterForOBR001,
			dps_client_ref: DPS.clientWithoutMatter,
			result: expect.stringMatching(
				/^Already in DPS as .*: linked, no client or matter created\.$/,
			),
		}),
	);
	for (const id of bad) {
		const row = await caseRow(id);
		expect(row).toEqual(
			expect.objectContaining({ status: 'not imported', import: true, dps_mat_ref: '' }),
		);
		expect(row.result).toMatch(/^Not imported: the case .+ cannot be imported: .+ Fix: /);
	}
	expect((await caseRow(missingAppCode)).result).toMatch(
		/ Correct app_code in this row, then run Import selected cases again\.$/,
	);
	const partyRows = (await rows(CONTACTS)).filter((r) => r.case_row === jointRow.id);
	expect(partyRows.map((r) => r.dps_ref)).toEqual([
		clients[0][0].client_ref,
		clients[1][0].client_ref,
		agent[0].contact_id,
		'',
	]);

	// Perfect Portal: both imported cases now link to their DPS matter.
	expect(jointCase.case_management_link).toEqual(
		expect.objectContaining({
			system: 'dps_one_office',
			matter_ref: matters[0].mat_ref,
			client_refs: [clients[0][0].client_ref, clients[1][0].client_ref],
		}),
	);
	expect(pp.cases.find((c) => c.case_id === alreadyInDps).case_management_link).toEqual(
		expect.objectContaining({ matter_ref: DPS.nextRefs.matterForOBR001 }),
	);
});

test('a second import run creates nothing: imported rows are skipped, the refused ones are refused again before any write', async () => {
	await stack.admin('DELETE', '/requests');
	const before = await dpsState();
	const result = await importSelected();
	expect(result).toEqual(expect.objectContaining({ imported: 0, not_imported: 3 }));
	expect(await writes('dps-one-office')).toEqual([]);
	expect(await writes('perfect-portal')).toEqual([]);
	expect(await dpsState()).toEqual(before);
});

test('once fixed, a refused case goes in; with nothing refused the run ends "All cases imported successfully"', async () => {
	const appRow = await caseRow(missingAppCode);
	await edit(CASES, [
		{ id: appRow.id, app_code: 'CP' },
		{ id: (await caseRow(unknownFeeEarner)).id, import: false },
		{ id: (await caseRow(noClients)).id, import: false },
	]);
	const result = await importSelected();
	expect(result.message).toBe('All cases imported successfully');
	expect(result.cases).toEqual([
		expect.objectContaining({
			case_id: missingAppCode,
			result: 'imported',
			mat_ref: expect.any(String),
		}),
	]);
	const dps = await dpsState();
	expect(dps.matters.filter((m) => m.external_ref === missingAppCode)).toHaveLength(1);
	expect(await caseRow(missingAppCode)).toEqual(
		expect.objectContaining({ status: 'imported', dps_mat_ref: result.cases[0].mat_ref }),
	);
});

test('download history: a later download adds a new dated set; earlier rows stay and imported cases arrive as imported', async () => {
	const summary = await download('week');
	expect(summary.download_date > firstDownload).toBe(true);
	expect(summary.already_imported).toBe(3);
	const cases = await rows(CASES);
	expect(cases).toHaveLength(10);
	expect([...new Set(cases.map((r) => r.download_date))]).toEqual([
		firstDownload,
		summary.download_date,
	]);
	const again = await caseRow(joint, summary.download_date);
	expect(again).toEqual(
		expect.objectContaining({
			status: 'imported',
			import: false,
			dps_mat_ref: (await caseRow(joint)).dps_mat_ref,
			result: expect.stringMatching(/^Already imported as /),
		}),
	);

	// Ticking a case of the new download that is already in DPS imports nothing: its row already has the Mat Ref.
	await edit(CASES, [{ id: again.id, import: true }]);
	await stack.admin('DELETE', '/requests');
	const result = await importSelected();
	expect(result.message).toMatch(
		/^No case is ticked for import, or every ticked case already has a DPS Mat Ref\./,
	);
	expect(await writes('dps-one-office')).toEqual([]);
});

test('one case ticked in two downloads is imported once (the second row is linked to the same matter); a failed Perfect Portal link is reported, the DPS refs kept', async () => {
	const second = (await rows(CASES)).find(
		(r) => r.case_id === unknownFeeEarner && r.download_date !== firstDownload,
	);
	await edit(CASES, [
		{ id: (await caseRow(unknownFeeEarner)).id, import: true, fee_earner: 'JSM' },
		{ id: second.id, import: true, fee_earner: 'JSM' },
	]);
	await stack.admin('POST', '/config', {
		faults: {
			script: [
				{
					status: 422,
					match: {
						system: 'perfect-portal',
						method: 'PUT',
						pathPrefix: `/v1/cases/${unknownFeeEarner}/case-management-link`,
					},
				},
			],
		},
	});
	const result = await importSelected();
	await stack.admin('POST', '/config', { faults: null });
	const matters = (await dpsState()).matters.filter((m) => m.external_ref === unknownFeeEarner);
	expect(matters).toHaveLength(1);
	expect(
		result.cases.map((c) => [
			c.download_date === firstDownload ? 'first' : 'second',
			c.result,
			c.mat_ref,
		]),
	).toEqual([
		['first', 'imported, Perfect Portal not linked', matters[0].mat_ref],
		['second', 'already in DPS, linked', matters[0].mat_ref],
	]);
	expect(result.message).toMatch(
		new RegExp(
			`^2 of 2 cases imported\\.\\n${unknownFeeEarner} \\(imported as ${matters[0].mat_ref}, not linked in Perfect Portal\\): Perfect Portal refused the [a-z ]+ by one of its rules`,
		),
	);
	const firstRow = await caseRow(unknownFeeEarner);
	expect(firstRow).toEqual(
		expect.objectContaining({
			status: 'imported',
			dps_mat_ref: matters[0].mat_ref,
			result: expect.stringMatching(/ Not linked in Perfect Portal: Perfect Portal refused the [a-z ]+ by one of its rules: .*\(reason: [a-z_]+\)/),
		}),
	);
	expect((await caseRow(unknownFeeEarner, second.download_date)).dps_mat_ref).toBe(
		matters[0].mat_ref,
	);
	expect(
		(await ppState()).cases.find((c) => c.case_id === unknownFeeEarner).case_management_link
			.matter_ref,
	).toBe(matters[0].mat_ref);
});
