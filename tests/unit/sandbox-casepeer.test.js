'use strict';

// The CASEpeer emulator against docs/api/casepeer.md, over real HTTP, and its seed's consistency with
// the Case Status seed.

const crypto = require('node:crypto');
const { startSandbox } = require('../../sandbox/server');
const { sandboxClient, adminClient } = require('../helpers/sandbox-client');
const casepeer = require('../../sandbox/systems/casepeer');
const caseStatus = require('../../sandbox/systems/case-status');
const { createRng } = require('../../sandbox/lib/rng');

const F = casepeer.SEED_FACTS;
const CSF = caseStatus.SEED_FACTS;
let sb;
let base;

/** The toolkit's rule (nodes/shared/validate.ts toE164) for US numbers. */
function toE164(raw) {
	if (typeof raw !== 'string' || !raw.trim()) return null;
	const text = raw.trim();
	const digits = text.replace(/\D/g, '');
	let candidate = null;
	if (text.startsWith('+')) candidate = `+${digits}`;
	else if (digits.length === 11 && digits.startsWith('1')) candidate = `+${digits}`;
	else if (digits.length === 10) candidate = `+1${digits}`;
	return candidate && /^\+[1-9]\d{7,14}$/.test(candidate) ? candidate : null;
}

const { call, get, post, put, del } = sandboxClient({
	base: () => base,
	auth: ({ key = F.demoKey }) => (key ? { Authorization: `Bearer ${key}` } : {}),
});
const admin = adminClient(() => sb.url);
const fieldsOf = (res) => res.body.error.details.fields;

/** Walks a sync feed with the keyset (updated_since + after_id), the gap-free way. */
async function keysetWalk(path, perPage) {
	const all = [];
	let cursor = null;
	let requests = 0;
	for (;;) {
		const sep = path.includes('?') ? '&' : '?';
		const q = cursor
			? `&updated_since=${cursor.updated_at}&after_id=${encodeURIComponent(cursor.id)}`
			: '';
		const res = await get(`${path}${sep}per_page=${perPage}${q}`);
		requests++;
		expect(res.status).toBe(200);
		all.push(...res.body.data);
		if (res.body.meta.next_page === null) return { all, requests };
		const last = res.body.data[res.body.data.length - 1];
		cursor = { updated_at: last.updated_at, id: last.id };
	}
}

const feedOrder = (rows) =>
	rows
		.slice()
		.sort(
			(a, b) =>
				Date.parse(a.updated_at) - Date.parse(b.updated_at) ||
				(typeof a.id === 'number' ? a.id - b.id : a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
		);

beforeAll(async () => {
	sb = await startSandbox({ port: 0, rateLimit: false });
	base = sb.systems.casepeer;
});
afterAll(() => sb.close());
beforeEach(() => admin('POST', '/__admin/reset', {}));

describe('auth and /v1/me', () => {
	test('wrong, missing or wrong-scheme key → 401 envelope without the key', async () => {
		for (const headers of [
			{ Authorization: 'Bearer wrong_key_123' },
			{ Authorization: `ApiKey ${F.demoKey}` },
			{ Authorization: `Token ${F.demoKey}` },
			{},
		]) {
			const res = await get('/v1/me', { key: null, headers });
			expect(res.status).toBe(401);
			expect(res.body).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
			expect(res.headers.get('www-authenticate')).toBe('Bearer');
			expect(JSON.stringify(res.body)).not.toContain('wrong_key_123');
		}
		// The Case Status key is not a CASEpeer key.
		expect((await get('/v1/me', { key: CSF.demoKey })).status).toBe(401);
	});

	test('demo and canary keys work; /v1/me names the firm, host, key and integration', async () => {
		const me = await get('/v1/me');
		expect(me.status).toBe(200);
		expect(me.body).toEqual({
			firm_name: expect.any(String),
			firm_host: 'leadcheck.casepeer.com',
			key_label: expect.any(String),
			integration: 'case_status',
		});
		const canary = await get('/v1/me', { key: F.canaryKey });
		expect(canary.status).toBe(200);
		expect(canary.body.key_label).not.toBe(me.body.key_label);
		expect(JSON.stringify(canary.body)).not.toContain(F.canaryKey);
	});

	test('rate limit: 10/s burst 10 per key → 429 with Retry-After', async () => {
		const limited = await startSandbox({ port: 0 });
		try {
			const statuses = [];
			for (let i = 0; i < 11; i++) {
				const res = await fetch(`${limited.systems.casepeer}/v1/me`, {
					headers: { Authorization: `Bearer ${F.demoKey}` },
				});
				statuses.push(res.status);
				if (res.status === 429) {
					expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
					expect((await res.json()).error.code).toBe('rate_limited');
				} else await res.arrayBuffer();
			}
			expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
			expect(statuses[10]).toBe(429);
		} finally {
			await limited.close();
		}
	});
});

describe('#2 list cases: paging, order, keyset, filters', () => {
	test('default page: every live case, meta, next_page null on the last page', async () => {
		const res = await get('/v1/cases');
		expect(res.status).toBe(200);
		expect(res.body.meta).toEqual({ page: 1, per_page: 50, total: F.caseCount, next_page: null });
		expect(res.body.data).toHaveLength(F.caseCount);
		expect(res.body.data).toEqual(feedOrder(res.body.data));
		expect(new Set(res.body.data.map((c) => c.id))).toEqual(
			new Set([...F.connectedIds, ...F.unconnectedIds]),
		);
	});

	test('page/per_page: next_page counts up, then null; past the end is empty', async () => {
		const pages = [];
		for (let page = 1; page <= 5; page++)
			pages.push(await get(`/v1/cases?page=${page}&per_page=10`));
		expect(pages.map((p) => p.body.meta.next_page)).toEqual([2, 3, 4, null, null]);
		expect(pages.map((p) => p.body.data.length)).toEqual([10, 10, 10, 5, 0]);
		expect(pages[3].body.meta).toEqual({ page: 4, per_page: 10, total: 35, next_page: null });
		const ids = pages.flatMap((p) => p.body.data.map((c) => c.id));
		expect(new Set(ids).size).toBe(F.caseCount);
		const exact = await get('/v1/cases?per_page=35');
		expect(exact.body.meta.next_page).toBeNull();
		expect((await get('/v1/cases?per_page=200')).status).toBe(200);
	});

	test('page and per_page bounds → 400 listing every bad field', async () => {
		for (const [q, field, code] of [
			['per_page=0', 'per_page', 'out_of_range'],
			['per_page=201', 'per_page', 'out_of_range'],
			['page=0', 'page', 'out_of_range'],
			['page=-1', 'page', 'out_of_range'],
			['page=abc', 'page', 'invalid_format'],
			['per_page=1.5', 'per_page', 'invalid_format'],
			['page=1&page=2', 'page', 'invalid_format'],
		]) {
			const res = await get(`/v1/cases?${q}`);
			expect(res.status).toBe(400);
			expect(res.body.error.code).toBe('validation_failed');
			expect(fieldsOf(res)).toEqual([expect.objectContaining({ field, code })]);
		}
		const both = await get('/v1/cases?page=0&per_page=500&status=bogus');
		expect(
			fieldsOf(both)
				.map((f) => f.field)
				.sort(),
		).toEqual(['page', 'per_page', 'status']);
		expect((await get('/v1/stages?per_page=201')).status).toBe(400);
		expect((await get('/v1/documents?page=0')).status).toBe(400);
	});

	test('keyset: updated_since is inclusive, after_id breaks (updated_at, id) ties numerically', async () => {
		const at = F.sharedUpdatedAt.updated_at;
		const tied = [...F.sharedUpdatedAt.ids].sort((a, b) => a - b);
		const from = await get(`/v1/cases?updated_since=${at}&per_page=200`);
		expect(from.body.data.slice(0, 3).map((c) => c.id)).toEqual(tied);
		expect(from.body.data.every((c) => c.updated_at >= at)).toBe(true);
		const after = await get(`/v1/cases?updated_since=${at}&after_id=${tied[0]}&per_page=200`);
		expect(after.body.data.slice(0, 2).map((c) => c.id)).toEqual(tied.slice(1));
		expect(after.body.meta.total).toBe(from.body.meta.total - 1);
		const afterAll = await get(`/v1/cases?updated_since=${at}&after_id=${tied[2]}&per_page=200`);
		expect(afterAll.body.data.every((c) => c.updated_at > at)).toBe(true);
		// Without a fraction the timestamp means .000.
		const noFraction = await get(
			`/v1/cases?updated_since=${at.replace('.000Z', 'Z')}&per_page=200`,
		);
		expect(noFraction.body.meta.total).toBe(from.body.meta.total);
		// Numeric, not string, id order: 100000 sorts after 27925 at the same instant.
		const state = (await admin('GET', '/__admin/state/casepeer')).body;
		const clone = { ...state.cases.find((c) => c.id === tied[0]), id: 100000 };
		state.cases.push(clone);
		await admin('PUT', '/__admin/state/casepeer', state);
		const withBig = await get(`/v1/cases?updated_since=${at}&per_page=4`);
		expect(withBig.body.data.map((c) => c.id)).toEqual([...tied, 100000]);
	});

	test('a keyset walk with small pages sees every case exactly once, in feed order', async () => {
		const { all, requests } = await keysetWalk('/v1/cases', 4);
		expect(all).toHaveLength(F.caseCount);
		expect(new Set(all.map((c) => c.id)).size).toBe(F.caseCount);
		expect(all).toEqual(feedOrder(all));
		expect(requests).toBe(Math.ceil(F.caseCount / 4));
	});

	test('updated_since = lastSyncAt returns exactly the cases changed after the last sync', async () => {
		const res = await get(`/v1/cases?case_status_connected=true&updated_since=${F.lastSyncAt}`);
		expect(res.body.data.map((c) => c.id).sort((a, b) => a - b)).toEqual(F.changedSinceLastSync);
	});

	test('keyset parameter errors', async () => {
		const offset = await get('/v1/cases?updated_since=2025-05-20T14:30:00%2B02:00');
		expect(fieldsOf(offset)).toEqual([
			expect.objectContaining({ field: 'updated_since', code: 'invalid_format' }),
		]);
		const alone = await get('/v1/cases?after_id=27891');
		expect(alone.status).toBe(400);
		expect(fieldsOf(alone)[0]).toMatchObject({ field: 'updated_since', code: 'required' });
		const badId = await get(`/v1/cases?updated_since=${F.lastSyncAt}&after_id=abc`);
		expect(fieldsOf(badId)[0]).toMatchObject({ field: 'after_id', code: 'invalid_format' });
	});

	test('filters: status, case_status_connected, stage_id, practice_area', async () => {
		const closed = await get('/v1/cases?status=closed');
		expect(closed.body.data.map((c) => c.id).sort((a, b) => a - b)).toEqual(
			[...F.closedIds, ...F.divergent.closedInCasepeer].sort((a, b) => a - b),
		);
		const open = await get('/v1/cases?status=open&per_page=200');
		expect(open.body.meta.total + closed.body.meta.total).toBe(F.caseCount);
		const connected = await get('/v1/cases?case_status_connected=true&per_page=200');
		expect(connected.body.data.map((c) => c.id).sort((a, b) => a - b)).toEqual(F.connectedIds);
		const unconnected = await get('/v1/cases?case_status_connected=false');
		expect(unconnected.body.data.map((c) => c.id).sort((a, b) => a - b)).toEqual(F.unconnectedIds);
		const stages = (await get('/v1/stages')).body.data;
		const referred = stages.find((s) => s.name === F.unmappableStage);
		const onReferred = await get(`/v1/cases?stage_id=${referred.id}`);
		expect(onReferred.body.data.map((c) => c.id)).toEqual(F.unconnected.unmappedStage);
		const treatment = await get('/v1/cases?stage_id=stg_4&case_status_connected=true');
		expect(treatment.body.data.every((c) => c.stage.id === 'stg_4')).toBe(true);
		const wc = await get('/v1/cases?practice_area=Workers%20Compensation');
		expect(wc.body.data.length).toBeGreaterThan(0);
		expect(wc.body.data.every((c) => c.practice_area === 'Workers Compensation')).toBe(true);
		for (const q of ['status=on_hold', 'case_status_connected=yes', 'case_status_connected=1']) {
			const res = await get(`/v1/cases?${q}`);
			expect(res.status).toBe(400);
			expect(fieldsOf(res)[0].code).toBe('invalid_value');
		}
	});
});

describe('#3 case detail', () => {
	test('27891 is the contract example case', async () => {
		const res = await get(`/v1/cases/${F.firstCase.id}`);
		expect(res.status).toBe(200);
		const c = res.body;
		expect(Object.keys(c)).toEqual([
			'id',
			'number',
			'name',
			'url',
			'practice_area',
			'case_type',
			'stage',
			'stage_updated_at',
			'status',
			'status_label',
			'incident_date',
			'primary_attorney',
			'staff',
			'clients',
			'case_status_connected',
			'case_status_connected_at',
			'case_status_id',
			'created_at',
			'updated_at',
			'closed_at',
		]);
		expect(c).toMatchObject({
			id: 27891,
			number: F.firstCase.number,
			name: F.firstCase.name,
			url: 'https://leadcheck.casepeer.com/case/27891/',
			practice_area: 'Personal Injury',
			case_type: 'Auto Accident',
			stage: { id: 'stg_4', name: 'Treatment' },
			status: 'open',
			incident_date: '2025-01-17',
			primary_attorney: { id: expect.any(String), name: 'Dana Reyes', email: 'dreyes@firm.com' },
			case_status_connected: true,
			case_status_id: CSF.firstCaseId,
			closed_at: null,
		});
		expect(c.staff).toEqual([
			{ id: expect.any(String), name: 'Sam Ng', email: 'sng@firm.com', role: 'paralegal' },
		]);
		expect(c.clients[0]).toMatchObject({
			id: expect.any(String),
			first_name: 'Maria',
			last_name: 'Lopez',
			cell_phone: '(555) 201-7788',
			is_primary: true,
		});
		expect(Object.keys(c.clients[0]).sort()).toEqual(
			[
				'birth_date',
				'cell_phone',
				'company_name',
				'email',
				'first_name',
				'id',
				'is_primary',
				'last_name',
			].sort(),
		);
		expect(c).not.toHaveProperty('extra');
		expect(c.updated_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
	});

	test('404 for an unknown case, 400 for a case id that is not a positive integer', async () => {
		const missing = await get('/v1/cases/99999');
		expect(missing.status).toBe(404);
		expect(missing.body.error).toMatchObject({
			code: 'not_found',
			details: { resource: 'case', id: '99999' },
		});
		for (const bad of ['abc', '0', '-5', '1.5', '27891abc', '1e3']) {
			const res = await get(`/v1/cases/${bad}`);
			expect(res.status).toBe(400);
			expect(fieldsOf(res)).toEqual([
				expect.objectContaining({ field: 'case_id', code: 'invalid_format' }),
			]);
		}
		expect((await get('/v1/cases/abc/notes')).status).toBe(400);
		expect((await post('/v1/cases/abc/notes', { text: 'x' })).status).toBe(400);
	});
});

describe('connect-case / disconnect-case', () => {
	test('PUT sets the flag once (idempotent), bumps updated_at, the feed sees it; DELETE likewise', async () => {
		const id = F.unconnected.importable[0];
		const before = (await get(`/v1/cases/${id}`)).body;
		expect(before.case_status_connected).toBe(false);
		const t0 = new Date().toISOString();
		const first = await put(`/v1/cases/${id}/case-status-connection`, {});
		expect(first.status).toBe(200);
		expect(first.body.case_status_connected).toBe(true);
		expect(first.body.case_status_connected_at >= t0).toBe(true);
		expect(first.body.updated_at >= t0).toBe(true);
		expect(first.body.updated_at > before.updated_at).toBe(true);
		expect(first.body.case_status_id).toBeNull();
		const again = await put(`/v1/cases/${id}/case-status-connection`);
		expect(again.status).toBe(200);
		expect(again.body).toEqual(first.body);

		const feed = await get(`/v1/cases?case_status_connected=true&updated_since=${t0}`);
		expect(feed.body.data.map((c) => c.id)).toEqual([id]);

		const withId = await put(`/v1/cases/${id}/case-status-connection`, { case_status_id: 7777 });
		expect(withId.body.case_status_id).toBe(7777);
		expect(withId.body.updated_at >= first.body.updated_at).toBe(true);
		expect(withId.body.case_status_connected_at).toBe(first.body.case_status_connected_at);
		const sameId = await put(`/v1/cases/${id}/case-status-connection`, { case_status_id: 7777 });
		expect(sameId.body).toEqual(withId.body);

		const off = await del(`/v1/cases/${id}/case-status-connection`);
		expect(off.status).toBe(200);
		expect(off.body).toMatchObject({
			case_status_connected: false,
			case_status_connected_at: null,
			case_status_id: 7777,
		});
		expect(off.body.updated_at >= withId.body.updated_at).toBe(true);
		const offAgain = await del(`/v1/cases/${id}/case-status-connection`);
		expect(offAgain.status).toBe(200);
		expect(offAgain.body).toEqual(off.body);
	});

	test('PUT on an already connected case without an id changes nothing', async () => {
		const before = (await get(`/v1/cases/${F.firstCase.id}`)).body;
		const res = await put(`/v1/cases/${F.firstCase.id}/case-status-connection`, {});
		expect(res.body).toEqual(before);
	});

	test('validation, 404 and strict mode', async () => {
		for (const v of ['5001', 0, -1, 1.5, true]) {
			const res = await put(`/v1/cases/${F.firstCase.id}/case-status-connection`, {
				case_status_id: v,
			});
			expect(res.status).toBe(400);
			expect(fieldsOf(res)[0]).toMatchObject({ field: 'case_status_id', code: 'invalid_format' });
		}
		expect((await put('/v1/cases/99999/case-status-connection', {})).status).toBe(404);
		expect((await del('/v1/cases/99999/case-status-connection')).status).toBe(404);
		await admin('POST', '/__admin/config', { strict: true });
		const strict = await put(`/v1/cases/${F.firstCase.id}/case-status-connection`, { sync: true });
		expect(fieldsOf(strict)[0]).toMatchObject({ field: 'sync', code: 'unknown_field' });
	});
});

describe('lookups', () => {
	test('stages by position, with near misses, an unmappable one and an inactive one', async () => {
		const res = await get('/v1/stages');
		expect(res.body.meta.total).toBe(F.stageCount);
		expect(res.body.data.map((s) => s.name)).toEqual(F.stageNames);
		expect(res.body.data.map((s) => s.position)).toEqual(F.stageNames.map((_, k) => k + 1));
		expect(Object.keys(res.body.data[0])).toEqual([
			'id',
			'name',
			'position',
			'practice_area',
			'active',
		]);
		const inactive = await get('/v1/stages?active=false');
		expect(inactive.body.data.map((s) => s.name)).toEqual([F.inactiveStage]);
		const pi = await get('/v1/stages?practice_area=Personal%20Injury');
		expect(pi.body.data.every((s) => s.practice_area === null)).toBe(true);
		expect(pi.body.meta.total).toBeLessThan(F.stageCount);
		expect((await get('/v1/stages?active=maybe')).status).toBe(400);

		// The documented map matches the live Case Status mappings byte for byte.
		const cs = sb.state['case-status'];
		for (const s of res.body.data) {
			const hit = cs.stages.find(
				(x) => x.display_name === s.name || x.integration_mappings.includes(s.name),
			);
			expect([s.name, hit ? hit.display_name : null]).toEqual([s.name, F.stageMap[s.name]]);
		}
		for (const name of F.nearMissStages) {
			const norm = (t) => t.toLowerCase().replace(/\s+/g, ' ');
			expect(F.stageMap[name]).toBeNull();
			expect(
				cs.stages.some((x) =>
					[x.display_name, ...x.integration_mappings].some((m) => norm(m) === norm(name)),
				),
			).toBe(true);
		}
		// Every Case Status stage is reachable from some active CASEpeer stage.
		const reachable = new Set(Object.values(F.stageMap).filter(Boolean));
		expect([...reachable].sort()).toEqual([...CSF.stageNames].sort());
	});

	test('staff by name; role, email (case-insensitive) and active filters', async () => {
		const res = await get('/v1/staff');
		expect(res.body.meta.total).toBe(F.staffCount);
		const names = res.body.data.map((s) => s.name);
		expect(names).toEqual([...names].sort());
		expect(Object.keys(res.body.data[0])).toEqual([
			'id',
			'first_name',
			'last_name',
			'name',
			'email',
			'role',
			'active',
		]);
		expect(res.body.data.find((s) => s.role === 'staff').email).toBeNull();
		const attorneys = await get('/v1/staff?role=attorney&active=true');
		expect(attorneys.body.data.map((s) => s.email).sort()).toEqual(
			[...F.attorneyEmails, F.badAttorneyEmail].sort(),
		);
		const dana = await get('/v1/staff?email=DReyes@Firm.com');
		expect(dana.body.data.map((s) => s.name)).toEqual(['Dana Reyes']);
		const inactive = await get('/v1/staff?active=false');
		expect(inactive.body.data.map((s) => s.email)).toEqual([F.inactiveStaffEmail]);
		expect((await get('/v1/staff?role=partner')).status).toBe(400);
		// The Case Status users are all here, same e-mail; the extra attorney is not a Case Status user.
		const csEmails = sb.state['case-status'].users.map((u) => u.email);
		const cpEmails = res.body.data.map((s) => s.email);
		expect(csEmails.every((e) => cpEmails.includes(e))).toBe(true);
		expect(csEmails).not.toContain(F.badAttorneyEmail);
	});

	test('note categories by name, exactly one default', async () => {
		const res = await get('/v1/note-categories');
		expect(res.body.data.map((x) => x.name)).toEqual([...F.noteCategoryNames].sort());
		expect(res.body.data.filter((x) => x.is_default)).toEqual([
			{ ...F.defaultNoteCategory, active: true, is_default: true },
		]);
		const active = await get('/v1/note-categories?active=true');
		expect(active.body.data.map((x) => x.id)).not.toContain(F.inactiveNoteCategoryId);
	});
});

describe('notes', () => {
	const notesPath = (id = F.firstCase.id) => `/v1/cases/${id}/notes`;

	test('list: (updated_at, id) order with a tie, keyset, category and external_ref filters', async () => {
		const res = await get(notesPath());
		expect(res.status).toBe(200);
		expect(res.body.meta.total).toBe(3);
		expect(res.body.data).toEqual(feedOrder(res.body.data));
		expect(
			res.body.data.every((n) => n.external_ref === null && n.case_id === F.firstCase.id),
		).toBe(true);
		const [, second, third] = res.body.data;
		expect(second.updated_at).toBe(third.updated_at); // the tie
		const after = await get(
			`${notesPath()}?updated_since=${second.updated_at}&after_id=${second.id}`,
		);
		expect(after.body.data.map((n) => n.id)).toEqual([third.id]);
		const critical = await get(`${notesPath()}?category_id=ncat_3`);
		expect(critical.body.data.every((n) => n.category_id === 'ncat_3' && n.is_critical)).toBe(true);
		expect(Object.keys(res.body.data[0])).toEqual([
			'id',
			'case_id',
			'text',
			'category_id',
			'is_critical',
			'external_ref',
			'author',
			'created_at',
			'updated_at',
		]);
		expect((await get('/v1/cases/99999/notes')).status).toBe(404);
	});

	test('create: 201, defaults, text kept exactly, author = the key, case updated_at unchanged', async () => {
		const before = (await get(`/v1/cases/${F.firstCase.id}`)).body;
		const text =
			'Received message from Case Status: Message from Case Status: Hi,\nI have a new appointment.  ';
		const res = await post(notesPath(), { text, external_ref: 'casestatus:message:81234' });
		expect(res.status).toBe(201);
		expect(res.body).toMatchObject({
			id: expect.any(String),
			case_id: F.firstCase.id,
			text,
			category_id: F.defaultNoteCategory.id,
			is_critical: false,
			external_ref: 'casestatus:message:81234',
			author: { id: expect.any(String), name: expect.any(String) },
		});
		expect(res.body.created_at).toBe(res.body.updated_at);
		const after = (await get(`/v1/cases/${F.firstCase.id}`)).body;
		expect(after.updated_at).toBe(before.updated_at);
		const found = await get(`${notesPath()}?external_ref=casestatus:message:81234`);
		expect(found.body.data.map((n) => n.id)).toEqual([res.body.id]);
		const crit = await post(notesPath(), {
			text: 'Call back',
			category_id: 'ncat_3',
			is_critical: true,
		});
		expect(crit.body).toMatchObject({
			category_id: 'ncat_3',
			is_critical: true,
			external_ref: null,
		});
		// The feed picks the new notes up after a cursor at the old end.
		const feed = await get(`${notesPath()}?updated_since=${res.body.updated_at}`);
		expect(feed.body.data.map((n) => n.id)).toEqual([res.body.id, crit.body.id]);
	});

	test('a repeated external_ref → 409 duplicate_external_ref with existing_id, firm-wide', async () => {
		const first = await post(notesPath(), { text: 'one', external_ref: 'casestatus:message:1' });
		const again = await post(notesPath(), { text: 'one', external_ref: 'casestatus:message:1' });
		expect(again.status).toBe(409);
		expect(again.body.error).toMatchObject({
			code: 'duplicate_external_ref',
			details: { existing_id: first.body.id, field: 'external_ref', value: 'casestatus:message:1' },
		});
		const elsewhere = await post(notesPath(27892), {
			text: 'x',
			external_ref: 'casestatus:message:1',
		});
		expect(elsewhere.status).toBe(409);
		// 409 wins over body errors: a retry is read as success.
		const retryBlank = await post(notesPath(), { text: '', external_ref: 'casestatus:message:1' });
		expect(retryBlank.status).toBe(409);
	});

	test('validation: blank/missing/long text, unknown or inactive category, all listed', async () => {
		for (const body of [{}, { text: '' }, { text: '   \n\t' }, { text: null }]) {
			const res = await post(notesPath(), body);
			expect(res.status).toBe(400);
			expect(fieldsOf(res)).toEqual([expect.objectContaining({ field: 'text', code: 'required' })]);
		}
		const long = await post(notesPath(), { text: 'x'.repeat(20001) });
		expect(fieldsOf(long)[0]).toMatchObject({ field: 'text', code: 'too_long' });
		expect((await post(notesPath(), { text: 'x'.repeat(20000) })).status).toBe(201);
		for (const category_id of ['ncat_99', F.inactiveNoteCategoryId]) {
			const res = await post(notesPath(), { text: 'ok', category_id });
			expect(fieldsOf(res)).toEqual([
				expect.objectContaining({ field: 'category_id', code: 'unknown_value' }),
			]);
		}
		const many = await post(notesPath(), {
			text: ' ',
			category_id: 'nope',
			is_critical: 'yes',
			external_ref: 'r'.repeat(101),
		});
		expect(fieldsOf(many).map((f) => [f.field, f.code])).toEqual([
			['text', 'required'],
			['category_id', 'unknown_value'],
			['is_critical', 'invalid_format'],
			['external_ref', 'too_long'],
		]);
		expect((await post(notesPath(), [1, 2])).status).toBe(400);
		expect((await post('/v1/cases/99999/notes', { text: 'x' })).status).toBe(404);
	});

	test('closed cases accept notes; deleted and merged cases → 422 case_not_writable', async () => {
		const closedId = F.closedIds[0];
		const res = await post(notesPath(closedId), { text: 'Client texted after closing.' });
		expect(res.status).toBe(201);
		expect((await get(`/v1/cases/${closedId}`)).body.status).toBe('closed');

		const ref = 'casestatus:message:900';
		const written = await post(notesPath(27895), { text: 'before delete', external_ref: ref });
		expect((await admin('DELETE', '/__admin/casepeer/cases/27895')).status).toBe(200);
		const deleted = await post(notesPath(27895), { text: 'after delete' });
		expect(deleted.status).toBe(422);
		expect(deleted.body.error).toMatchObject({
			code: 'case_not_writable',
			details: { case_id: 27895, reason: 'deleted' },
		});
		// A retry of the earlier write still reads as success.
		const retry = await post(notesPath(27895), { text: 'before delete', external_ref: ref });
		expect(retry.status).toBe(409);
		expect(retry.body.error.details.existing_id).toBe(written.body.id);
		expect((await get('/v1/cases/27895')).status).toBe(404);
		expect((await put('/v1/cases/27895/case-status-connection', {})).status).toBe(422);

		const merge = await admin('POST', '/__admin/casepeer/cases/27892/merge', { into_id: 27891 });
		expect(merge.body).toMatchObject({ merged_into_id: 27891, moved: { notes: 1, documents: 1 } });
		const merged = await post(notesPath(27892), { text: 'x' });
		expect(merged.status).toBe(422);
		expect(merged.body.error.details).toMatchObject({ reason: 'merged', merged_into_id: 27891 });
		expect((await get(notesPath(27891))).body.meta.total).toBe(4);
		const list = await get('/v1/cases?per_page=200');
		expect(list.body.data.map((c) => c.id)).not.toContain(27892);
	});
});

describe('documents', () => {
	const upload = (caseId, { bytes, name = 'Lien Letter.pdf', type, fields = {} } = {}) => {
		const form = new FormData();
		for (const [k, v] of Object.entries(fields)) form.append(k, v);
		if (bytes !== undefined) form.append('file', new Blob([bytes], type ? { type } : {}), name);
		return call('POST', `/v1/cases/${caseId}/documents`, { form });
	};

	test('seeded documents: feed order, metadata, the original of the Case Status file', async () => {
		const res = await get('/v1/documents');
		expect(res.body.meta.total).toBe(F.documentCount);
		expect(res.body.data).toEqual(feedOrder(res.body.data));
		expect(res.body.data.every((d) => d.external_ref === null)).toBe(true);
		expect(Object.keys(res.body.data[0])).toEqual([
			'id',
			'case_id',
			'file_name',
			'content_type',
			'size_bytes',
			'sha256',
			'folder',
			'description',
			'external_ref',
			'created_at',
			'updated_at',
		]);
		const linked = res.body.data.find((d) => d.id === F.linkedDocumentId);
		const csFile = sb.state['case-status'].files.find(
			(f) => f.external_ref === `casepeer:document:${F.linkedDocumentId}`,
		);
		const csCase = sb.state['case-status'].cases.find((c) => c.id === csFile.case_id);
		expect(linked).toMatchObject({
			case_id: Number(csCase.integration_id),
			file_name: csFile.file_name,
			sha256: csFile.sha256,
			size_bytes: csFile.size,
		});
		const bytes = await get(`/v1/documents/${linked.id}/content`);
		expect(crypto.createHash('sha256').update(bytes.body).digest('hex')).toBe(linked.sha256);
		const one = await get(`/v1/documents?case_id=${F.firstCase.id}`);
		expect(one.body.data.every((d) => d.case_id === F.firstCase.id)).toBe(true);
		const perCase = await get(`/v1/cases/${F.firstCase.id}/documents`);
		expect(perCase.body).toEqual(one.body);
		expect((await get('/v1/documents?case_id=abc')).status).toBe(400);
		expect((await get('/v1/cases/99999/documents')).status).toBe(404);
	});

	test('upload → list → download round trip with sha256; case updated_at unchanged', async () => {
		const before = (await get(`/v1/cases/${F.firstCase.id}`)).body;
		const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2, 13, 10, 255, 254]);
		const res = await upload(F.firstCase.id, {
			bytes,
			name: 'Lien Letter – Lopez.pdf',
			fields: {
				folder: 'Case Status',
				external_ref: 'casestatus:file:30001',
				description: 'From the client app',
			},
		});
		expect(res.status).toBe(201);
		const sha = crypto.createHash('sha256').update(bytes).digest('hex');
		expect(res.body).toMatchObject({
			id: expect.any(String),
			case_id: F.firstCase.id,
			file_name: 'Lien Letter – Lopez.pdf',
			content_type: 'application/pdf',
			size_bytes: bytes.length,
			sha256: sha,
			folder: 'Case Status',
			description: 'From the client app',
			external_ref: 'casestatus:file:30001',
		});
		const byRef = await get('/v1/documents?external_ref=casestatus:file:30001');
		expect(byRef.body.data).toEqual([res.body]);
		const dl = await get(`/v1/documents/${res.body.id}/content`);
		expect(dl.status).toBe(200);
		expect(dl.body.equals(bytes)).toBe(true);
		expect(dl.headers.get('content-type')).toBe('application/pdf');
		expect(dl.headers.get('content-length')).toBe(String(bytes.length));
		expect(dl.headers.get('content-disposition')).toBe(
			`attachment; filename="Lien Letter _ Lopez.pdf"; filename*=UTF-8''${encodeURIComponent('Lien Letter – Lopez.pdf')}`,
		);
		expect(crypto.createHash('sha256').update(dl.body).digest('hex')).toBe(sha);
		expect((await get(`/v1/cases/${F.firstCase.id}`)).body.updated_at).toBe(before.updated_at);
		expect(sb.state.casepeer.folders).toContain('Case Status');
		expect((await get('/v1/documents/d_404/content')).status).toBe(404);
	});

	test('409 on a repeated external_ref; closed case accepts; empty, missing, JSON rejected', async () => {
		const fields = { external_ref: 'casestatus:file:1' };
		const first = await upload(F.closedIds[0], {
			bytes: Buffer.from('hello'),
			name: 'a.txt',
			fields,
		});
		expect(first.status).toBe(201);
		expect(first.body.content_type).toBe('text/plain');
		const again = await upload(F.firstCase.id, {
			bytes: Buffer.from('hello'),
			name: 'a.txt',
			fields,
		});
		expect(again.status).toBe(409);
		expect(again.body.error).toMatchObject({
			code: 'duplicate_external_ref',
			details: { existing_id: first.body.id },
		});
		const empty = await upload(F.firstCase.id, { bytes: Buffer.alloc(0), name: 'empty.pdf' });
		expect(empty.status).toBe(400);
		expect(fieldsOf(empty)[0]).toMatchObject({ field: 'file', code: 'invalid_value' });
		const missing = await upload(F.firstCase.id, { fields: { folder: 'x' } });
		expect(fieldsOf(missing)[0]).toMatchObject({ field: 'file', code: 'required' });
		const json = await post(`/v1/cases/${F.firstCase.id}/documents`, { file: 'abc' });
		expect(json.status).toBe(415);
		const longFolder = await upload(F.firstCase.id, {
			bytes: Buffer.from('x'),
			fields: { folder: 'f'.repeat(101) },
		});
		expect(fieldsOf(longFolder)[0]).toMatchObject({ field: 'folder', code: 'too_long' });
		expect((await upload(99999, { bytes: Buffer.from('x') })).status).toBe(404);
		await admin('DELETE', `/__admin/casepeer/cases/${F.firstCase.id}`);
		const gone = await upload(F.firstCase.id, { bytes: Buffer.from('x') });
		expect(gone.status).toBe(422);
		expect(gone.body.error.code).toBe('case_not_writable');
		expect((await get('/v1/documents')).body.data.some((d) => d.case_id === F.firstCase.id)).toBe(
			false,
		);
	});

	test('50 MiB + 1 → 413 file_too_large', async () => {
		const big = await upload(F.firstCase.id, {
			bytes: Buffer.alloc(casepeer.helpers.MAX_FILE_BYTES + 1),
			name: 'big.bin',
		});
		expect(big.status).toBe(413);
		expect(big.body.error).toMatchObject({
			code: 'file_too_large',
			details: { max_bytes: casepeer.helpers.MAX_FILE_BYTES },
		});
	});
});

describe('admin: a CASEpeer user edits a case', () => {
	const edit = (id, body) => admin('PATCH', `/__admin/casepeer/cases/${id}`, body);

	test('a stage change stamps updated_at and stage_updated_at with the clock; the feed shows it', async () => {
		const t0 = new Date().toISOString();
		const res = await edit(F.firstCase.id, { stage: 'Demand Sent' });
		expect(res.status).toBe(200);
		expect(res.body.stage).toEqual({ id: 'stg_7', name: 'Demand Sent' });
		expect(res.body.updated_at >= t0).toBe(true);
		expect(res.body.stage_updated_at).toBe(res.body.updated_at);
		const feed = await get(`/v1/cases?updated_since=${t0}`);
		expect(feed.body.data.map((c) => c.id)).toEqual([F.firstCase.id]);
		// Saving the same values again stamps nothing.
		const same = await edit(F.firstCase.id, { stage: 'Demand Sent' });
		expect(same.body).toEqual(res.body);
	});

	test('close and reopen stamp closed_at; clients, attorney and primary_client edits', async () => {
		const closed = await edit(27893, { status: 'closed' });
		expect(closed.body).toMatchObject({ status: 'closed', status_label: 'Closed' });
		expect(closed.body.closed_at).toBe(closed.body.updated_at);
		const reopened = await edit(27893, { status: 'open' });
		expect(reopened.body).toMatchObject({ status: 'open', closed_at: null, status_label: 'Open' });

		const phone = await edit(F.firstCase.id, { primary_client: { cell_phone: '555 777 1234' } });
		expect(phone.body.clients[0]).toMatchObject({
			first_name: 'Maria',
			cell_phone: '555 777 1234',
			is_primary: true,
		});
		const clientId = phone.body.clients[0].id;
		const two = await edit(F.firstCase.id, {
			clients: [{ first_name: 'New', last_name: 'Primary', cell_phone: null }, { id: clientId }],
			primary_attorney_email: 'MKhan@firm.com',
		});
		expect(two.body.clients.map((c) => [c.first_name, c.is_primary])).toEqual([
			['New', true],
			['Maria', false],
		]);
		expect(two.body.clients[1].id).toBe(clientId);
		expect(two.body.primary_attorney.email).toBe('mkhan@firm.com');
	});

	test('bad edits → 400 with every field; unknown case 404', async () => {
		const res = await edit(F.firstCase.id, {
			stage: 'Medical Treatment',
			status: 'on_hold',
			primary_attorney_email: 'nobody@firm.com',
			stage_name: 'x',
		});
		expect(res.status).toBe(400);
		expect(
			fieldsOf(res)
				.map((f) => [f.field, f.code])
				.sort(),
		).toEqual(
			[
				['stage_name', 'unknown_field'],
				['stage', 'unknown_value'],
				['status', 'invalid_value'],
				['primary_attorney_email', 'unknown_value'],
			].sort(),
		);
		expect((await edit(99999, { status: 'closed' })).status).toBe(404);
	});

	test('admin create: a new unconnected case with the next id; facts over HTTP', async () => {
		const res = await admin('POST', '/__admin/casepeer/cases', {
			name: 'Doe v. Example Freight',
			practice_area: 'Personal Injury',
			primary_attorney_email: 'dreyes@firm.com',
			clients: [{ first_name: 'Jane', last_name: 'Doe', cell_phone: '(555) 201-0000' }],
		});
		expect(res.status).toBe(201);
		expect(res.body).toMatchObject({
			id: F.lastCaseId + 1,
			case_status_connected: false,
			stage: { name: F.stageNames[0] },
			clients: [{ cell_phone: '(555) 201-0000', is_primary: true }],
		});
		const facts = await admin('GET', '/__admin/casepeer/facts');
		expect(facts.body).toEqual(JSON.parse(JSON.stringify(F)));
	});
});

describe('seed: consistent with Case Status', () => {
	function checkConsistency(cp, cs) {
		const csByIntegration = new Map(cs.cases.map((c) => [c.integration_id, c]));
		const csStageOf = (name) =>
			cs.stages.find((s) => s.display_name === name || s.integration_mappings.includes(name));
		const { stageChanged, closedInCasepeer, phoneChanged } = F.divergent;
		const divergent = new Set(F.changedSinceLastSync);
		expect(cp.cases.filter((c) => c.case_status_connected).map((c) => c.id)).toEqual(
			F.connectedIds,
		);
		for (const c of cp.cases.filter((x) => x.case_status_connected)) {
			const x = csByIntegration.get(String(c.id));
			expect(x).toBeDefined();
			expect([c.id, c.name, c.number, c.practice_area, c.case_status_id, c.incident_date]).toEqual([
				c.id,
				x.name,
				x.readable_id,
				x.practice_area.display_name,
				x.id,
				x.incident_date,
			]);
			expect(c.primary_attorney.email).toBe(x.primary_attorney.email);
			const additional = c.staff
				.filter((s) => F.additionalAttorneyRoles.includes(s.role))
				.map((s) => s.email);
			expect(additional).toEqual(x.attorneys.map((a) => a.email));
			expect(c.clients).toHaveLength(x.clients.length);
			c.clients.forEach((cl, k) => {
				const xc = x.clients[k];
				expect([cl.first_name, cl.last_name, cl.company_name, cl.email, cl.birth_date]).toEqual([
					xc.first_name,
					xc.last_name,
					xc.company_name,
					xc.email,
					xc.birth_date,
				]);
				if (phoneChanged.includes(c.id) && k === 0) {
					expect(toE164(cl.cell_phone)).toMatch(/^\+1555\d{7}$/);
					expect(toE164(cl.cell_phone)).not.toBe(xc.cell_phone);
				} else expect(toE164(cl.cell_phone)).toBe(xc.cell_phone);
			});
			const mapped = csStageOf(c.stage.name);
			if (stageChanged.includes(c.id)) {
				expect(mapped).toBeDefined();
				expect(mapped.id).not.toBe(x.stage.id);
				expect(mapped.display_name).not.toBe('Closed');
				expect(c.stage_updated_at).toBe(c.updated_at);
			} else expect(mapped.id).toBe(x.stage.id);
			const expectedStatus = x.status === 'closed' ? 'closed' : 'open';
			if (closedInCasepeer.includes(c.id)) {
				expect([c.status, x.status]).toEqual(['closed', 'open']);
				expect(c.closed_at).toBe(c.updated_at);
			} else expect(c.status).toBe(expectedStatus);
			if (divergent.has(c.id)) {
				expect(c.updated_at > F.lastSyncAt).toBe(true);
			} else {
				expect(c.updated_at < x.updated_at).toBe(true);
				expect(c.updated_at >= c.case_status_connected_at).toBe(true);
			}
			expect(c.created_at < x.created_at).toBe(true);
			expect(x.updated_at < F.lastSyncAt).toBe(true);
		}
		// on_hold in Case Status is open in CASEpeer.
		for (const id of F.onHoldInCaseStatusIds)
			expect(cp.cases.find((c) => c.id === id)).toMatchObject({
				status: 'open',
				status_label: 'On Hold',
			});

		// Unconnected cases: not in Case Status; each blocker is what it says; the rest import cleanly.
		const csAttorneys = new Set(
			cs.users.filter((u) => u.active && u.role === 'attorney').map((u) => u.email),
		);
		const importable = (c) =>
			csAttorneys.has(c.primary_attorney.email) &&
			c.clients.every((cl) => toE164(cl.cell_phone) !== null) &&
			Boolean(csStageOf(c.stage.name)) &&
			cs.practice_areas.some((p) => p.display_name === c.practice_area);
		for (const c of cp.cases.filter((x) => !x.case_status_connected)) {
			expect(csByIntegration.has(String(c.id))).toBe(false);
			expect(c.case_status_id).toBeNull();
			expect(c.updated_at < F.lastSyncAt).toBe(true);
		}
		const byId = (id) => cp.cases.find((c) => c.id === id);
		const u = F.unconnected;
		expect(u.importable.every((id) => importable(byId(id)))).toBe(true);
		expect(byId(u.badAttorney[0]).primary_attorney.email).toBe(F.badAttorneyEmail);
		expect(csAttorneys.has(F.badAttorneyEmail)).toBe(false);
		expect(byId(u.noPhone[0]).clients[0].cell_phone).toBeNull();
		expect(byId(u.badPhone[0]).clients[0].cell_phone).toBe(F.badPhone);
		expect(toE164(F.badPhone)).toBeNull();
		expect(byId(u.unmappedStage[0]).stage.name).toBe(F.unmappableStage);
		expect(csStageOf(F.unmappableStage)).toBeUndefined();
		for (const key of ['badAttorney', 'noPhone', 'badPhone', 'unmappedStage'])
			expect(importable(byId(u[key][0]))).toBe(false);
		expect(
			[...u.importable, ...u.badAttorney, ...u.noPhone, ...u.badPhone, ...u.unmappedStage].sort(),
		).toEqual([...F.unconnectedIds].sort());
		expect([...F.unchanged, ...F.changedSinceLastSync].sort()).toEqual([...F.connectedIds].sort());
	}

	test('the served seed matches the served Case Status seed (default and another seed)', async () => {
		checkConsistency(sb.state.casepeer, sb.state['case-status']);
		expect(sb.state.casepeer.cases[0].clients[0].cell_phone).toBe(F.firstCase.client.cell_phone);
		await admin('POST', '/__admin/reset', { seed: 5 });
		checkConsistency(sb.state.casepeer, sb.state['case-status']);
		expect(sb.state.casepeer.cases[1].clients[0].first_name).toBe(
			sb.state['case-status'].cases[1].clients[0].first_name,
		);
	});

	test('consistency through the APIs: every connected case against Case Status', async () => {
		const cases = (await get('/v1/cases?case_status_connected=true&per_page=200')).body.data;
		const csBase = sb.systems['case-status'];
		const csCases = await (
			await fetch(`${csBase}/v1/api/cases?size=100`, {
				headers: { Authorization: `ApiKey ${CSF.demoKey}` },
			})
		).json();
		const byIntegration = new Map(csCases.map((c) => [c.integration_id, c]));
		let same = 0;
		for (const c of cases) {
			const x = byIntegration.get(String(c.id));
			expect(x.id).toBe(c.case_status_id);
			expect(c.name).toBe(x.name);
			expect(c.primary_attorney.email).toBe(x.primary_attorney.email);
			const phoneSame = toE164(c.clients[0].cell_phone) === x.clients[0].cell_phone;
			expect(phoneSame).toBe(!F.divergent.phoneChanged.includes(c.id));
			if (phoneSame && c.updated_at < x.updated_at) same++;
		}
		expect(same).toBe(F.unchanged.length);
	});

	test('the seed is deterministic, varies with the seed number, and facts hold', () => {
		const a = casepeer.seed(createRng(7), { seed: 3 });
		const b = casepeer.seed(createRng(7), { seed: 3 });
		const c = casepeer.seed(createRng(8), { seed: 4 });
		expect(JSON.stringify(a)).toBe(JSON.stringify(b));
		expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
		for (const s of [a, c]) {
			expect(s.cases.map((x) => x.id)).toEqual([...F.connectedIds, ...F.unconnectedIds]);
			expect(s.notes).toHaveLength(F.noteCount);
			expect(s.documents).toHaveLength(F.documentCount);
			expect(s.stages.map((x) => x.name)).toEqual(F.stageNames);
			expect(s.staff).toHaveLength(F.staffCount);
		}
	});
});

describe('bulk generation (CASEpeer only)', () => {
	test('POST /__admin/seed/casepeer adds importable cases, a share connected, deterministic', async () => {
		const res = await admin('POST', '/__admin/seed/casepeer', {
			cases: 2000,
			connectedRatio: 0.5,
			closedRatio: 0,
			notes: 100,
		});
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({
			system: 'casepeer',
			added: { cases: 2000, notes: 100 },
			first_id: F.lastCaseId + 1,
			last_id: F.lastCaseId + 2000,
		});
		const connected = await get('/v1/cases?case_status_connected=true&per_page=1');
		expect(connected.body.meta.total).toBeGreaterThan(F.connectedIds.length + 800);
		expect(connected.body.meta.total).toBeLessThan(F.connectedIds.length + 1200);
		const last = await get(`/v1/cases/${F.lastCaseId + 2000}`);
		expect(toE164(last.body.clients[0].cell_phone)).toMatch(/^\+1555\d{7}$/);
		expect(F.attorneyEmails).toContain(last.body.primary_attorney.email);
		await admin('POST', '/__admin/reset', {});
		const again = await admin('POST', '/__admin/seed/casepeer', {
			cases: 2000,
			connectedRatio: 0.5,
			closedRatio: 0,
			notes: 100,
		});
		expect(again.body).toEqual(res.body);
		const bad = await admin('POST', '/__admin/seed/casepeer', { cases: -1, connectedRatio: 2 });
		expect(bad.status).toBe(400);
		expect(bad.body.error.details.fields.map((f) => f.field)).toEqual(['cases', 'connectedRatio']);
	});
});
