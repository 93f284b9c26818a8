'use strict';

// The Case Status emulator against docs/api/case-status.md, over real HTTP.

const crypto = require('node:crypto');
const { startSandbox } = require('../../sandbox/server');
const { sandboxClient, adminClient } = require('../helpers/sandbox-client');
const caseStatus = require('../../sandbox/systems/case-status');
const { createRng } = require('../../sandbox/lib/rng');

const F = caseStatus.SEED_FACTS;
let sb;
let base;

const { call, get, post, patch } = sandboxClient({
	base: () => base,
	auth: ({ key = F.demoKey }) => (key ? { Authorization: `ApiKey ${key}` } : {}),
});
const admin = adminClient(() => sb.url);
const caseByIntegration = async (integrationId) =>
	(await get(`/v1/api/cases?integration_id=${integrationId}`)).body[0];

/** Walks a list to its end the way the connector does: stop at the first page shorter than size. */
async function walk(path, size) {
	const all = [];
	const sep = path.includes('?') ? '&' : '?';
	let requests = 0;
	for (let page = 1; ; page++) {
		const res = await get(`${path}${sep}page[number]=${page}${size ? `&size=${size}` : ''}`);
		requests++;
		const rows = Array.isArray(res.body) ? res.body : res.body.results;
		all.push(...rows);
		if (rows.length < (size || 10)) return { all, requests };
	}
}

const validCase = (over = {}) => ({
	integration_id: '99001',
	readable_id: '2025-9001',
	name: 'Doe v. Example Freight',
	practice_area: 'PI',
	stage: 'Medical Treatment',
	primary_attorney_email: 'DReyes@Firm.com',
	additional_attorney_emails: ['sng@firm.com'],
	incident_date: '2025-01-17',
	clients: [
		{ first_name: 'Jane', last_name: 'Doe', cell_phone: '+15552010000', email: 'jane@example.com' },
	],
	...over,
});

beforeAll(async () => {
	sb = await startSandbox({ port: 0, rateLimit: false });
	base = sb.systems['case-status'];
});
afterAll(() => sb.close());
beforeEach(() => admin('POST', '/__admin/reset', {}));

describe('auth', () => {
	test('wrong or missing key → 401 envelope without the key', async () => {
		for (const headers of [
			{ Authorization: 'ApiKey wrong_key_123' },
			{ Authorization: `Bearer ${F.demoKey}` },
			{},
		]) {
			const res = await get('/v1/api/messages?page[number]=1', { key: null, headers });
			expect(res.status).toBe(401);
			expect(res.body).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
			expect(JSON.stringify(res.body)).not.toContain('wrong_key_123');
		}
	});

	test('both the demo key and the canary key work', async () => {
		expect((await get('/v1/api/messages?page[number]=1')).status).toBe(200);
		expect((await get('/v1/api/messages?page[number]=1', { key: F.canaryKey })).status).toBe(200);
	});
});

describe('known reads and paging', () => {
	test('messages page by 10, end = short page; page%5Bnumber%5D equals page[number]', async () => {
		const { all, requests } = await walk('/v1/api/messages');
		expect(all).toHaveLength(F.messageCount);
		expect(requests).toBe(Math.floor(F.messageCount / 10) + 1);
		const ids = all.map((m) => m.id);
		expect(ids).toEqual([...ids].sort((a, b) => a - b));
		const raw = await get('/v1/api/messages?page[number]=2');
		const encoded = await get('/v1/api/messages?page%5Bnumber%5D=2');
		expect(encoded.body).toEqual(raw.body);
		expect(raw.body[0].id).toBe(F.firstMessageId + 10);
	});

	test('message and file records carry the known fields', async () => {
		const [m] = (await get('/v1/api/messages?size=1')).body;
		expect(Object.keys(m).sort()).toEqual(
			[
				'case_id',
				'content',
				'created_at',
				'external_ref',
				'id',
				'integration_id',
				'readable_id',
				'sender_email',
				'sender_name',
				'sent_at',
				'type',
			].sort(),
		);
		expect(typeof m.id).toBe('number');
		expect(m.integration_id).toBe(F.firstIntegrationId);
		const [f] = (await get('/v1/api/files?size=1')).body;
		expect(typeof f.case_id).toBe('string');
		expect(f).toMatchObject({
			id: F.firstFileId,
			size: expect.any(Number),
			extension: 'pdf',
			case_integration_id: F.firstIntegrationId,
			sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
		});
		expect(f.url).toBe(`${base}/v1/api/files/${f.id}/content`);
	});

	test('/reporting/cases: results, default 10, size ≤ 100, exact keys with spaces', async () => {
		const first = await get('/reporting/cases?page[number]=1');
		expect(first.body.results).toHaveLength(10);
		const { all } = await walk('/reporting/cases', 100);
		expect(all).toHaveLength(F.caseCount);
		const row = all[0];
		expect(row['Internal ID']).toBe(F.firstCaseId);
		expect(row['Integration ID']).toBe(F.firstIntegrationId);
		expect(row['Case Name']).toBe(F.firstCase.name);
		expect(row['Attorney Email']).toBe(F.firstCase.primary_attorney_email);
		expect(row['Client First Name']).toBe('Maria');
		expect(Object.keys(row)).toEqual(
			expect.arrayContaining([
				'Status',
				'Practice Area',
				'Incident Date',
				'Case Created At',
				'Case Closed At',
				'Case Deleted At',
				'Case Activated Date',
				'Last Updated',
				'Last Login',
				'Review Sent At',
				'Target Language',
				'Attorney Id',
				'Attorney First Name',
				'Attorney Last Name',
				'Client Last Name',
				'Case Manager 1 ID',
				'Case Manager 2 Last Name',
				'Attorneys',
				'Clients',
				'Most Recent NPS',
				'Total Documents',
				'Total Documents Sent',
				'Total Documents Received',
				'Total Activities',
				'Total Activities Login',
				'Total Activities Message',
				'Total Activities Engagement',
				'Total Checklist Items',
				'Total Checklist Items Completed',
				'Last Message Sent',
				'Last Message Received',
				'Most Recent Message Sent At',
			]),
		);
		expect(Object.keys(row.Attorneys)).toHaveLength(16);
		expect(row.Attorneys['Attorney 1 Email']).toBe('sng@firm.com');
		expect(Object.keys(row.Clients)).toHaveLength(36);
		expect(row.Clients['Client 1 Cell Phone']).toBe('+15552017788');
		expect(row.Clients['Client 3 Last Used iOS App']).toBeNull();
		expect(row['Total Activities Message']).toBe(3);
		const three = all.find((r) => r['Integration ID'] === F.threeClientIntegrationId);
		expect(three.Clients['Client 3 ID']).toEqual(expect.any(Number));
		expect((await get('/reporting/cases?size=101')).status).toBe(400);
	});

	test('/reporting/firm returns one KPI row', async () => {
		const res = await get('/reporting/firm?page[number]=1');
		expect(res.body.results).toEqual([
			{
				'Average Response Time': expect.any(String),
				'Cases Per Active User': expect.stringMatching(/^\d+\.\d{2}$/),
			},
		]);
	});

	test('bad page[number] / size → 400 validation_failed with out_of_range / invalid_format', async () => {
		const res = await get('/v1/api/messages?page[number]=0&size=abc');
		expect(res.status).toBe(400);
		expect(res.body.error.code).toBe('validation_failed');
		expect(res.body.error.details.fields).toEqual([
			{ field: 'page[number]', code: 'out_of_range', message: expect.any(String) },
			{ field: 'size', code: 'invalid_format', message: expect.any(String) },
		]);
	});
});

describe('incremental filters', () => {
	test('cases: integration_id (repeatable), readable_id, status', async () => {
		const two = await get(
			`/v1/api/cases?integration_id=${F.integrationIds[0]}&integration_id=${F.integrationIds[3]}&integration_id=nope`,
		);
		expect(two.body.map((c) => c.integration_id)).toEqual([
			F.integrationIds[0],
			F.integrationIds[3],
		]);
		const byReadable = await get(`/v1/api/cases?readable_id=${F.firstReadableId}`);
		expect(byReadable.body.map((c) => c.id)).toEqual([F.firstCaseId]);
		const closed = (await get('/v1/api/cases?status=closed&size=100')).body;
		expect(closed.map((c) => c.integration_id)).toEqual(F.closedIntegrationIds);
		const onHold = (await get('/v1/api/cases?status=on_hold')).body;
		expect(onHold.map((c) => c.integration_id)).toEqual(F.onHoldIntegrationIds);
		expect((await get('/v1/api/cases?status=archived')).status).toBe(400);
	});

	test('cases: updated_since inclusive, ordered by (updated_at, id); keyset with after_id splits ties', async () => {
		const { updated_at: at, integrationIds } = F.sharedUpdatedAt;
		const since = (await get(`/v1/api/cases?updated_since=${at}&size=100`)).body;
		expect(since.every((c) => c.updated_at >= at)).toBe(true);
		const keys = since.map((c) => [c.updated_at, c.id]);
		expect(keys).toEqual(
			[...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1])),
		);
		const tied = since.filter((c) => c.updated_at === at);
		expect(tied.map((c) => c.integration_id)).toEqual(integrationIds);
		// Keyset: (updated_at, id) > (at, first tied id) drops exactly the first tied case.
		const after = (await get(`/v1/api/cases?updated_since=${at}&after_id=${tied[0].id}&size=100`))
			.body;
		expect(after.map((c) => c.id)).toEqual(since.slice(1).map((c) => c.id));
		// A fraction-less timestamp is accepted; another offset is not.
		expect((await get('/v1/api/cases?updated_since=2025-05-20T15:00:00Z')).status).toBe(200);
		const bad = await get('/v1/api/cases?updated_since=2025-05-20T15:00:00%2B02:00');
		expect(bad.body.error.details.fields[0]).toMatchObject({
			field: 'updated_since',
			code: 'invalid_format',
		});
	});

	test('a write moves a case to the end of the updated_since feed', async () => {
		const c = await caseByIntegration(F.integrationIds[2]);
		const before = (await get('/v1/api/cases?size=100&updated_since=2025-01-01T00:00:00Z')).body;
		expect(before[before.length - 1].id).not.toBe(c.id);
		await patch(`/v1/api/cases/${c.id}`, { name: 'Renamed v. Someone' });
		const after = (await get('/v1/api/cases?size=100&updated_since=2025-01-01T00:00:00Z')).body;
		expect(after[after.length - 1].id).toBe(c.id);
	});

	test('messages: after_id alone, created_since + after_id, integration_id, case_id, type, external_ref', async () => {
		const afterId = (await get(`/v1/api/messages?after_id=${F.firstMessageId + 24}`)).body;
		expect(afterId.map((m) => m.id)).toEqual([25, 26, 27, 28, 29].map((k) => F.firstMessageId + k));
		const all = (await get('/v1/api/messages?size=100')).body;
		const pivot = all[9];
		const since = (await get(`/v1/api/messages?size=100&created_since=${pivot.created_at}`)).body;
		expect(since[0].id).toBe(pivot.id); // inclusive
		const keyset = (
			await get(`/v1/api/messages?size=100&created_since=${pivot.created_at}&after_id=${pivot.id}`)
		).body;
		expect(keyset.map((m) => m.id)).toEqual(all.slice(10).map((m) => m.id));
		const forCase = (await get(`/v1/api/messages?integration_id=${F.firstIntegrationId}`)).body;
		expect(forCase.length).toBeGreaterThan(0);
		expect(forCase.every((m) => m.integration_id === F.firstIntegrationId)).toBe(true);
		expect((await get(`/v1/api/messages?case_id=${F.firstCaseId}`)).body).toEqual(forCase);
		const received = (await get('/v1/api/messages?type=received&size=100')).body;
		expect(received.length).toBeGreaterThan(0);
		expect(received.every((m) => m.type === 'received')).toBe(true);
		const byRef = (
			await get(`/v1/api/messages?external_ref=${encodeURIComponent(F.messageExternalRef)}`)
		).body;
		expect(byRef).toHaveLength(1);
		expect(byRef[0].external_ref).toBe(F.messageExternalRef);
		expect((await get('/v1/api/messages?type=draft')).status).toBe(400);
		expect((await get('/v1/api/messages?after_id=x')).status).toBe(400);
	});

	test('files: integration_id, case_id, external_ref, updated_since', async () => {
		const byCase = (await get(`/v1/api/files?integration_id=${F.firstIntegrationId}`)).body;
		expect(byCase).toHaveLength(2);
		expect((await get(`/v1/api/files?case_id=${F.firstCaseId}`)).body).toEqual(byCase);
		const byRef = (await get(`/v1/api/files?external_ref=${encodeURIComponent(F.fileExternalRef)}`))
			.body;
		expect(byRef).toHaveLength(1);
		const all = (await get('/v1/api/files?size=100')).body;
		const latest = all.reduce((a, b) => (a.updated_at > b.updated_at ? a : b));
		expect(
			(await get(`/v1/api/files?updated_since=${latest.updated_at}`)).body.map((f) => f.id),
		).toEqual([latest.id]);
	});

	test('users: email case-insensitive, role, active; stages by position with mappings; practice areas', async () => {
		const dana = (await get('/v1/api/users?email=DREYES@FIRM.COM')).body;
		expect(dana).toHaveLength(1);
		expect(dana[0]).toMatchObject({ email: 'dreyes@firm.com', role: 'attorney', active: true });
		const attorneys = (await get('/v1/api/users?role=attorney&active=true')).body.map(
			(u) => u.email,
		);
		expect(attorneys).toEqual(F.attorneyEmails);
		const inactive = (await get('/v1/api/users?active=false')).body.map((u) => u.email);
		expect(inactive).toEqual([F.inactiveAttorneyEmail]);
		const stages = (await get('/v1/api/stages?size=100')).body;
		expect(stages).toHaveLength(12);
		expect(stages.map((s) => s.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
		expect(stages.find((s) => s.display_name === 'Treatment').integration_mappings).toEqual([
			'Treatment',
			'Medical Treatment',
		]);
		const areas = (await get('/v1/api/practice-areas')).body;
		expect(areas.map((a) => a.display_name)).toEqual(F.practiceAreaNames);
		expect(areas[0].integration_mappings).toContain('PI');
	});
});

describe('create-case', () => {
	test('creates with mappings resolved and case-insensitive attorney e-mail', async () => {
		const res = await post('/v1/api/cases', validCase());
		expect(res.status).toBe(201);
		expect(res.body).toMatchObject({
			integration_id: '99001',
			status: 'open',
			practice_area: { display_name: 'Personal Injury' },
			stage: { display_name: 'Treatment' },
			primary_attorney: { email: 'dreyes@firm.com' },
			attorneys: [{ email: 'sng@firm.com' }],
			clients: [
				{
					id: expect.any(Number),
					first_name: 'Jane',
					cell_phone: '+15552010000',
					company_name: null,
					birth_date: null,
				},
			],
			closed_at: null,
			activated_at: null,
		});
		expect(res.body.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
		expect(res.body.updated_at).toBe(res.body.created_at);
		expect((await get(`/v1/api/cases/${res.body.id}`)).body).toEqual(res.body);
	});

	test('all failing fields come back together', async () => {
		const res = await post('/v1/api/cases', {
			integration_id: '99002',
			name: 'x'.repeat(256),
			practice_area: 'personal injury',
			stage: 'Treatment ',
			primary_attorney_email: F.inactiveAttorneyEmail,
			additional_attorney_emails: ['nobody@firm.com', 'lortiz@firm.com'],
			clients: [
				{ first_name: 'A', last_name: 'B', cell_phone: '(555) 201-7788' },
				{ company_name: 'Acme LLC', cell_phone: '+15550000000' },
				{ last_name: 'C' },
			],
			incident_date: '2999-01-01',
		});
		expect(res.status).toBe(400);
		expect(res.body.error.code).toBe('validation_failed');
		const got = res.body.error.details.fields.map((f) => `${f.field}:${f.code}`);
		expect(got.sort()).toEqual(
			[
				'readable_id:required',
				'name:too_long',
				'practice_area:unknown_practice_area',
				'stage:unknown_stage',
				'primary_attorney_email:attorney_not_found',
				'additional_attorney_emails[0]:user_not_found',
				'additional_attorney_emails[1]:user_not_found',
				'clients[0].cell_phone:invalid_cell_phone',
				'clients[2].first_name:required',
				'clients[2].cell_phone:invalid_cell_phone',
				'incident_date:out_of_range',
			].sort(),
		);
		expect(res.body.error.details.fields.every((f) => typeof f.message === 'string')).toBe(true);
	});

	test('missing everything → required for each required field (firm requires practice area and stage)', async () => {
		const res = await post('/v1/api/cases', {});
		const fields = res.body.error.details.fields.map((f) => `${f.field}:${f.code}`);
		expect(fields).toEqual([
			'integration_id:required',
			'readable_id:required',
			'name:required',
			'practice_area:required',
			'stage:required',
			'primary_attorney_email:required',
			'clients:required',
		]);
	});

	test('the firm setting can make practice area and stage optional', async () => {
		await admin('PATCH', '/__admin/case-status/settings', {
			require_practice_area_and_stage: false,
		});
		const res = await post('/v1/api/cases', validCase({ practice_area: undefined, stage: null }));
		expect(res.status).toBe(201);
		expect(res.body.practice_area).toBeNull();
		expect(res.body.stage).toBeNull();
	});

	test('duplicate integration_id → 409 with existing_id, even when the retry body is otherwise invalid', async () => {
		const res = await post('/v1/api/cases', validCase({ integration_id: F.firstIntegrationId }));
		expect(res.status).toBe(409);
		expect(res.body.error).toMatchObject({
			code: 'duplicate_integration_id',
			details: { existing_id: F.firstCaseId, field: 'integration_id', value: F.firstIntegrationId },
		});
		const retry = await post('/v1/api/cases', { integration_id: F.firstIntegrationId });
		expect(retry.status).toBe(409);
	});

	test('strict mode rejects unknown fields; default mode ignores them', async () => {
		expect(
			(await post('/v1/api/cases', validCase({ integration_id: '99003', colour: 'red' }))).status,
		).toBe(201);
		await admin('POST', '/__admin/config', { strict: true });
		const res = await post('/v1/api/cases', validCase({ integration_id: '99004', colour: 'red' }));
		expect(res.status).toBe(400);
		expect(res.body.error.details.fields).toEqual([
			expect.objectContaining({ field: 'colour', code: 'unknown_field' }),
		]);
	});
});

describe('update-case, close-case, reopen-case', () => {
	test('same stage (via a mapping) is a no-op that keeps updated_at; a real change bumps it', async () => {
		const c = await caseByIntegration(F.firstIntegrationId);
		const same = await patch(`/v1/api/cases/${c.id}`, {
			stage: 'Medical Treatment',
			integration_id: c.integration_id,
			clients: [{ first_name: 'Maria', last_name: 'Lopez', cell_phone: '+15552017788' }],
		});
		expect(same.status).toBe(200);
		expect(same.body).toEqual(c);
		const moved = await patch(`/v1/api/cases/${c.id}`, { stage: 'Demand Sent', status: 'on_hold' });
		expect(moved.body.stage.display_name).toBe('Demand');
		expect(moved.body.status).toBe('on_hold');
		expect(moved.body.updated_at > c.updated_at).toBe(true);
		expect(moved.body.clients).toEqual(c.clients);
	});

	test('patch rules: closed status, integration_id change, client update by id, new client', async () => {
		const c = await caseByIntegration(F.firstIntegrationId);
		const bad = await patch(`/v1/api/cases/${c.id}`, { status: 'closed', integration_id: 'other' });
		expect(bad.body.error.details.fields.map((f) => `${f.field}:${f.code}`)).toEqual([
			'integration_id:invalid_value',
			'status:invalid_value',
		]);
		const res = await patch(`/v1/api/cases/${c.id}`, {
			clients: [
				{ id: c.clients[0].id, email: 'new@example.com' },
				{ first_name: 'Luis', last_name: 'Lopez', cell_phone: '+15552017799' },
			],
		});
		expect(res.status).toBe(200);
		expect(res.body.clients[0]).toEqual({ ...c.clients[0], email: 'new@example.com' });
		expect(res.body.clients[1]).toMatchObject({ id: expect.any(Number), first_name: 'Luis' });
		const unknown = await patch(`/v1/api/cases/${c.id}`, {
			clients: [{ id: 1, cell_phone: '+15550000001', first_name: 'X', last_name: 'Y' }],
		});
		expect(unknown.body.error.details.fields[0]).toMatchObject({
			field: 'clients[0].id',
			code: 'unknown_value',
		});
	});

	test('close and reopen are idempotent; PATCH and messages on a closed case → 422 case_closed', async () => {
		const c = await caseByIntegration(F.firstIntegrationId);
		const closed = await post(`/v1/api/cases/${c.id}/close`, {});
		expect(closed.body).toMatchObject({ status: 'closed', closed_at: expect.any(String) });
		const again = await post(`/v1/api/cases/${c.id}/close`, { closed_at: '2025-07-01T00:00:00Z' });
		expect(again.status).toBe(200);
		expect(again.body).toEqual(closed.body);
		expect((await patch(`/v1/api/cases/${c.id}`, { name: 'x' })).body.error.code).toBe(
			'case_closed',
		);
		const msg = await post(`/v1/api/cases/${c.id}/messages`, { content: 'hi' });
		expect([msg.status, msg.body.error.code]).toEqual([422, 'case_closed']);
		const reopened = await post(`/v1/api/cases/${c.id}/reopen`);
		expect(reopened.body).toMatchObject({ status: 'open', closed_at: null });
		const again2 = await post(`/v1/api/cases/${c.id}/reopen`);
		expect(again2.body).toEqual(reopened.body);
	});

	test('close with an explicit closed_at keeps it; unknown and deleted cases → 404', async () => {
		const c = await caseByIntegration(F.integrationIds[1]);
		const res = await post(`/v1/api/cases/${c.id}/close`, { closed_at: '2025-06-01T12:00:00Z' });
		expect(res.body.closed_at).toBe('2025-06-01T12:00:00.000Z');
		const missing = await get('/v1/api/cases/999999');
		expect(missing.status).toBe(404);
		expect(missing.body.error).toMatchObject({
			code: 'not_found',
			details: { resource: 'case', id: '999999' },
		});
		const state = (await admin('GET', '/__admin/state/case-status')).body;
		state.cases.find((x) => x.id === c.id).extra.deleted_at = '2025-06-02T00:00:00.000Z';
		await admin('PUT', '/__admin/state/case-status', state);
		expect((await get(`/v1/api/cases/${c.id}`)).status).toBe(404);
		expect((await get(`/v1/api/cases?integration_id=${c.integration_id}`)).body).toEqual([]);
		const report = (await walk('/reporting/cases', 100)).all.find((r) => r['Internal ID'] === c.id);
		expect(report['Case Deleted At']).toBe('2025-06-02T00:00:00.000Z');
	});
});

describe('send-message', () => {
	test('default sender is the primary attorney; sender_email must be an allowed active user', async () => {
		const c = await caseByIntegration(F.firstIntegrationId);
		const res = await post(`/v1/api/cases/${c.id}/messages`, {
			content: 'Your deposition is scheduled.',
			external_ref: 'casepeer:note:1',
		});
		expect(res.status).toBe(201);
		expect(res.body).toMatchObject({
			type: 'sent',
			sender_name: 'Dana Reyes',
			sender_email: 'dreyes@firm.com',
			integration_id: c.integration_id,
			readable_id: c.readable_id,
			case_id: c.id,
			external_ref: 'casepeer:note:1',
		});
		expect(res.body.id).toBeGreaterThan(F.lastMessageId);
		const byParalegal = await post(`/v1/api/cases/${c.id}/messages`, {
			content: 'Hello',
			sender_email: 'SNG@firm.com',
		});
		expect(byParalegal.body.sender_name).toBe('Sam Ng');
		expect(byParalegal.body.id).toBeGreaterThan(res.body.id);
		const bad = await post(`/v1/api/cases/${c.id}/messages`, {
			content: '   ',
			sender_email: F.inactiveAttorneyEmail,
		});
		expect(bad.body.error.details.fields.map((f) => `${f.field}:${f.code}`)).toEqual([
			'content:required',
			'sender_email:user_not_found',
		]);
		const dup = await post(`/v1/api/cases/${c.id}/messages`, {
			content: 'again',
			external_ref: 'casepeer:note:1',
		});
		expect(dup.status).toBe(409);
		expect(dup.body.error).toMatchObject({
			code: 'duplicate_external_ref',
			details: { existing_id: res.body.id },
		});
		expect((await get('/v1/api/messages?external_ref=casepeer:note:1')).body).toEqual([res.body]);
	});

	test('the admin helper posts a received client message', async () => {
		const res = await admin('POST', '/__admin/case-status/messages', {
			integration_id: F.firstIntegrationId,
			content: 'Thanks!',
		});
		expect(res.status).toBe(201);
		expect(res.body).toMatchObject({
			type: 'received',
			sender_name: 'Maria Lopez',
			integration_id: F.firstIntegrationId,
			id: F.lastMessageId + 1,
		});
		const relay = (await get(`/v1/api/messages?after_id=${F.lastMessageId}`)).body;
		expect(relay.map((m) => m.id)).toEqual([res.body.id]);
	});
});

describe('upload-file / download-file', () => {
	test('round trip keeps bytes, sha256 and headers', async () => {
		const c = await caseByIntegration(F.firstIntegrationId);
		const bytes = crypto.randomBytes(4096);
		const form = new FormData();
		form.append('file', new Blob([bytes]), 'Lien Letter ü.pdf');
		form.append('external_ref', 'casepeer:document:42');
		const up = await call('POST', `/v1/api/cases/${c.id}/files`, { form });
		expect(up.status).toBe(201);
		expect(up.body).toMatchObject({
			file_name: 'Lien Letter ü.pdf',
			size: 4096,
			content_type: 'application/pdf',
			extension: 'pdf',
			case_id: String(c.id),
			external_ref: 'casepeer:document:42',
			sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
		});
		const down = await fetch(up.body.url, { headers: { Authorization: `ApiKey ${F.demoKey}` } });
		const got = Buffer.from(await down.arrayBuffer());
		expect(got.equals(bytes)).toBe(true);
		expect(down.headers.get('content-type')).toBe('application/pdf');
		expect(down.headers.get('content-length')).toBe('4096');
		expect(down.headers.get('content-disposition')).toMatch(
			/^attachment; filename="Lien Letter _.pdf"; filename\*=UTF-8''Lien%20Letter%20%C3%BC\.pdf$/,
		);
		const dup = new FormData();
		dup.append('file', new Blob(['x']), 'a.txt');
		dup.append('external_ref', 'casepeer:document:42');
		const conflict = await call('POST', `/v1/api/cases/${c.id}/files`, { form: dup });
		expect(conflict.body.error).toMatchObject({
			code: 'duplicate_external_ref',
			details: { existing_id: up.body.id },
		});
	});

	test('seeded file bytes match their sha256', async () => {
		const files = (await get('/v1/api/files?size=100')).body;
		expect(files).toHaveLength(F.fileCount);
		for (const f of files.slice(0, 4)) {
			const res = await get(`/v1/api/files/${f.id}/content`);
			expect(crypto.createHash('sha256').update(res.body).digest('hex')).toBe(f.sha256);
			expect(res.body.length).toBe(f.size);
		}
	});

	test('missing file part, empty file, not multipart, and > 50 MiB', async () => {
		const c = await caseByIntegration(F.firstIntegrationId);
		const none = new FormData();
		none.append('file_name', 'x.pdf');
		expect(
			(await call('POST', `/v1/api/cases/${c.id}/files`, { form: none })).body.error.details
				.fields[0],
		).toMatchObject({ field: 'file', code: 'required' });
		const empty = new FormData();
		empty.append('file', new Blob([]), 'empty.pdf');
		const e = await call('POST', `/v1/api/cases/${c.id}/files`, { form: empty });
		expect(e.status).toBe(400);
		expect(e.body.error.details.fields[0]).toMatchObject({ field: 'file', code: 'invalid_value' });
		const json = await post(`/v1/api/cases/${c.id}/files`, { file: 'abc' });
		expect(json.status).toBe(415);
		const big = new FormData();
		big.append('file', new Blob([Buffer.alloc(caseStatus.helpers.MAX_FILE_BYTES + 1)]), 'big.bin');
		const tooBig = await call('POST', `/v1/api/cases/${c.id}/files`, { form: big });
		expect(tooBig.status).toBe(413);
		expect(tooBig.body.error).toMatchObject({
			code: 'file_too_large',
			details: { max_bytes: caseStatus.helpers.MAX_FILE_BYTES },
		});
		expect((await get(`/v1/api/files?case_id=${c.id}`)).body).toHaveLength(2); // nothing stored
	});
});

describe('seed and bulk generation', () => {
	test('the seed is deterministic per seed number and facts hold for any seed', () => {
		const a = caseStatus.seed(createRng(7));
		const b = caseStatus.seed(createRng(7));
		const c = caseStatus.seed(createRng(8));
		expect(JSON.stringify(a)).toBe(JSON.stringify(b));
		expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
		for (const s of [a, c]) {
			expect(s.cases.map((x) => x.integration_id)).toEqual(F.integrationIds);
			expect(s.cases.filter((x) => x.status === 'closed').map((x) => x.integration_id)).toEqual(
				F.closedIntegrationIds,
			);
			expect(s.stages).toHaveLength(F.stageCount);
			expect(s.messages.map((m) => m.id)).toEqual(s.messages.map((_, k) => F.firstMessageId + k));
			const created = s.messages.map((m) => m.created_at);
			expect(created).toEqual([...created].sort());
			for (const x of s.cases)
				expect(x.updated_at >= F.seedWindow.from && x.updated_at <= F.seedWindow.to).toBe(true);
		}
	});

	test('generate appends 10,000 cases, deterministically', async () => {
		const state = caseStatus.seed(createRng(1));
		const out = caseStatus.generate(state, createRng(99), { cases: 10000, messages: 1000 });
		expect(out.totals.cases).toBe(F.caseCount + 10000);
		expect(state.cases[F.caseCount].integration_id).toBe(String(Number(F.lastIntegrationId) + 1));
		expect(new Set(state.cases.map((x) => x.integration_id)).size).toBe(state.cases.length);
		const again = caseStatus.seed(createRng(1));
		caseStatus.generate(again, createRng(99), { cases: 10000, messages: 1000 });
		expect(JSON.stringify(again)).toBe(JSON.stringify(state));
	});

	test('POST /__admin/seed/case-status serves 10,000 extra cases through the API', async () => {
		const res = await admin('POST', '/__admin/seed/case-status', {
			cases: 10000,
			connectedRatio: 1,
		});
		expect(res.body.totals.cases).toBe(F.caseCount + 10000);
		const last = await get('/v1/api/cases?page[number]=101&size=100');
		expect(last.body).toHaveLength(25);
		const report = await get('/reporting/cases?page[number]=101&size=100');
		expect(report.body.results).toHaveLength(25);
	});
});
