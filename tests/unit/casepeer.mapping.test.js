// CASEpeer mapping, case locator and multipart helpers: pure functions, no HTTP.
const { toLegalCase, simplifyCase, formatCase } = require('../../nodes/CasePeer/mapping');
const { caseIdFromLocator, CASE_URL_REGEX } = require('../../nodes/CasePeer/actions/common');
const { buildMultipart, fileNameFromDisposition } = require('../../nodes/shared/multipart');
const { parseMultipart } = require('../../sandbox/lib/http');

// An abridged GET /v1/cases/27891 (docs/api/casepeer.md#get-case), plus a second client and staff.
const EXAMPLE = {
	id: 27891,
	number: '2025-0412',
	name: 'Lopez v. Acme Trucking',
	url: 'https://leadcheck.casepeer.com/case/27891/',
	practice_area: 'Personal Injury',
	case_type: 'Auto Accident',
	stage: { id: 'stg_4', name: 'Treatment' },
	stage_updated_at: '2025-02-10T10:00:00.000Z',
	status: 'open',
	status_label: 'Open',
	incident_date: '2025-01-17',
	primary_attorney: { id: 'stf_2', name: 'Dana Reyes', email: 'dreyes@firm.com' },
	staff: [
		{ id: 'stf_9', name: 'Sam Ng', email: 'sng@firm.com', role: 'paralegal' },
		{ id: 'stf_11', name: 'Pat Mary Quinn', email: null, role: 'case_manager' },
		{ id: 'stf_12', name: 'Lee', email: 'lee@firm.com', role: 'receptionist' },
	],
	clients: [
		{ id: 'cl_1', first_name: 'Maria', last_name: 'Lopez', cell_phone: '(555) 201-7788', email: null, birth_date: null, company_name: null, is_primary: true },
		{ id: 'cl_2', first_name: null, last_name: null, cell_phone: null, email: 'ops@acme.test', birth_date: '1980-02-03', company_name: 'Acme LLC', is_primary: false },
	],
	case_status_connected: true,
	case_status_connected_at: '2025-02-01T15:00:00.000Z',
	case_status_id: 5531,
	created_at: '2025-01-20T14:03:11.000Z',
	updated_at: '2025-03-02T18:22:05.000Z',
	closed_at: null,
};

describe('toLegalCase', () => {
	test('maps the contract example to the canonical LegalCase exactly', () => {
		expect(toLegalCase(EXAMPLE)).toEqual({
			source: { system: 'casepeer', id: '27891', url: 'https://leadcheck.casepeer.com/case/27891/' },
			externalRef: '27891',
			number: '2025-0412',
			name: 'Lopez v. Acme Trucking',
			status: 'open',
			practiceArea: 'Personal Injury',
			stage: { sourceId: 'stg_4', name: 'Treatment', position: null },
			primaryAttorney: {
				sourceId: 'stf_2', role: 'attorney', firstName: 'Dana', lastName: 'Reyes', companyName: null,
				email: 'dreyes@firm.com', phone: null, isPrimary: true,
			},
			staff: [
				{ sourceId: 'stf_9', role: 'paralegal', firstName: 'Sam', lastName: 'Ng', companyName: null, email: 'sng@firm.com', phone: null, isPrimary: false },
				{ sourceId: 'stf_11', role: 'case_manager', firstName: 'Pat Mary', lastName: 'Quinn', companyName: null, email: null, phone: null, isPrimary: false },
				{ sourceId: 'stf_12', role: 'staff', firstName: null, lastName: 'Lee', companyName: null, email: 'lee@firm.com', phone: null, isPrimary: false },
			],
			clients: [
				{ sourceId: 'cl_1', role: 'client', firstName: 'Maria', lastName: 'Lopez', companyName: null, email: null, phone: '(555) 201-7788', birthDate: null, isPrimary: true },
				{ sourceId: 'cl_2', role: 'client', firstName: null, lastName: null, companyName: 'Acme LLC', email: 'ops@acme.test', phone: null, birthDate: '1980-02-03', isPrimary: false },
			],
			incidentDate: '2025-01-17',
			description: null,
			createdAt: '2025-01-20T14:03:11.000Z',
			updatedAt: '2025-03-02T18:22:05.000Z',
			closedAt: null,
			linked: true,
		});
	});

	test('keeps the phone as entered (no E.164 here) and reads closed cases, missing stage and attorney', () => {
		const closed = toLegalCase({
			...EXAMPLE,
			status: 'closed',
			closed_at: '2025-04-01T00:00:00.000Z',
			stage: null,
			primary_attorney: null,
			staff: [],
			case_status_connected: false,
			number: null,
		});
		expect(closed.clients[0].phone).toBe('(555) 201-7788');
		expect(closed).toMatchObject({ status: 'closed', closedAt: '2025-04-01T00:00:00.000Z', stage: null, primaryAttorney: null, linked: false, number: null });
	});

	test('without is_primary flags the first client is the primary one', () => {
		const c = toLegalCase({ ...EXAMPLE, clients: EXAMPLE.clients.map(({ is_primary, ...rest }) => rest) });
		expect(c.clients.map((p) => p.isPrimary)).toEqual([true, false]);
	});

	test('validates against the sync schema of nodes/shared/model.ts when it exists', () => {
		const model = require('../../nodes/shared/model');
		if (!model.legalCaseSchema) return;
		expect(model.legalCaseSchema.safeParse(toLegalCase(EXAMPLE)).success).toBe(true);
	});
});

describe('simplified and raw output', () => {
	test('simplified carries the fields an operations lead scans', () => {
		expect(simplifyCase(EXAMPLE)).toEqual({
			id: 27891,
			number: '2025-0412',
			name: 'Lopez v. Acme Trucking',
			status: 'open',
			stage: 'Treatment',
			practice_area: 'Personal Injury',
			primary_attorney_email: 'dreyes@firm.com',
			client_names: ['Maria Lopez', 'Acme LLC'],
			case_status_connected: true,
			updated_at: '2025-03-02T18:22:05.000Z',
		});
		expect(formatCase(EXAMPLE, 'raw')).toBe(EXAMPLE);
		expect(formatCase(EXAMPLE, 'canonical').externalRef).toBe('27891');
	});
});

describe('case resource locator', () => {
	test.each([
		['https://leadcheck.casepeer.com/case/27891/', 27891],
		['https://leadcheck.casepeer.com/case/27891', 27891],
		['http://my.casepeer.com/case/42/?tab=notes', 42],
		['https://firm.casepeer.com/case/27891/#documents', 27891],
		['  27891 ', 27891],
		[27891, 27891],
		[{ __rl: true, mode: 'url', value: 'https://leadcheck.casepeer.com/case/31337/' }, 31337],
		[{ __rl: true, mode: 'id', value: '27891' }, 27891],
		[{ __rl: true, mode: 'list', value: '27900' }, 27900],
	])('%p → %p', (input, expected) => {
		expect(caseIdFromLocator(input)).toBe(expected);
	});

	test.each(['', 'abc', '-5', '0', '12.5', 'https://leadcheck.casepeer.com/cases/27891/', 'https://leadcheck.casepeer.com/case/abc/', null, undefined])(
		'%p names no case',
		(input) => {
			expect(caseIdFromLocator(input)).toBeNull();
		},
	);

	test("the URL mode's regex (what n8n's extractValue applies) captures the id", () => {
		expect(new RegExp(CASE_URL_REGEX).exec('https://leadcheck.casepeer.com/case/27891/')[1]).toBe('27891');
	});
});

describe('multipart body and Content-Disposition', () => {
	test('a body the sandbox parser reads back byte for byte, with fields and a non-ASCII file name', async () => {
		const data = Buffer.from([0, 1, 2, 13, 10, 45, 45, 255, 254]);
		const form = buildMultipart([
			{ name: 'folder', value: 'Client Uploads' },
			{ name: 'external_ref', value: 'casestatus:file:"7"' },
			{ name: 'file', data, fileName: 'Résumé "final".pdf', contentType: 'application/pdf' },
		]);
		expect(form.contentType).toBe(`multipart/form-data; boundary=${form.boundary}`);
		const parsed = await parseMultipart(form.body, form.contentType);
		expect(parsed.fields).toEqual({ folder: 'Client Uploads', external_ref: 'casestatus:file:"7"' });
		expect(parsed.files.file.filename).toBe('Résumé "final".pdf');
		expect(parsed.files.file.contentType).toBe('application/pdf');
		expect(Buffer.compare(parsed.files.file.data, data)).toBe(0);
	});

	test('the boundary never occurs in the content', async () => {
		const form = buildMultipart([{ name: 'file', data: Buffer.from('--x--'), fileName: 'a.txt' }], 'x');
		expect(form.boundary).not.toBe('x');
		expect((await parseMultipart(form.body, form.contentType)).files.file.data.toString()).toBe('--x--');
	});

	test.each([
		['attachment; filename="report.pdf"', 'report.pdf'],
		['attachment; filename=plain.txt', 'plain.txt'],
		['attachment; filename="a \\"quoted\\" name.doc"', 'a "quoted" name.doc'],
		["attachment; filename=\"fallback.pdf\"; filename*=UTF-8''R%C3%A9sum%C3%A9.pdf", 'Résumé.pdf'],
		['inline', null],
		[undefined, null],
	])('%p → %p', (header, expected) => {
		expect(fileNameFromDisposition(header)).toBe(expected);
	});
});
