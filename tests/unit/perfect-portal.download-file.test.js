// "Open from File": a file downloaded from Perfect Portal (JSON in the download's own shape, or CSV with one line
// per client, contact or property) read into the cases a live download gives, and each bad row with its reason and
// fix while the good ones still load. Pure functions, plus the node operation through the harness.
const fs = require('node:fs');
const path = require('node:path');
const {
	readDownloadFile,
	casesToCsv,
	isoTime,
	CSV_COLUMNS,
} = require('../../nodes/PerfectPortal/downloadFile');
const { parseCsv } = require('../../nodes/shared/csv');
const { PerfectPortal } = require('../../nodes/PerfectPortal/PerfectPortal.node');
const { runNode } = require('../helpers/harness');

const NOW = Date.parse('2025-03-12T10:00:00Z');
const DOWNLOADED = '2025-03-12T09:30:00.000Z';

const party = (id, extra = {}) => ({
	id,
	contact_id: `ct_${id}`,
	type: 'client',
	is_primary: false,
	spouse_or_partner_of_primary: false,
	title: 'Mr',
	first_name: 'Alan',
	last_name: 'Smith',
	company_name: null,
	name: 'Mr Alan Smith',
	address: {
		line1: '3 Low Rd',
		line2: null,
		town: 'Leeds',
		county: 'West Yorkshire',
		postcode: 'LS1 4AB',
		country: 'GB',
	},
	phone: null,
	mobile: '07700 900123',
	email: 'alan@example.com',
	...extra,
});
const detail = (caseId, extra = {}) => ({
	case_id: caseId,
	status: 'open',
	work_type: 'Conveyancing - Purchase',
	app_code: 'CP',
	fee_earner: { id: 'st_1', name: 'Jane Smith', email: 'jane@firm.co.uk', code: 'JSM' },
	branch: { id: 'br_1', name: 'Leeds', code: 'LDS' },
	matter_details: 'Purchase of 1 High St, Leeds',
	clients_contacts: [
		party('pa_1', { is_primary: true }),
		party('pa_2', {
			type: 'estate_agent',
			title: null,
			first_name: null,
			last_name: null,
			company_name: 'Hunters, Leeds',
			name: 'Hunters, Leeds',
		}),
	],
	properties: [
		{
			id: 'pr_1',
			address: {
				line1: '1 High St',
				line2: null,
				town: 'Leeds',
				county: null,
				postcode: 'LS2 7HZ',
				country: 'GB',
			},
			tenure: 'freehold',
			price: '250000.00',
			transaction_type: 'purchase',
		},
	],
	case_management_target: 'dps_one_office',
	case_management_link: null,
	updated_at: '2025-03-11T08:12:40.000Z',
	...extra,
});
const read = (text, name = 'download.json', format = 'auto') =>
	readDownloadFile(Buffer.from(text), name, format, NOW);
const json = (value) => JSON.stringify(value);

describe("JSON in the download's own shape", () => {
	test("{downloaded_at, cases}: every case as the download has it, with the file's date", () => {
		const cases = [detail('PP-1'), detail('PP-2', { clients_contacts: [] })];
		const file = read(json({ downloaded_at: DOWNLOADED, cases }));
		expect(file.refused).toEqual([]);
		expect(file.format).toBe('json');
		expect(file.downloadDate).toBe(DOWNLOADED);
		expect(file.cases.map((c) => c.record)).toEqual(cases);
		expect(file.cases.map((c) => c.rows)).toEqual([[1], [2]]);
	});

	test('a bare list of cases (Case › Get Many saved as JSON) dates the file by its latest update', () => {
		const file = read(
			json([detail('PP-1'), detail('PP-2', { updated_at: '2025-03-12T07:00:00Z' })]),
			'cases',
		);
		expect(file.refused).toEqual([]);
		expect(file.downloadDate).toBe('2025-03-12T07:00:00.000Z');
	});

	test('bad rows get a reason and a fix each, the good ones still load', () => {
		const file = read(
			json({
				downloaded_at: DOWNLOADED,
				cases: [
					detail('PP-1'),
					detail('', {}),
					detail('PP-1'),
					detail('PP-3', { status: 'completed' }),
					detail('PP-4', { case_management_target: 'smokeball' }),
					detail('PP-5', { updated_at: '2025-03-12T09:45:00Z' }),
					detail('PP-6', { properties: [{ price: 'about 250k' }] }),
					'PP-7',
					detail('PP-8', { status: 'cancelled' }),
				],
			}),
		);
		expect(file.cases.map((c) => c.record.case_id)).toEqual(['PP-1']);
		expect(file.refused.map((r) => [r.row, r.caseId, r.code])).toEqual([
			[2, null, 'missing_case_id'],
			[3, 'PP-1', 'duplicate_case'],
			[4, 'PP-3', 'case_completed'],
			[5, 'PP-4', 'not_for_dps'],
			[6, 'PP-5', 'updated_after_download'],
			[7, 'PP-6', 'bad_value'],
			[8, null, 'bad_value'],
			[9, 'PP-8', 'case_cancelled'],
		]);
		for (const r of file.refused) expect(r.fix).toMatch(/\w.+\.$/);
		expect(file.refused[3].reason).toBe(
			'case 5 of the file (PP-4): the case is sent to smokeball in Perfect Portal, not to DPS One Office',
		);
		expect(file.refused[5].reason).toBe(
			"case 7 of the file (PP-6): 'properties[0].price' 'about 250k' is not an amount",
		);
	});

	test('a file that cannot be read at all is one row saying why', () => {
		expect(read('{"cases": [').refused).toEqual([
			expect.objectContaining({
				row: null,
				code: 'unreadable_file',
				reason: expect.stringMatching(/^the file is not valid JSON/),
			}),
		]);
		expect(read(json({ hello: 1 })).refused[0].code).toBe('unreadable_file');
		expect(read(json([])).refused[0].reason).toBe('the file holds no case');
		expect(read('   ').refused[0].reason).toBe('the file is empty');
		expect(
			read(json({ downloaded_at: '12/03/2025 09:30', cases: [detail('PP-1')] })).refused,
		).toEqual([expect.objectContaining({ code: 'bad_download_date', row: null })]);
		// A date in the future would pass every case changed since as unchanged.
		expect(
			read(json({ downloaded_at: '2025-03-13T09:30:00Z', cases: [detail('PP-1')] })).refused[0]
				.reason,
		).toMatch(/is in the future/);
		expect(read(json([detail('PP-1', { updated_at: null })])).refused[0].code).toBe(
			'missing_download_date',
		);
	});
});

describe('CSV with the same columns', () => {
	test('one line per client, contact or property: the same cases as the JSON', () => {
		const cases = [
			detail('PP-1'),
			detail('PP-2', { clients_contacts: [], properties: [] }),
			detail('PP-3', {
				case_management_link: {
					system: 'dps_one_office',
					matter_ref: 'SMI001-0001',
					client_refs: ['SMI001', 'SMI002'],
				},
			}),
		];
		const csv = casesToCsv(cases, DOWNLOADED);
		expect(csv.split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
		const file = read(csv, 'download.csv');
		expect(file.refused).toEqual([]);
		expect(file.format).toBe('csv');
		expect(file.downloadDate).toBe(DOWNLOADED);
		expect(file.cases.map((c) => c.rows)).toEqual([[2, 3, 4], [5], [6, 7, 8]]);
		const [one, two, three] = file.cases.map((c) => c.record);
		// What the review tables read is the same from either format.
		const tableFields = (c) => ({
			case_id: c.case_id,
			status: c.status,
			app_code: c.app_code,
			fee_earner: { code: c.fee_earner.code, name: c.fee_earner.name },
			branch: { code: c.branch.code, name: c.branch.name },
			matter_details: c.matter_details,
			work_type: c.work_type,
			updated_at: c.updated_at,
			clients_contacts: c.clients_contacts.map((p) => ({
				id: p.id,
				contact_id: p.contact_id,
				type: p.type,
				is_primary: p.is_primary,
				title: p.title,
				first_name: p.first_name,
				last_name: p.last_name,
				company_name: p.company_name,
				name: p.name,
				address: p.address,
				phone: p.phone,
				mobile: p.mobile,
				email: p.email,
			})),
			properties: c.properties,
		});
		expect(tableFields(one)).toEqual(tableFields(cases[0]));
		expect(two.clients_contacts).toEqual([]);
		expect(two.properties).toEqual([]);
		expect(three.case_management_link).toEqual({
			system: 'dps_one_office',
			matter_ref: 'SMI001-0001',
			client_refs: ['SMI001', 'SMI002'],
		});
	});

	test('as a spreadsheet saves it: headers retitled, semicolons, "£250,000", yes/no, blank lines, a BOM', () => {
		const text = [
			'\uFEFFDownloaded At;Case ID;Status;App Code;Fee Earner Code;Record;Party Type;Is Primary;Last Name;Price;Updated At',
			'2025-03-12 09:30;PP-9;open;CP;JSM;party;client;Yes;Brown;;2025-03-11T08:00:00Z',
			';;;;;;;;;;',
			'2025-03-12 09:30;PP-9;open;CP;JSM;property;;;;"£250,000";2025-03-11T08:00:00Z',
			'',
		].join('\n');
		const file = read(text, 'export.csv');
		expect(file.refused).toEqual([]);
		expect(file.downloadDate).toBe('2025-03-12T09:30:00.000Z');
		expect(file.cases).toEqual([
			expect.objectContaining({
				rows: [2, 4],
				record: expect.objectContaining({
					case_id: 'PP-9',
					fee_earner: { code: 'JSM', name: null },
					branch: null,
					clients_contacts: [
						expect.objectContaining({ type: 'client', is_primary: true, name: 'Brown' }),
					],
					properties: [expect.objectContaining({ price: '250000.00' })],
				}),
			}),
		]);
	});

	test('bad lines get a reason and a fix each; a case with a bad line is not loaded, the others are', () => {
		const good = casesToCsv([detail('PP-1'), detail('PP-2')], DOWNLOADED)
			.trimEnd()
			.split('\r\n');
		const header = good[0];
		// A line of PP-1 (its first client) with the given cells changed.
		const first = parseCsv(good[1])[0].cells;
		const lineOf = (caseId, changes) =>
			CSV_COLUMNS.map((c, i) => {
				const v = { case_id: caseId, ...changes }[c] ?? first[i];
				return /[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
			}).join(',');
		const text = [
			header,
			...good.slice(1), // PP-1 lines 2-4, PP-2 lines 5-7
			lineOf('', {}), // 8
			lineOf('PP-3', { status: 'completed' }), // 9
			lineOf('PP-4', { case_management_target: 'smokeball' }), // 10
			lineOf('PP-5', { record: 'property', price: 'TBC' }), // 11
			lineOf('PP-5', {}), // 12: a good line of the same case
			lineOf('PP-6', { updated_at: '11/03/2025 08:12' }), // 13
			lineOf('PP-7', { is_primary: 'perhaps' }), // 14
			lineOf('PP-8', { record: 'memo' }), // 15
			lineOf('PP-9', {}), // 16
			lineOf('PP-9', { app_code: 'CR' }), // 17
			lineOf('PP-10', { party_type: '' }), // 18
		].join('\r\n');
		const file = read(text, 'download.csv');
		expect(file.cases.map((c) => c.record.case_id)).toEqual(['PP-1', 'PP-2']);
		expect(file.refused.map((r) => [r.row, r.caseId, r.code])).toEqual([
			[8, null, 'missing_case_id'],
			[9, 'PP-3', 'case_completed'],
			[10, 'PP-4', 'not_for_dps'],
			[11, 'PP-5', 'bad_value'],
			[13, 'PP-6', 'bad_value'],
			[14, 'PP-7', 'bad_value'],
			[15, 'PP-8', 'bad_value'],
			[17, 'PP-9', 'conflicting_lines'],
			[18, 'PP-10', 'bad_value'],
		]);
		const reason = (row) => file.refused.find((r) => r.row === row).reason;
		expect(reason(11)).toBe("line 11 (case PP-5): 'price' 'TBC' is not an amount");
		expect(reason(13)).toMatch(
			/^line 13 \(case PP-6\): 'updated_at' '11\/03\/2025 08:12' is not a date-time/,
		);
		expect(reason(17)).toBe("line 17 (case PP-9): 'app_code' 'CR' differs from line 16 ('CP')");
		for (const r of file.refused) expect(r.fix).toMatch(/\w.+\.$/);
	});

	test('a CSV without a case_id column, or with a header only, is one row saying why', () => {
		expect(read('name,town\nAlan,Leeds\n', 'x.csv').refused).toEqual([
			expect.objectContaining({
				row: null,
				code: 'missing_column',
				reason: 'the CSV has no case_id column (its first line names: name, town)',
			}),
		]);
		expect(read(`${CSV_COLUMNS.join(',')}\r\n`, 'x.csv').refused[0].reason).toBe(
			'the file holds no case (only its header line)',
		);
	});
});

test("dates: ISO 8601 only, UTC unless the zone is given; a spreadsheet's day/month is refused, not guessed", () => {
	expect(isoTime('2025-03-11T08:12:40Z')).toBe('2025-03-11T08:12:40.000Z');
	expect(isoTime('2025-03-11 08:12')).toBe('2025-03-11T08:12:00.000Z');
	expect(isoTime('2025-03-11T09:12:40+0100')).toBe('2025-03-11T08:12:40.000Z');
	expect(isoTime('2025-03-11')).toBe('2025-03-11T00:00:00.000Z');
	expect(isoTime('11/03/2025 08:12')).toBeNull();
	expect(isoTime('2025-13-45')).toBeNull();
});

test('CSV cells: quotes, separators and line breaks inside cells; formula-guarded cells get their text back', () => {
	const records = parseCsv(
		'a,b,c\r\n"x, y","say ""hi""","two\nlines"\r\n\'+44 7700,\'=SUM(1),plain\n',
	);
	expect(records).toEqual([
		{ line: 1, cells: ['a', 'b', 'c'] },
		{ line: 2, cells: ['x, y', 'say "hi"', 'two\nlines'] },
		{ line: 4, cells: ['+44 7700', '=SUM(1)', 'plain'] },
	]);
});

describe('the node: Case › Read Downloaded File', () => {
	const run = (content, fileName, extra = {}) =>
		runNode({
			node: new PerfectPortal(),
			parameters: { resource: 'case', operation: 'readFile', binaryPropertyName: 'File', ...extra },
			input: [
				{
					json: {},
					binary: {
						File: { data: Buffer.from(content).toString('base64'), fileName, mimeType: 'text/csv' },
					},
				},
			],
		});

	test('one item per case that loads and per row that does not, in file order; no credential needed', async () => {
		const { output } = await run(
			json({
				downloaded_at: '2020-01-02T03:04:05Z',
				cases: [detail('PP-1', { updated_at: '2020-01-01T00:00:00Z' }), detail('', {})],
			}),
			'saved.json',
		);
		expect(output.map((i) => i.json)).toEqual([
			expect.objectContaining({
				case_id: 'PP-1',
				download_date: '2020-01-02T03:04:05.000Z',
				file_name: 'saved.json',
				file_rows: [1],
			}),
			{
				file_name: 'saved.json',
				file_row: 2,
				case_id: null,
				download_date: '2020-01-02T03:04:05.000Z',
				reason_code: 'missing_case_id',
				reason: 'case 2 of the file has no case_id',
				fix: expect.any(String),
			},
		]);
		expect(output.every((i) => i.pairedItem.item === 0)).toBe(true);
		const credential = new PerfectPortal().description.credentials[0];
		expect(credential.displayOptions).toEqual({ hide: { operation: ['readFile'] } });
	});

	test('no file in the named field is an error naming the field', async () => {
		await expect(run('x', 'a.csv', { binaryPropertyName: 'Upload' })).rejects.toThrow(/'Upload'/);
	});
});

test('the sample files in workflows/samples are the same cases, both readable without a refusal', () => {
	const dir = path.resolve(__dirname, '../../workflows/samples');
	const readSample = (name) =>
		readDownloadFile(fs.readFileSync(path.join(dir, name)), name, 'auto', Date.now());
	const fromJson = readSample('perfect-portal-download.json');
	const fromCsv = readSample('perfect-portal-download.csv');
	expect(fromJson.refused).toEqual([]);
	expect(fromCsv.refused).toEqual([]);
	expect(fromCsv.downloadDate).toBe(fromJson.downloadDate);
	expect(fromCsv.cases.map((c) => c.record.case_id)).toEqual(
		fromJson.cases.map((c) => c.record.case_id),
	);
	expect(
		casesToCsv(
			fromJson.cases.map((c) => c.record),
			fromJson.downloadDate,
		),
	).toBe(fs.readFileSync(path.join(dir, 'perfect-portal-download.csv'), 'utf8'));
});
