'use strict';

// The OfficeTools emulator against docs/api/officetools.md, over real HTTP: firm header rules, the
// legacy-portal filters, retention expiry on the sandbox clock, the five migration steps with their 409/410/422
// rules, welcome e-mails, the 2-uploads-in-flight limit, and the seed facts.

const crypto = require('node:crypto');
const { startSandbox } = require('../../sandbox/server');
const { sandboxClient, adminClient } = require('../helpers/sandbox-client');
const officetools = require('../../sandbox/systems/officetools');
const { createRng } = require('../../sandbox/lib/rng');

const F = officetools.SEED_FACTS;
let sb;
let base;

const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');

const { call, get, post, patch, del } = sandboxClient({
	base: () => base,
	auth: ({ key = F.demoKey, firm = F.firmId }) => ({
		...(key ? { Authorization: `Bearer ${key}` } : {}),
		...(firm ? { 'X-Firm-Id': firm } : {}),
	}),
});
const admin = adminClient(() => sb.url);
const state = async () => (await admin('GET', '/__admin/state/officetools')).body;
const fieldsOf = (res) => res.body.error.details.fields;
const idsOf = (res) => res.body.data.map((x) => x.id);
const sorted = (list) => [...list].sort();

function fileForm(
	parts,
	{ bytes = Buffer.from('%PDF-1.4 test\n'), name = 'test.pdf', type = 'application/pdf' } = {},
) {
	const form = new FormData();
	for (const [k, v] of Object.entries(parts)) form.append(k, v);
	if (bytes !== null) form.append('file', new Blob([bytes], type ? { type } : {}), name);
	return form;
}
const upload = (path, parts, file, opts = {}) =>
	call('POST', path, { ...opts, form: fileForm(parts, file) });

const ACTIVATION = {
	subdomain: F.subdomains.free,
	accept_terms: true,
	acknowledge_user_reroute: true,
	display_name: 'Brightline Client Portal',
	primary_color: '#1F4E79',
	notification_recipients: ['office@brightline.example'],
};
const activate = () => post('/v1/firm-portal/activation', ACTIVATION);

async function syncUser(contactId) {
	const res = await post('/v1/firm-portal/users', { legacy_contact_id: contactId });
	expect(res.status).toBe(201);
	return res.body;
}

async function walk(path, perPage) {
	const all = [];
	let cursor = null;
	for (;;) {
		const sep = path.includes('?') ? '&' : '?';
		const q = cursor
			? `&updated_since=${cursor.updated_at}&after_id=${encodeURIComponent(cursor.id)}`
			: '';
		const res = await get(`${path}${sep}per_page=${perPage}${q}`);
		expect(res.status).toBe(200);
		all.push(...res.body.data);
		if (res.body.meta.next_page === null) return all;
		const last = res.body.data[res.body.data.length - 1];
		cursor = { updated_at: last.updated_at, id: last.id };
	}
}

beforeAll(async () => {
	sb = await startSandbox({ port: 0, rateLimit: false });
	base = sb.systems.officetools;
});
afterAll(() => sb.close());
beforeEach(() => admin('POST', '/__admin/reset', {}));

describe('auth, X-Firm-Id and the firm', () => {
	test('a wrong or missing key is 401 before the firm is looked at; the key never shows', async () => {
		for (const key of ['ot_wrong_key_123', null]) {
			const res = await get('/v1/firm', { key });
			expect(res.status).toBe(401);
			expect(res.body.error.code).toBe('unauthenticated');
			expect(res.headers.get('www-authenticate')).toBe('Bearer');
			expect(JSON.stringify(res.body)).not.toContain('ot_wrong_key_123');
		}
	});

	test('missing X-Firm-Id → 400 naming the header; a firm the key may not use → 403 firm_forbidden', async () => {
		for (const firm of [null, '', '   ']) {
			const res = await get('/v1/legacy-portal/documents', { firm });
			expect(res.status).toBe(400);
			expect(res.body.error.code).toBe('validation_failed');
			expect(fieldsOf(res)).toEqual([
				expect.objectContaining({ field: 'X-Firm-Id', code: 'required' }),
			]);
		}
		for (const firm of [F.otherFirmId, 'FIRM-9999']) {
			const res = await get('/v1/firm', { firm });
			expect(res.status).toBe(403);
			expect(res.body.error).toEqual(
				expect.objectContaining({ code: 'firm_forbidden', details: { firm_id: firm } }),
			);
		}
		// The canary key may use both firms.
		expect((await get('/v1/firm', { key: F.canaryKey, firm: F.otherFirmId })).body.firm_id).toBe(
			F.otherFirmId,
		);
		expect((await get('/v1/firm', { key: F.canaryKey })).body.firm_id).toBe(F.firmId);
	});

	test('GET /v1/firm: name, 30-day retention, portal not activated', async () => {
		const res = await get('/v1/firm');
		expect(res.body).toEqual({
			firm_id: F.firmId,
			name: F.firmName,
			legacy_portal: {
				retention_policy: '30_day',
				url: expect.stringContaining('officetoolsportal.com'),
			},
			firm_portal: { status: 'not_activated', subdomain: null },
		});
	});

	test('rate limit 5/s burst 5 per key → 429 with Retry-After', async () => {
		await admin('POST', '/__admin/config', { rateLimits: true });
		expect((await admin('GET', '/__admin/config')).body.rateLimits.officetools).toEqual(
			F.rateLimit,
		);
		const statuses = [];
		for (let i = 0; i < 6; i++) statuses.push(await get('/v1/firm'));
		expect(statuses.slice(0, 5).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
		expect(statuses[5].status).toBe(429);
		expect(statuses[5].headers.get('retry-after')).toBe('1');
	});
});

describe('legacy portal documents', () => {
	test('every document, removed ones included, in (updated_at, id) order; paging and keyset agree', async () => {
		const res = await get('/v1/legacy-portal/documents');
		expect(res.body.meta).toEqual({
			page: 1,
			per_page: 50,
			total: F.documentCount,
			next_page: null,
		});
		expect(sorted(idsOf(res))).toEqual(sorted(F.documentIds));
		const order = res.body.data.map((d) => `${d.updated_at}|${d.id}`);
		expect(order).toEqual([...order].sort());
		const page = await get('/v1/legacy-portal/documents?per_page=5&page=2');
		expect(page.body.meta.next_page).toBe(3);
		expect(idsOf(page)).toEqual(idsOf(res).slice(5, 10));
		const walked = await walk('/v1/legacy-portal/documents', 4);
		expect(walked.map((d) => d.id)).toEqual(idsOf(res));
	});

	test('the migration filters match the seed facts', async () => {
		const q = async (query) => sorted(idsOf(await get(`/v1/legacy-portal/documents?${query}`)));
		expect(await q('downloaded_to_workspace=false&content_available=true')).toEqual(
			sorted(F.toDownloadIds),
		);
		expect(await q('ready_for_deletion=true')).toEqual(sorted(F.readyForDeletionIds));
		expect(await q('kind=invoice')).toEqual(sorted(F.invoiceIds));
		expect(await q('content_available=false')).toEqual(sorted(F.expiredIds));
		expect(await q('migrated=false')).toEqual(sorted(F.documentIds));
		expect(await q('migrated=true')).toEqual([]);
		expect(await q(`legacy_contact_id=lc_1005&legacy_contact_id=lc_1007`)).toEqual(
			sorted([...F.documentsByContact.lc_1005, ...F.documentsByContact.lc_1007]),
		);
		expect(await q('client_id=wc_1006')).toEqual(
			sorted(F.documentsByContact.lc_1008.concat(F.documentsByContact.lc_1009)),
		);
		const all = (await get('/v1/legacy-portal/documents')).body.data;
		for (const d of all) {
			if (F.policy365Ids.includes(d.id))
				expect(d).toEqual(
					expect.objectContaining({
						retention_policy: '365_day',
						retention_expires_at: null,
						content_available: true,
					}),
				);
			else
				expect(Date.parse(d.retention_expires_at) - Date.parse(d.created_at)).toBe(30 * 86400000);
			if (F.expiredIds.includes(d.id)) expect(d.removed_at).toBe(d.retention_expires_at);
			if (F.downloadedIds.includes(d.id)) expect(d.workspace_document_id).toMatch(/^wd_/);
		}
	});

	test('name matches file names and contact names, case-insensitively', async () => {
		const res = await get(`/v1/legacy-portal/documents?name=${F.nameSearch.name.toUpperCase()}`);
		expect(sorted(idsOf(res))).toEqual(sorted(F.nameSearch.ids));
		// "Engagement Letter 2023.pdf" matches only through its contact, Wei Chen.
		expect(idsOf(await get('/v1/legacy-portal/documents?name=wei%20chen'))).toContain('ld_1008');
		expect(idsOf(await get('/v1/legacy-portal/documents?name=1120S'))).toEqual(['ld_1014']);
	});

	test('created_from / created_to: inclusive, a date-only created_to covers the whole day', async () => {
		const all = (await get('/v1/legacy-portal/documents')).body.data;
		const doc = all.find((d) => d.id === 'ld_1014');
		const day = doc.created_at.slice(0, 10);
		expect(
			idsOf(await get(`/v1/legacy-portal/documents?created_from=${day}&created_to=${day}`)),
		).toEqual(['ld_1014']);
		expect(idsOf(await get(`/v1/legacy-portal/documents?created_to=${doc.created_at}`))).toEqual([
			'ld_1014',
		]);
		const from = '2023-01-01';
		const expected = all.filter((d) => d.created_at >= `${from}T00:00:00.000Z`).map((d) => d.id);
		expect(sorted(idsOf(await get(`/v1/legacy-portal/documents?created_from=${from}`)))).toEqual(
			sorted(expected),
		);

		const bad = await get(
			'/v1/legacy-portal/documents?created_from=2023-01-10&created_to=2023-01-09',
		);
		expect(bad.status).toBe(400);
		expect(fieldsOf(bad)).toEqual([
			expect.objectContaining({ field: 'created_from', code: 'out_of_range' }),
		]);
		const many = await get(
			'/v1/legacy-portal/documents?created_to=yesterday&kind=memo&migrated=maybe&per_page=0',
		);
		expect(
			fieldsOf(many)
				.map((f) => f.field)
				.sort(),
		).toEqual(['created_to', 'kind', 'migrated', 'per_page']);
	});

	test('get one, 404; content: bytes with sha256 and a UTF-8 file name; removed content → 410', async () => {
		const one = await get(`/v1/legacy-portal/documents/${F.unicodeDocumentId}`);
		expect(one.body.file_name).toBe(F.unicodeFileName);
		const content = await get(`/v1/legacy-portal/documents/${F.unicodeDocumentId}/content`);
		expect(content.status).toBe(200);
		expect(sha256(content.body)).toBe(one.body.sha256);
		expect(content.body.length).toBe(one.body.size_bytes);
		expect(content.headers.get('content-type')).toBe('application/pdf');
		expect(content.headers.get('content-disposition')).toContain("filename*=UTF-8''W-2%20Acme");

		const missing = await get('/v1/legacy-portal/documents/ld_0000');
		expect(missing.status).toBe(404);
		expect(missing.body.error).toEqual(
			expect.objectContaining({
				code: 'not_found',
				details: { resource: 'legacy_document', id: 'ld_0000' },
			}),
		);

		const [inWs] = F.expiredInWorkspaceIds;
		const gone = await get(`/v1/legacy-portal/documents/${inWs}/content`);
		expect(gone.status).toBe(410);
		expect(gone.body.error.code).toBe('content_expired');
		expect(gone.body.error.details.workspace_document_id).toMatch(/^wd_/);
		const wsCopy = await get(
			`/v1/workspace/documents/${gone.body.error.details.workspace_document_id}/content`,
		);
		expect(sha256(wsCopy.body)).toBe(
			(await get(`/v1/legacy-portal/documents/${inWs}`)).body.sha256,
		);
		const lost = await get(`/v1/legacy-portal/documents/${F.lostIds[0]}/content`);
		expect(lost.status).toBe(410);
		expect(lost.body.error.details.workspace_document_id).toBeNull();
	});

	test('DELETE: 422 document_not_secured without force, 204 with it; content gone, record kept; idempotent', async () => {
		const unsecured = F.toDownloadIds.find((id) => !F.invoiceIds.includes(id));
		const refused = await del(`/v1/legacy-portal/documents/${unsecured}`);
		expect(refused.status).toBe(422);
		expect(refused.body.error.code).toBe('document_not_secured');
		expect((await get(`/v1/legacy-portal/documents/${unsecured}`)).body.content_available).toBe(
			true,
		);

		const forced = await del(`/v1/legacy-portal/documents/${unsecured}?force=true`);
		expect(forced.status).toBe(204);
		expect(forced.body.length).toBe(0);
		const after = (await get(`/v1/legacy-portal/documents/${unsecured}`)).body;
		expect(after).toEqual(
			expect.objectContaining({ content_available: false, removed_at: expect.any(String) }),
		);
		expect(
			(await get(`/v1/legacy-portal/documents/${unsecured}/content`)).body.error.message,
		).toMatch(/deleted/);

		const ready = F.readyForDeletionIds[0];
		expect((await del(`/v1/legacy-portal/documents/${ready}`)).status).toBe(204);
		const stamped = (await get(`/v1/legacy-portal/documents/${ready}`)).body;
		expect((await del(`/v1/legacy-portal/documents/${ready}`)).status).toBe(204);
		expect((await get(`/v1/legacy-portal/documents/${ready}`)).body.updated_at).toBe(
			stamped.updated_at,
		);
		expect((await del(`/v1/legacy-portal/documents/${F.lostIds[0]}`)).status).toBe(204);
		expect((await del('/v1/legacy-portal/documents/ld_0000')).status).toBe(404);
		expect(fieldsOf(await del(`/v1/legacy-portal/documents/${ready}?force=yes`))[0].field).toBe(
			'force',
		);
	});
});

describe('retention expiry on the sandbox clock', () => {
	test('the clock starts at SEED_NOW; advancing it removes near-expiry content, 365-day files stay', async () => {
		const clock = (await admin('GET', '/__admin/officetools/clock')).body;
		expect(Date.parse(clock.now) - Date.parse(F.seedNow)).toBeLessThan(60000);
		const [soonest, next] = F.nearExpiry;
		expect(soonest.hours_left).toBeLessThanOrEqual(6);
		const before = (await get(`/v1/legacy-portal/documents/${soonest.id}`)).body;
		expect(before).toEqual(
			expect.objectContaining({
				content_available: true,
				retention_expires_at: soonest.retention_expires_at,
			}),
		);

		const moved = await admin('POST', '/__admin/officetools/clock', {
			advance_hours: soonest.hours_left + 1,
		});
		expect(moved.status).toBe(200);
		expect(moved.body.removed).toEqual([{ firm_id: F.firmId, id: soonest.id }]);
		const after = (await get(`/v1/legacy-portal/documents/${soonest.id}`)).body;
		expect(after).toEqual(
			expect.objectContaining({
				content_available: false,
				removed_at: soonest.retention_expires_at,
			}),
		);
		expect(after.updated_at > before.updated_at).toBe(true);
		expect((await get(`/v1/legacy-portal/documents/${soonest.id}/content`)).status).toBe(410);
		expect((await get(`/v1/legacy-portal/documents/${next.id}/content`)).status).toBe(200);
		// An incremental reader sees the removal.
		const feed = await get(`/v1/legacy-portal/documents?updated_since=${before.updated_at}`);
		expect(idsOf(feed)).toContain(soonest.id);

		await admin('POST', '/__admin/officetools/clock', { advance_days: 400 });
		const left = await get('/v1/legacy-portal/documents?content_available=true');
		expect(idsOf(left)).toEqual(F.policy365Ids);
		expect((await admin('POST', '/__admin/officetools/clock', { advance_days: -1 })).status).toBe(
			400,
		);
	});
});

test('responses carry the sandbox clock in their Date header, so clients see retention time as it runs', async () => {
	const serverNow = async (path) => Date.parse((await get(path)).headers.get('date'));
	const near = (ms, expected) => expect(Math.abs(ms - expected)).toBeLessThan(60000);
	near(await serverNow('/v1/legacy-portal/documents?per_page=1'), Date.parse(F.seedNow));
	near(
		await serverNow(`/v1/legacy-portal/documents/${F.documentIds[0]}/content`),
		Date.parse(F.seedNow),
	);
	await admin('POST', '/__admin/officetools/clock', { advance_days: 2 });
	near(await serverNow('/v1/firm'), Date.parse(F.seedNow) + 2 * 86400000);
});

describe('legacy contacts', () => {
	test('hidden filter, e-mail (case-insensitive), client, migrated; get and 404', async () => {
		const all = await get('/v1/legacy-portal/contacts');
		expect(all.body.meta.total).toBe(F.contactCount);
		expect(sorted(idsOf(await get('/v1/legacy-portal/contacts?hidden=false')))).toEqual(
			sorted(F.visibleContactIds),
		);
		expect(sorted(idsOf(await get('/v1/legacy-portal/contacts?hidden=true')))).toEqual(
			sorted(F.hiddenContactIds),
		);
		expect(
			sorted(
				idsOf(await get(`/v1/legacy-portal/contacts?email=${F.sharedEmail.email.toUpperCase()}`)),
			),
		).toEqual(F.sharedEmail.contactIds);
		expect(idsOf(await get('/v1/legacy-portal/contacts?client_id=wc_1002'))).toEqual(
			expect.arrayContaining(['lc_1003', 'lc_1004']),
		);
		expect((await get('/v1/legacy-portal/contacts?migrated=false')).body.meta.total).toBe(
			F.contactCount,
		);
		const one = await get('/v1/legacy-portal/contacts/lc_1006');
		expect(one.body).toEqual(
			expect.objectContaining({
				id: 'lc_1006',
				email: null,
				hidden: false,
				firm_portal_user_id: null,
				display_name: F.contacts.lc_1006.display_name,
			}),
		);
		expect((await get('/v1/legacy-portal/contacts/lc_0000')).status).toBe(404);
		expect((await get('/v1/legacy-portal/contacts?hidden=yes')).status).toBe(400);
	});
});

describe('WorkSpace', () => {
	test('clients sorted by name, filtered by name; a client’s documents by legacy id and folder', async () => {
		const clients = await get('/v1/workspace/clients');
		expect(clients.body.data.map((c) => c.name)).toEqual(F.clientNamesSorted);
		expect(clients.body.data[0].legacy_contact_ids).toEqual(F.sharedEmail.contactIds);
		expect(idsOf(await get('/v1/workspace/clients?name=FLORES'))).toEqual(['wc_1006']);
		const docs = await get('/v1/workspace/clients/wc_1001/documents');
		expect(docs.body.data.map((d) => d.legacy_document_id).sort()).toEqual(
			[null, 'ld_1001'].sort(),
		);
		expect(
			idsOf(await get('/v1/workspace/clients/wc_1001/documents?folder=Tax%20Returns')),
		).toEqual([F.ownWorkspaceDocumentId]);
		expect(
			(await get('/v1/workspace/clients/wc_1001/documents?legacy_document_id=ld_1001')).body.data,
		).toHaveLength(1);
		expect((await get('/v1/workspace/clients/wc_0000/documents')).status).toBe(404);
		expect((await get('/v1/workspace/documents/wd_0000/content')).status).toBe(404);
	});

	test('upload with a legacy id: 201, the legacy document becomes downloaded; a repeat is 409 with existing_id', async () => {
		const bytes = (await get(`/v1/legacy-portal/documents/${F.unicodeDocumentId}/content`)).body;
		const res = await upload(
			'/v1/workspace/clients/wc_1001/documents',
			{ legacy_document_id: F.unicodeDocumentId },
			{ bytes, name: F.unicodeFileName },
		);
		expect(res.status).toBe(201);
		expect(res.body).toEqual(
			expect.objectContaining({
				client_id: 'wc_1001',
				folder: F.defaultFolder,
				file_name: F.unicodeFileName,
				size_bytes: bytes.length,
				sha256: sha256(bytes),
				legacy_document_id: F.unicodeDocumentId,
			}),
		);
		const legacy = (await get(`/v1/legacy-portal/documents/${F.unicodeDocumentId}`)).body;
		expect(legacy).toEqual(
			expect.objectContaining({
				downloaded_to_workspace: true,
				workspace_document_id: res.body.id,
				downloaded_to_workspace_at: res.body.created_at,
			}),
		);
		expect(idsOf(await get('/v1/legacy-portal/documents?ready_for_deletion=true'))).toContain(
			F.unicodeDocumentId,
		);

		const again = await upload(
			'/v1/workspace/clients/wc_1001/documents',
			{ legacy_document_id: F.unicodeDocumentId },
			{ bytes },
		);
		expect(again.status).toBe(409);
		expect(again.body.error).toEqual(
			expect.objectContaining({
				code: 'duplicate_legacy_document_id',
				details: expect.objectContaining({ existing_id: res.body.id }),
			}),
		);
		const seeded = await upload('/v1/workspace/clients/wc_1001/documents', {
			legacy_document_id: 'ld_1001',
		});
		expect(seeded.body.error.details.existing_id).toMatch(/^wd_/);

		const round = await get(`/v1/workspace/documents/${res.body.id}/content`);
		expect(round.body.equals(bytes)).toBe(true);
	});

	test('upload rules: owner_mismatch, unknown legacy id, empty or missing file, folder length, 413', async () => {
		const mismatch = await upload('/v1/workspace/clients/wc_1001/documents', {
			legacy_document_id: 'ld_1006',
		});
		expect(mismatch.status).toBe(422);
		expect(mismatch.body.error.code).toBe('owner_mismatch');
		const bad = await upload(
			'/v1/workspace/clients/wc_1001/documents',
			{ legacy_document_id: 'ld_0000', folder: 'x'.repeat(101) },
			{ bytes: Buffer.alloc(0) },
		);
		expect(bad.status).toBe(400);
		expect(
			fieldsOf(bad)
				.map((f) => `${f.field}:${f.code}`)
				.sort(),
		).toEqual(['file:invalid_value', 'folder:too_long', 'legacy_document_id:unknown_value']);
		const none = await upload('/v1/workspace/clients/wc_1001/documents', {}, { bytes: null });
		expect(fieldsOf(none)).toEqual([expect.objectContaining({ field: 'file', code: 'required' })]);
		const plain = await upload('/v1/workspace/clients/wc_1001/documents', {
			folder: 'Staff Files',
		});
		expect(plain.body).toEqual(
			expect.objectContaining({ folder: 'Staff Files', legacy_document_id: null }),
		);

		await admin('POST', '/__admin/officetools/settings', { max_upload_bytes: 1024 });
		const big = await upload(
			'/v1/workspace/clients/wc_1001/documents',
			{},
			{ bytes: Buffer.alloc(2048, 1) },
		);
		expect(big.status).toBe(413);
		expect(big.body.error).toEqual(
			expect.objectContaining({ code: 'file_too_large', details: { max_bytes: 1024 } }),
		);
		const json = await post('/v1/workspace/clients/wc_1001/documents', { file: 'x' });
		expect(json.status).toBe(415);
	});
});

describe('Firm Portal', () => {
	test('status, Verify Link, and user/document writes refused before activation', async () => {
		expect((await get('/v1/firm-portal')).body).toEqual({
			status: 'not_activated',
			subdomain: null,
			portal_url: null,
			activated_at: null,
			legacy_users_rerouted: false,
			branding: { display_name: null, primary_color: null, logo: null },
			notification_recipients: [],
		});
		const check = async (s) =>
			(await get(`/v1/firm-portal/subdomain-availability?subdomain=${s}`)).body;
		expect(await check(F.subdomains.free)).toEqual({
			subdomain: F.subdomains.free,
			available: true,
			reason: null,
		});
		expect(await check(F.subdomains.taken)).toEqual(
			expect.objectContaining({ available: false, reason: 'taken' }),
		);
		expect(await check(F.subdomains.otherFirm)).toEqual(
			expect.objectContaining({ available: false, reason: 'taken' }),
		);
		expect(await check('www')).toEqual(
			expect.objectContaining({ available: false, reason: 'reserved' }),
		);
		expect(await check('Bad_Name')).toEqual(
			expect.objectContaining({ available: false, reason: 'invalid_format' }),
		);
		expect(fieldsOf(await get('/v1/firm-portal/subdomain-availability'))[0]).toEqual(
			expect.objectContaining({ field: 'subdomain', code: 'required' }),
		);

		const user = await post('/v1/firm-portal/users', { legacy_contact_id: 'lc_1001' });
		expect(user.status).toBe(422);
		expect(user.body.error.code).toBe('firm_portal_not_active');
		expect(
			(await upload('/v1/firm-portal/documents', { user_id: 'pu_1001' })).body.error.code,
		).toBe('firm_portal_not_active');
		expect((await patch('/v1/firm-portal/branding', { display_name: 'X' })).status).toBe(422);
	});

	test('activation: 400 lists every bad field, 422 for a taken subdomain, 201, then 409 already_active', async () => {
		const bad = await post('/v1/firm-portal/activation', {
			subdomain: 'Bad_Name',
			acknowledge_user_reroute: false,
			primary_color: 'blue',
			notification_recipients: ['ok@x.example', 'nope'],
		});
		expect(bad.status).toBe(400);
		expect(
			fieldsOf(bad)
				.map((f) => `${f.field}:${f.code}`)
				.sort(),
		).toEqual([
			'accept_terms:required',
			'acknowledge_user_reroute:invalid_value',
			'display_name:required',
			'notification_recipients[1]:invalid_format',
			'primary_color:invalid_format',
			'subdomain:invalid_format',
		]);
		const taken = await post('/v1/firm-portal/activation', {
			...ACTIVATION,
			subdomain: F.subdomains.taken,
		});
		expect(taken.status).toBe(422);
		expect(taken.body.error).toEqual(
			expect.objectContaining({
				code: 'subdomain_unavailable',
				details: { subdomain: 'taken', reason: 'taken' },
			}),
		);
		expect((await get('/v1/firm-portal')).body.status).toBe('not_activated');

		const res = await activate();
		expect(res.status).toBe(201);
		expect(res.body).toEqual(
			expect.objectContaining({
				status: 'active',
				subdomain: F.subdomains.free,
				portal_url: `${base}/portals/${F.subdomains.free}`,
				legacy_users_rerouted: true,
				branding: { display_name: ACTIVATION.display_name, primary_color: '#1F4E79', logo: null },
				notification_recipients: ACTIVATION.notification_recipients,
			}),
		);
		expect((await get('/v1/firm')).body.firm_portal).toEqual({
			status: 'active',
			subdomain: F.subdomains.free,
		});
		const again = await activate();
		expect(again.status).toBe(409);
		expect(again.body.error).toEqual(
			expect.objectContaining({
				code: 'already_active',
				details: expect.objectContaining({ existing_id: F.subdomains.free }),
			}),
		);
		expect(
			(await get(`/v1/firm-portal/subdomain-availability?subdomain=${F.subdomains.free}`)).body
				.reason,
		).toBe('in_use_by_this_firm');
		// The old portal takes no uploads once users are rerouted.
		const late = await admin('POST', '/__admin/officetools/legacy-documents', {
			legacy_contact_id: 'lc_1001',
			file_name: 'late.pdf',
		});
		expect(late.status).toBe(422);
		expect(late.body.error.code).toBe('legacy_portal_closed');
	});

	test('branding PATCH and logo PUT (PNG/JPEG/SVG ≤ 2 MiB)', async () => {
		await activate();
		const b = await patch('/v1/firm-portal/branding', { primary_color: '#00AA00' });
		expect(b.body.branding).toEqual({
			display_name: ACTIVATION.display_name,
			primary_color: '#00AA00',
			logo: null,
		});
		expect(fieldsOf(await patch('/v1/firm-portal/branding', { display_name: '' }))[0].field).toBe(
			'display_name',
		);
		const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(100, 7)]);
		const logo = await call('PUT', '/v1/firm-portal/branding/logo', {
			form: fileForm({}, { bytes: png, name: 'logo.png', type: 'image/png' }),
		});
		expect(logo.status).toBe(200);
		expect(logo.body.branding.logo).toEqual({
			file_name: 'logo.png',
			content_type: 'image/png',
			size_bytes: png.length,
			sha256: sha256(png),
		});
		const gif = await call('PUT', '/v1/firm-portal/branding/logo', {
			form: fileForm({}, { bytes: png, name: 'logo.gif', type: 'image/gif' }),
		});
		expect(gif.status).toBe(415);
		const huge = await call('PUT', '/v1/firm-portal/branding/logo', {
			form: fileForm(
				{},
				{ bytes: Buffer.alloc(2 * 1024 * 1024 + 1), name: 'big.png', type: 'image/png' },
			),
		});
		expect(huge.status).toBe(413);
	});

	test('strict mode rejects unknown fields', async () => {
		await admin('POST', '/__admin/config', { strict: true });
		const res = await post('/v1/firm-portal/activation', { ...ACTIVATION, theme: 'dark' });
		expect(res.status).toBe(400);
		expect(fieldsOf(res)).toEqual([
			expect.objectContaining({ field: 'theme', code: 'unknown_field' }),
		]);
	});
});

describe('portal users and welcome e-mails', () => {
	test('Sync Contact: 201 invited + welcome e-mail; 409 duplicate; hidden, no e-mail, bad e-mail, shared e-mail refused', async () => {
		await activate();
		const user = await syncUser('lc_1001');
		expect(user).toEqual(
			expect.objectContaining({
				legacy_contact_id: 'lc_1001',
				client_id: 'wc_1001',
				email: F.sharedEmail.email,
				first_name: 'Maria',
				last_name: 'Alvarez',
				status: 'invited',
				mfa_enabled: false,
				password_expires_at: null,
				last_login_at: null,
				welcome_email_sent_at: user.created_at,
			}),
		);
		const emails = (await admin('GET', `/__admin/officetools/welcome-emails?firm_id=${F.firmId}`))
			.body;
		expect(emails).toEqual([
			expect.objectContaining({
				firm_id: F.firmId,
				user_id: user.id,
				legacy_contact_id: 'lc_1001',
				to: F.sharedEmail.email,
				subject: `Welcome to ${ACTIVATION.display_name}`,
				portal_url: `${base}/portals/${F.subdomains.free}`,
				sent_at: user.created_at,
			}),
		]);
		expect((await state()).firms[F.firmId].welcome_emails).toHaveLength(1);
		expect((await get('/v1/legacy-portal/contacts/lc_1001')).body.firm_portal_user_id).toBe(
			user.id,
		);
		expect(idsOf(await get('/v1/legacy-portal/contacts?migrated=true'))).toEqual(['lc_1001']);

		const dup = await post('/v1/firm-portal/users', { legacy_contact_id: 'lc_1001' });
		expect(dup.status).toBe(409);
		expect(dup.body.error).toEqual(
			expect.objectContaining({
				code: 'duplicate_legacy_contact_id',
				details: expect.objectContaining({ existing_id: user.id }),
			}),
		);
		const shared = await post('/v1/firm-portal/users', { legacy_contact_id: 'lc_1002' });
		expect(shared.status).toBe(409);
		expect(shared.body.error).toEqual(
			expect.objectContaining({
				code: 'email_in_use',
				details: expect.objectContaining({ existing_id: user.id }),
			}),
		);
		for (const [id, code] of [
			[F.hiddenContactIds[0], 'contact_hidden'],
			[F.noEmailContactIds[0], 'contact_email_invalid'],
			[F.invalidEmailContactIds[0], 'contact_email_invalid'],
		]) {
			const res = await post('/v1/firm-portal/users', { legacy_contact_id: id });
			expect([res.status, res.body.error.code]).toEqual([422, code]);
		}
		expect(
			fieldsOf(await post('/v1/firm-portal/users', { legacy_contact_id: 'lc_0000' }))[0].code,
		).toBe('unknown_value');
		expect(fieldsOf(await post('/v1/firm-portal/users', {}))[0].code).toBe('required');
		// Refusals send no e-mail.
		expect((await state()).firms[F.firmId].welcome_emails).toHaveLength(1);
	});

	test('list by legacy contact, e-mail and client; get; 404; first login activates with a 90-day password', async () => {
		await activate();
		const a = await syncUser('lc_1003');
		const b = await syncUser('lc_1005');
		expect(idsOf(await get('/v1/firm-portal/users?legacy_contact_id=lc_1005'))).toEqual([b.id]);
		expect(idsOf(await get('/v1/firm-portal/users?email=TOM@BAKERPLUMBING.EXAMPLE'))).toEqual([
			a.id,
		]);
		expect(idsOf(await get('/v1/firm-portal/users?client_id=wc_1002'))).toEqual([a.id]);
		expect((await get(`/v1/firm-portal/users/${b.id}`)).body.id).toBe(b.id);
		expect((await get('/v1/firm-portal/users/pu_0000')).status).toBe(404);
		const login = await admin('PATCH', `/__admin/officetools/users/${a.id}`, { login: true });
		expect(login.body.status).toBe('active');
		expect(Date.parse(login.body.password_expires_at) - Date.parse(login.body.last_login_at)).toBe(
			90 * 86400000,
		);
	});
});

describe('portal documents', () => {
	test('upload for a user with the legacy id: sha256 match recorded, legacy migrated; 409 already_uploaded', async () => {
		await activate();
		const user = await syncUser('lc_1001');
		const bytes = (await get(`/v1/legacy-portal/documents/${F.unicodeDocumentId}/content`)).body;
		const res = await upload(
			'/v1/firm-portal/documents',
			{ user_id: user.id, legacy_document_id: F.unicodeDocumentId },
			{ bytes, name: F.unicodeFileName },
		);
		expect(res.status).toBe(201);
		expect(res.body).toEqual(
			expect.objectContaining({
				user_id: user.id,
				client_id: null,
				legacy_document_id: F.unicodeDocumentId,
				display_name: F.unicodeFileName,
				sha256: sha256(bytes),
				size_bytes: bytes.length,
				sha256_matches_legacy: true,
			}),
		);
		expect((await get(`/v1/legacy-portal/documents/${F.unicodeDocumentId}`)).body).toEqual(
			expect.objectContaining({
				migrated_to_firm_portal: true,
				firm_portal_document_id: res.body.id,
			}),
		);
		expect(idsOf(await get('/v1/legacy-portal/documents?migrated=true'))).toEqual([
			F.unicodeDocumentId,
		]);
		expect(idsOf(await get('/v1/legacy-portal/documents?ready_for_deletion=true'))).toContain(
			F.unicodeDocumentId,
		);
		const dup = await upload(
			'/v1/firm-portal/documents',
			{ user_id: user.id, legacy_document_id: F.unicodeDocumentId },
			{ bytes },
		);
		expect(dup.status).toBe(409);
		expect(dup.body.error).toEqual(
			expect.objectContaining({
				code: 'already_uploaded',
				details: expect.objectContaining({ existing_id: res.body.id }),
			}),
		);
		expect(
			idsOf(await get(`/v1/firm-portal/documents?legacy_document_id=${F.unicodeDocumentId}`)),
		).toEqual([res.body.id]);
		expect(idsOf(await get(`/v1/firm-portal/documents?user_id=${user.id}`))).toEqual([res.body.id]);
		expect((await get(`/v1/firm-portal/documents/${res.body.id}/content`)).body.equals(bytes)).toBe(
			true,
		);
		expect((await get('/v1/firm-portal/documents/pd_0000/content')).status).toBe(404);
	});

	test('different bytes are accepted but recorded as not matching; client target; no legacy id → null', async () => {
		await activate();
		const wrong = await upload(
			'/v1/firm-portal/documents',
			{ client_id: 'wc_1003', legacy_document_id: 'ld_1007' },
			{ bytes: Buffer.from('not the same file') },
		);
		expect(wrong.body).toEqual(
			expect.objectContaining({
				client_id: 'wc_1003',
				user_id: null,
				sha256_matches_legacy: false,
			}),
		);
		const plain = await upload('/v1/firm-portal/documents', {
			client_id: 'wc_1003',
			display_name: 'Welcome pack',
		});
		expect(plain.body).toEqual(
			expect.objectContaining({
				legacy_document_id: null,
				sha256_matches_legacy: null,
				display_name: 'Welcome pack',
			}),
		);
	});

	test('rules: user xor client, unknown ids, invoices, owner mismatch, disabled users', async () => {
		await activate();
		const maria = await syncUser('lc_1001');
		const tom = await syncUser('lc_1003');
		const neither = await upload('/v1/firm-portal/documents', {});
		expect(fieldsOf(neither)).toEqual([
			expect.objectContaining({ field: 'user_id', code: 'required' }),
		]);
		const both = await upload('/v1/firm-portal/documents', {
			user_id: maria.id,
			client_id: 'wc_1001',
		});
		expect(fieldsOf(both)).toEqual([
			expect.objectContaining({ field: 'client_id', code: 'invalid_value' }),
		]);
		const unknown = await upload('/v1/firm-portal/documents', {
			user_id: 'pu_0000',
			legacy_document_id: 'ld_0000',
		});
		expect(
			fieldsOf(unknown)
				.map((f) => f.field)
				.sort(),
		).toEqual(['legacy_document_id', 'user_id']);
		const invoice = await upload('/v1/firm-portal/documents', {
			user_id: tom.id,
			legacy_document_id: F.invoiceIds[0],
		});
		expect([invoice.status, invoice.body.error.code]).toEqual([422, 'invoice_not_migratable']);
		const other = await upload('/v1/firm-portal/documents', {
			user_id: maria.id,
			legacy_document_id: 'ld_1007',
		});
		expect([other.status, other.body.error.code]).toEqual([422, 'owner_mismatch']);
		const otherClient = await upload('/v1/firm-portal/documents', {
			client_id: 'wc_1001',
			legacy_document_id: 'ld_1007',
		});
		expect(otherClient.body.error.code).toBe('owner_mismatch');
		await admin('PATCH', `/__admin/officetools/users/${tom.id}`, { status: 'disabled' });
		const disabled = await upload('/v1/firm-portal/documents', {
			user_id: tom.id,
			legacy_document_id: 'ld_1004',
		});
		expect([disabled.status, disabled.body.error.code]).toEqual([422, 'user_disabled']);
	});
});

describe('at most 2 uploads in flight per firm', () => {
	test('a third concurrent upload gets 429 rate_limited with Retry-After; other firms are not affected', async () => {
		await admin('POST', '/__admin/officetools/settings', { upload_processing_ms: 300 });
		const send = (i) => upload('/v1/workspace/clients/wc_1001/documents', { folder: `Batch ${i}` });
		const results = await Promise.all([
			send(1),
			send(2),
			send(3),
			call('POST', '/v1/workspace/clients/wc_2001/documents', {
				key: F.canaryKey,
				firm: F.otherFirmId,
				form: fileForm({}),
			}),
		]);
		const statuses = results.map((r) => r.status);
		expect(statuses.slice(0, 3).sort()).toEqual([201, 201, 429]);
		expect(statuses[3]).toBe(201);
		const refused = results.find((r) => r.status === 429);
		expect(refused.headers.get('retry-after')).toBe('1');
		expect(refused.body.error).toEqual(
			expect.objectContaining({
				code: 'rate_limited',
				details: expect.objectContaining({
					reason: 'uploads_in_flight',
					max_in_flight: 2,
					retry_after_seconds: 1,
				}),
			}),
		);
		const stats = (await state()).firms[F.firmId].upload_stats;
		expect(stats).toEqual({ total: 2, max_in_flight: 2, refused_in_flight: 1 });
		// Slots free again once the uploads finished.
		expect((await send(4)).status).toBe(201);
	});
});

describe('seed, facts, state and bulk generation', () => {
	test('the facts hold for other seed numbers; only bytes differ', async () => {
		const a = officetools.seed(createRng(1));
		const b = officetools.seed(createRng(2));
		const shape = (s) =>
			s.firms[F.firmId].legacy_documents.map((d) => [
				d.id,
				d.kind,
				d.created_at,
				d.content_available,
				d.downloaded_to_workspace,
			]);
		expect(shape(a)).toEqual(shape(b));
		expect(a.firms[F.firmId].legacy_documents[0].sha256).not.toBe(
			b.firms[F.firmId].legacy_documents[0].sha256,
		);
		expect(a.firms[F.firmId].legacy_documents.map((d) => d.id)).toEqual(F.documentIds);
		expect(a.firms[F.firmId].workspace_documents).toHaveLength(F.workspaceDocumentCount);
		expect((await admin('GET', '/__admin/officetools/facts')).body).toEqual(
			JSON.parse(JSON.stringify(F)),
		);
		// WorkSpace copies hold the same bytes as the legacy documents they came from.
		const firm = a.firms[F.firmId];
		for (const ws of firm.workspace_documents.filter((w) => w.legacy_document_id)) {
			expect(ws.sha256).toBe(
				firm.legacy_documents.find((d) => d.id === ws.legacy_document_id).sha256,
			);
		}
	});

	test('state holds no key; PUT state round-trips; reset restores the seed', async () => {
		const s = await state();
		expect(JSON.stringify(s)).not.toContain(F.demoKey);
		expect(JSON.stringify(s)).not.toContain(F.canaryKey);
		s.firms[F.firmId].name = 'Renamed';
		expect((await admin('PUT', '/__admin/state/officetools', s)).status).toBe(200);
		expect((await get('/v1/firm')).body.name).toBe('Renamed');
		await admin('POST', '/__admin/reset', {});
		expect((await get('/v1/firm')).body.name).toBe(F.firmName);
	});

	test('generate adds clients, contacts and documents; a keyset walk sees each once', async () => {
		const res = await admin('POST', '/__admin/seed/officetools', {
			clients: 40,
			contactsPerClient: 2,
			documentsPerContact: 3,
			bytes: 512,
		});
		expect(res.status).toBe(200);
		expect(res.body.added).toEqual(
			expect.objectContaining({ clients: 40, contacts: 80, documents: 240 }),
		);
		expect(res.body.totals.documents).toBe(F.documentCount + 240);
		const walked = await walk('/v1/legacy-portal/documents', 200);
		expect(walked).toHaveLength(F.documentCount + 240);
		expect(new Set(walked.map((d) => d.id)).size).toBe(walked.length);
		const generated = walked.filter((d) => !F.documentIds.includes(d.id));
		expect(generated.every((d) => d.size_bytes >= 512)).toBe(true);
		expect(generated.some((d) => d.downloaded_to_workspace)).toBe(true);
		expect(
			(await admin('POST', '/__admin/seed/officetools', { clients: -1, firm_id: 'FIRM-0' })).status,
		).toBe(400);
	});
});
