// CASEpeer Trigger cursor logic against nock-served feeds: overlap, dedupe, keyset paging, advancing only after a
// successful poll, priming on activation, stage/closed detection, the notes sweep, manual mode.
const nock = require('nock');
const { NodeApiError } = require('n8n-workflow');
const { CasePeerTrigger } = require('../../nodes/CasePeer/CasePeerTrigger.node');
const { FeedCursor, startState } = require('../../nodes/shared/keyset');
const { runPoll } = require('../helpers/harness');
const { useFakeClock } = require('../helpers/clock');

const BASE = 'http://casepeer.test';
const credentials = { casePeerApi: { baseUrl: BASE, apiKey: 'cp_unit_key_123456' } };
const node = new CasePeerTrigger();
const time = useFakeClock();
const T0 = 1_700_000_000_000; // 2023-11-14T22:13:20.000Z
const at = (minutes) => new Date(T0 + minutes * 60_000).toISOString();

const page = (data, next = null) => ({ data, meta: { page: 1, per_page: 200, total: data.length, next_page: next } });
const kase = (id, updatedMin, extra = {}) => ({
	id,
	name: `Case ${id}`,
	url: `https://firm.casepeer.com/case/${id}/`,
	status: 'open',
	stage: { id: 'stg_1', name: 'Intake' },
	stage_updated_at: at(-1000),
	created_at: at(-1000),
	updated_at: at(updatedMin),
	closed_at: null,
	case_status_connected: true,
	clients: [],
	...extra,
});

/** Serves GET /v1/cases once with `body`, recording the query. */
function serveCases(queries, body, status = 200) {
	return nock(BASE)
		.get('/v1/cases')
		.query((q) => {
			queries.push(q);
			return true;
		})
		.reply(status, body);
}

const poll = (staticData, parameters = {}, mode = 'trigger') =>
	runPoll({ node, parameters: { event: 'caseUpdated', ...parameters }, credentials, staticData, mode });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('cases feed: Case Updated', () => {
	test('first poll primes from now, emits nothing; later polls overlap 5 min, dedupe, advance only after success', async () => {
		const staticData = { node: {}, global: {} };
		const queries = [];

		// Activation: A changed 3 minutes ago is history.
		serveCases(queries, page([kase(1, -3)]));
		expect((await poll(staticData)).output).toBeNull();
		expect(queries[0]).toEqual({ updated_since: at(-5), page: '1', per_page: '200' });
		expect(staticData.node.cases.state.cursor).toEqual({ t: at(0), id: null });
		expect(staticData.node.cases.state.seen.map((s) => s[0])).toEqual([`1@${at(-3)}`]);

		// 10 minutes later: A again (overlap, already seen), B committed late (before the cursor), C new.
		time.now = T0 + 10 * 60_000;
		serveCases(queries, page([kase(1, -3), kase(2, -1), kase(3, 7)]));
		const second = await poll(staticData);
		expect(queries[1].updated_since).toBe(at(-5));
		expect(queries[1].after_id).toBeUndefined();
		expect(second.output.map((i) => i.json.id)).toEqual([2, 3]);
		expect(second.output[0].json).toEqual(expect.objectContaining({ name: 'Case 2', stage: 'Intake', case_status_connected: true }));
		expect(staticData.node.cases.state.cursor).toEqual({ t: at(7), id: 3 });

		// Same data again: nothing new.
		serveCases(queries, page([kase(3, 7)]));
		expect((await poll(staticData)).output).toBeNull();
		expect(queries[2].updated_since).toBe(at(2));
		// A and B fell out of the window (before cursor − 5 min) and were forgotten; C is remembered while inside it.
		expect(staticData.node.cases.state.seen.map((s) => s[0])).toEqual([`3@${at(7)}`]);
	});

	test('a case edited again is emitted again (new updated_at), once', async () => {
		const staticData = { node: {}, global: {} };
		const queries = [];
		serveCases(queries, page([]));
		await poll(staticData);
		serveCases(queries, page([kase(5, 1)]));
		expect((await poll(staticData)).output.map((i) => i.json.updated_at)).toEqual([at(1)]);
		serveCases(queries, page([kase(5, 2)]));
		expect((await poll(staticData)).output.map((i) => i.json.updated_at)).toEqual([at(2)]);
		serveCases(queries, page([kase(5, 2)]));
		expect((await poll(staticData)).output).toBeNull();
	});

	test('pages follow the keyset (updated_since + after_id of the last record), never page=2', async () => {
		const staticData = { node: {}, global: {} };
		const queries = [];
		serveCases(queries, page([]));
		await poll(staticData);
		serveCases(queries, page([kase(5, 1), kase(7, 1)], 2));
		serveCases(queries, page([kase(2, 2)]));
		const { output } = await poll(staticData);
		expect(output.map((i) => i.json.id)).toEqual([5, 7, 2]);
		expect(queries[2]).toEqual({ updated_since: at(1), after_id: '7', page: '1', per_page: '200' });
		expect(staticData.node.cases.state.cursor).toEqual({ t: at(2), id: 2 });
	});

	test('an error mid-poll throws NodeApiError and leaves the stored cursor exactly as it was', async () => {
		const staticData = { node: {}, global: {} };
		const queries = [];
		serveCases(queries, page([]));
		await poll(staticData);
		const before = JSON.parse(JSON.stringify(staticData.node));
		serveCases(queries, page([kase(5, 1)], 2));
		serveCases(queries, { error: { code: 'validation_failed', message: 'bad', details: {} } }, 400);
		const error = await poll(staticData).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(staticData.node).toEqual(before);
		// The next poll reads the same window again and emits the case it could not deliver.
		serveCases(queries, page([kase(5, 1)]));
		expect((await poll(staticData)).output.map((i) => i.json.id)).toEqual([5]);
	});

	test('changing the event starts afresh (primes) instead of replaying', async () => {
		const staticData = { node: {}, global: {} };
		const queries = [];
		serveCases(queries, page([]));
		await poll(staticData);
		serveCases(queries, page([kase(5, 1, { status: 'closed', closed_at: at(1) })]));
		expect((await poll(staticData, { event: 'caseClosed' })).output).toBeNull();
		expect(queries[1].status).toBe('closed');
		expect(staticData.node.cases.sig).toBe('cases|caseClosed|false');
	});

	test('a poll that hits the page budget resumes exactly after its cursor', async () => {
		const { MAX_PAGES_PER_POLL } = require('../../nodes/CasePeer/trigger/caseFeed');
		const staticData = { node: {}, global: {} };
		const queries = [];
		serveCases(queries, page([]));
		await poll(staticData);
		for (let p = 0; p < MAX_PAGES_PER_POLL; p++) serveCases(queries, page([kase(100 + p, 1)], 2));
		const first = await poll(staticData);
		expect(first.output).toHaveLength(MAX_PAGES_PER_POLL);
		expect(staticData.node.cases.state.resume).toBe(true);
		serveCases(queries, page([kase(500, 1)]));
		const next = await poll(staticData);
		expect(queries.at(-1)).toEqual(expect.objectContaining({ updated_since: at(1), after_id: String(100 + MAX_PAGES_PER_POLL - 1) }));
		expect(next.output.map((i) => i.json.id)).toEqual([500]);
		expect(staticData.node.cases.state.resume).toBe(false);
	});

	test('Only Cases Connected to Case Status is filtered by CASEpeer', async () => {
		const queries = [];
		serveCases(queries, page([]));
		await poll({ node: {}, global: {} }, { onlyConnected: true });
		expect(queries[0].case_status_connected).toBe('true');
	});

	test('canonical output is the LegalCase', async () => {
		const staticData = { node: {}, global: {} };
		serveCases([], page([]));
		await poll(staticData, { output: 'canonical' });
		serveCases([], page([kase(9, 1)]));
		const { output } = await poll(staticData, { output: 'canonical' });
		expect(output[0].json).toEqual(expect.objectContaining({ externalRef: '9', source: { system: 'casepeer', id: '9', url: 'https://firm.casepeer.com/case/9/' } }));
	});
});

describe('cases feed: other events', () => {
	async function primed(event) {
		const staticData = { node: {}, global: {} };
		serveCases([], page([]));
		await poll(staticData, { event });
		return staticData;
	}

	test('Stage Changed: stage_updated_at inside the window, after creation; each change once', async () => {
		const staticData = await primed('stageChanged');
		serveCases([], page([
			kase(1, 1), // other edit, stage unchanged long ago
			kase(2, 2, { stage_updated_at: at(2), stage: { id: 'stg_3', name: 'Treatment' } }),
			kase(3, 2, { created_at: at(2), stage_updated_at: at(2) }), // new case: its first stage is not a change
			kase(4, 3, { stage_updated_at: null, stage: null }),
		]));
		const { output } = await poll(staticData, { event: 'stageChanged' });
		expect(output.map((i) => i.json.id)).toEqual([2]);
		// Another edit of case 2 (same stage) is not a stage change; a later stage change is.
		serveCases([], page([kase(2, 4, { stage_updated_at: at(2) })]));
		expect((await poll(staticData, { event: 'stageChanged' })).output).toBeNull();
		serveCases([], page([kase(2, 5, { stage_updated_at: at(5), stage: { id: 'stg_4', name: 'Demand' } })]));
		expect((await poll(staticData, { event: 'stageChanged' })).output.map((i) => i.json.stage)).toEqual(['Demand']);
	});

	test('Case Closed: closed with a new closed_at; a reopened case closing again fires again', async () => {
		const staticData = await primed('caseClosed');
		serveCases([], page([kase(1, 1, { status: 'closed', closed_at: at(1) }), kase(2, 1, { status: 'closed', closed_at: at(-60) })]));
		expect((await poll(staticData, { event: 'caseClosed' })).output.map((i) => i.json.id)).toEqual([1]);
		serveCases([], page([kase(1, 9, { status: 'closed', closed_at: at(9) })]));
		expect((await poll(staticData, { event: 'caseClosed' })).output.map((i) => i.json.id)).toEqual([1]);
	});

	test('New Case: created inside the window, once per case even when edited again', async () => {
		const staticData = await primed('newCase');
		serveCases([], page([kase(1, 1), kase(2, 2, { created_at: at(1) })]));
		expect((await poll(staticData, { event: 'newCase' })).output.map((i) => i.json.id)).toEqual([2]);
		serveCases([], page([kase(2, 3, { created_at: at(1) })]));
		expect((await poll(staticData, { event: 'newCase' })).output).toBeNull();
	});
});

describe('manual mode', () => {
	test('returns the latest matching case and touches no cursor', async () => {
		const staticData = { node: {}, global: {} };
		const queries = [];
		nock(BASE)
			.get('/v1/cases')
			.query((q) => queries.push(q))
			.reply(200, { data: [kase(1, 1)], meta: { page: 1, per_page: 50, total: 60, next_page: 2 } });
		nock(BASE)
			.get('/v1/cases')
			.query((q) => queries.push(q))
			.reply(200, { data: [kase(8, 1, { stage_updated_at: at(1) }), kase(9, 2)], meta: { page: 2, per_page: 50, total: 60, next_page: null } });
		const { output } = await poll(staticData, { event: 'stageChanged' }, 'manual');
		expect(output.map((i) => i.json.id)).toEqual([8]);
		expect(queries.map((q) => q.page)).toEqual(['1', '2']);
		expect(staticData.node).toEqual({});
	});
});

describe('New Case Note: budgeted sweep, open cases first', () => {
	const { pollNotes } = require('../../nodes/CasePeer/trigger/noteSweep');
	const { sweepBudget } = require('../../nodes/CasePeer/trigger/sweepBudget');
	const { createContext } = require('../helpers/harness');
	const note = (id, caseId, createdMin, updatedMin = createdMin) => ({
		id, case_id: caseId, text: `note ${id}`, category_id: 'ncat_1', is_critical: false, author: { id: 'a', name: 'Ann' },
		external_ref: null, created_at: at(createdMin), updated_at: at(updatedMin),
	});
	const serveNotes = (caseId, queries, data) =>
		nock(BASE).get(`/v1/cases/${caseId}/notes`).query((q) => queries.push({ caseId, ...q })).reply(200, page(data));
	/** GET /v1/cases?status=… once, recording the query. */
	const serveTier = (status, queries, body) =>
		nock(BASE)
			.get('/v1/cases')
			.query((q) => q.status === status && queries.push(q))
			.reply(200, body);
	const ctx = (parameters = {}) =>
		createContext({ node, credentials, mode: 'trigger', poll: true, parameters: { event: 'newCaseNote', ...parameters } });
	const budget = (requests, readingMs = 3_600_000) => ({ intervalSeconds: 120, requests, readingMs });
	const sweep = async (memory, options, b) => {
		const out = await pollNotes(ctx(), { onlyConnected: true, caseIds: [], ...options }, memory, b);
		return out;
	};

	test('the budget is a share of CASEpeer\'s rate limit over the polling interval, read within 85% of it and within what n8n allows a poll', () => {
		const every2 = { pollTimes: { item: [{ mode: 'everyX', value: 2, unit: 'minutes' }] } };
		expect(sweepBudget(ctx(every2), 0.7)).toEqual({ intervalSeconds: 120, requests: 839, readingMs: 102_000 });
		expect(sweepBudget(ctx({ pollTimes: { item: [{ mode: 'everyMinute' }, { mode: 'everyHour' }] } }), 0.5)).toEqual(
			expect.objectContaining({ intervalSeconds: 60, requests: 299 }),
		);
		expect(sweepBudget(ctx({ pollTimes: { item: [{ mode: 'everyHour' }] } }), 0.7).readingMs).toBe(300_000);
		const durable = Object.assign(ctx(every2), { getPollBudgetMs: () => 36_000 });
		expect(sweepBudget(durable, 0.7).readingMs).toBe(36_000);
		expect(sweepBudget(ctx({ pollTimes: { item: [{ mode: 'custom', cronExpression: '*/3 * * * *' }] } }), 0.7).intervalSeconds).toBe(60);
	});

	test('explicit case IDs rotate within the budget; notes created since the cycle bound are emitted once', async () => {
		const options = { caseIds: [11, 12] };
		const queries = [];
		// First poll: no requests, nothing emitted; the window starts five minutes back, so n1, written two minutes
		// before it (while the workflow was being switched on), is still emitted, and n0, older, is history.
		let out = await sweep(undefined, options, budget(1));
		expect(out.primed).toBe(true);
		expect(out.memory.tiers.listed).toEqual(expect.objectContaining({ since: at(-5), startedAt: at(0), index: 0 }));

		time.now = T0 + 60_000;
		serveNotes(11, queries, [note('n0', 11, -7), note('n1', 11, -2), note('n2', 11, 0.5)]);
		out = await sweep(out.memory, options, budget(1));
		expect(out.notes.map((n) => n.id)).toEqual(['n1', 'n2']);
		expect(queries[0]).toEqual(expect.objectContaining({ caseId: 11, updated_since: at(-5) }));
		expect(out.memory.tiers.listed.index).toBe(1);

		time.now = T0 + 120_000;
		serveNotes(12, queries, [note('n3', 12, 1.5)]);
		out = await sweep(out.memory, options, budget(1));
		expect(out.notes.map((n) => n.id)).toEqual(['n3']);
		// Cycle complete: the next one reads from the previous cycle's start minus 5 min (not before the first window).
		expect(out.memory.tiers.listed).toEqual(expect.objectContaining({ index: 0, since: at(-5), startedAt: at(2), lastCount: 2 }));

		time.now = T0 + 180_000;
		serveNotes(11, queries, [note('n2', 11, 0.5), note('n4', 11, 2.5)]);
		out = await sweep(out.memory, options, budget(1));
		expect(out.notes.map((n) => n.id)).toEqual(['n4']);
	});

	test('open cases are read first, up to nine tenths of the budget; closed cases get the rest; a cycle that ends goes straight on into the next', async () => {
		let { memory } = await sweep(undefined, {}, budget(20));
		const queries = [];
		const open = Array.from({ length: 30 }, (_, i) => kase(i + 1, -100 + i));
		const closed = Array.from({ length: 6 }, (_, i) => kase(101 + i, -100 + i, { status: 'closed' }));
		time.now = T0 + 60_000;
		serveTier('open', queries, page(open.slice(0, 17), 2));
		for (const c of open.slice(0, 17)) serveNotes(c.id, queries, c.id === 3 ? [note('o3', 3, 0.5)] : []);
		serveTier('closed', queries, page(closed.slice(0, 1), 2));
		serveNotes(101, queries, [note('c1', 101, 0.2)]);
		let out = await sweep(memory, {}, budget(20));
		expect(out.report).toEqual({ requests: { open: 18, closed: 2 }, cases: { open: 17, closed: 1 }, cyclesCompleted: [] });
		expect(out.notes.map((n) => n.id)).toEqual(['c1', 'o3']);
		expect(queries.filter((q) => q.status).map((q) => [q.status, q.case_status_connected, q.per_page])).toEqual([
			['open', 'true', '17'],
			['closed', 'true', '1'],
		]);
		expect(out.memory.tiers.open).toEqual(expect.objectContaining({ count: 17, position: { t: at(-84), id: 17 } }));
		memory = out.memory;

		// The open cycle ends after 13 more cases and the next one starts at once; closed cases resume where they were.
		time.now = T0 + 180_000;
		queries.length = 0;
		serveTier('open', queries, page(open.slice(17)));
		for (const c of open.slice(17)) serveNotes(c.id, queries, []);
		serveTier('open', queries, page(open.slice(0, 21), 2));
		for (const c of open.slice(0, 21)) serveNotes(c.id, queries, []);
		serveTier('closed', queries, page(closed.slice(1, 4), 2));
		for (const c of closed.slice(1, 4)) serveNotes(c.id, queries, []);
		out = await sweep(memory, {}, budget(40));
		expect(out.report).toEqual({ requests: { open: 36, closed: 4 }, cases: { open: 34, closed: 3 }, cyclesCompleted: ['open'] });
		expect(queries.filter((q) => q.status).map((q) => [q.status, q.per_page, q.after_id])).toEqual([
			['open', '35', '17'],
			['open', '21', undefined],
			['closed', '3', '101'],
		]);
		expect(out.memory.tiers.open).toEqual(expect.objectContaining({ lastCount: 30, count: 21 }));
		// Each note read covers the slower tier's previous cycle: from the first window, not after the open cycle's start.
		expect(queries.filter((q) => q.caseId).every((q) => q.updated_since === at(-5))).toBe(true);
	});

	test('closed cases always keep a tenth of the budget, and a poll stops reading when its time is up', async () => {
		let { memory } = await sweep(undefined, {}, budget(20));
		time.now = T0 + 60_000;
		const queries = [];
		const open = Array.from({ length: 30 }, (_, i) => kase(i + 1, -100 + i));
		serveTier('open', queries, page(open.slice(0, 17), 2));
		for (const c of open.slice(0, 17)) serveNotes(c.id, queries, []);
		serveTier('closed', queries, page([kase(101, -50, { status: 'closed' })], null));
		serveNotes(101, queries, []);
		let out = await sweep(memory, {}, budget(20));
		expect(out.report.requests).toEqual({ open: 18, closed: 2 });

		// 100 ms a request (the rate limiter's pacing on the fake clock); 1 s of reading time stops the poll early.
		memory = out.memory;
		nock.cleanAll();
		serveTier('open', queries, page(open.slice(17), null));
		for (const c of open.slice(17)) serveNotes(c.id, queries, []);
		const started = time.now;
		out = await sweep(memory, {}, budget(200, 1000));
		expect(out.report.cases.open).toBeLessThan(13);
		expect(time.now - started).toBeLessThan(1500);
		expect(out.memory.tiers.open.position).toEqual({ t: at(-100 + 17 + out.report.cases.open - 1), id: 17 + out.report.cases.open });
	});

	test('a case that closes is read by the closed tier as far back as the open one reads: its note is emitted once', async () => {
		let { memory } = await sweep(undefined, {}, budget(20));
		const queries = [];
		// Open cycle 1 reads case 1; the closed tier is empty.
		time.now = T0 + 60_000;
		serveTier('open', queries, page([kase(1, -100)]));
		serveNotes(1, queries, []);
		serveTier('closed', queries, page([]));
		let out = await sweep(memory, {}, budget(20));
		// A note at minute 2, then the case closes at minute 3: it is now at the end of the closed feed.
		time.now = T0 + 240_000;
		serveTier('open', queries, page([]));
		serveTier('closed', queries, page([kase(1, 3, { status: 'closed' })]));
		serveNotes(1, queries, [note('late', 1, 2)]);
		out = await sweep(out.memory, {}, budget(20));
		expect(out.notes.map((n) => n.id)).toEqual(['late']);
		const read = queries.filter((q) => q.caseId === 1).at(-1);
		expect(Date.parse(read.updated_since)).toBeLessThanOrEqual(T0 + 60_000);
		time.now = T0 + 360_000;
		serveTier('open', queries, page([]));
		serveTier('closed', queries, page([kase(1, 3, { status: 'closed' })]));
		serveNotes(1, queries, [note('late', 1, 2)]);
		out = await sweep(out.memory, {}, budget(20));
		expect(out.notes).toEqual([]);
	});

	test('through the node: the share and the poll interval size the budget; the memory lives in static data', async () => {
		const staticData = { node: {}, global: {} };
		const params = { event: 'newCaseNote', onlyConnected: true, pollTimes: { item: [{ mode: 'everyMinute' }] }, options: { rateLimitShare: 5 } };
		expect((await poll(staticData, params)).output).toBeNull();
		time.now = T0 + 60_000;
		const queries = [];
		const open = Array.from({ length: 40 }, (_, i) => kase(i + 1, -100 + i));
		serveTier('open', queries, page(open.slice(0, 26), 2));
		for (const c of open.slice(0, 26)) serveNotes(c.id, queries, c.id === 4 ? [note('n4', 4, 0.5)] : []);
		serveTier('closed', queries, page([]));
		const { output } = await poll(staticData, params);
		expect(output.map((i) => i.json.id)).toEqual(['n4']);
		// 5% of 10 requests/s over a minute, less the category look-up: 29 requests, 26 for open cases (their page
		// and 25 of them), 3 for closed ones.
		expect(queries.find((q) => q.status === 'open').per_page).toBe('25');
		expect(staticData.node.notes.tiers.open.position).toEqual({ t: at(-76), id: 25 });
	});
});

describe('FeedCursor (nodes/shared/keyset.ts)', () => {
	test('an overflowing memory raises the floor instead of forgetting silently', () => {
		const c = new FeedCursor(startState(T0), { overlapMs: 300_000, maxSeen: 2 });
		['a', 'b', 'c'].forEach((k, i) => {
			c.advance({ t: at(i), id: i + 1 });
			c.markEmitted(k, at(i));
		});
		const state = c.toState(false);
		expect(state.seen.map((s) => s[0])).toEqual(['b', 'c']);
		expect(state.floor).toBe(at(0));
		const next = new FeedCursor(state, { overlapMs: 300_000, maxSeen: 2 });
		expect(next.isNew('a', at(0))).toBe(false);
		expect(next.isNew('b', at(1))).toBe(false);
		expect(next.isNew('d', at(0.5))).toBe(true);
	});

	test('integer ids compare numerically, others byte-wise', () => {
		const { compareIds } = require('../../nodes/shared/keyset');
		expect(compareIds(9, 10)).toBeLessThan(0);
		expect(compareIds('9', '10')).toBeLessThan(0);
		expect(compareIds('n_9', 'n_10')).toBeGreaterThan(0);
		expect(compareIds(null, 1)).toBeLessThan(0);
	});
});
