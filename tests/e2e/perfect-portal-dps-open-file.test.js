// Real n8n runs One Office's "Open from File" (the Perfect Portal → DPS One Office download template's form) against
// the sandbox: files downloaded from Perfect Portal (JSON in the download's own shape, CSV with one line per client,
// contact or property) are uploaded through the form as a browser posts it (multipart, the form's Basic Auth), join
// the review tables as a live download's rows do, marked as from a file, and are imported exactly like a download.
const { startStack } = require('../helpers/e2e');
const { startWithDataTables } = require('../helpers/data-tables');
const { FORM_AUTH } = require('../../scripts/lib/credentials');
const { SEED_FACTS: PP } = require('../../sandbox/systems/perfect-portal/seed');
const { casesToCsv, CSV_COLUMNS } = require('../../nodes/PerfectPortal/downloadFile');
const { parseCsv } = require('../../nodes/shared/csv');

jest.setTimeout(15 * 60 * 1000);

const TEMPLATES = [
	'perfect-portal-dps-download-cases.json',
	'perfect-portal-dps-import-selected.json',
	'perfect-portal-dps-import-dry-run.json',
];
const CASES = 'Perfect Portal cases';
const CONTACTS = 'Perfect Portal case contacts';
const PROPERTIES = 'Perfect Portal case properties';
const FORM_PATH = 'perfect-portal-dps-open-file';
const LOGIN = `Basic ${Buffer.from(`${FORM_AUTH.user}:${FORM_AUTH.password}`).toString('base64')}`;

let stack;
let n8nUrl;
let post;
let rows;
let edit;
beforeAll(async () => {
	stack = await startStack();
	({ n8nUrl, post, rows, edit } = await startWithDataTables(stack, TEMPLATES, [
		'perfect-portal-dps-download',
		'perfect-portal-dps-import',
	]));
	// The form is registered with the workflow's other webhooks; wait until it answers.
	const deadline = Date.now() + 60_000;
	while (
		(await fetch(`${n8nUrl}/form/${FORM_PATH}`, { headers: { authorization: LOGIN } })).status !==
		200
	) {
		if (Date.now() > deadline)
			throw new Error('the Open from File form was not registered in 60 s');
		await new Promise((r) => setTimeout(r, 250));
	}
});
afterAll(async () => stack && stack.stop());

/** The case as Perfect Portal gives it now (GET /v1/cases/{id}): the download's own shape. */
async function ppCase(caseId) {
	const res = await fetch(`${stack.sandbox.url}/perfect-portal/v1/cases/${caseId}`, {
		headers: { authorization: `Bearer ${PP.demoKey}` },
	});
	expect(res.status).toBe(200);
	return res.json();
}

/**
 * Uploads a file through the form as a browser does (multipart POST with the form's login), waits for the run
 * and returns the text of the form's last page. Without `auth` (or with another one) returns the refusal's status.
 */
async function upload(fileName, content, { auth = LOGIN } = {}) {
	const form = new FormData();
	form.append(
		'field-0',
		new Blob([content], { type: fileName.endsWith('.csv') ? 'text/csv' : 'application/json' }),
		fileName,
	);
	const res = await fetch(`${n8nUrl}/form/${FORM_PATH}`, {
		method: 'POST',
		headers: auth ? { authorization: auth } : {},
		body: form,
	});
	if (res.status !== 200) return { status: res.status };
	const { formWaitingUrl } = await res.json();
	const status = new URL(formWaitingUrl);
	status.pathname += '/n8n-execution-status';
	const deadline = Date.now() + 120_000;
	for (;;) {
		const now = await (await fetch(status)).text();
		if (!['new', 'running'].includes(now)) break;
		if (Date.now() > deadline) throw new Error('the form run did not finish in 120 s');
		await new Promise((r) => setTimeout(r, 250));
	}
	const page = await (await fetch(formWaitingUrl)).text();
	const text = page
		.replace(/<br\s*\/?>/gi, '\n')
		.replace(/<[^>]+>/g, ' ')
		.replace(/&quot;/g, '"')
		.replace(/&#39;|&#x27;/g, "'")
		.replace(/&amp;/g, '&')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>');
	return { status: 200, text, lines: text.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()) };
}

const dpsState = () => stack.admin('GET', '/state/dps-one-office');
const ppState = () => stack.admin('GET', '/state/perfect-portal');
const writes = async (system) =>
	(await stack.admin('GET', `/requests?system=${system}`)).filter((r) => r.method !== 'GET');
const fileRows = async (name) => (await rows(CASES)).filter((r) => r.source === `file: ${name}`);

// The week's cases Perfect Portal sends to DPS One Office: two importable, three the DPS checks refuse.
const weekCases = PP.createdWithin.week.filter((id) => PP.dps.target.includes(id));
const [joint, second] = weekCases.filter((id) => PP.dps.importable.includes(id));
// Older cases for the CSV: three that load, and one of each kind of bad row.
const [twoProperties, organisation, plain] = ['PP-104507', 'PP-104509', 'PP-104511'];
const [completed] = PP.statuses.completed;
const [forSmokeball] = PP.cmsTargets.smokeball;
const badPrice = 'PP-104517';

let liveDownload;
let jsonFile; // { name, downloadedAt, cases }
let csvFile;

test('the sandbox holds the cases this scenario needs', () => {
	expect(weekCases).toHaveLength(5);
	expect(PP.twoPropertyCaseIds).toContain(twoProperties);
	expect(PP.organisationClientCaseIds).toContain(organisation);
	for (const id of [twoProperties, organisation, plain, badPrice])
		expect(PP.dps.importable).toContain(id);
	expect(PP.noPropertyCaseIds).not.toContain(badPrice);
});

test("a JSON file in the download's own shape: its cases join the review tables as a live download's do, marked as from a file", async () => {
	liveDownload = await post('perfect-portal-dps-download', { time_frame: 'week' });
	expect(liveDownload.cases).toBe(5);
	expect((await rows(CASES)).map((r) => r.source)).toEqual(Array(5).fill('download'));

	// The same cases, saved to a file a little later.
	const downloadedAt = new Date().toISOString();
	const cases = [];
	for (const id of weekCases) cases.push(await ppCase(id));
	jsonFile = { name: 'week.json', downloadedAt, cases };
	const page = await upload('week.json', JSON.stringify({ downloaded_at: downloadedAt, cases }));
	expect(page.lines).toEqual(
		expect.arrayContaining([
			`week.json, downloaded from Perfect Portal at ${downloadedAt} (a saved file, not live).`,
			'Loaded 5 case(s) into the "Perfect Portal cases" data table.',
			'Tick "import" on the cases to import, check their clients, contacts and properties, then run "Import selected cases".',
		]),
	);

	// Row for row what the live download wrote, but dated by the file and marked as from it.
	const all = await rows(CASES);
	const live = all.filter((r) => r.source === 'download');
	const loaded = await fileRows('week.json');
	expect(loaded).toHaveLength(5);
	const comparable = (r) => {
		const { id, download_date, source, createdAt, updatedAt, ...rest } = r;
		return rest;
	};
	for (const row of loaded) {
		expect(row.download_date).toBe(downloadedAt);
		expect(comparable(row)).toEqual(comparable(live.find((r) => r.case_id === row.case_id)));
	}
	const partsOf = async (table, caseRows) => {
		const all = await rows(table);
		return caseRows.map((c) =>
			all
				.filter((r) => r.case_row === c.id)
				.map(({ id, case_row, download_date, createdAt, updatedAt, ...rest }) => rest),
		);
	};
	const inOrder = (list) => [...list].sort((a, b) => a.case_id.localeCompare(b.case_id));
	expect(await partsOf(CONTACTS, inOrder(loaded))).toEqual(await partsOf(CONTACTS, inOrder(live)));
	expect(await partsOf(PROPERTIES, inOrder(loaded))).toEqual(
		await partsOf(PROPERTIES, inOrder(live)),
	);
	expect((await rows(CONTACTS)).filter((r) => r.download_date === downloadedAt)).toHaveLength(
		cases.flatMap((c) => c.clients_contacts).length,
	);
});

test('the form asks for its login: without it, or with a wrong one, nothing is loaded', async () => {
	const before = await rows(CASES);
	const file = JSON.stringify({
		downloaded_at: new Date().toISOString(),
		cases: [await ppCase(joint)],
	});
	expect((await upload('week.json', file, { auth: null })).status).toBe(401);
	const wrong = `Basic ${Buffer.from(`${FORM_AUTH.user}:not-the-password`).toString('base64')}`;
	expect([401, 403]).toContain((await upload('week.json', file, { auth: wrong })).status);
	expect(await rows(CASES)).toEqual(before);
});

test("the same file uploaded again loads nothing: its rows are keyed like a download's (Case ID and download date)", async () => {
	const before = { cases: await rows(CASES), contacts: await rows(CONTACTS) };
	const page = await upload(
		'week.json',
		JSON.stringify({ downloaded_at: jsonFile.downloadedAt, cases: jsonFile.cases }),
	);
	expect(page.lines).toEqual(
		expect.arrayContaining([
			'Loaded 0 case(s) into the "Perfect Portal cases" data table.',
			'5 case(s) were loaded from this download before: not loaded again.',
		]),
	);
	expect(await rows(CASES)).toEqual(before.cases);
	expect(await rows(CONTACTS)).toEqual(before.contacts);
});

test('a CSV with bad rows: the last page gives each its reason and fix, the good cases still load', async () => {
	const downloadedAt = new Date().toISOString();
	const cases = [];
	for (const id of [twoProperties, organisation, plain, completed, forSmokeball, badPrice])
		cases.push(await ppCase(id));
	const [header, ...lines] = casesToCsv(cases, downloadedAt).trimEnd().split('\r\n');
	const cellsOf = (line) => parseCsv(line)[0].cells;
	const asLine = (cells) =>
		cells.map((v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',');
	const col = (name) => CSV_COLUMNS.indexOf(name);
	const edited = lines.map((line) => {
		const cells = cellsOf(line);
		if (cells[col('case_id')] === badPrice && cells[col('record')] === 'property')
			cells[col('price')] = 'TBC';
		return asLine(cells);
	});
	const noCaseId = cellsOf(lines[0]);
	noCaseId[col('case_id')] = '';
	const text = [header, ...edited, asLine(noCaseId)].join('\r\n');
	const lineOf = (caseId, test = () => true) =>
		edited.findIndex((l) => cellsOf(l)[col('case_id')] === caseId && test(cellsOf(l))) + 2;
	csvFile = { name: 'older.csv', downloadedAt, text };

	const page = await upload('older.csv', text);
	const priceLine = lineOf(badPrice, (c) => c[col('record')] === 'property');
	const lastLine = edited.length + 2;
	expect(page.lines).toEqual(
		expect.arrayContaining([
			'Loaded 3 case(s) into the "Perfect Portal cases" data table.',
			'4 row(s) could not be loaded:',
			`line ${lineOf(completed)} (case ${completed}): the case is completed in the file (only open cases are imported). Fix: Only open cases are imported: delete it from the file, or reopen the case in Perfect Portal and download again.`,
			`line ${lineOf(forSmokeball)} (case ${forSmokeball}): the case is sent to smokeball in Perfect Portal, not to DPS One Office. Fix: Change the case-management system of the case to DPS One Office in Perfect Portal and download again, or delete it from the file.`,
			`line ${priceLine} (case ${badPrice}): 'price' 'TBC' is not an amount. Fix: Put the price as 250000.00 (no letters), or leave it empty when not known.`,
			`line ${lastLine} has no case_id. Fix: Fill in the Case ID as Perfect Portal shows it (e.g. PP-104501), or delete the line.`,
		]),
	);
	const loaded = await fileRows('older.csv');
	expect(loaded.map((r) => r.case_id).sort()).toEqual([twoProperties, organisation, plain].sort());
	for (const row of loaded) {
		expect(row).toEqual(
			expect.objectContaining({ download_date: downloadedAt, status: 'new', import: false }),
		);
	}
	const twoPropRow = loaded.find((r) => r.case_id === twoProperties);
	expect((await rows(PROPERTIES)).filter((r) => r.case_row === twoPropRow.id)).toHaveLength(2);
	const orgRow = loaded.find((r) => r.case_id === organisation);
	expect(
		(await rows(CONTACTS)).filter((r) => r.case_row === orgRow.id && r.as_client)[0].company_name,
	).toEqual(expect.any(String));
});

test("the import takes the files' ticked rows exactly like a download's: a case deleted or changed since the file was made is reported, not written", async () => {
	const toTick = [...(await fileRows('week.json')), ...(await fileRows('older.csv'))];
	await edit(
		CASES,
		toTick.map((r) => ({ id: r.id, import: true })),
	);
	// Meanwhile in Perfect Portal: one case of the CSV is deleted, another changed.
	await stack.admin('DELETE', `/perfect-portal/cases/${plain}`);
	await stack.admin('PATCH', `/perfect-portal/cases/${organisation}`, {
		matter_details: 'Sale of the company premises (price renegotiated)',
	});
	await stack.admin('DELETE', '/requests');
	const before = await dpsState();

	const result = await post('perfect-portal-dps-import');
	expect(result).toEqual(expect.objectContaining({ imported: 3, not_imported: 5 }));
	const byCase = Object.fromEntries(result.cases.map((c) => [c.case_id, c]));
	expect(byCase[joint].result).toBe('imported');
	expect(byCase[second].result).toBe('imported');
	expect(byCase[twoProperties].result).toBe('imported');
	expect(byCase[plain].reason_code).toBe('deleted_in_perfect_portal');
	expect(byCase[organisation].reason_code).toBe('changed_since_download');
	expect(byCase[organisation].reason).toMatch(
		new RegExp(
			`^the case changed in Perfect Portal after it was downloaded \\(updated .+, downloaded ${csvFile.downloadedAt}\\)$`,
		),
	);
	for (const id of weekCases.filter((id) => ![joint, second].includes(id)))
		expect(byCase[id].reason_code).toBe('check_failed');

	const dps = await dpsState();
	for (const id of [joint, second, twoProperties])
		expect(dps.matters.filter((m) => m.external_ref === id)).toHaveLength(1);
	for (const id of [
		plain,
		organisation,
		...weekCases.filter((id) => ![joint, second].includes(id)),
	])
		expect(dps.matters.some((m) => m.external_ref === id)).toBe(false);
	expect(dps.matters).toHaveLength(before.matters.length + 3);
	const twoPropMatter = dps.matters.find((m) => m.external_ref === twoProperties);
	expect(twoPropMatter.properties).toHaveLength(2);
	const pp = await ppState();
	for (const id of [joint, second, twoProperties])
		expect(pp.cases.find((c) => c.case_id === id).case_management_link.matter_ref).toBe(
			dps.matters.find((m) => m.external_ref === id).mat_ref,
		);

	// The file's rows carry the refs; the same cases in the earlier live download now show as imported too.
	for (const id of [joint, second]) {
		const matRef = dps.matters.find((m) => m.external_ref === id).mat_ref;
		const caseRows = (await rows(CASES)).filter((r) => r.case_id === id);
		expect(caseRows.map((r) => [r.source, r.status, r.dps_mat_ref])).toEqual([
			['download', 'imported', matRef],
			['file: week.json', 'imported', matRef],
		]);
	}
	expect((await fileRows('older.csv')).find((r) => r.case_id === plain)).toEqual(
		expect.objectContaining({ status: 'not imported', dps_mat_ref: '' }),
	);
});

test('a re-run writes nothing: the import again, and both files again', async () => {
	await stack.admin('DELETE', '/requests');
	const before = { dps: await dpsState(), cases: await rows(CASES) };
	const again = await post('perfect-portal-dps-import');
	expect(again).toEqual(expect.objectContaining({ imported: 0, not_imported: 5 }));
	expect((await upload('older.csv', csvFile.text)).lines).toContain(
		'3 case(s) were loaded from this download before: not loaded again.',
	);
	expect(
		(
			await upload(
				'week.json',
				JSON.stringify({ downloaded_at: jsonFile.downloadedAt, cases: jsonFile.cases }),
			)
		).lines,
	).toContain('5 case(s) were loaded from this download before: not loaded again.');
	expect(await writes('dps-one-office')).toEqual([]);
	expect(await writes('perfect-portal')).toEqual([]);
	expect(await dpsState()).toEqual(before.dps);
	// A refused row is marked again with the same reason: only n8n's own updatedAt moves.
	const content = (list) => list.map(({ updatedAt, ...rest }) => rest);
	expect(content(await rows(CASES))).toEqual(content(before.cases));
});

test("an older file opened after its cases were imported shows them as imported, with their Mat Ref (One Office's green rows)", async () => {
	// Saved before the import: the cases carry no link yet.
	const downloadedAt = new Date(Date.parse(jsonFile.downloadedAt) + 1000).toISOString();
	const page = await upload(
		'week-copy.json',
		JSON.stringify({
			downloaded_at: downloadedAt,
			cases: jsonFile.cases.filter((c) => [joint, weekCases[2]].includes(c.case_id)),
		}),
	);
	expect(page.lines).toContain(
		'Loaded 2 case(s) into the "Perfect Portal cases" data table (1 already imported).',
	);
	const loaded = await fileRows('week-copy.json');
	const matRef = (await dpsState()).matters.find((m) => m.external_ref === joint).mat_ref;
	expect(loaded.find((r) => r.case_id === joint)).toEqual(
		expect.objectContaining({
			status: 'imported',
			dps_mat_ref: matRef,
			result: `Already imported as ${matRef}`,
		}),
	);
	// The week's third case has no AppCode: its row says so in its own status.
	expect(loaded.find((r) => r.case_id === weekCases[2]).status).toBe('needs fixing');
});

test('a file that is not a download is one line saying why, and loads nothing', async () => {
	const before = await rows(CASES);
	const page = await upload('notes.csv', 'name,town\r\nAlan,Leeds\r\n');
	expect(page.lines).toEqual(
		expect.arrayContaining([
			'notes.csv:',
			'Loaded 0 case(s) into the "Perfect Portal cases" data table.',
			'1 row(s) could not be loaded:',
			'the CSV has no case_id column (its first line names: name, town). Fix: Add a case_id column: the first line of the CSV names the columns, as in perfect-portal-download.csv.',
		]),
	);
	expect(await rows(CASES)).toEqual(before);
});
