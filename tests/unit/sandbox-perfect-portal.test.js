'use strict';

// The Perfect Portal emulator against docs/api/perfect-portal.md, over real HTTP: auth, every endpoint,
// the list conventions (envelope, keyset feeds, created_since), validation and business-rule errors, idempotent
// writes, documents, the seed's facts (times relative to the seed time, ids fixed) and bulk generation.

const crypto = require('node:crypto');
const { startSandbox } = require('../../sandbox/server');
const { sandboxClient, adminClient } = require('../helpers/sandbox-client');
const pp = require('../../sandbox/systems/perfect-portal');
const { seed, generate } = require('../../sandbox/systems/perfect-portal/seed');
const { createRng } = require('../../sandbox/lib/rng');

const F = pp.SEED_FACTS;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let sb;
let base;

const { call, get, post, put, patch } = sandboxClient({
	base: () => base,
	auth: ({ key = F.demoKey }) => (key ? { Authorization: `Bearer ${key}` } : {}),
});
const admin = adminClient(() => sb.url);
const state = async () => (await admin('GET', '/__admin/state/perfect-portal')).body;
const fieldsOf = (res) => res.body.error.details.fields;
const fieldCodes = (res) => fieldsOf(res).map((f) => `${f.field}:${f.code}`);
const sha256 = (b) => crypto.createHash('sha256').update(b).digest('hex');
const iso = (ms) => new Date(ms).toISOString();

/** Walks a sync feed with the keyset (updated_since + after_id), the gap-free way. */
async function keysetWalk(path, perPage, idOf = (r) => r.id) {
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
		cursor = { updated_at: last.updated_at, id: idOf(last) };
	}
}

function uploadForm(bytes, fileName, type, fields = {}) {
	const form = new FormData();
	for (const [k, v] of Object.entries(fields)) form.append(k, v);
	form.append('file', new Blob([bytes], { type }), fileName);
	return form;
}

beforeAll(async () => {
	sb = await startSandbox({ port: 0, rateLimit: false });
	base = sb.systems['perfect-portal'];
});
afterAll(() => sb.close());
beforeEach(() => admin('POST', '/__admin/reset', {}));

describe('auth and /v1/me', () => {
	test('wrong, missing or wrong-scheme key → 401 envelope without the key', async () => {
		for (const headers of [
			{ Authorization: 'Bearer pp_wrong_key_123' },
			{ Authorization: `ApiKey ${F.demoKey}` },
			{},
		]) {
			const res = await get('/v1/me', { key: null, headers });
			expect(res.status).toBe(401);
			expect(res.body).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
			expect(res.headers.get('www-authenticate')).toBe('Bearer');
			expect(JSON.stringify(res.body)).not.toContain('pp_wrong_key_123');
		}
		// Another system's demo key is not a Perfect Portal key.
		expect((await get('/v1/me', { key: 'cp_demo_8b2e61d94a07' })).status).toBe(401);
	});

	test('/v1/me names the firm, region, the key’s service user and scopes; the canary key works', async () => {
		const me = await get('/v1/me');
		expect(me.status).toBe(200);
		expect(me.body).toEqual({
			firm_id: F.firm.id,
			firm_name: F.firm.name,
			region: 'uk',
			user: { id: expect.any(String), name: expect.any(String), email: expect.any(String) },
			scopes: expect.arrayContaining(['cases:read']),
		});
		const canary = await get('/v1/me', { key: F.canaryKey });
		expect(canary.status).toBe(200);
		expect(canary.body.user.name).not.toBe(me.body.user.name);
	});

	test('rate limit: burst 10, then 429 + Retry-After', async () => {
		const limited = await startSandbox({ port: 0 });
		try {
			const url = `${limited.systems['perfect-portal']}/v1/me`;
			const statuses = [];
			for (let i = 0; i < 12; i++) {
				const res = await fetch(url, { headers: { Authorization: `Bearer ${F.demoKey}` } });
				statuses.push(res.status);
				if (res.status === 429) {
					expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
					expect((await res.json()).error.code).toBe('rate_limited');
				} else await res.json();
			}
			expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
			expect(statuses).toContain(429);
		} finally {
			await limited.close();
		}
	});
});

describe('seed', () => {
	test('same anchor → same state; another anchor shifts every time by the same amount, ids unchanged', () => {
		const anchor = Date.UTC(2025, 5, 30, 12, 0);
		const a = seed(createRng(7), { anchorMs: anchor });
		const b = seed(createRng(7), { anchorMs: anchor });
		expect(JSON.stringify(a)).toBe(JSON.stringify(b));
		const c = seed(createRng(7), { anchorMs: anchor + 3 * DAY });
		expect(c.cases.map((x) => x.case_id)).toEqual(a.cases.map((x) => x.case_id));
		a.cases.forEach((x, i) => {
			expect(Date.parse(c.cases[i].created_at) - Date.parse(x.created_at)).toBe(3 * DAY);
			expect(Date.parse(c.cases[i].updated_at) - Date.parse(x.updated_at)).toBe(3 * DAY);
		});
		expect(a.anchor).toBe(iso(anchor));
	});

	test('the anchor is the seed time rounded down to the minute; nothing is in the future', async () => {
		const s = await state();
		const anchor = Date.parse(s.anchor);
		expect(anchor % 60000).toBe(0);
		expect(Date.now() - anchor).toBeLessThan(5 * 60000);
		for (const c of s.cases) {
			expect(Date.parse(c.created_at)).toBeLessThanOrEqual(anchor);
			expect(Date.parse(c.updated_at)).toBeLessThanOrEqual(anchor);
			expect(Date.parse(c.updated_at)).toBeGreaterThanOrEqual(Date.parse(c.created_at));
		}
	});

	test('SEED_FACTS match the state', async () => {
		const s = await state();
		const anchor = Date.parse(s.anchor);
		expect(s.cases.map((c) => c.case_id)).toEqual(F.caseIds);
		const within = (days) =>
			s.cases.filter((c) => anchor - Date.parse(c.created_at) < days * DAY).map((c) => c.case_id);
		expect(within(1)).toEqual(F.createdWithin.day);
		expect(within(7)).toEqual(F.createdWithin.week);
		expect(within(30)).toEqual(F.createdWithin.month);
		expect(within(90)).toEqual(F.createdWithin.quarter);
		expect(F.createdWithin.day.length).toBeGreaterThanOrEqual(2);
		const byId = new Map(s.cases.map((c) => [c.case_id, c]));
		expect(byId.get(F.dps.missingAppCode[0]).app_code).toBeNull();
		expect(byId.get(F.dps.missingFeeEarnerCode[0]).fee_earner.code).toBeNull();
		expect(
			byId.get(F.dps.noClients[0]).clients_contacts.filter((p) => p.type === 'client'),
		).toEqual([]);
		expect(byId.get(F.cancelledCaseId).status).toBe('cancelled');
		expect(byId.get(F.caseManagementOriginCaseId).origin).toBe('case_management');
		expect(byId.get(F.linkedCaseId).case_management_link.matter_ref).toBe(F.linkedMatterRef);
		for (const id of F.twoClientCaseIds)
			expect(byId.get(id).clients_contacts.filter((p) => p.type === 'client')).toHaveLength(2);
		for (const id of F.twoPropertyCaseIds) expect(byId.get(id).properties).toHaveLength(2);
		for (const id of F.dps.importable) {
			const c = byId.get(id);
			expect(c.app_code).toBeTruthy();
			expect(c.fee_earner.code).toBeTruthy();
			expect(c.branch.code).toBeTruthy();
			expect(c.matter_details).toBeTruthy();
			const client = c.clients_contacts.find((p) => p.type === 'client');
			expect(client.address.line1 && client.address.postcode).toBeTruthy();
		}
		for (const [leadId, caseId] of Object.entries(F.convertedTo)) {
			const lead = s.leads.find((l) => l.id === leadId);
			expect(lead).toEqual(
				expect.objectContaining({ status: 'converted', converted_case_id: caseId }),
			);
			const c = byId.get(caseId);
			expect(lead.kind === 'quote' ? c.source_quote_id : c.source_lead_id).toBe(leadId);
		}
		expect(s.leads.filter((l) => l.kind === 'quote')).toHaveLength(F.quoteCount);
		expect(s.leads.filter((l) => l.kind === 'enquiry')).toHaveLength(F.enquiryCount);
		// A quote PDF per quote, with bytes matching size and hash.
		const quotePdfs = s.documents.filter((d) => d.kind === 'quote_pdf');
		expect(quotePdfs).toHaveLength(F.quoteCount);
		for (const d of s.documents) {
			const bytes = Buffer.from(d.content_base64, 'base64');
			expect(d.size_bytes).toBe(bytes.length);
			expect(d.sha256).toBe(sha256(bytes));
		}
		const shared = F.sharedUpdatedAt.caseIds.map((id) => byId.get(id).updated_at);
		expect(new Set(shared).size).toBe(1);
	});

	test('generate: 2,000 importable cases, ids continuing', () => {
		const s = seed(createRng(1));
		const out = generate(s, createRng(2), { cases: 2000 });
		expect(out).toEqual(
			expect.objectContaining({
				added: { cases: 2000 },
				first_id: 'PP-104529',
				last_id: 'PP-106528',
			}),
		);
		expect(s.cases).toHaveLength(F.caseCount + 2000);
		expect(new Set(s.cases.map((c) => c.case_id)).size).toBe(s.cases.length);
		const anchor = Date.parse(s.anchor);
		for (const c of s.cases.slice(F.caseCount)) {
			expect(anchor - Date.parse(c.created_at)).toBeLessThanOrEqual(90 * DAY);
			expect(c.app_code && c.fee_earner.code && c.clients_contacts.length).toBeTruthy();
		}
		expect(() => generate(s, createRng(3), { cases: -1 })).toThrow(/invalid fields/);
	});

	test('PUT /__admin/state: a hand-trimmed state keeps ids increasing', async () => {
		const s = await state();
		s.cases = s.cases.slice(-2);
		delete s.next_ids;
		expect((await admin('PUT', '/__admin/state/perfect-portal', s)).status).toBe(200);
		expect((await get('/v1/cases?per_page=200')).body.meta.total).toBe(2);
		const made = await post(`/v1/quotes/${F.quotes.open[0]}/convert`, {
			person_responsible_id: 'st_1',
		});
		expect(made.status).toBe(201);
		expect(made.body.case_id).toBe(`PP-${Number(F.lastCaseId.slice(3)) + 1}`);
		const partyIds = s.leads.flatMap((l) => l.clients_contacts).map((p) => Number(p.id.slice(3)));
		expect(Number(made.body.clients_contacts[0].id.slice(3))).toBeGreaterThan(
			Math.max(...partyIds),
		);
	});

	test('POST /__admin/seed/perfect-portal adds cases the API serves', async () => {
		const res = await admin('POST', '/__admin/seed/perfect-portal', { cases: 300 });
		expect(res.status).toBe(200);
		expect(res.body.totals.cases).toBe(F.caseCount + 300);
		const all = await keysetWalk('/v1/cases', 200, (c) => c.case_id);
		expect(all).toHaveLength(F.caseCount + 300);
		expect(new Set(all.map((c) => c.case_id)).size).toBe(all.length);
	});
});

describe('cases', () => {
	test('list: envelope, CaseSummary fields, feed order, paging bounds', async () => {
		const res = await get('/v1/cases?per_page=5');
		expect(res.status).toBe(200);
		expect(res.body.meta).toEqual({ page: 1, per_page: 5, total: F.caseCount, next_page: 2 });
		expect(Object.keys(res.body.data[0]).sort()).toEqual(
			[
				'case_id',
				'status',
				'work_type',
				'app_code',
				'fee_earner',
				'branch',
				'matter_details',
				'primary_client_name',
				'case_management_target',
				'case_management_link',
				'created_at',
				'updated_at',
			].sort(),
		);
		const all = (await get('/v1/cases?per_page=200')).body.data;
		const keys = all.map((c) => [Date.parse(c.updated_at), c.case_id]);
		const sorted = [...keys].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1));
		expect(keys).toEqual(sorted);
		expect(fieldCodes(await get('/v1/cases?per_page=201'))).toEqual(['per_page:out_of_range']);
		expect(fieldCodes(await get('/v1/cases?page=0'))).toEqual(['page:out_of_range']);
	});

	test('created_since: "within the last 7 days" = now − 7 d; invalid and future values are 400', async () => {
		for (const [days, ids] of [
			[1, F.createdWithin.day],
			[7, F.createdWithin.week],
			[30, F.createdWithin.month],
		]) {
			const res = await get(`/v1/cases?per_page=200&created_since=${iso(Date.now() - days * DAY)}`);
			expect(res.body.data.map((c) => c.case_id).sort()).toEqual([...ids].sort());
		}
		expect(fieldCodes(await get('/v1/cases?created_since=2025-01-01'))).toEqual([
			'created_since:invalid_format',
		]);
		expect(fieldCodes(await get('/v1/cases?created_since=2025-01-01T00:00:00+01:00'))).toEqual([
			'created_since:invalid_format',
		]);
		expect(fieldCodes(await get(`/v1/cases?created_since=${iso(Date.now() + HOUR)}`))).toEqual([
			'created_since:out_of_range',
		]);
		expect(fieldCodes(await get(`/v1/cases?updated_since=${iso(Date.now() + HOUR)}`))).toEqual([
			'updated_since:out_of_range',
		]);
		expect(fieldCodes(await get('/v1/cases?after_id=PP-104501'))).toEqual([
			'updated_since:required',
		]);
	});

	test('keyset walk over shared updated_at ties returns every case once', async () => {
		const all = await keysetWalk('/v1/cases', 2, (c) => c.case_id);
		expect(all.map((c) => c.case_id).sort()).toEqual([...F.caseIds].sort());
		const s = await state();
		const tie = s.cases.find((c) => c.case_id === F.sharedUpdatedAt.caseIds[0]).updated_at;
		const after = await get(
			`/v1/cases?per_page=200&updated_since=${tie}&after_id=${F.sharedUpdatedAt.caseIds[0]}`,
		);
		const ids = after.body.data.map((c) => c.case_id);
		expect(ids).not.toContain(F.sharedUpdatedAt.caseIds[0]);
		expect(ids).toEqual(expect.arrayContaining(F.sharedUpdatedAt.caseIds.slice(1)));
	});

	test('filters: status list, target, link, quote_id / lead_id', async () => {
		const statuses = (await get('/v1/cases?per_page=200&status=completed,cancelled')).body.data;
		expect(statuses.map((c) => c.case_id).sort()).toEqual(
			[...F.statuses.completed, ...F.statuses.cancelled].sort(),
		);
		expect(fieldCodes(await get('/v1/cases?status=closed'))).toEqual(['status:invalid_value']);
		const smokeball = (await get('/v1/cases?per_page=200&case_management_target=smokeball')).body
			.data;
		expect(smokeball.map((c) => c.case_id).sort()).toEqual([...F.cmsTargets.smokeball].sort());
		const linked = (await get('/v1/cases?has_case_management_link=true')).body.data;
		expect(linked.map((c) => c.case_id)).toEqual([F.linkedCaseId]);
		expect(fieldCodes(await get('/v1/cases?has_case_management_link=yes'))).toEqual([
			'has_case_management_link:invalid_value',
		]);
		const [quoteId, caseId] = Object.entries(F.convertedTo).find(([id]) => id.startsWith('qt_'));
		expect((await get(`/v1/cases?quote_id=${quoteId}`)).body.data.map((c) => c.case_id)).toEqual([
			caseId,
		]);
		const [leadId, leadCase] = Object.entries(F.convertedTo).find(([id]) => id.startsWith('enq_'));
		expect((await get(`/v1/cases?lead_id=${leadId}`)).body.data.map((c) => c.case_id)).toEqual([
			leadCase,
		]);
	});

	test('detail: clients and contacts, properties, fees with totals; 404 envelope', async () => {
		const res = await get(`/v1/cases/${F.twoPropertyCaseIds[0]}`);
		expect(res.status).toBe(200);
		const c = res.body;
		expect(c).toEqual(
			expect.objectContaining({
				case_id: F.twoPropertyCaseIds[0],
				origin: 'perfect_portal',
				currency: 'GBP',
				fee_earner: expect.objectContaining({ code: 'JSM' }),
				branch: expect.objectContaining({ code: 'LDS' }),
			}),
		);
		expect(c.properties).toHaveLength(2);
		expect(c.clients_contacts.filter((p) => p.type !== 'client').length).toBeGreaterThan(0);
		const cents = (v) => Math.round(Number(v) * 100);
		const sum = (section) =>
			c.fees.filter((f) => f.section === section).reduce((n, f) => n + cents(f.amount), 0);
		expect(cents(c.fee_totals.legal_fees)).toBe(sum('legal_fees'));
		expect(cents(c.fee_totals.disbursements)).toBe(sum('disbursements'));
		expect(cents(c.fee_totals.total)).toBe(
			sum('legal_fees') +
				sum('additional_fees') +
				sum('disbursements') +
				c.fees.reduce((n, f) => n + cents(f.vat_amount), 0),
		);
		for (const f of c.fees)
			expect(f.case_management_category).toBe(
				f.section === 'disbursements' ? 'cost_recoveries' : 'fees',
			);
		const missing = await get('/v1/cases/PP-999999');
		expect(missing.status).toBe(404);
		expect(missing.body.error).toEqual({
			code: 'not_found',
			message: expect.any(String),
			details: { resource: 'case', id: 'PP-999999' },
		});
	});
});

describe('key stages', () => {
	test('the firm’s stages by position; active filter; a case’s history oldest first', async () => {
		const all = (await get('/v1/key-stages')).body.data;
		expect(all.map((k) => k.name)).toEqual(F.keyStages.names);
		expect((await get('/v1/key-stages?active=false')).body.data.map((k) => k.id)).toEqual(
			F.keyStages.inactive,
		);
		const history = (await get(`/v1/cases/${F.statuses.completed[0]}/key-stages`)).body.data;
		expect(history.length).toBeGreaterThan(1);
		const times = history.map((e) => Date.parse(e.reached_at));
		expect(times).toEqual([...times].sort((a, b) => a - b));
		expect(history[0]).toEqual({
			id: expect.any(String),
			key_stage: { id: 'ks_1', name: F.keyStages.first.name },
			reached_at: expect.any(String),
			set_by: { type: 'user', name: expect.any(String) },
			note: null,
		});
	});

	test('set: history entry and updated_at; the same stage again is a no-op', async () => {
		const id = F.createdWithin.week[2];
		const before = (await get(`/v1/cases/${id}`)).body;
		const res = await put(`/v1/cases/${id}/key-stage`, {
			key_stage_id: 'ks_4',
			note: 'Contracts exchanged',
		});
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ id: 'ks_4', name: 'Exchanged', reached_at: expect.any(String) });
		const after = (await get(`/v1/cases/${id}`)).body;
		expect(after.key_stage).toEqual(res.body);
		expect(Date.parse(after.updated_at)).toBeGreaterThan(Date.parse(before.updated_at));
		const history = (await get(`/v1/cases/${id}/key-stages`)).body.data;
		expect(history.at(-1)).toEqual(
			expect.objectContaining({
				note: 'Contracts exchanged',
				set_by: { type: 'api', name: 'Legal Sync Integration' },
			}),
		);
		const again = await put(`/v1/cases/${id}/key-stage`, { key_stage_id: 'ks_4' });
		expect(again.body).toEqual(res.body);
		expect((await get(`/v1/cases/${id}/key-stages`)).body.data).toHaveLength(history.length);
		expect((await get(`/v1/cases/${id}`)).body.updated_at).toBe(after.updated_at);
	});

	test('set: backdated reached_at is kept; validation 400s; 422 for CMS-started and cancelled cases', async () => {
		const id = F.createdWithin.week[0];
		const at = iso(Date.now() - 2 * HOUR).replace(/\.\d{3}Z$/, 'Z');
		const res = await put(`/v1/cases/${id}/key-stage`, { key_stage_id: 'ks_2', reached_at: at });
		expect(Date.parse(res.body.reached_at)).toBe(Date.parse(at));
		expect(
			fieldCodes(await put(`/v1/cases/${id}/key-stage`, { key_stage_id: F.keyStages.inactive[0] })),
		).toEqual(['key_stage_id:unknown_value']);
		expect(fieldCodes(await put(`/v1/cases/${id}/key-stage`, {}))).toEqual([
			'key_stage_id:required',
		]);
		expect(
			fieldCodes(
				await put(`/v1/cases/${id}/key-stage`, {
					key_stage_id: 'ks_3',
					reached_at: iso(Date.now() + DAY),
				}),
			),
		).toEqual(['reached_at:out_of_range']);
		expect(
			fieldCodes(
				await put(`/v1/cases/${id}/key-stage`, { key_stage_id: 'ks_3', note: 'x'.repeat(1001) }),
			),
		).toEqual(['note:too_long']);
		const cms = await put(`/v1/cases/${F.caseManagementOriginCaseId}/key-stage`, {
			key_stage_id: 'ks_2',
		});
		expect([cms.status, cms.body.error.code]).toEqual([422, 'key_stages_unavailable']);
		const cancelled = await put(`/v1/cases/${F.cancelledCaseId}/key-stage`, {
			key_stage_id: 'ks_2',
		});
		expect([cancelled.status, cancelled.body.error.code]).toEqual([422, 'case_not_open']);
		expect((await put('/v1/cases/PP-1/key-stage', { key_stage_id: 'ks_2' })).status).toBe(404);
	});
});

describe('completion and case-management link', () => {
	test('completion: empty default, replace semantics, rules, idempotent PUT', async () => {
		const id = F.completion.none.find((x) => F.dps.importable.includes(x));
		expect((await get(`/v1/cases/${id}/completion`)).body).toEqual({
			status: 'pending',
			exchange_date: null,
			completion_date: null,
			completion_time: null,
			purchase_price: null,
			deposit_amount: null,
			mortgage_advance: null,
			lender_name: null,
			notes: null,
			updated_at: null,
		});
		const body = {
			status: 'exchanged',
			exchange_date: '2025-07-01',
			completion_date: '2025-07-15',
			purchase_price: '250000.00',
			lender_name: 'Halifax',
		};
		const first = await put(`/v1/cases/${id}/completion`, body);
		expect(first.status).toBe(200);
		expect(first.body).toEqual(
			expect.objectContaining({ ...body, completion_time: null, notes: null }),
		);
		const again = await put(`/v1/cases/${id}/completion`, body);
		expect(again.body.updated_at).toBe(first.body.updated_at);
		// Omitted fields become null.
		const replaced = await put(`/v1/cases/${id}/completion`, {
			status: 'exchanged',
			exchange_date: '2025-07-01',
		});
		expect(replaced.body.purchase_price).toBeNull();

		const incomplete = await put(`/v1/cases/${id}/completion`, { status: 'completed' });
		expect([incomplete.status, incomplete.body.error.code]).toEqual([422, 'completion_incomplete']);
		expect(
			fieldCodes(
				await put(`/v1/cases/${id}/completion`, {
					exchange_date: '2025-07-10',
					completion_date: '2025-07-01',
					completion_time: '25:00',
					deposit_amount: '12.5',
				}),
			).sort(),
		).toEqual([
			'completion_date:out_of_range',
			'completion_time:invalid_format',
			'deposit_amount:invalid_format',
		]);
		const cancelled = await put(`/v1/cases/${F.cancelledCaseId}/completion`, {});
		expect([cancelled.status, cancelled.body.error.code]).toEqual([422, 'case_not_open']);
	});

	test('link: set, same again no-op, another matter 409 unless replace', async () => {
		const id = F.dps.importable[0];
		const link = { system: 'dps_one_office', matter_ref: 'SMI001-0001', client_refs: ['SMI001'] };
		const first = await put(`/v1/cases/${id}/case-management-link`, link);
		expect(first.status).toBe(200);
		expect(first.body).toEqual({ ...link, matter_url: null, linked_at: expect.any(String) });
		const updatedAt = (await get(`/v1/cases/${id}`)).body.updated_at;
		expect((await put(`/v1/cases/${id}/case-management-link`, link)).body).toEqual(first.body);
		expect((await get(`/v1/cases/${id}`)).body.updated_at).toBe(updatedAt);
		const clash = await put(`/v1/cases/${id}/case-management-link`, {
			...link,
			matter_ref: 'SMI001-0002',
		});
		expect(clash.status).toBe(409);
		expect(clash.body.error).toEqual(
			expect.objectContaining({
				code: 'link_exists',
				details: expect.objectContaining({ existing_id: 'SMI001-0001' }),
			}),
		);
		const replaced = await put(`/v1/cases/${id}/case-management-link`, {
			...link,
			matter_ref: 'SMI001-0002',
			replace: true,
		});
		expect(replaced.body.matter_ref).toBe('SMI001-0002');
		expect(
			fieldCodes(await put(`/v1/cases/${id}/case-management-link`, { system: 'nope' })).sort(),
		).toEqual(['matter_ref:required', 'system:invalid_value']);
		expect(
			(await get(`/v1/cases?has_case_management_link=false&per_page=200`)).body.data.map(
				(c) => c.case_id,
			),
		).not.toContain(id);
	});
});

describe('fee scales, staff, branches', () => {
	test('fee scales: list without sections, detail with lines and mapping flags', async () => {
		const list = (await get('/v1/fee-scales')).body.data;
		expect(list).toHaveLength(F.feeScales.count);
		expect(list.every((s) => s.sections === null)).toBe(true);
		const detail = (await get(`/v1/fee-scales/${F.feeScales.conveyancing}`)).body;
		for (const [section, mapAll] of Object.entries(F.feeScales.mapAll)) {
			expect(detail.sections[section].map_all_to_case_management).toBe(mapAll);
			expect(detail.sections[section].lines.length).toBeGreaterThan(0);
		}
		const lines = Object.values(detail.sections).flatMap((s) => s.lines);
		expect(lines).toHaveLength(F.feeScales.lineCounts.fs_1);
		expect(lines.filter((l) => !l.mapped_to_case_management).map((l) => l.description)).toEqual(
			F.feeScales.unmappedLineDescriptions,
		);
		expect(lines.some((l) => l.amount === null)).toBe(true);
		expect((await get('/v1/fee-scales/fs_nope')).status).toBe(404);
	});

	test('staff and branches: by name, active and email filters', async () => {
		const staff = (await get('/v1/staff')).body.data;
		expect(staff.map((s) => s.name)).toEqual([...staff.map((s) => s.name)].sort());
		expect((await get('/v1/staff?active=false')).body.data.map((s) => s.id)).toEqual(
			F.staff.inactive,
		);
		const jane = (await get(`/v1/staff?email=${F.staff.janeSmith.email.toUpperCase()}`)).body.data;
		expect(jane).toEqual([expect.objectContaining({ id: 'st_1', code: 'JSM', branch_id: 'br_1' })]);
		const branches = (await get('/v1/branches?active=true')).body.data;
		expect(branches.map((b) => b.id).sort()).toEqual([...F.branches.active].sort());
	});
});

describe('quotes and leads', () => {
	test('quotes and enquiries live under their own paths; status filter', async () => {
		const quotes = (await get('/v1/quotes?per_page=200')).body.data;
		expect(quotes).toHaveLength(F.quoteCount);
		expect(quotes.every((q) => q.kind === 'quote' && /^\d{7}$/.test(q.reference))).toBe(true);
		const leads = (await get('/v1/leads?per_page=200')).body.data;
		expect(leads).toHaveLength(F.enquiryCount);
		expect(leads.every((l) => l.kind === 'enquiry')).toBe(true);
		const open = (await get('/v1/quotes?status=open')).body.data.map((q) => q.id);
		expect(open.sort()).toEqual([...F.quotes.open].sort());
		expect((await get(`/v1/quotes/${F.enquiries.open[0]}`)).status).toBe(404);
		expect((await get(`/v1/leads/${F.quotes.open[0]}`)).status).toBe(404);
		expect((await get(`/v1/quotes/${F.quotes.open[0]}`)).body).toEqual(
			expect.objectContaining({
				id: F.quotes.open[0],
				status: 'open',
				converted_case_id: null,
				fee_totals: expect.any(Object),
			}),
		);
	});

	test('convert: 201 case from the quote; a repeat is 409 already_converted; lost/expired 422; bad ids 400', async () => {
		const quoteId = F.quotes.open[0];
		const quote = (await get(`/v1/quotes/${quoteId}`)).body;
		const res = await post(`/v1/quotes/${quoteId}/convert`, {
			person_responsible_id: 'st_1',
			conversion_notes: 'Client wants completion before Christmas.',
			case_management_target: 'smokeball',
		});
		expect(res.status).toBe(201);
		const c = res.body;
		expect(c).toEqual(
			expect.objectContaining({
				source_quote_id: quoteId,
				source_lead_id: null,
				work_type: quote.work_type,
				app_code: 'CP',
				fee_earner: expect.objectContaining({ id: 'st_1' }),
				branch: expect.objectContaining({ id: 'br_1' }),
				conversion_notes: 'Client wants completion before Christmas.',
				case_management_target: 'smokeball',
				key_stage: expect.objectContaining({ id: 'ks_1' }),
				price: quote.price,
			}),
		);
		expect(c.clients_contacts.map((p) => p.name)).toEqual(
			quote.clients_contacts.map((p) => p.name),
		);
		const after = (await get(`/v1/quotes/${quoteId}`)).body;
		expect(after).toEqual(
			expect.objectContaining({ status: 'converted', converted_case_id: c.case_id }),
		);
		// The quote PDF now shows on the case too.
		const docs = (await get(`/v1/cases/${c.case_id}/documents`)).body.data;
		expect(docs.map((d) => d.kind)).toContain('quote_pdf');

		const again = await post(`/v1/quotes/${quoteId}/convert`, { person_responsible_id: 'st_1' });
		expect(again.status).toBe(409);
		expect(again.body.error).toEqual(
			expect.objectContaining({
				code: 'already_converted',
				details: expect.objectContaining({ existing_id: c.case_id }),
			}),
		);
		for (const id of [F.quotes.lost[0], F.quotes.expired[0]]) {
			const refused = await post(`/v1/quotes/${id}/convert`, { person_responsible_id: 'st_1' });
			expect([refused.status, refused.body.error.code]).toEqual([422, 'lead_not_open']);
		}
		const bad = await post(`/v1/quotes/${F.quotes.open[1]}/convert`, {
			person_responsible_id: F.staff.inactive[0],
			branch_id: F.branches.inactive[0],
			case_management_target: 'clio',
		});
		expect(fieldCodes(bad).sort()).toEqual([
			'branch_id:unknown_value',
			'case_management_target:invalid_value',
			'person_responsible_id:unknown_value',
		]);
		expect(
			(await post('/v1/quotes/qt_999/convert', { person_responsible_id: 'st_1' })).status,
		).toBe(404);
	});

	test('convert an enquiry with an AppCode override and branch', async () => {
		const res = await post(`/v1/leads/${F.enquiries.open[0]}/convert`, {
			person_responsible_id: 'st_2',
			app_code: 'GP',
			branch_id: 'br_1',
		});
		expect(res.status).toBe(201);
		expect(res.body).toEqual(
			expect.objectContaining({
				source_lead_id: F.enquiries.open[0],
				app_code: 'GP',
				branch: expect.objectContaining({ id: 'br_1' }),
				key_stage: null,
				properties: [],
			}),
		);
	});
});

describe('contacts and referrers', () => {
	test('contact create: all failing fields at once; 201; duplicate external_ref 409 with existing_id', async () => {
		const bad = await post('/v1/contacts', { type: 'organisation', email: 'nope' });
		expect(fieldCodes(bad).sort()).toEqual(['company_name:required', 'email:invalid_format']);
		expect(
			fieldCodes(await post('/v1/contacts', { last_name: 'X', email: 'x@example.com' })),
		).toEqual(['type:required']);
		const body = {
			type: 'person',
			first_name: 'Nadia',
			last_name: 'Rahman',
			mobile: '07700 900555',
			address: { line1: '5 Park Row', town: 'Leeds', postcode: 'LS1 5HD' },
			external_ref: 'sb:contact:20001',
			external_system: 'smokeball',
		};
		const created = await post('/v1/contacts', body);
		expect(created.status).toBe(201);
		expect(created.body).toEqual(
			expect.objectContaining({
				...body,
				address: expect.objectContaining({ country: 'GB', line2: null }),
				email: null,
			}),
		);
		const dup = await post('/v1/contacts', body);
		expect(dup.status).toBe(409);
		expect(dup.body.error).toEqual(
			expect.objectContaining({
				code: 'duplicate_external_ref',
				details: expect.objectContaining({ existing_id: created.body.id }),
			}),
		);
		const byRef = (await get('/v1/contacts?external_ref=sb:contact:20001')).body.data;
		expect(byRef.map((c) => c.id)).toEqual([created.body.id]);
		const byName = (await get('/v1/contacts?name=rahm')).body.data;
		expect(byName.map((c) => c.id)).toEqual([created.body.id]);
	});

	test('contact update: partial, rules on the merged record, no stamp when unchanged, 409 on a taken ref', async () => {
		const id = F.contacts.withExternalRef.id;
		const before = (await get(`/v1/contacts/${id}`)).body;
		const res = await patch(`/v1/contacts/${id}`, { email: 'new.address@example.co.uk' });
		expect(res.status).toBe(200);
		expect(res.body).toEqual({
			...before,
			email: 'new.address@example.co.uk',
			updated_at: expect.any(String),
		});
		const same = await patch(`/v1/contacts/${id}`, { email: 'new.address@example.co.uk' });
		expect(same.body.updated_at).toBe(res.body.updated_at);
		expect(fieldCodes(await patch(`/v1/contacts/${id}`, { last_name: '' }))).toEqual([
			'last_name:required',
		]);
		const other = (await get('/v1/contacts?per_page=200')).body.data.find((c) => c.id !== id);
		const clash = await patch(`/v1/contacts/${other.id}`, {
			external_ref: F.contacts.withExternalRef.external_ref,
		});
		expect([clash.status, clash.body.error.code]).toEqual([409, 'duplicate_external_ref']);
		expect((await patch('/v1/contacts/ct_999', { email: 'a@b.co' })).status).toBe(404);
	});

	test('referrers: create, 409, filters, update', async () => {
		const created = await post('/v1/referrers', {
			name: 'Acorn Estates',
			email: 'hello@acorn.example.co.uk',
			external_ref: 'sb:referrer:9',
		});
		expect(created.status).toBe(201);
		expect(created.body).toEqual(
			expect.objectContaining({ name: 'Acorn Estates', active: true, contact_name: null }),
		);
		expect(
			(await post('/v1/referrers', { name: 'Acorn Estates', external_ref: 'sb:referrer:9' }))
				.status,
		).toBe(409);
		expect(fieldCodes(await post('/v1/referrers', {}))).toEqual(['name:required']);
		expect((await get('/v1/referrers?name=acorn')).body.data.map((r) => r.id)).toEqual([
			created.body.id,
		]);
		expect((await get('/v1/referrers?active=false')).body.data.map((r) => r.id)).toEqual(
			F.referrers.inactive,
		);
		const upd = await patch(`/v1/referrers/${created.body.id}`, { active: false });
		expect(upd.body.active).toBe(false);
		expect((await get(`/v1/referrers/${created.body.id}`)).body.active).toBe(false);
	});

	test('strict mode rejects unknown fields', async () => {
		await admin('POST', '/__admin/config', { strict: true });
		const res = await post('/v1/contacts', {
			type: 'person',
			last_name: 'X',
			email: 'x@example.com',
			nickname: 'y',
		});
		expect(fieldCodes(res)).toEqual(['nickname:unknown_field']);
	});
});

describe('documents', () => {
	test('lists by case and quote with filters; download returns the bytes', async () => {
		const caseDocs = (await get(`/v1/cases/${F.documents.withExternalRef.case_id}/documents`)).body
			.data;
		expect(caseDocs.map((d) => d.kind).sort()).toEqual(['client_care', 'other', 'quote_pdf']);
		const byRef = (
			await get(
				`/v1/cases/${F.documents.withExternalRef.case_id}/documents?external_ref=${F.documents.withExternalRef.external_ref}`,
			)
		).body.data;
		expect(byRef).toHaveLength(1);
		const quoteDocs = (await get(`/v1/quotes/${F.quotes.open[0]}/documents?kind=quote_pdf`)).body
			.data;
		expect(quoteDocs).toEqual([
			expect.objectContaining({ kind: 'quote_pdf', quote_id: F.quotes.open[0], case_id: null }),
		]);
		const file = await get(`/v1/documents/${quoteDocs[0].id}/content`);
		expect(file.status).toBe(200);
		expect(file.headers.get('content-type')).toBe('application/pdf');
		expect(file.headers.get('content-disposition')).toContain(quoteDocs[0].file_name);
		expect(sha256(file.body)).toBe(quoteDocs[0].sha256);
		expect((await get('/v1/documents/doc_1/content')).status).toBe(404);
		expect((await get('/v1/cases/PP-1/documents')).status).toBe(404);
	});

	test('upload to a case and a quote; 409 on a repeated ref; 415 for other types; empty file 400', async () => {
		const bytes = crypto.randomBytes(2048);
		const up = await call('POST', `/v1/cases/${F.caseIds[2]}/documents`, {
			form: uploadForm(bytes, 'Signed contract.pdf', 'application/pdf', {
				kind: 'other',
				external_ref: 'n8n:doc:1',
				description: 'Signed',
			}),
		});
		expect(up.status).toBe(201);
		expect(up.body).toEqual(
			expect.objectContaining({
				case_id: F.caseIds[2],
				kind: 'other',
				size_bytes: 2048,
				sha256: sha256(bytes),
				external_ref: 'n8n:doc:1',
			}),
		);
		const dup = await call('POST', `/v1/cases/${F.caseIds[2]}/documents`, {
			form: uploadForm(bytes, 'Signed contract.pdf', 'application/pdf', {
				external_ref: 'n8n:doc:1',
			}),
		});
		expect([dup.status, dup.body.error.code, dup.body.error.details.existing_id]).toEqual([
			409,
			'duplicate_external_ref',
			up.body.id,
		]);
		const quoteUp = await call('POST', `/v1/quotes/${F.quotes.open[0]}/documents`, {
			form: uploadForm(Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'plan.png', 'image/png'),
		});
		expect(quoteUp.body).toEqual(
			expect.objectContaining({ quote_id: F.quotes.open[0], content_type: 'image/png' }),
		);
		const txt = await call('POST', `/v1/cases/${F.caseIds[2]}/documents`, {
			form: uploadForm('hello', 'notes.txt', 'text/plain'),
		});
		expect([txt.status, txt.body.error.code]).toEqual([415, 'unsupported_media_type']);
		expect(txt.body.error.details.allowed).toEqual(F.allowedUploadTypes);
		const empty = await call('POST', `/v1/cases/${F.caseIds[2]}/documents`, {
			form: uploadForm(Buffer.alloc(0), 'a.pdf', 'application/pdf'),
		});
		expect(fieldCodes(empty)).toEqual(['file:invalid_value']);
	});
});

describe('admin helpers', () => {
	test('facts, a user conversion, a user key-stage move, a new lead, a new case, an edit', async () => {
		const facts = await admin('GET', '/__admin/perfect-portal/facts');
		expect(facts.body).toEqual(
			expect.objectContaining({ firstCaseId: F.firstCaseId, anchor: expect.any(String) }),
		);

		const converted = await admin(
			'POST',
			`/__admin/perfect-portal/leads/${F.quotes.open[1]}/convert`,
			{},
		);
		expect(converted.status).toBe(201);
		expect(converted.body.fee_earner.id).toBe('st_1');
		const history = (await get(`/v1/cases/${converted.body.case_id}/key-stages`)).body.data;
		expect(history[0].set_by.type).toBe('user');

		const moved = await admin('PUT', `/__admin/perfect-portal/cases/${F.caseIds[0]}/key-stage`, {
			key_stage_id: 'ks_2',
		});
		expect(moved.body.key_stage.id).toBe('ks_2');

		const lead = await admin('POST', '/__admin/perfect-portal/leads', {
			kind: 'quote',
			first_name: 'Ada',
			last_name: 'Stone',
		});
		expect(lead.body).toEqual(
			expect.objectContaining({
				kind: 'quote',
				status: 'open',
				reference: expect.stringMatching(/^\d{7}$/),
			}),
		);
		expect((await get(`/v1/quotes/${lead.body.id}/documents`)).body.data).toHaveLength(1);

		const made = await admin('POST', '/__admin/perfect-portal/cases', { first_name: 'Zed' });
		expect(made.body).toEqual(
			expect.objectContaining({ case_id: expect.stringMatching(/^PP-\d+$/), status: 'open' }),
		);
		const edited = await admin('PATCH', `/__admin/perfect-portal/cases/${made.body.case_id}`, {
			app_code: null,
		});
		expect(edited.body.app_code).toBeNull();
		const same = await admin('PATCH', `/__admin/perfect-portal/cases/${made.body.case_id}`, {
			app_code: null,
		});
		expect(same.body.updated_at).toBe(edited.body.updated_at);
	});
});
