'use strict';

// Sandbox core: helpers, routing, auth, rate limits, fault injection, admin API and request log.

const { startSandbox } = require('../../sandbox/server');
const { parseQuery, queryList, parseMultipart } = require('../../sandbox/lib/http');
const { createRng } = require('../../sandbox/lib/rng');
const { TokenBucket } = require('../../sandbox/lib/ratelimit');
const { SEED_FACTS: F } = require('../../sandbox/systems/case-status');

const AUTH = { Authorization: `ApiKey ${F.demoKey}` };

describe('lib helpers', () => {
	test('parseQuery keeps bracket keys literally (raw or encoded) and repeats as arrays', () => {
		const q = parseQuery(
			'page%5Bnumber%5D=2&size=5&integration_id=1&integration_id=2&name=a+b%20c&flag',
		);
		expect({ ...q }).toEqual({
			'page[number]': '2',
			size: '5',
			integration_id: ['1', '2'],
			name: 'a b c',
			flag: '',
		});
		expect(parseQuery('page[number]=3')['page[number]']).toBe('3');
		expect(parseQuery('bad=%E0%A4%A')['bad']).toBe('%E0%A4%A');
		expect(queryList(parseQuery('id=1&id[]=2&id[5]=3&idx=9'), 'id')).toEqual(['1', '2', '3']);
	});

	test('parseMultipart splits fields and files, binary-safe', async () => {
		const bytes = Buffer.from([0, 13, 10, 45, 45, 255]);
		const body = Buffer.concat([
			Buffer.from('--XYZ\r\nContent-Disposition: form-data; name="external_ref"\r\n\r\nref-1\r\n'),
			Buffer.from(
				'--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a \\"b\\".bin"\r\nContent-Type: application/octet-stream\r\n\r\n',
			),
			bytes,
			Buffer.from('\r\n--XYZ--\r\n'),
		]);
		const { fields, files } = await parseMultipart(body, 'multipart/form-data; boundary=XYZ');
		expect(fields.external_ref).toBe('ref-1');
		expect(files.file.filename).toBe('a "b".bin');
		expect(files.file.data.equals(bytes)).toBe(true);
	});

	test('parseMultipart refuses a body without a boundary or an end as 400 validation_failed', async () => {
		const cut = Buffer.from('--XYZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue');
		for (const [body, type] of [
			[cut, 'multipart/form-data'],
			[cut, 'multipart/form-data; boundary=XYZ'],
		]) {
			await expect(parseMultipart(body, type)).rejects.toMatchObject({
				status: 400,
				code: 'validation_failed',
			});
		}
	});

	test('rng is deterministic; token bucket refills and reports whole seconds', () => {
		const a = createRng(42);
		const b = createRng(42);
		expect([a(), a.int(1, 6), a.pick(['x', 'y'])]).toEqual([b(), b.int(1, 6), b.pick(['x', 'y'])]);
		const bucket = new TokenBucket({ perSecond: 0.5, burst: 2 }, 0);
		expect([bucket.take(0), bucket.take(0)]).toEqual([0, 0]);
		expect(bucket.take(0)).toBe(2); // one token at 0.5/s = 2 s
		expect(bucket.take(2000)).toBe(0);
	});
});

describe('server', () => {
	let sb;
	const cs = (path, init = {}) =>
		fetch(`${sb.url}/case-status${path}`, {
			...init,
			headers: { ...AUTH, ...(init.headers || {}) },
		});
	const admin = async (method, path, body) => {
		const res = await fetch(sb.url + path, {
			method,
			headers: { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: res.status, body: await res.json() };
	};
	const newCase = (integrationId) => ({
		integration_id: integrationId,
		readable_id: `R-${integrationId}`,
		name: 'Fault v. Injection',
		practice_area: 'Personal Injury',
		stage: 'Intake',
		primary_attorney_email: F.attorneyEmails[0],
		clients: [{ first_name: 'Ann', last_name: 'Lee', cell_phone: '+15550001111' }],
	});
	const create = (integrationId) =>
		cs('/v1/api/cases', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(newCase(integrationId)),
		});
	const exists = async (integrationId) =>
		(await (await cs(`/v1/api/cases?integration_id=${integrationId}`)).json()).length === 1;

	beforeAll(async () => {
		sb = await startSandbox({ port: 0 });
	});
	afterAll(() => sb.close());
	beforeEach(() => admin('POST', '/__admin/reset', {}));

	test('startSandbox exposes url, port, per-system base URLs and live state', () => {
		expect(sb.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(sb.port).toBeGreaterThan(0);
		expect(sb.systems['case-status']).toBe(`${sb.url}/case-status`);
		expect(sb.state['case-status'].cases).toHaveLength(F.caseCount);
	});

	test('unknown routes → 404 envelope; wrong method → 405', async () => {
		const outside = await fetch(`${sb.url}/nowhere`);
		expect(outside.status).toBe(404);
		expect((await outside.json()).error).toMatchObject({
			code: 'not_found',
			message: expect.any(String),
			details: expect.any(Object),
		});
		const inside = await cs('/v1/api/nothing');
		expect(inside.status).toBe(404);
		expect((await inside.json()).error.code).toBe('not_found');
		const wrong = await cs('/v1/api/stages', { method: 'DELETE' });
		expect(wrong.status).toBe(405);
		expect(wrong.headers.get('allow')).toBe('GET');
	});

	test('a burst over 5 → 429 with Retry-After; buckets are per key; 401s cost no token', async () => {
		for (let i = 0; i < 3; i++)
			await cs('/v1/api/stages', { headers: { Authorization: 'ApiKey wrong' } });
		const statuses = [];
		let limited;
		// 10 back to back: the first 5 use the burst; even on a slow machine (refill 5/s) some of the rest are 429.
		for (let i = 0; i < 10; i++) {
			const res = await cs('/v1/api/stages');
			statuses.push(res.status);
			if (res.status === 429)
				limited = { retryAfter: res.headers.get('retry-after'), body: await res.json() };
		}
		expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
		expect(statuses.slice(5)).toContain(429);
		expect(statuses.slice(5).every((st) => st === 200 || st === 429)).toBe(true);
		expect(Number(limited.retryAfter)).toBeGreaterThanOrEqual(1);
		expect(Number.isInteger(Number(limited.retryAfter))).toBe(true);
		expect(limited.body.error).toMatchObject({
			code: 'rate_limited',
			details: { retry_after_seconds: Number(limited.retryAfter) },
		});
		expect(
			(await cs('/v1/api/stages', { headers: { Authorization: `ApiKey ${F.canaryKey}` } })).status,
		).toBe(200);
	});

	test('rate limits are configurable per run and restored by reset', async () => {
		await admin('POST', '/__admin/config', {
			rateLimits: { 'case-status': { perSecond: 1, burst: 2 } },
		});
		const a = [];
		for (let i = 0; i < 3; i++) a.push((await cs('/v1/api/stages')).status);
		expect(a).toEqual([200, 200, 429]);
		await admin('POST', '/__admin/config', { rateLimits: false });
		const b = [];
		for (let i = 0; i < 8; i++) b.push((await cs('/v1/api/stages')).status);
		expect(b.every((s) => s === 200)).toBe(true);
		expect(
			(await admin('POST', '/__admin/config', { rateLimits: { 'case-status': { perSecond: 0 } } }))
				.status,
		).toBe(400);
		await admin('POST', '/__admin/reset', {});
		expect((await admin('GET', '/__admin/config')).body.rateLimits['case-status']).toEqual({
			perSecond: 5,
			burst: 5,
		});
	});

	test('limited answers carry RateLimit-* headers for the key (so processes sharing it can pace); they can be switched off', async () => {
		await admin('POST', '/__admin/config', {
			rateLimits: { 'case-status': { perSecond: 2, burst: 3 } },
		});
		const seen = [];
		for (let i = 0; i < 4; i++) {
			const res = await cs('/v1/api/stages');
			seen.push([res.status, res.headers.get('ratelimit-remaining'), res.headers.get('ratelimit-policy')]);
		}
		expect(seen).toEqual([
			[200, '2', '3;w=1.5'],
			[200, '1', '3;w=1.5'],
			[200, '0', '3;w=1.5'],
			[429, '0', '3;w=1.5'],
		]);
		await admin('POST', '/__admin/config', { rateLimitHeaders: false });
		expect((await cs('/v1/api/stages')).headers.get('ratelimit-remaining')).toBeNull();
		await admin('POST', '/__admin/reset', {});
		expect((await admin('GET', '/__admin/config')).body.rateLimitHeaders).toBe(true);
	});

	test('startSandbox({ rateLimit: false }) disables limits', async () => {
		const free = await startSandbox({ port: 0, rateLimit: false });
		try {
			const statuses = await Promise.all(
				Array.from({ length: 12 }, () =>
					fetch(`${free.url}/case-status/v1/api/stages`, { headers: AUTH }).then((r) => r.status),
				),
			);
			expect(statuses.every((s) => s === 200)).toBe(true);
		} finally {
			await free.close();
		}
	});

	describe('faults', () => {
		beforeEach(() => admin('POST', '/__admin/config', { rateLimits: false }));

		test('scripted 503 / drop / 429 hit the next requests in order and never change state', async () => {
			await admin('POST', '/__admin/config', {
				faults: { script: [{ status: 503 }, { drop: true }, { status: 429, retryAfter: 2 }] },
			});
			const r1 = await create('80001');
			expect(r1.status).toBe(503);
			expect(r1.headers.get('retry-after')).toBe('1');
			expect((await r1.json()).error).toMatchObject({ code: 'unavailable' });
			await expect(create('80001')).rejects.toThrow(); // connection reset, no response
			const r3 = await create('80001');
			expect(r3.status).toBe(429);
			expect(r3.headers.get('retry-after')).toBe('2');
			expect((await r3.json()).error.details.retry_after_seconds).toBe(2);
			expect(await exists('80001')).toBe(false); // none of the faulted creates landed
			expect((await create('80001')).status).toBe(201); // script used up
			const log = (await admin('GET', '/__admin/requests?method=POST')).body;
			expect(log.map((e) => [e.status, e.faulted])).toEqual([
				[503, true],
				[null, true],
				[429, true],
				[201, false],
			]);
		});

		test('afterHandler: the write commits, then the connection drops (or the status replaces the response)', async () => {
			await admin('POST', '/__admin/config', {
				faults: {
					script: [
						{ afterHandler: true, match: { method: 'POST', pathPrefix: '/v1/api/cases' } },
						{ afterHandler: true, status: 502, match: { method: 'POST' } },
					],
				},
			});
			expect((await cs('/v1/api/stages')).status).toBe(200); // GET does not match
			await expect(create('80002')).rejects.toThrow();
			expect(await exists('80002')).toBe(true);
			// The retry runs the handler (a 409: already created) but its answer is replaced by the scripted 502.
			const retry = await create('80002');
			expect(retry.status).toBe(502);
			const third = await create('80002'); // script used up: the client now sees the 409 and treats it as success
			expect(third.status).toBe(409);
			expect((await third.json()).error.code).toBe('duplicate_integration_id');
		});

		test('random faults are deterministic per seed and filtered by system/method; admin is never faulted', async () => {
			const faults = { errorRate: 0.5, statuses: [500, 503], methods: ['GET'] };
			const run = async () => {
				await admin('POST', '/__admin/reset', { seed: 3 });
				await admin('POST', '/__admin/config', { rateLimits: false, faults });
				const out = [];
				for (let i = 0; i < 16; i++) out.push((await cs('/v1/api/stages')).status);
				expect((await admin('GET', '/__admin/state/case-status')).status).toBe(200);
				return out;
			};
			const first = await run();
			expect(await run()).toEqual(first);
			expect(first).toContain(200);
			expect(first.some((s) => s === 500 || s === 503)).toBe(true);
			expect((await create('80003')).status).toBe(201); // POST is outside methods
		});

		test('latency and dropRate', async () => {
			await admin('POST', '/__admin/config', { faults: { latencyMs: [120, 130] } });
			const t0 = Date.now();
			expect((await cs('/v1/api/stages')).status).toBe(200);
			expect(Date.now() - t0).toBeGreaterThanOrEqual(115);
			await admin('POST', '/__admin/config', { faults: { dropRate: 1 } });
			await expect(cs('/v1/api/stages')).rejects.toThrow();
			await admin('POST', '/__admin/config', { faults: null });
			expect((await cs('/v1/api/stages')).status).toBe(200);
		});

		test('invalid fault configs are rejected with every bad field', async () => {
			const res = await admin('POST', '/__admin/config', {
				faults: { errorRate: 2, statuses: [200], script: [{}] },
			});
			expect(res.status).toBe(400);
			expect(res.body.error.details.fields.map((f) => f.field)).toEqual([
				'faults.errorRate',
				'faults.statuses',
				'faults.script[0]',
			]);
		});
	});

	describe('admin', () => {
		test('reset re-seeds (same seed = same data, other seed = other data) and clears the log', async () => {
			const initial = (await admin('GET', '/__admin/state/case-status')).body;
			expect((await create('80010')).status).toBe(201);
			await admin('POST', '/__admin/reset', {});
			expect((await admin('GET', '/__admin/state/case-status')).body).toEqual(initial);
			expect((await admin('GET', '/__admin/requests')).body).toEqual([]);
			await admin('POST', '/__admin/reset', { seed: 2 });
			const other = (await admin('GET', '/__admin/state/case-status')).body;
			expect(other.cases.map((c) => c.integration_id)).toEqual(
				initial.cases.map((c) => c.integration_id),
			);
			expect(other.cases[1].name).not.toEqual(initial.cases[1].name);
		});

		test('PUT state replaces it and ids keep increasing', async () => {
			const state = (await admin('GET', '/__admin/state/case-status')).body;
			state.cases = state.cases.slice(0, 2);
			delete state.next_ids;
			expect((await admin('PUT', '/__admin/state/case-status', state)).status).toBe(200);
			const list = await (await cs('/v1/api/cases?size=100')).json();
			expect(list).toHaveLength(2);
			const created = await (await create('80011')).json();
			expect(created.id).toBeGreaterThan(list[1].id);
			expect((await admin('GET', '/__admin/state/nope')).status).toBe(404);
		});

		test('request log: fields, filters, clear; never headers or keys', async () => {
			await cs('/v1/api/messages?page%5Bnumber%5D=1', {
				headers: { Authorization: `ApiKey ${F.canaryKey}` },
			});
			await cs('/v1/api/cases?integration_id=1&integration_id=2');
			await fetch(`${sb.url}/case-status/v1/api/users`, {
				headers: { Authorization: `ApiKey ${F.canaryKey}x` },
			});
			const log = (await admin('GET', '/__admin/requests?system=case-status')).body;
			expect(log).toHaveLength(3);
			expect(log[0]).toEqual({
				seq: 1,
				at: expect.stringMatching(/Z$/),
				system: 'case-status',
				method: 'GET',
				path: '/v1/api/messages',
				query: { 'page[number]': '1' },
				status: 200,
				faulted: false,
				ms: expect.any(Number),
			});
			expect(log[1].query).toEqual({ integration_id: ['1', '2'] });
			expect(log[2].status).toBe(401);
			expect(JSON.stringify(log)).not.toContain(F.canaryKey);
			expect((await admin('GET', '/__admin/requests?pathPrefix=/v1/api/cases')).body).toHaveLength(
				1,
			);
			expect((await admin('GET', '/__admin/requests?method=POST')).body).toHaveLength(0);
			await admin('DELETE', '/__admin/requests');
			expect((await admin('GET', '/__admin/requests')).body).toEqual([]);
		});

		test('no response or state carries the presented key', async () => {
			const bodies = [];
			for (const key of [F.canaryKey, `${F.canaryKey}-wrong`]) {
				for (const path of ['/v1/api/users', '/v1/api/cases/1', '/reporting/cases']) {
					const res = await fetch(`${sb.url}/case-status${path}`, {
						headers: { Authorization: `ApiKey ${key}` },
					});
					bodies.push(await res.text(), JSON.stringify([...res.headers]));
				}
			}
			bodies.push(
				JSON.stringify((await admin('GET', '/__admin')).body),
				JSON.stringify((await admin('GET', '/__admin/state/case-status')).body),
			);
			for (const text of bodies) expect(text).not.toContain(F.canaryKey);
		});
	});
});
