// Writes of the Perfect Portal node against nock: idempotent creates (lookup first, retry allowed, 409 = already
// exists), conversions, the completion merge, the multipart upload, and exact request shapes.
const nock = require('nock');
const { NodeApiError, NodeOperationError } = require('n8n-workflow');
const { PerfectPortal } = require('../../nodes/PerfectPortal/PerfectPortal.node');
const { runNode } = require('../helpers/harness');
const { useFakeClock } = require('../helpers/clock');

const BASE = 'http://pp.test';
const KEY = 'pp_unit_key_123456';
const credentials = { perfectPortalApi: { baseUrl: `${BASE}/`, apiKey: KEY } };
const node = new PerfectPortal();
const time = useFakeClock();
const run = (parameters, extra = {}) => runNode({ node, parameters, credentials, ...extra });
const list = (data) => ({
	data,
	meta: { page: 1, per_page: 1, total: data.length, next_page: null },
});
const byId = (id) => ({ __rl: true, mode: 'id', value: id });

const CONTACT = {
	id: 'ct_50',
	type: 'person',
	first_name: 'Nadia',
	last_name: 'Rahman',
	email: 'nadia@example.co.uk',
	external_ref: 'sb:contact:1',
};
const CASE = {
	case_id: 'PP-200',
	status: 'open',
	source_quote_id: 'qt_9',
	clients_contacts: [],
	created_at: 'c',
	updated_at: 'u',
};

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Contact › Create', () => {
	const params = (extra = {}) => ({
		resource: 'contact',
		operation: 'create',
		type: 'person',
		firstName: 'Nadia',
		lastName: 'Rahman',
		email: 'nadia@example.co.uk',
		externalRef: 'sb:contact:1',
		...extra,
	});

	test('an external reference already used returns that contact and writes nothing', async () => {
		const lookup = nock(BASE, { reqheaders: { authorization: `Bearer ${KEY}` } })
			.get('/v1/contacts')
			.query({ external_ref: 'sb:contact:1', page: 1, per_page: 1 })
			.reply(200, list([CONTACT]));
		const post = nock(BASE).post('/v1/contacts').reply(201, CONTACT);
		const { output } = await run(params());
		expect(output).toEqual([{ json: { ...CONTACT, created: false }, pairedItem: { item: 0 } }]);
		lookup.done();
		expect(post.isDone()).toBe(false);
	});

	test('a lookup miss creates with exactly the fields given', async () => {
		nock(BASE).get('/v1/contacts').query(true).reply(200, list([]));
		let body;
		nock(BASE)
			.post('/v1/contacts', (b) => {
				body = b;
				return true;
			})
			.reply(201, CONTACT);
		const { output } = await run(
			params({
				additionalFields: {
					mobile: ' 07700 900123 ',
					title: '',
					address: { value: { line1: '1 High St', postcode: 'LS1 4AB', country: 'gb' } },
				},
			}),
		);
		expect(output[0].json.created).toBe(true);
		expect(body).toEqual({
			type: 'person',
			first_name: 'Nadia',
			last_name: 'Rahman',
			email: 'nadia@example.co.uk',
			mobile: '07700 900123',
			external_ref: 'sb:contact:1',
			address: {
				line1: '1 High St',
				line2: null,
				line3: null,
				town: null,
				county: null,
				postcode: 'LS1 4AB',
				country: 'GB',
			},
		});
	});

	test('a 503 after the write is retried; the 409 that follows is read as "already exists"', async () => {
		nock(BASE).get('/v1/contacts').query(true).reply(200, list([]));
		nock(BASE)
			.post('/v1/contacts')
			.reply(503, { error: { code: 'unavailable', message: 'busy' } });
		nock(BASE)
			.post('/v1/contacts')
			.reply(409, {
				error: {
					code: 'duplicate_external_ref',
					message: 'exists',
					details: { existing_id: 'ct_50' },
				},
			});
		nock(BASE)
			.get('/v1/contacts')
			.query(true)
			.reply(200, list([CONTACT]));
		const { output } = await run(params());
		expect(output[0].json).toEqual({ ...CONTACT, created: false });
		expect(time.sleeps.length).toBeGreaterThan(0);
	});

	test('without an external reference a plain POST is not retried after a 5xx', async () => {
		nock(BASE)
			.post('/v1/contacts')
			.reply(502, { error: { code: 'unavailable', message: 'down' } });
		const error = await run(params({ externalRef: '' })).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('502');
		expect(nock.pendingMocks()).toEqual([]);
	});
});

describe('Contact › Update', () => {
	test('an address whose lines all came out blank (expressions that found none) is not sent; the rest is', async () => {
		let body;
		const patch = nock(BASE)
			.patch('/v1/contacts/ct_50', (b) => {
				body = b;
				return true;
			})
			.reply(200, CONTACT);
		await run({
			resource: 'contact',
			operation: 'update',
			contact: byId('ct_50'),
			updateFields: {
				mobile: '07700 900777',
				address: {
					value: { line1: '', line2: '', town: '', county: '', postcode: '', country: 'GB' },
				},
			},
		});
		expect(patch.isDone()).toBe(true);
		expect(body).toEqual({ mobile: '07700 900777' });
	});
});

describe('Quote › Convert', () => {
	const params = {
		resource: 'quote',
		operation: 'convert',
		quote: byId('qt_9'),
		personResponsibleId: 'st_1',
		output: 'raw',
	};

	test('a case already made from the quote is returned without converting', async () => {
		nock(BASE)
			.get('/v1/cases')
			.query({ quote_id: 'qt_9', page: 1, per_page: 1 })
			.reply(200, list([{ case_id: 'PP-200' }]));
		nock(BASE).get('/v1/cases/PP-200').reply(200, CASE);
		const post = nock(BASE).post('/v1/quotes/qt_9/convert').reply(201, CASE);
		const { output } = await run(params);
		expect(output[0].json).toEqual({ ...CASE, created: false });
		expect(post.isDone()).toBe(false);
	});

	test('the conversion body; 409 already_converted answers with the existing case', async () => {
		nock(BASE).get('/v1/cases').query(true).reply(200, list([]));
		let body;
		nock(BASE)
			.post('/v1/quotes/qt_9/convert', (b) => {
				body = b;
				return true;
			})
			.reply(409, {
				error: { code: 'already_converted', message: 'done', details: { existing_id: 'PP-200' } },
			});
		nock(BASE).get('/v1/cases/PP-200').reply(200, CASE);
		const { output } = await run({
			...params,
			additionalFields: {
				conversionNotes: 'Call after 5pm',
				caseManagementTarget: 'smokeball',
				appCode: ' CP ',
				branchId: 'br_2',
			},
		});
		expect(body).toEqual({
			person_responsible_id: 'st_1',
			conversion_notes: 'Call after 5pm',
			case_management_target: 'smokeball',
			app_code: 'CP',
			branch_id: 'br_2',
		});
		expect(output[0].json).toEqual({ ...CASE, created: false });
	});

	test('a lead converts under /leads and looks up by lead_id', async () => {
		nock(BASE)
			.get('/v1/cases')
			.query({ lead_id: 'enq_3', page: 1, per_page: 1 })
			.reply(200, list([]));
		nock(BASE)
			.post('/v1/leads/enq_3/convert')
			.reply(201, { ...CASE, source_lead_id: 'enq_3' });
		const { output } = await run({ ...params, resource: 'lead', lead: byId('enq_3') });
		expect(output[0].json).toEqual(
			expect.objectContaining({ created: true, source_lead_id: 'enq_3' }),
		);
	});

	test('an AppCode longer than 10 characters is refused before any request', async () => {
		const error = await run({ ...params, additionalFields: { appCode: 'TOO-LONG-CODE' } }).catch(
			(e) => e,
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/'appCode' is longer than 10 characters/);
	});
});

describe('Completion Detail › Update', () => {
	const CURRENT = {
		status: 'exchanged',
		exchange_date: '2025-07-01',
		completion_date: '2025-07-20',
		completion_time: null,
		purchase_price: '250000.00',
		deposit_amount: '25000.00',
		mortgage_advance: null,
		lender_name: 'Halifax',
		notes: 'Keep',
		updated_at: '2025-07-01T10:00:00.000Z',
	};

	test('reads the current details and sends them back with only the given fields changed', async () => {
		nock(BASE).get('/v1/cases/PP-200/completion').reply(200, CURRENT);
		let body;
		nock(BASE)
			.put('/v1/cases/PP-200/completion', (b) => {
				body = b;
				return true;
			})
			.reply(200, { ...CURRENT, status: 'completed' });
		await run({
			resource: 'completion',
			operation: 'update',
			case: byId('PP-200'),
			updateFields: {
				status: 'completed',
				completionDate: '2025-07-18T00:00:00',
				mortgageAdvance: '175000',
				lenderName: '',
			},
		});
		const { updated_at: _ignored, ...writable } = CURRENT;
		expect(body).toEqual({
			...writable,
			status: 'completed',
			completion_date: '2025-07-18',
			mortgage_advance: '175000.00',
			lender_name: null,
		});
	});

	test('Clear Fields Not Given sends nulls without reading; a bad amount or time names the field', async () => {
		let body;
		nock(BASE)
			.put('/v1/cases/PP-200/completion', (b) => {
				body = b;
				return true;
			})
			.reply(200, {});
		await run({
			resource: 'completion',
			operation: 'update',
			case: byId('PP-200'),
			updateFields: {},
			options: { replaceAll: true },
		});
		expect(body).toEqual({
			status: 'pending',
			exchange_date: null,
			completion_date: null,
			completion_time: null,
			purchase_price: null,
			deposit_amount: null,
			mortgage_advance: null,
			lender_name: null,
			notes: null,
		});
		for (const [fields, message] of [
			[{ purchasePrice: '£250k' }, /'Update Fields.purchasePrice' must be an amount/],
			[{ completionTime: '9am' }, /'Update Fields.completionTime' must be a 24-hour time/],
		]) {
			const error = await run({
				resource: 'completion',
				operation: 'update',
				case: byId('PP-200'),
				updateFields: fields,
			}).catch((e) => e);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toMatch(message);
		}
	});
});

describe('Document › Upload', () => {
	test('multipart with kind, description, external_ref and the file; type guessed from the extension', async () => {
		nock(BASE)
			.get('/v1/cases/PP-200/documents')
			.query({ external_ref: 'sb:document:9', page: 1, per_page: 1 })
			.reply(200, list([]));
		let raw;
		let contentType;
		nock(BASE)
			.post('/v1/cases/PP-200/documents', (b) => {
				raw = b;
				return true;
			})
			.reply(function (_uri, _body) {
				contentType = this.req.headers['content-type'];
				return [201, { id: 'doc_1', file_name: 'Plan.docx' }];
			});
		const bytes = Buffer.from('PK\u0003\u0004docx bytes');
		const { output } = await run(
			{
				resource: 'document',
				operation: 'upload',
				case: byId('PP-200'),
				externalRef: 'sb:document:9',
				additionalFields: { kind: 'client_care', description: 'Plan' },
			},
			{
				input: [
					{
						json: {},
						binary: {
							data: {
								data: bytes.toString('base64'),
								fileName: 'Plan.docx',
								mimeType: 'application/octet-stream',
							},
						},
					},
				],
			},
		);
		expect(output[0].json).toEqual({ id: 'doc_1', file_name: 'Plan.docx', created: true });
		expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
		const text = Buffer.from(raw, 'hex').toString('latin1') || String(raw);
		for (const part of [
			'name="kind"',
			'client_care',
			'name="description"',
			'name="external_ref"',
			'sb:document:9',
			'filename="Plan.docx"',
		])
			expect(text).toContain(part);
		expect(text).toContain(
			'Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document',
		);
	});
});

describe('Case › Get Many', () => {
	test('the time frame becomes created_since relative to now; filters map to the contract’s query', async () => {
		time.now = Date.parse('2025-06-30T12:00:00.000Z');
		let query;
		nock(BASE)
			.get('/v1/cases')
			.query((q) => {
				query = q;
				return true;
			})
			.reply(200, { data: [], meta: { page: 1, per_page: 10, total: 0, next_page: null } });
		await run({
			resource: 'case',
			operation: 'getAll',
			timeFrame: 'week',
			limit: 10,
			filters: {
				status: ['open', 'completed'],
				caseManagementTarget: 'dps_one_office',
				hasCaseManagementLink: false,
			},
		});
		expect(query).toEqual({
			created_since: '2025-06-23T12:00:00.000Z',
			status: 'open,completed',
			case_management_target: 'dps_one_office',
			has_case_management_link: 'false',
			page: '1',
			per_page: '10',
		});
	});
});

describe('Referrer › Update', () => {
	const REFERRER = { id: 'rf_4', name: 'Old Mill', email: 'Ruth@Mill.example', active: false };

	test('reads the referrer and PATCHes only what differs (email compared without case)', async () => {
		nock(BASE).get('/v1/referrers/rf_4').reply(200, REFERRER);
		let body;
		nock(BASE)
			.patch('/v1/referrers/rf_4', (b) => {
				body = b;
				return true;
			})
			.reply(200, { ...REFERRER, name: 'Old Mill Lettings' });
		const { output } = await run({
			resource: 'referrer',
			operation: 'update',
			referrerId: 'rf_4',
			updateFields: { name: 'Old Mill Lettings', email: 'ruth@mill.example', active: false },
		});
		expect(body).toEqual({ name: 'Old Mill Lettings' });
		expect(output[0].json).toEqual(
			expect.objectContaining({ name: 'Old Mill Lettings', updated: true, changed: ['name'] }),
		);
	});

	test('the same values send nothing; a bad email is refused before any request', async () => {
		nock(BASE).get('/v1/referrers/rf_4').reply(200, REFERRER);
		const same = await run({
			resource: 'referrer',
			operation: 'update',
			referrerId: 'rf_4',
			updateFields: { name: 'Old Mill' },
		});
		expect(same.output[0].json).toEqual(expect.objectContaining({ updated: false, changed: [] }));
		const bad = await run({
			resource: 'referrer',
			operation: 'update',
			referrerId: 'rf_4',
			updateFields: { email: 'not-an-email' },
		}).catch((e) => e);
		expect(bad).toBeInstanceOf(NodeOperationError);
		expect(bad.message).toMatch(/'Update Fields.email' Invalid email/);
		expect(nock.pendingMocks()).toEqual([]);
	});
});
