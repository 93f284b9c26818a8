'use strict';

// POST /__admin/seed/linked (sandbox/systems/linked.js): N cases in CASEpeer and Case Status at once, and
// POST /__admin/reset restoring both systems together.

// Seeding and reading thousands of cases over HTTP takes seconds on a busy machine: not a speed check (that is the bench's).
jest.setTimeout(60_000);
const { startSandbox, createSandbox } = require('../../sandbox/server');
const { adminClient } = require('../helpers/sandbox-client');
const { generateLinked } = require('../../sandbox/systems/linked');
const { createRng } = require('../../sandbox/lib/rng');
const { isoFromMs } = require('../../sandbox/lib/time');
const casepeer = require('../../sandbox/systems/casepeer');
const caseStatus = require('../../sandbox/systems/case-status');

const F = casepeer.SEED_FACTS;
const CSF = caseStatus.SEED_FACTS;
let sb;

function toE164(raw) {
	if (typeof raw !== 'string' || !raw.trim()) return null;
	const digits = raw.replace(/\D/g, '');
	if (raw.trim().startsWith('+')) return `+${digits}`;
	if (digits.length === 11 && digits.startsWith('1')) return `+${digits}`;
	return digits.length === 10 ? `+1${digits}` : null;
}

const admin = adminClient(() => sb.url);
const cp = (path) =>
	fetch(sb.systems.casepeer + path, { headers: { Authorization: `Bearer ${F.demoKey}` } }).then(
		(r) => r.json(),
	);
const cs = (path) =>
	fetch(sb.systems['case-status'] + path, {
		headers: { Authorization: `ApiKey ${CSF.demoKey}` },
	}).then((r) => r.json());

beforeAll(async () => {
	sb = await startSandbox({ port: 0, rateLimit: false });
});
afterAll(() => sb.close());
beforeEach(() => admin('POST', '/__admin/reset', {}));

test('isoFromMs (the fast formatter bulk generation uses) equals Date#toISOString', () => {
	const rng = createRng(5);
	const samples = [
		0,
		Date.UTC(2024, 1, 29, 23, 59, 59, 999),
		Date.UTC(2100, 2, 1),
		Date.UTC(999, 0, 1),
	];
	for (let i = 0; i < 20000; i++) samples.push(Math.floor(rng() * 253402300799999));
	for (const ms of samples) expect(isoFromMs(ms)).toBe(new Date(ms).toISOString());
});

// How fast the seeding is belongs to the bench (it seeds 10,000 cases before every nightly-sync run), not here.
test('10,000 linked cases, exactly changedRatio changed after T', () => {
	const { state } = createSandbox({ rateLimit: false });
	const out = generateLinked(state, createRng(42), { cases: 10000, changedRatio: 0.01 });
	expect(out.created).toBe(10000);
	expect(out.changed).toHaveLength(100);
	expect(out.lastSyncAt).toBe(F.lastSyncAt);
	expect(out.first_id).toBe(F.lastCaseId + 1);
	expect(out.last_id).toBe(F.lastCaseId + 10000);
	expect(state.casepeer.cases).toHaveLength(F.caseCount + 10000);
	expect(state['case-status'].cases).toHaveLength(CSF.caseCount + 10000);
	expect([...out.changes.stage, ...out.changes.closed].sort()).toEqual([...out.changed].sort());
});

test('linked pairs: aligned ids, identical content, Case Status at T, CASEpeer before T unless changed', async () => {
	const res = await admin('POST', '/__admin/seed/linked', {
		cases: 3000,
		changedRatio: 0.02,
		closedRatio: 0.1,
	});
	expect(res.status).toBe(200);
	const out = res.body;
	expect(out).toMatchObject({ created: 3000, lastSyncAt: F.lastSyncAt });
	expect(out.changed).toHaveLength(60);
	const T = out.lastSyncAt;
	const changed = new Set(out.changed);
	const cpState = sb.state.casepeer;
	const csState = sb.state['case-status'];
	const csByIntegration = new Map(csState.cases.map((c) => [c.integration_id, c]));
	const csStageOf = (name) =>
		csState.stages.find((s) => s.display_name === name || s.integration_mappings.includes(name));
	const fresh = cpState.cases.filter((c) => c.id >= out.first_id);
	expect(fresh.map((c) => c.id)).toEqual(Array.from({ length: 3000 }, (_, k) => out.first_id + k));
	let closedBoth = 0;
	for (const c of fresh) {
		const x = csByIntegration.get(String(c.id));
		expect(c.case_status_connected).toBe(true);
		expect(c.case_status_id).toBe(x.id);
		expect([c.name, c.number, c.practice_area, c.incident_date]).toEqual([
			x.name,
			x.readable_id,
			x.practice_area.display_name,
			x.incident_date,
		]);
		expect(c.primary_attorney.email).toBe(x.primary_attorney.email);
		expect(toE164(c.clients[0].cell_phone)).toBe(x.clients[0].cell_phone);
		expect([c.clients[0].first_name, c.clients[0].email]).toEqual([
			x.clients[0].first_name,
			x.clients[0].email,
		]);
		expect(x.updated_at).toBe(T);
		if (changed.has(c.id)) {
			expect(c.updated_at > T).toBe(true);
			const stageDiffers = csStageOf(c.stage.name).id !== x.stage.id;
			const closedOnlyHere = c.status === 'closed' && x.status === 'open';
			expect(stageDiffers !== closedOnlyHere).toBe(true); // exactly one kind of change
			expect(out.changes[stageDiffers ? 'stage' : 'closed']).toContain(c.id);
		} else {
			expect(c.updated_at < T).toBe(true);
			expect(csStageOf(c.stage.name).id).toBe(x.stage.id);
			expect(c.status).toBe(x.status);
			if (c.status === 'closed') closedBoth++;
		}
	}
	expect(closedBoth).toBeGreaterThan(150);
	expect(closedBoth).toBeLessThan(450);

	// The nightly sync's query sees exactly the seed's divergent cases and the changed ones.
	const feed = [];
	for (let page = 1; ; page++) {
		const r = await cp(
			`/v1/cases?case_status_connected=true&updated_since=${T}&per_page=200&page=${page}`,
		);
		feed.push(...r.data.map((c) => c.id));
		if (r.meta.next_page === null) break;
	}
	expect(feed.sort((a, b) => a - b)).toEqual(
		[...F.changedSinceLastSync, ...out.changed].sort((a, b) => a - b),
	);
	// Case Status finds each one by integration_id.
	const [one] = await cs(`/v1/api/cases?integration_id=${out.changed[0]}`);
	expect(one.updated_at).toBe(T);
});

test('deterministic per run seed; ids continue after both systems; unconnected extras', async () => {
	const a = await admin('POST', '/__admin/seed/linked', { cases: 500, changedRatio: 0.1 });
	await admin('POST', '/__admin/reset', {});
	const b = await admin('POST', '/__admin/seed/linked', { cases: 500, changedRatio: 0.1 });
	expect(b.body).toEqual(a.body);
	const next = await admin('POST', '/__admin/seed/linked', {
		cases: 10,
		changedRatio: 0,
		unconnected: 3,
	});
	expect(next.body.first_id).toBe(a.body.last_id + 1);
	expect(next.body.changed).toEqual([]);
	expect(next.body.unconnected).toEqual([
		a.body.last_id + 11,
		a.body.last_id + 12,
		a.body.last_id + 13,
	]);
	const extra = await cp(`/v1/cases/${next.body.unconnected[0]}`);
	expect(extra.case_status_connected).toBe(false);
	expect(extra.updated_at < F.lastSyncAt).toBe(true);
	expect(await cs(`/v1/api/cases?integration_id=${next.body.unconnected[0]}`)).toEqual([]);
	// A Case Status-only bulk seed first: linked ids still continue after the highest of both.
	await admin('POST', '/__admin/reset', {});
	await admin('POST', '/__admin/seed/case-status', { cases: 50 });
	const after = await admin('POST', '/__admin/seed/linked', { cases: 1 });
	expect(after.body.first_id).toBe(Number(CSF.lastIntegrationId) + 50 + 1);
});

test('POST /__admin/seed/linked over HTTP: 10,000; bad options → 400', async () => {
	const res = await admin('POST', '/__admin/seed/linked', { cases: 10000, changedRatio: 0.01 });
	expect(res.body.changed).toHaveLength(100);
	const total = await cp('/v1/cases?per_page=1');
	expect(total.meta.total).toBe(F.caseCount + 10000);
	const bad = await admin('POST', '/__admin/seed/linked', {
		cases: 1.5,
		changedRatio: -0.1,
		closedRatio: 2,
	});
	expect(bad.status).toBe(400);
	expect(bad.body.error.details.fields.map((f) => f.field)).toEqual([
		'cases',
		'changedRatio',
		'closedRatio',
	]);
	expect((await admin('POST', '/__admin/seed/linked', {})).status).toBe(400);
});

test('POST /__admin/reset restores both systems, still consistent', async () => {
	const freshCp = (await admin('GET', '/__admin/state/casepeer')).body;
	const freshCs = (await admin('GET', '/__admin/state/case-status')).body;
	await admin('POST', '/__admin/seed/linked', { cases: 200, changedRatio: 0.5 });
	await admin('PATCH', `/__admin/casepeer/cases/${F.firstCase.id}`, { stage: 'Settled' });
	await fetch(`${sb.systems.casepeer}/v1/cases/${F.firstCase.id}/notes`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${F.demoKey}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({ text: 'x' }),
	});
	await fetch(`${sb.systems['case-status']}/v1/api/cases/${CSF.firstCaseId}/close`, {
		method: 'POST',
		headers: { Authorization: `ApiKey ${CSF.demoKey}`, 'Content-Type': 'application/json' },
		body: '{}',
	});
	expect((await admin('GET', '/__admin/state/casepeer')).body).not.toEqual(freshCp);
	await admin('POST', '/__admin/reset', {});
	expect((await admin('GET', '/__admin/state/casepeer')).body).toEqual(freshCp);
	expect((await admin('GET', '/__admin/state/case-status')).body).toEqual(freshCs);
	// Another seed number changes both, together.
	await admin('POST', '/__admin/reset', { seed: 9 });
	const cp9 = (await admin('GET', '/__admin/state/casepeer')).body;
	const cs9 = (await admin('GET', '/__admin/state/case-status')).body;
	expect(cs9.cases[3].name).not.toBe(freshCs.cases[3].name);
	cs9.cases.forEach((x, i) => {
		expect(cp9.cases[i].name).toBe(x.name);
		expect(toE164(cp9.cases[i].clients[0].cell_phone)).toBe(
			F.divergent.phoneChanged.includes(cp9.cases[i].id)
				? toE164(cp9.cases[i].clients[0].cell_phone)
				: x.clients[0].cell_phone,
		);
	});
});
