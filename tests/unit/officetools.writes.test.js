// Writes of the OfficeTools node against nock: idempotent uploads and user creates (find before write, 409 =
// already there), the 2-uploads-in-flight limiter, verified delete, and the activation safety checks.
const nock = require('nock');
const { NodeApiError, NodeOperationError } = require('n8n-workflow');
const { OfficeTools } = require('../../nodes/OfficeTools/OfficeTools.node');
const { withSlot, slotsInUse } = require('../../nodes/shared/concurrency');
const { runNode } = require('../helpers/harness');
const { useFakeClock } = require('../helpers/clock');

const BASE = 'http://officetools.test';
const KEY = 'ot_unit_key_0123456789';
const FIRM = 'FIRM-7';
const credentials = { officeToolsApi: { baseUrl: `${BASE}/`, apiKey: KEY, firmId: FIRM } };
const node = new OfficeTools();
useFakeClock();

const list = (data) => ({
	data,
	meta: { page: 1, per_page: 1, total: data.length, next_page: null },
});
const conflict = (code, existingId) => ({
	error: { code, message: 'exists', details: { existing_id: existingId } },
});
const file = (text = '%PDF-1.4 hi', fileName = 'a.pdf') => ({
	json: {},
	binary: {
		data: { data: Buffer.from(text).toString('base64'), fileName, mimeType: 'application/pdf' },
	},
});
const byId = (value) => ({ __rl: true, mode: 'id', value });
const run = (parameters, extra = {}) => runNode({ node, parameters, credentials, ...extra });
const auth = { reqheaders: { authorization: `Bearer ${KEY}`, 'x-firm-id': FIRM } };

const WS_DOC = {
	id: 'wd_1010',
	client_id: 'wc_1001',
	folder: 'Portal',
	file_name: 'a.pdf',
	size_bytes: 11,
	sha256: 'ab',
	legacy_document_id: 'ld_1002',
};
const PD = {
	id: 'pd_1001',
	user_id: 'pu_1001',
	client_id: null,
	legacy_document_id: 'ld_1002',
	size_bytes: 11,
	sha256: 'ab',
	sha256_matches_legacy: true,
};
const USER = {
	id: 'pu_1001',
	legacy_contact_id: 'lc_1001',
	email: 'a@example.com',
	status: 'invited',
};

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('WorkSpace Document › Upload', () => {
	const params = (extra = {}) => ({
		resource: 'workspaceDocument',
		operation: 'upload',
		client: byId('wc_1001'),
		legacyDocumentId: 'ld_1002',
		...extra,
	});

	test('a WorkSpace copy of the legacy document already there is returned; nothing is uploaded', async () => {
		const lookup = nock(BASE, auth)
			.get('/v1/workspace/clients/wc_1001/documents')
			.query({ legacy_document_id: 'ld_1002', page: 1, per_page: 1 })
			.reply(200, list([WS_DOC]));
		const post = nock(BASE).post('/v1/workspace/clients/wc_1001/documents').reply(201, WS_DOC);
		const { output } = await run(params(), { input: [file()] });
		expect(output).toEqual([{ json: { ...WS_DOC, created: false }, pairedItem: { item: 0 } }]);
		lookup.done();
		expect(post.isDone()).toBe(false);
	});

	test('a miss uploads multipart with folder, legacy id and file; both headers on every request', async () => {
		nock(BASE, auth)
			.get('/v1/workspace/clients/wc_1001/documents')
			.query(true)
			.reply(200, list([]));
		let raw;
		let type;
		nock(BASE, auth)
			.post('/v1/workspace/clients/wc_1001/documents', (b) => {
				raw = String(b);
				return true;
			})
			.matchHeader('content-type', (v) => {
				type = v;
				return true;
			})
			.reply(201, WS_DOC);
		const { output } = await run(params({ additionalFields: { folder: 'Portal 2022' } }), {
			input: [file()],
		});
		expect(output[0].json).toEqual({ ...WS_DOC, created: true });
		const boundary = /boundary=(.+)$/.exec(type)[1];
		expect(raw).toContain(
			`--${boundary}\r\nContent-Disposition: form-data; name="folder"\r\n\r\nPortal 2022\r\n`,
		);
		expect(raw).toContain('name="legacy_document_id"\r\n\r\nld_1002\r\n');
		expect(raw).toContain(
			'name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 hi\r\n',
		);
	});

	test('a lost response (503) is retried; the 409 duplicate_legacy_document_id resolves to the copy', async () => {
		nock(BASE).get('/v1/workspace/clients/wc_1001/documents').query(true).reply(200, list([]));
		nock(BASE)
			.post('/v1/workspace/clients/wc_1001/documents')
			.reply(503, { error: { code: 'unavailable', message: 'busy' } });
		nock(BASE)
			.post('/v1/workspace/clients/wc_1001/documents')
			.reply(409, conflict('duplicate_legacy_document_id', 'wd_1010'));
		nock(BASE)
			.get('/v1/workspace/clients/wc_1001/documents')
			.query(true)
			.reply(200, list([WS_DOC]));
		const { output } = await run(params(), { input: [file()] });
		expect(output[0].json).toEqual({ ...WS_DOC, created: false });
	});

	test('without a legacy id a 5xx is not retried (it could duplicate); an empty file is refused before any request', async () => {
		const post = nock(BASE)
			.post('/v1/workspace/clients/wc_1001/documents')
			.reply(500, { error: { code: 'internal_error', message: 'x' } });
		const error = await run(params({ legacyDocumentId: '' }), { input: [file()] }).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('500');
		post.done();
		const empty = await run(params(), { input: [file('')] }).catch((e) => e);
		expect(empty).toBeInstanceOf(NodeOperationError);
		expect(empty.message).toMatch(/'Input Binary Field' holds an empty file/);
	});
});

describe('uploads: at most 2 in flight per firm', () => {
	test('ten concurrent executions never have more than 2 uploads open at the vendor', async () => {
		let open = 0;
		let peak = 0;
		nock(BASE).persist().get('/v1/firm-portal/documents').query(true).reply(200, list([]));
		nock(BASE)
			.persist()
			.post('/v1/firm-portal/documents')
			.reply(function (_uri, _body, cb) {
				open++;
				peak = Math.max(peak, open);
				setTimeout(() => {
					open--;
					cb(null, [201, PD]);
				}, 15);
			});
		const runs = Array.from({ length: 10 }, (_, i) =>
			run(
				{
					resource: 'firmPortalDocument',
					operation: 'upload',
					user: byId('pu_1001'),
					legacyDocumentId: `ld_${2000 + i}`,
				},
				{ input: [file()] },
			),
		);
		const results = await Promise.all(runs);
		expect(results.every((r) => r.output[0].json.created === true)).toBe(true);
		expect(peak).toBe(2);
		expect(slotsInUse(`officeToolsUploads:${BASE}|${FIRM}`)).toBe(0);
	});

	test('withSlot: FIFO, capped, and a failing task frees its slot', async () => {
		const order = [];
		let open = 0;
		let peak = 0;
		const gates = [];
		const task = (n) => () =>
			new Promise((resolve, reject) => {
				open++;
				peak = Math.max(peak, open);
				order.push(n);
				gates.push(() => {
					open--;
					if (n === 1) reject(new Error('boom'));
					else resolve(n);
				});
			});
		const all = [1, 2, 3, 4].map((n) => withSlot('k', 2, task(n)).catch((e) => e.message));
		await new Promise((r) => setImmediate(r));
		expect(order).toEqual([1, 2]);
		while (gates.length) {
			gates.shift()();
			await new Promise((r) => setImmediate(r));
		}
		expect(await Promise.all(all)).toEqual(['boom', 2, 3, 4]);
		expect(order).toEqual([1, 2, 3, 4]);
		expect(peak).toBe(2);
		expect(slotsInUse('k')).toBe(0);
	});
});

describe('Firm Portal Document › Upload', () => {
	test('for a client: client_id part; 409 already_uploaded resolves to the existing document', async () => {
		nock(BASE)
			.get('/v1/firm-portal/documents')
			.query({ legacy_document_id: 'ld_1002', page: 1, per_page: 1 })
			.reply(200, list([]));
		let raw;
		nock(BASE)
			.post('/v1/firm-portal/documents', (b) => {
				raw = String(b);
				return true;
			})
			.reply(409, conflict('already_uploaded', 'pd_1001'));
		nock(BASE)
			.get('/v1/firm-portal/documents')
			.query(true)
			.reply(200, list([PD]));
		const { output } = await run(
			{
				resource: 'firmPortalDocument',
				operation: 'upload',
				target: 'client',
				client: byId('wc_1001'),
				legacyDocumentId: 'ld_1002',
				additionalFields: { displayName: '2022 W-2' },
			},
			{ input: [file()] },
		);
		expect(output[0].json).toEqual({ ...PD, created: false });
		expect(raw).toContain('name="client_id"\r\n\r\nwc_1001\r\n');
		expect(raw).toContain('name="display_name"\r\n\r\n2022 W-2\r\n');
		expect(raw).not.toContain('name="user_id"');
	});

	test('a 422 from OfficeTools (invoice) fails the item with the vendor code; continueOnFail pairs it', async () => {
		nock(BASE).get('/v1/firm-portal/documents').query(true).reply(200, list([]));
		nock(BASE)
			.post('/v1/firm-portal/documents')
			.reply(422, { error: { code: 'invoice_not_migratable', message: 'ld_1005 is an invoice' } });
		const { output } = await run(
			{
				resource: 'firmPortalDocument',
				operation: 'upload',
				user: byId('pu_1001'),
				legacyDocumentId: 'ld_1005',
			},
			{ input: [file()], continueOnFail: true },
		);
		expect(output).toHaveLength(1);
		expect(output[0]).toEqual(
			expect.objectContaining({
				json: {
					error: expect.stringMatching(
						/^OfficeTools refused the request by one of its rules: ld_1005 is an invoice \(reason: invoice_not_migratable\)$/,
					),
					details: expect.stringMatching(/Invoices cannot be migrated/),
				},
				pairedItem: { item: 0 },
			}),
		);
	});
});

describe('Firm Portal User › Create From Legacy Contact', () => {
	const params = {
		resource: 'firmPortalUser',
		operation: 'create',
		legacyContact: byId('lc_1001'),
	};

	test('an existing user for the contact is returned: no POST, so no second welcome e-mail', async () => {
		nock(BASE)
			.get('/v1/firm-portal/users')
			.query({ legacy_contact_id: 'lc_1001', page: 1, per_page: 1 })
			.reply(200, list([USER]));
		const post = nock(BASE).post('/v1/firm-portal/users').reply(201, USER);
		const { output } = await run(params);
		expect(output[0].json).toEqual({ ...USER, created: false, welcome_email_sent: false });
		expect(post.isDone()).toBe(false);
	});

	test('a miss creates it; a retried create answering 409 duplicate returns the user', async () => {
		nock(BASE).get('/v1/firm-portal/users').query(true).reply(200, list([]));
		let body;
		nock(BASE)
			.post('/v1/firm-portal/users', (b) => {
				body = b;
				return true;
			})
			.reply(201, USER);
		expect((await run(params)).output[0].json).toEqual({
			...USER,
			created: true,
			welcome_email_sent: true,
		});
		expect(body).toEqual({ legacy_contact_id: 'lc_1001' });

		nock(BASE).get('/v1/firm-portal/users').query(true).reply(200, list([]));
		nock(BASE)
			.post('/v1/firm-portal/users')
			.replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
		nock(BASE)
			.post('/v1/firm-portal/users')
			.reply(409, conflict('duplicate_legacy_contact_id', 'pu_1001'));
		nock(BASE)
			.get('/v1/firm-portal/users')
			.query(true)
			.reply(200, list([USER]));
		expect((await run(params)).output[0].json).toEqual({
			...USER,
			created: false,
			welcome_email_sent: false,
		});
	});

	test('409 email_in_use is a real refusal, not "already exists"', async () => {
		nock(BASE).get('/v1/firm-portal/users').query(true).reply(200, list([]));
		nock(BASE).post('/v1/firm-portal/users').reply(409, conflict('email_in_use', 'pu_1001'));
		const error = await run(params).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('409');
		expect(error.message).toMatch(/email_in_use/);
		expect(error.description).toMatch(/address of their own/);
		expect(error.context.itemIndex).toBe(0);
	});

	test('a 422 refusal says how to fix it: a contact without a valid e-mail, a hidden one', async () => {
		for (const [code, fix] of [
			['contact_email_invalid', /valid e-mail address for the contact/],
			['contact_hidden', /Hidden contacts are not migrated/],
		]) {
			nock(BASE).get('/v1/firm-portal/users').query(true).reply(200, list([]));
			nock(BASE)
				.post('/v1/firm-portal/users')
				.reply(422, { error: { code, message: 'Refused.' } });
			const error = await run(params).catch((e) => e);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.httpCode).toBe('422');
			expect(error.message).toMatch(new RegExp(`\\(reason: ${code}\\)$`));
			expect(error.message).not.toMatch(/422/);
			expect(error.description).toMatch(fix);
		}
	});
});

describe('Legacy Portal Document › Delete', () => {
	const LEGACY = { id: 'ld_1002', size_bytes: 11, sha256: 'ab', content_available: true };
	const params = (options = {}) => ({
		resource: 'legacyDocument',
		operation: 'delete',
		documentId: 'ld_1002',
		options,
	});

	test('as is: one DELETE, force only when asked', async () => {
		const plain = nock(BASE, auth).delete('/v1/legacy-portal/documents/ld_1002').reply(204);
		expect((await run(params())).output[0].json).toEqual({
			id: 'ld_1002',
			deleted: true,
			verified: null,
			firm_portal_document_id: null,
		});
		plain.done();
		const forced = nock(BASE)
			.delete('/v1/legacy-portal/documents/ld_1002')
			.query({ force: 'true' })
			.reply(204);
		await run(params({ force: true }));
		forced.done();
	});

	test('verified: deletes when a Firm Portal copy has the same size and sha256', async () => {
		nock(BASE).get('/v1/legacy-portal/documents/ld_1002').reply(200, LEGACY);
		nock(BASE)
			.get('/v1/firm-portal/documents')
			.query({ legacy_document_id: 'ld_1002', page: 1, per_page: 10 })
			.reply(200, list([PD]));
		const del = nock(BASE).delete('/v1/legacy-portal/documents/ld_1002').reply(204);
		const { output } = await run(params({ onlyIfVerified: true }));
		expect(output[0].json).toEqual({
			id: 'ld_1002',
			deleted: true,
			verified: true,
			firm_portal_document_id: 'pd_1001',
		});
		del.done();
	});

	test('verified: a missing or different copy refuses with an item-indexed error and deletes nothing', async () => {
		const deleted = [];
		nock(BASE)
			.persist()
			.delete(/.*/)
			.reply(function (uri) {
				deleted.push(uri);
				return [204];
			});
		nock(BASE).get('/v1/legacy-portal/documents/ld_1002').reply(200, LEGACY);
		nock(BASE).get('/v1/firm-portal/documents').query(true).reply(200, list([]));
		const none = await run(params({ onlyIfVerified: true })).catch((e) => e);
		expect(none).toBeInstanceOf(NodeOperationError);
		expect(none.message).toMatch(
			/'Legacy Document ID' 'ld_1002' is not verified on the Firm Portal: no Firm Portal document carries it/,
		);
		expect(none.context.itemIndex).toBe(0);
		expect(deleted).toEqual([]);

		nock(BASE)
			.get('/v1/legacy-portal/documents/ld_1003')
			.reply(200, { ...LEGACY, id: 'ld_1003' });
		nock(BASE)
			.get('/v1/firm-portal/documents')
			.query(true)
			.reply(200, list([{ ...PD, legacy_document_id: 'ld_1003', sha256: 'cd' }]));
		nock(BASE).get('/v1/legacy-portal/documents/ld_1002').reply(200, LEGACY);
		nock(BASE)
			.get('/v1/firm-portal/documents')
			.query(true)
			.reply(200, list([PD]));
		const input = [{ json: { id: 'ld_1003' } }, { json: { id: 'ld_1002' } }];
		const { output } = await run(
			{ ...params({ onlyIfVerified: true }), documentId: (item) => item.json.id },
			{ input, continueOnFail: true },
		);
		expect(output[0]).toEqual(
			expect.objectContaining({
				json: {
					error: expect.stringMatching(/.*pd_1001 differs \(size 11 vs 11 bytes, sha256 cd/),
					details: expect.stringMatching(/Upload the file/),
				},
				pairedItem: { item: 0 },
			}),
		);
		expect(output[1]).toEqual({
			json: expect.objectContaining({ id: 'ld_1002', verified: true }),
			pairedItem: { item: 1 },
		});
		expect(deleted).toEqual(['/v1/legacy-portal/documents/ld_1002']);
	});
});

describe('Firm Portal › Activate', () => {
	const params = (extra = {}) => ({
		resource: 'firmPortal',
		operation: 'activate',
		subdomain: 'AcmeAccounting',
		displayName: 'Acme Client Portal',
		acceptTerms: true,
		acknowledgeUserReroute: true,
		additionalFields: {
			primaryColor: '#1F4E79',
			notificationRecipients: 'a@acme.example, b@acme.example',
		},
		...extra,
	});
	const ACTIVE = {
		status: 'active',
		subdomain: 'acmeaccounting',
		branding: { display_name: 'Acme Client Portal', primary_color: '#1F4E79', logo: null },
	};

	test('without both confirmations nothing is sent', async () => {
		const error = await run(params({ acknowledgeUserReroute: false })).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/'Confirm Moving Portal Users' is off/);
		const bad = await run(params({ subdomain: 'no_underscores' })).catch((e) => e);
		expect(bad.message).toMatch(/'subdomain' must be 3 to 63 lower-case/);
	});

	test('checks the subdomain (Verify Link), then activates with exactly the fields given', async () => {
		nock(BASE)
			.get('/v1/firm-portal')
			.reply(200, { status: 'not_activated', subdomain: null, branding: {} });
		nock(BASE)
			.get('/v1/firm-portal/subdomain-availability')
			.query({ subdomain: 'acmeaccounting' })
			.reply(200, { subdomain: 'acmeaccounting', available: true, reason: null });
		let body;
		nock(BASE)
			.post('/v1/firm-portal/activation', (b) => {
				body = b;
				return true;
			})
			.reply(201, ACTIVE);
		const { output } = await run(params());
		expect(body).toEqual({
			subdomain: 'acmeaccounting',
			accept_terms: true,
			acknowledge_user_reroute: true,
			display_name: 'Acme Client Portal',
			primary_color: '#1F4E79',
			notification_recipients: ['a@acme.example', 'b@acme.example'],
		});
		expect(output[0].json).toEqual({ ...ACTIVE, activated: true });
	});

	test('a taken subdomain fails naming the field, before any write', async () => {
		nock(BASE).get('/v1/firm-portal').reply(200, { status: 'not_activated' });
		nock(BASE)
			.get('/v1/firm-portal/subdomain-availability')
			.query(true)
			.reply(200, { available: false, reason: 'taken' });
		const post = nock(BASE).post('/v1/firm-portal/activation').reply(201, ACTIVE);
		const error = await run(params()).catch((e) => e);
		expect(error.message).toMatch(/'Subdomain' 'acmeaccounting' is already used by another firm/);
		expect(post.isDone()).toBe(false);
	});

	test('already active at the same subdomain: only changed branding is patched; at another one: an error', async () => {
		nock(BASE)
			.get('/v1/firm-portal')
			.reply(200, { ...ACTIVE, branding: { ...ACTIVE.branding, primary_color: '#000000' } });
		let patch;
		nock(BASE)
			.patch('/v1/firm-portal/branding', (b) => {
				patch = b;
				return true;
			})
			.reply(200, ACTIVE);
		expect((await run(params())).output[0].json).toEqual({ ...ACTIVE, activated: false });
		expect(patch).toEqual({ primary_color: '#1F4E79' });

		nock(BASE).get('/v1/firm-portal').reply(200, ACTIVE);
		expect((await run(params())).output[0].json.activated).toBe(false); // nothing to patch: one request

		nock(BASE)
			.get('/v1/firm-portal')
			.reply(200, { ...ACTIVE, subdomain: 'acme-old' });
		const moved = await run(params()).catch((e) => e);
		expect(moved.message).toMatch(/already active at 'acme-old'/);
	});
});
