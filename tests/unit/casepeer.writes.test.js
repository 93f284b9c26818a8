// Idempotent writes of the CASEpeer node against nock: look up by external reference first, create with retries
// allowed, and take 409 duplicate_external_ref as "already exists".
const nock = require('nock');
const { NodeApiError, NodeOperationError } = require('n8n-workflow');
const { CasePeer } = require('../../nodes/CasePeer/CasePeer.node');
const { runNode } = require('../helpers/harness');
const { useFakeClock } = require('../helpers/clock');

const BASE = 'http://casepeer.test';
const KEY = 'cp_unit_key_123456';
const credentials = { casePeerApi: { baseUrl: `${BASE}/`, apiKey: KEY } };
const node = new CasePeer();
useFakeClock();

const NOTE = {
	id: 'n_88500', case_id: 27891, text: 'Hello', category_id: 'ncat_1', is_critical: false,
	external_ref: 'casestatus:message:81234', author: { id: 'a', name: 'Case Status Integration' },
	created_at: '2025-03-02T18:22:05.000Z', updated_at: '2025-03-02T18:22:05.000Z',
};
const list = (data) => ({ data, meta: { page: 1, per_page: 1, total: data.length, next_page: null } });
const create = (extra = {}) => ({
	resource: 'caseNote',
	operation: 'create',
	case: { __rl: true, mode: 'url', value: 'https://leadcheck.casepeer.com/case/27891/' },
	text: 'Hello',
	externalRef: 'casestatus:message:81234',
	...extra,
});
const run = (parameters, extra = {}) => runNode({ node, parameters, credentials, ...extra });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Case Note › Create', () => {
	test('an external reference already on the case returns that note and writes nothing', async () => {
		const lookup = nock(BASE, { reqheaders: { authorization: `Bearer ${KEY}` } })
			.get('/v1/cases/27891/notes')
			.query({ external_ref: 'casestatus:message:81234', page: 1, per_page: 1 })
			.reply(200, list([NOTE]));
		const post = nock(BASE).post('/v1/cases/27891/notes').reply(201, NOTE);
		const { output } = await run(create());
		expect(output).toEqual([{ json: { ...NOTE, created: false }, pairedItem: { item: 0 } }]);
		lookup.done();
		expect(post.isDone()).toBe(false);
	});

	test('a lookup miss creates the note with exactly the fields given', async () => {
		nock(BASE).get('/v1/cases/27891/notes').query(true).reply(200, list([]));
		let body;
		nock(BASE)
			.post('/v1/cases/27891/notes', (b) => {
				body = b;
				return true;
			})
			.reply(201, NOTE);
		nock(BASE)
			.get('/v1/note-categories')
			.query(true)
			.reply(200, list([{ id: 'ncat_1', name: 'General', active: true, is_default: true }, { id: 'ncat_2', name: 'Client Communication', active: true, is_default: false }]));
		const { output } = await run(create({ additionalFields: { categoryId: 'Client Communication', isCritical: true } }));
		expect(body).toEqual({ text: 'Hello', category_id: 'ncat_2', is_critical: true, external_ref: 'casestatus:message:81234' });
		expect(output[0].json).toEqual({ ...NOTE, created: true });
	});

	test('a 503 on the create is retried; the retry answering 409 returns the note the first attempt wrote', async () => {
		nock(BASE).get('/v1/cases/27891/notes').query(true).reply(200, list([]));
		nock(BASE).post('/v1/cases/27891/notes').reply(503, { error: { code: 'unavailable', message: 'busy' } });
		nock(BASE)
			.post('/v1/cases/27891/notes')
			.reply(409, { error: { code: 'duplicate_external_ref', message: 'dup', details: { existing_id: 'n_88500', field: 'external_ref' } } });
		nock(BASE).get('/v1/cases/27891/notes').query(true).reply(200, list([NOTE]));
		const { output } = await run(create());
		expect(output[0].json).toEqual({ ...NOTE, created: false });
	});

	test('a 409 for a reference used on another case names the field and the fix', async () => {
		nock(BASE).get('/v1/cases/27891/notes').query(true).twice().reply(200, list([]));
		nock(BASE)
			.post('/v1/cases/27891/notes')
			.reply(409, { error: { code: 'duplicate_external_ref', message: 'dup', details: { existing_id: 'n_7' } } });
		const error = await run(create()).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/'External Reference'.*n_7 on another case/);
		expect(error.context.itemIndex).toBe(0);
	});

	test('without an external reference a 503 is not retried (a create cannot be recognised again)', async () => {
		const post = nock(BASE).post('/v1/cases/27891/notes').reply(503, { error: { code: 'unavailable', message: 'busy' } });
		const error = await run(create({ externalRef: '' })).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('503');
		post.done();
	});

	test('blank text and a bad case are refused before any request', async () => {
		const blank = await run(create({ text: '   ' })).catch((e) => e);
		expect(blank).toBeInstanceOf(NodeOperationError);
		expect(blank.message).toMatch(/'text' is empty/);
		const badCase = await run(create({ case: { __rl: true, mode: 'id', value: 'abc' } })).catch((e) => e);
		expect(badCase.message).toMatch(/'Case' is not a CASEpeer case ID or URL: 'abc'/);
		expect(nock.pendingMocks()).toEqual([]);
	});
});

describe('Document › Upload', () => {
	const DOC = { id: 'd_6000', case_id: 27891, file_name: 'a.pdf', external_ref: 'casestatus:file:1' };
	const input = [{ json: {}, binary: { data: { data: Buffer.from('%PDF-1.4 hi').toString('base64'), fileName: 'a.pdf', mimeType: 'application/pdf' } } }];
	const upload = (extra = {}) => ({
		resource: 'document',
		operation: 'upload',
		case: { __rl: true, mode: 'id', value: '27891' },
		externalRef: 'casestatus:file:1',
		...extra,
	});

	test('an existing reference returns the document without uploading', async () => {
		nock(BASE).get('/v1/documents').query({ external_ref: 'casestatus:file:1', page: 1, per_page: 1 }).reply(200, list([DOC]));
		const post = nock(BASE).post('/v1/cases/27891/documents').reply(201, DOC);
		const { output } = await run(upload(), { input });
		expect(output[0].json).toEqual({ ...DOC, created: false });
		expect(post.isDone()).toBe(false);
	});

	test('uploads multipart/form-data with its own boundary', async () => {
		nock(BASE).get('/v1/documents').query(true).reply(200, list([]));
		let contentType;
		let raw;
		nock(BASE)
			.post('/v1/cases/27891/documents', (b) => {
				raw = b;
				return true;
			})
			.matchHeader('content-type', (v) => {
				contentType = v;
				return true;
			})
			.reply(201, DOC);
		const { output } = await run(upload({ additionalFields: { folder: 'Client Uploads' } }), { input });
		expect(output[0].json.created).toBe(true);
		const boundary = /boundary=(.+)$/.exec(contentType)[1];
		expect(String(raw)).toContain(`--${boundary}\r\nContent-Disposition: form-data; name="folder"\r\n\r\nClient Uploads\r\n`);
		expect(String(raw)).toContain('name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 hi\r\n');
	});
});
