// Reads of the OfficeTools node against nock: auth headers, list paging and filters as the contract names them,
// the legacy download's WorkSpace fallback after retention, list search, and secrets kept out of errors.
const nock = require('nock');
const { NodeApiError, NodeOperationError } = require('n8n-workflow');
const { OfficeTools } = require('../../nodes/OfficeTools/OfficeTools.node');
const { runNode, runMethod, testCredential } = require('../helpers/harness');
const { useFakeClock } = require('../helpers/clock');

const BASE = 'http://officetools.test';
const KEY = 'ot_unit_key_0123456789';
const FIRM = 'FIRM-7';
const credentials = { officeToolsApi: { baseUrl: `${BASE}//`, apiKey: KEY, firmId: FIRM } };
const node = new OfficeTools();
useFakeClock();

const page = (data, next = null, p = 1) => ({
	data,
	meta: { page: p, per_page: 200, total: 999, next_page: next },
});
const run = (parameters, extra = {}) => runNode({ node, parameters, credentials, ...extra });
const auth = { reqheaders: { authorization: `Bearer ${KEY}`, 'x-firm-id': FIRM } };
const LEGACY = {
	id: 'ld_1009',
	file_name: 'Wei Chen - 2021 Return.pdf',
	content_type: 'application/pdf',
	size_bytes: 9,
	sha256: 'ab',
	content_available: false,
	workspace_document_id: 'wd_1004',
	legacy_contact_id: 'lc_1005',
};

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('credential and transport', () => {
	test('the credential test is GET /v1/firm with the Bearer key and X-Firm-Id', async () => {
		const scope = nock(BASE, auth).get('/v1/firm').reply(200, { firm_id: FIRM });
		expect(
			await testCredential('officeToolsApi', { baseUrl: `${BASE}/`, apiKey: KEY, firmId: FIRM }),
		).toBe(200);
		scope.done();
	});

	test('a 401 names the credential and never shows the key; a 403 firm_forbidden says so', async () => {
		nock(BASE)
			.get('/v1/firm-portal')
			.reply(401, { error: { code: 'unauthenticated', message: `Bad key Bearer ${KEY}` } });
		const error = await run({ resource: 'firmPortal', operation: 'getStatus' }).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('401');
		expect(error.description).toMatch(/OfficeTools credential/);
		expect(
			JSON.stringify([error.message, error.description, error.context, error.messages]),
		).not.toContain(KEY);
		nock(BASE)
			.get('/v1/firm-portal')
			.reply(403, {
				error: { code: 'firm_forbidden', message: 'This API key may not use firm FIRM-7.' },
			});
		const forbidden = await run({ resource: 'firmPortal', operation: 'getStatus' }).catch((e) => e);
		expect(forbidden.message).toMatch(
			/^OfficeTools does not allow this credential to do this: .*\(reason: not_allowed, firm_forbidden\)$/,
		);
	});

	test('a 5xx that outlives the retries fails with a NodeApiError after 6 attempts', async () => {
		const scope = nock(BASE)
			.get('/v1/firm-portal')
			.times(6)
			.reply(502, { error: { code: 'unavailable', message: 'down' } });
		const error = await run({ resource: 'firmPortal', operation: 'getStatus' }).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('502');
		expect(error.message).toMatch(/after 6 attempts/);
		scope.done();
	});
});

describe('lists', () => {
	test('Legacy documents: filters map to the contract names; a day as Created To goes as a date', async () => {
		const scope = nock(BASE, auth)
			.get('/v1/legacy-portal/documents')
			.query({
				name: 'alvarez',
				created_from: '2022-12-01',
				created_to: '2023-01-10',
				kind: 'document',
				downloaded_to_workspace: 'false',
				content_available: 'true',
				page: 1,
				per_page: 5,
			})
			.reply(200, page([{ id: 'ld_1' }, { id: 'ld_2' }]));
		const { output } = await run({
			resource: 'legacyDocument',
			operation: 'getAll',
			returnAll: false,
			limit: 5,
			filters: {
				name: ' alvarez ',
				createdFrom: '2022-12-01T00:00:00',
				createdTo: '2023-01-10',
				kind: 'document',
				downloadedToWorkspace: false,
				contentAvailable: true,
			},
		});
		expect(output.map((i) => i.json.id)).toEqual(['ld_1', 'ld_2']);
		scope.done();
	});

	test('Return All follows next_page; a reversed date range is refused before any request', async () => {
		nock(BASE)
			.get('/v1/legacy-portal/documents')
			.query({ page: 1, per_page: 200 })
			.reply(200, page([{ id: 'a' }], 2));
		nock(BASE)
			.get('/v1/legacy-portal/documents')
			.query({ page: 2, per_page: 200 })
			.reply(200, page([{ id: 'b' }], null, 2));
		expect(
			(await run({ resource: 'legacyDocument', operation: 'getAll', returnAll: true })).output.map(
				(i) => i.json.id,
			),
		).toEqual(['a', 'b']);
		const error = await run({
			resource: 'legacyDocument',
			operation: 'getAll',
			returnAll: true,
			filters: { createdFrom: '2023-01-11T09:00:00Z', createdTo: '2023-01-10' },
		}).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/'Filters.createdFrom'/);
		// The same day as both bounds is fine: Created To covers the whole day.
		nock(BASE)
			.get('/v1/legacy-portal/documents')
			.query({
				created_from: '2023-01-10T09:00:00.000Z',
				created_to: '2023-01-10',
				page: 1,
				per_page: 200,
			})
			.reply(200, page([]));
		await run({
			resource: 'legacyDocument',
			operation: 'getAll',
			returnAll: true,
			filters: { createdFrom: '2023-01-10T09:00:00Z', createdTo: '2023-01-10' },
		});
	});

	test('Legacy contacts: hidden ones are left out unless asked', async () => {
		nock(BASE)
			.get('/v1/legacy-portal/contacts')
			.query({ hidden: 'false', page: 1, per_page: 200 })
			.reply(200, page([{ id: 'lc_1' }]));
		expect(
			(await run({ resource: 'legacyContact', operation: 'getAll', returnAll: true })).output,
		).toHaveLength(1);
		nock(BASE)
			.get('/v1/legacy-portal/contacts')
			.query({ migrated: 'false', page: 1, per_page: 200 })
			.reply(200, page([{ id: 'lc_1' }, { id: 'lc_h' }]));
		expect(
			(
				await run({
					resource: 'legacyContact',
					operation: 'getAll',
					returnAll: true,
					includeHidden: true,
					filters: { migrated: false },
				})
			).output,
		).toHaveLength(2);
	});

	test('WorkSpace documents of a client, portal users and portal documents with their filters', async () => {
		nock(BASE)
			.get('/v1/workspace/clients/wc%201/documents')
			.query({ legacy_document_id: 'ld_1', folder: 'Portal', page: 1, per_page: 200 })
			.reply(200, page([{ id: 'wd_1' }]));
		await run({
			resource: 'workspaceDocument',
			operation: 'getAll',
			client: { __rl: true, mode: 'id', value: 'wc 1' },
			returnAll: true,
			filters: { legacyDocumentId: 'ld_1', folder: 'Portal' },
		});
		nock(BASE)
			.get('/v1/firm-portal/users')
			.query({ legacy_contact_id: 'lc_1', page: 1, per_page: 1 })
			.reply(200, page([{ id: 'pu_1' }]));
		expect(
			(
				await run({
					resource: 'firmPortalUser',
					operation: 'getAll',
					returnAll: false,
					limit: 1,
					filters: { legacyContactId: 'lc_1' },
				})
			).output,
		).toHaveLength(1);
		nock(BASE).get('/v1/firm-portal/users/pu_1').reply(200, { id: 'pu_1' });
		expect(
			(
				await run({
					resource: 'firmPortalUser',
					operation: 'get',
					user: { __rl: true, mode: 'list', value: 'pu_1' },
				})
			).output[0].json.id,
		).toBe('pu_1');
		nock(BASE)
			.get('/v1/firm-portal/documents')
			.query({ user_id: 'pu_1', page: 1, per_page: 200 })
			.reply(200, page([{ id: 'pd_1' }]));
		expect(
			(
				await run({
					resource: 'firmPortalDocument',
					operation: 'getAll',
					returnAll: true,
					filters: { userId: 'pu_1' },
				})
			).output,
		).toHaveLength(1);
	});

	test('an empty locator names the field', async () => {
		const error = await run({
			resource: 'firmPortalUser',
			operation: 'get',
			user: { __rl: true, mode: 'id', value: ' ' },
		}).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/'Firm Portal User' is empty/);
	});
});

describe('retention clock and subdomain check', () => {
	test("Legacy documents carry retention_hours_left by OfficeTools' clock (the Date header), not this machine's", async () => {
		nock(BASE)
			.get('/v1/legacy-portal/documents')
			.query(true)
			.reply(
				200,
				page([
					{ id: 'ld_1', content_available: true, retention_expires_at: '2023-01-16T20:00:00.000Z' },
					{ id: 'ld_2', content_available: true, retention_expires_at: '2023-01-18T15:30:00.000Z' },
					{ id: 'ld_3', content_available: true, retention_expires_at: null },
					{
						id: 'ld_4',
						content_available: false,
						retention_expires_at: '2023-01-01T00:00:00.000Z',
					},
				]),
				{ Date: 'Mon, 16 Jan 2023 15:00:00 GMT' },
			);
		const { output } = await run({
			resource: 'legacyDocument',
			operation: 'getAll',
			returnAll: true,
		});
		expect(output.map((i) => [i.json.id, i.json.retention_hours_left])).toEqual([
			['ld_1', 5],
			['ld_2', 48.5],
			['ld_3', null],
			['ld_4', null],
		]);
	});

	test('Check Subdomain asks "Verify Link" and writes nothing', async () => {
		const scope = nock(BASE, auth)
			.get('/v1/firm-portal/subdomain-availability')
			.query({ subdomain: 'taken' })
			.reply(200, { subdomain: 'taken', available: false, reason: 'taken' });
		const { output } = await run({
			resource: 'firmPortal',
			operation: 'checkSubdomain',
			subdomain: ' Taken ',
		});
		expect(output[0].json).toEqual({ subdomain: 'taken', available: false, reason: 'taken' });
		scope.done();
		const error = await run({
			resource: 'firmPortal',
			operation: 'checkSubdomain',
			subdomain: ' ',
		}).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/subdomain/i);
	});
});

describe('Legacy Portal Document › Download', () => {
	const params = (options = {}) => ({
		resource: 'legacyDocument',
		operation: 'download',
		documentId: 'ld_1009',
		options,
	});

	test('content still there: the legacy bytes with the document metadata', async () => {
		nock(BASE)
			.get('/v1/legacy-portal/documents/ld_1009')
			.reply(200, { ...LEGACY, content_available: true });
		nock(BASE)
			.get('/v1/legacy-portal/documents/ld_1009/content')
			.reply(200, Buffer.from('%PDF-1.4\n'), {
				'Content-Type': 'application/pdf',
				'Content-Disposition':
					'attachment; filename="W-2 _.pdf"; filename*=UTF-8\'\'W-2%20%C3%A9.pdf',
			});
		const { output } = await run(params());
		expect(output[0].json).toEqual(
			expect.objectContaining({
				id: 'ld_1009',
				source: 'legacy_portal',
				downloaded_bytes: 9,
				sha256: 'ab',
			}),
		);
		expect(output[0].binary.data).toEqual(
			expect.objectContaining({ fileName: 'W-2 é.pdf', mimeType: 'application/pdf' }),
		);
	});

	test('removed by retention: the WorkSpace copy, without asking the old portal', async () => {
		nock(BASE).get('/v1/legacy-portal/documents/ld_1009').reply(200, LEGACY);
		const old = nock(BASE).get('/v1/legacy-portal/documents/ld_1009/content').reply(410, {});
		nock(BASE)
			.get('/v1/workspace/documents/wd_1004/content')
			.reply(200, Buffer.from('%PDF-1.4\n'), {
				'Content-Type': 'application/pdf',
				'Content-Disposition': 'attachment; filename="Wei Chen - 2021 Return.pdf"',
			});
		const { output } = await run(params());
		expect(output[0].json.source).toBe('workspace');
		expect(output[0].binary.data.fileName).toBe(LEGACY.file_name);
		expect(old.isDone()).toBe(false);
	});

	test('removed between the two reads: the 410 names the copy and the fallback takes it', async () => {
		nock(BASE)
			.get('/v1/legacy-portal/documents/ld_1009')
			.reply(200, { ...LEGACY, content_available: true, workspace_document_id: null });
		nock(BASE)
			.get('/v1/legacy-portal/documents/ld_1009/content')
			.reply(410, {
				error: {
					code: 'content_expired',
					message: 'gone',
					details: { workspace_document_id: 'wd_1004' },
				},
			});
		nock(BASE).get('/v1/workspace/documents/wd_1004/content').reply(200, Buffer.from('x'));
		expect((await run(params())).output[0].json.source).toBe('workspace');
	});

	test('no copy, or the fallback turned off: a 410 NodeApiError that says what to do', async () => {
		nock(BASE)
			.get('/v1/legacy-portal/documents/ld_1011')
			.reply(200, { ...LEGACY, id: 'ld_1011', workspace_document_id: null });
		nock(BASE)
			.get('/v1/legacy-portal/documents/ld_1011/content')
			.reply(410, {
				error: {
					code: 'content_expired',
					message: 'removed',
					details: { workspace_document_id: null },
				},
			});
		const lost = await run({ ...params(), documentId: 'ld_1011' }).catch((e) => e);
		expect(lost).toBeInstanceOf(NodeApiError);
		expect(lost.httpCode).toBe('410');
		expect(lost.description).toMatch(/never downloaded into WorkSpace/);

		nock(BASE).get('/v1/legacy-portal/documents/ld_1009').reply(200, LEGACY);
		nock(BASE)
			.get('/v1/legacy-portal/documents/ld_1009/content')
			.reply(410, {
				error: {
					code: 'content_expired',
					message: 'removed',
					details: { workspace_document_id: 'wd_1004' },
				},
			});
		const off = await run(params({ useWorkspaceCopy: false })).catch((e) => e);
		expect(off.description).toMatch(/Turn on "Use WorkSpace Copy If Removed"/);
	});
});

describe('list search', () => {
	test('clients by name (server-side), contacts without hidden ones, users by e-mail', async () => {
		const o = { node, credentials };
		nock(BASE)
			.get('/v1/workspace/clients')
			.query({ name: 'flo', page: 1, per_page: 100 })
			.reply(200, page([{ id: 'wc_1006', name: 'Flores Dental PC' }], 2));
		expect(await runMethod(o, 'listSearch', 'searchWorkspaceClients', 'flo')).toEqual({
			results: [{ name: 'Flores Dental PC (wc_1006)', value: 'wc_1006' }],
			paginationToken: '2',
		});
		nock(BASE)
			.get('/v1/legacy-portal/contacts')
			.query({ hidden: 'false', page: 1, per_page: 100 })
			.reply(
				200,
				page([
					{ id: 'lc_1006', display_name: 'Ruth Dunn', email: null },
					{ id: 'lc_1001', display_name: 'Maria Alvarez', email: 'm@x.example' },
				]),
			);
		expect((await runMethod(o, 'listSearch', 'searchLegacyContacts', 'ruth')).results).toEqual([
			{ name: 'Ruth Dunn (no e-mail)', value: 'lc_1006' },
		]);
		nock(BASE)
			.get('/v1/firm-portal/users')
			.query({ page: 3, per_page: 100 })
			.reply(200, page([{ id: 'pu_1', first_name: 'A', last_name: 'B', email: 'ab@x.example' }]));
		expect(await runMethod(o, 'listSearch', 'searchPortalUsers', 'AB@', '3')).toEqual({
			results: [{ name: 'A B (ab@x.example)', value: 'pu_1' }],
			paginationToken: undefined,
		});
	});
});
