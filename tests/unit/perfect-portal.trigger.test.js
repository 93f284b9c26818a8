// Perfect Portal Trigger cursor logic against nock-served feeds: priming, the 5-minute overlap, dedupe, keyset
// paging by (updated_at, case_id), advancing only after a successful poll, the key-stage detail budget and resume,
// per-case key-stage memory, conversions from two feeds, manual mode.
const nock = require('nock');
const { NodeApiError } = require('n8n-workflow');
const { PerfectPortalTrigger } = require('../../nodes/PerfectPortal/PerfectPortalTrigger.node');
const { MAX_DETAILS_PER_POLL } = require('../../nodes/PerfectPortal/trigger/keyStages');
const { runPoll } = require('../helpers/harness');
const { useFakeClock } = require('../helpers/clock');

const BASE = 'http://pp.test';
const credentials = { perfectPortalApi: { baseUrl: BASE, apiKey: 'pp_unit_key_123456' } };
const node = new PerfectPortalTrigger();
const time = useFakeClock();
const T0 = 1_700_000_000_000; // 2023-11-14T22:13:20.000Z
const at = (minutes) => new Date(T0 + minutes * 60_000).toISOString();

const page = (data, next = null) => ({
	data,
	meta: { page: 1, per_page: 200, total: data.length, next_page: next },
});
const summary = (n, updatedMin, createdMin = -1000, extra = {}) => ({
	case_id: `PP-${n}`,
	status: 'open',
	work_type: 'Conveyancing - Purchase',
	app_code: 'CP',
	fee_earner: { id: 'st_1', name: 'Jane Smith', email: 'j@f.co.uk', code: 'JSM' },
	branch: { id: 'br_1', name: 'Leeds', code: 'LDS' },
	matter_details: `Case ${n}`,
	primary_client_name: 'Alan Smith',
	case_management_target: 'dps_one_office',
	case_management_link: null,
	created_at: at(createdMin),
	updated_at: at(updatedMin),
	...extra,
});
const detailOf = (s, keyStage) => ({
	...s,
	clients_contacts: [],
	properties: [],
	key_stage: keyStage,
	origin: 'perfect_portal',
});
const ks = (id, reachedMin) => ({ id, name: `Stage ${id}`, reached_at: at(reachedMin) });

function serve(path, queries, body, status = 200) {
	return nock(BASE)
		.get(path)
		.query((q) => {
			queries.push(q);
			return true;
		})
		.reply(status, body);
}

const poll = (staticData, parameters, mode = 'trigger') =>
	runPoll({ node, parameters, credentials, staticData, mode });

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
	time.now = T0;
});
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('New Case', () => {
	test('primes on activation, then emits cases created inside the window once; edits never re-fire', async () => {
		const staticData = { node: {}, global: {} };
		const queries = [];
		// Activation: PP-1 created 3 minutes ago is history.
		serve('/v1/cases', queries, page([summary(1, -3, -3)]));
		expect((await poll(staticData, { event: 'newCase' })).output).toBeNull();
		expect(queries[0]).toEqual({ updated_since: at(-5), page: '1', per_page: '200' });
		expect(staticData.node.cases.state.cursor).toEqual({ t: at(0), id: null });

		// 10 minutes later: PP-1 edited (not new), PP-2 committed late (created before the cursor), PP-3 new,
		// PP-4 an old case edited now (not new).
		time.now = T0 + 10 * 60_000;
		serve(
			'/v1/cases',
			queries,
			page([summary(2, -1, -1), summary(1, 6, -3), summary(3, 7, 7), summary(4, 8, -5000)]),
		);
		const second = await poll(staticData, { event: 'newCase' });
		expect(second.output.map((i) => i.json.case_id)).toEqual(['PP-2', 'PP-3']);
		expect(second.output[0].json).toEqual(
			expect.objectContaining({ fee_earner: 'Jane Smith', matter_details: 'Case 2' }),
		);
		expect(staticData.node.cases.state.cursor).toEqual({ t: at(8), id: 'PP-4' });

		serve('/v1/cases', queries, page([summary(3, 7, 7), summary(4, 8, -5000)]));
		expect((await poll(staticData, { event: 'newCase' })).output).toBeNull();
		expect(queries[2].updated_since).toBe(at(3));
	});

	test('pages by keyset (updated_since + after_id = the last Case ID), never by page number', async () => {
		const staticData = { node: {}, global: {} };
		const queries = [];
		serve('/v1/cases', queries, page([]));
		await poll(staticData, { event: 'newCase', target: 'dps_one_office' });
		expect(queries[0].case_management_target).toBe('dps_one_office');
		time.now = T0 + 60_000;
		serve('/v1/cases', queries, page([summary(10, 0, 0), summary(11, 0, 0)], 2));
		serve('/v1/cases', queries, page([summary(12, 0.5, 0.5)]));
		const { output } = await poll(staticData, { event: 'newCase', target: 'dps_one_office' });
		expect(output.map((i) => i.json.case_id)).toEqual(['PP-10', 'PP-11', 'PP-12']);
		expect(queries[2]).toEqual(
			expect.objectContaining({ updated_since: at(0), after_id: 'PP-11', page: '1' }),
		);
	});

	test('a failed poll throws and leaves the cursor; a changed filter primes again', async () => {
		const staticData = { node: {}, global: {} };
		serve('/v1/cases', [], page([]));
		await poll(staticData, { event: 'newCase' });
		const before = JSON.parse(JSON.stringify(staticData.node));
		nock(BASE)
			.get('/v1/cases')
			.query(true)
			.reply(401, { error: { code: 'unauthenticated', message: 'no' } });
		const error = await poll(staticData, { event: 'newCase' }).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(staticData.node).toEqual(before);

		time.now = T0 + 60_000;
		serve('/v1/cases', [], page([summary(5, 0.5, 0.5)]));
		expect((await poll(staticData, { event: 'newCase', target: 'smokeball' })).output).toBeNull();
		expect(staticData.node.cases.sig).toBe('newCase|smokeball');
	});

	test('Raw output reads each new case in full; manual mode returns the most recently created case', async () => {
		const staticData = { node: {}, global: {} };
		serve('/v1/cases', [], page([]));
		await poll(staticData, { event: 'newCase', output: 'raw' });
		time.now = T0 + 60_000;
		serve('/v1/cases', [], page([summary(7, 0.5, 0.5)]));
		nock(BASE)
			.get('/v1/cases/PP-7')
			.reply(200, detailOf(summary(7, 0.5, 0.5), null));
		const { output } = await poll(staticData, { event: 'newCase', output: 'raw' });
		expect(output[0].json.clients_contacts).toEqual([]);

		const manualData = { node: {}, global: {} };
		serve('/v1/cases', [], page([summary(8, -10, -50), summary(9, -5, -20), summary(6, -1, -900)]));
		const manual = await poll(manualData, { event: 'newCase' }, 'manual');
		expect(manual.output.map((i) => i.json.case_id)).toEqual(['PP-9']);
		expect(manualData.node).toEqual({});
	});
});

describe('Key Stage Changed', () => {
	test('reads changed cases in full; emits a stage reached after activation; remembers each case’s stage', async () => {
		const staticData = { node: {}, global: {} };
		// Activation: PP-1 updated 2 minutes ago (in the window): read in full to learn its stage; nothing emitted.
		serve('/v1/cases', [], page([summary(1, -2)]));
		nock(BASE)
			.get('/v1/cases/PP-1')
			.reply(200, detailOf(summary(1, -2), ks('ks_2', -2)));
		expect((await poll(staticData, { event: 'keyStageChanged' })).output).toBeNull();
		expect(staticData.node.keyStages.known).toEqual({ 'PP-1': `ks_2@${at(-2)}` });

		time.now = T0 + 10 * 60_000;
		serve(
			'/v1/cases',
			[],
			page([
				summary(1, -2), // examined already: no request
				summary(2, 4, -100), // moved to ks_3 at +4
				summary(3, 5, 5), // new case opened on ks_1: not a change
				summary(4, 6, -100), // edited, no stage
				summary(5, 7, -100), // gone since (404)
			]),
		);
		nock(BASE)
			.get('/v1/cases/PP-2')
			.reply(200, detailOf(summary(2, 4, -100), ks('ks_3', 4)));
		nock(BASE)
			.get('/v1/cases/PP-3')
			.reply(200, detailOf(summary(3, 5, 5), ks('ks_1', 5)));
		nock(BASE)
			.get('/v1/cases/PP-4')
			.reply(200, detailOf(summary(4, 6, -100), null));
		nock(BASE)
			.get('/v1/cases/PP-5')
			.reply(404, { error: { code: 'not_found', message: 'gone' } });
		const { output } = await poll(staticData, { event: 'keyStageChanged' });
		expect(
			output.map((i) => [
				i.json.case_id,
				i.json.key_stage,
				i.json.key_stage_id,
				i.json.previous_key_stage_id,
			]),
		).toEqual([['PP-2', 'Stage ks_3', 'ks_3', null]]);
		expect(nock.pendingMocks()).toEqual([]);

		// PP-1 moved with a backdated reached_at (before the window): known, so still a change; PP-2 edited again,
		// same stage: not a change.
		time.now = T0 + 20 * 60_000;
		serve('/v1/cases', [], page([summary(1, 15), summary(2, 16, -100)]));
		nock(BASE)
			.get('/v1/cases/PP-1')
			.reply(200, detailOf(summary(1, 15), ks('ks_4', -60)));
		nock(BASE)
			.get('/v1/cases/PP-2')
			.reply(200, detailOf(summary(2, 16, -100), ks('ks_3', 4)));
		const next = await poll(staticData, { event: 'keyStageChanged', output: 'canonical' });
		expect(next.output.map((i) => [i.json.externalRef, i.json.stage.sourceId])).toEqual([
			['PP-1', 'ks_4'],
		]);
	});

	test(`reads at most ${MAX_DETAILS_PER_POLL} cases per poll, then resumes exactly after the last one read`, async () => {
		const staticData = { node: {}, global: {} };
		serve('/v1/cases', [], page([]));
		await poll(staticData, { event: 'keyStageChanged' });
		time.now = T0 + 60_000;
		const many = Array.from({ length: MAX_DETAILS_PER_POLL + 5 }, (_, i) => summary(1000 + i, 0.5));
		const queries = [];
		serve('/v1/cases', queries, page(many));
		for (const s of many.slice(0, MAX_DETAILS_PER_POLL))
			nock(BASE)
				.get(`/v1/cases/${s.case_id}`)
				.reply(200, detailOf(s, ks('ks_2', 0.5)));
		const first = await poll(staticData, { event: 'keyStageChanged' });
		expect(first.output).toHaveLength(MAX_DETAILS_PER_POLL);
		const last = many[MAX_DETAILS_PER_POLL - 1];
		expect(staticData.node.keyStages.state).toEqual(
			expect.objectContaining({ cursor: { t: last.updated_at, id: last.case_id }, resume: true }),
		);
		serve('/v1/cases', queries, page(many.slice(MAX_DETAILS_PER_POLL)));
		for (const s of many.slice(MAX_DETAILS_PER_POLL))
			nock(BASE)
				.get(`/v1/cases/${s.case_id}`)
				.reply(200, detailOf(s, ks('ks_2', 0.5)));
		const second = await poll(staticData, { event: 'keyStageChanged' });
		expect(queries[1]).toEqual(
			expect.objectContaining({ updated_since: last.updated_at, after_id: last.case_id }),
		);
		expect(second.output.map((i) => i.json.case_id)).toEqual(
			many.slice(MAX_DETAILS_PER_POLL).map((s) => s.case_id),
		);
	});

	test('manual mode: the case whose stage was reached last among the 10 most recently updated', async () => {
		const staticData = { node: {}, global: {} };
		serve('/v1/cases', [], page([summary(1, -3), summary(2, -2), summary(3, -1)]));
		nock(BASE)
			.get('/v1/cases/PP-1')
			.reply(200, detailOf(summary(1, -3), ks('ks_2', -3)));
		nock(BASE)
			.get('/v1/cases/PP-2')
			.reply(200, detailOf(summary(2, -2), ks('ks_4', -2)));
		nock(BASE)
			.get('/v1/cases/PP-3')
			.reply(200, detailOf(summary(3, -1), null));
		const { output } = await poll(staticData, { event: 'keyStageChanged' }, 'manual');
		expect(output.map((i) => i.json.case_id)).toEqual(['PP-2']);
		expect(staticData.node).toEqual({});
	});
});

describe('Lead Converted', () => {
	const lead = (id, kind, updatedMin, convertedMin) => ({
		id,
		kind,
		reference: '3865730',
		status: 'converted',
		work_type: 'Conveyancing - Purchase',
		clients_contacts: [],
		converted_case_id: `PP-${id}`,
		converted_at: at(convertedMin),
		created_at: at(-5000),
		updated_at: at(updatedMin),
	});

	test('two feeds with their own cursors; converted once; oldest conversion first; quotes only', async () => {
		const staticData = { node: {}, global: {} };
		const quoteQueries = [];
		const leadQueries = [];
		serve('/v1/quotes', quoteQueries, page([lead('qt_1', 'quote', -2, -2)]));
		serve('/v1/leads', leadQueries, page([]));
		expect((await poll(staticData, { event: 'leadConverted' })).output).toBeNull();
		expect(quoteQueries[0]).toEqual({
			status: 'converted',
			updated_since: at(-5),
			page: '1',
			per_page: '200',
		});
		expect(leadQueries[0].status).toBe('converted');

		time.now = T0 + 10 * 60_000;
		serve(
			'/v1/quotes',
			quoteQueries,
			page([lead('qt_1', 'quote', 6, -2), lead('qt_2', 'quote', 8, 8)]),
		);
		serve('/v1/leads', leadQueries, page([lead('enq_1', 'enquiry', 7, 7)]));
		const { output } = await poll(staticData, { event: 'leadConverted' });
		expect(output.map((i) => i.json.id)).toEqual(['enq_1', 'qt_2']);
		expect(output[0].json).toEqual(
			expect.objectContaining({ kind: 'enquiry', converted_case_id: 'PP-enq_1' }),
		);
		expect(staticData.node.conversions.feeds.quote.cursor).toEqual({ t: at(8), id: 'qt_2' });
		expect(staticData.node.conversions.feeds.enquiry.cursor).toEqual({ t: at(7), id: 'enq_1' });

		const quotesOnly = { node: {}, global: {} };
		serve('/v1/quotes', [], page([]));
		await poll(quotesOnly, { event: 'leadConverted', kinds: 'quote', simplify: false });
		time.now = T0 + 20 * 60_000;
		serve('/v1/quotes', [], page([lead('qt_3', 'quote', 18, 18)]));
		const q = await poll(quotesOnly, { event: 'leadConverted', kinds: 'quote', simplify: false });
		expect(q.output.map((i) => i.json.id)).toEqual(['qt_3']);
		expect(q.output[0].json.clients_contacts).toEqual([]);
	});

	test('manual mode: the latest conversion across both feeds', async () => {
		serve('/v1/quotes', [], page([lead('qt_1', 'quote', -9, -9)]));
		serve('/v1/leads', [], page([lead('enq_1', 'enquiry', -3, -3)]));
		const { output } = await poll({ node: {}, global: {} }, { event: 'leadConverted' }, 'manual');
		expect(output.map((i) => i.json.id)).toEqual(['enq_1']);
	});
});

describe('New or Changed Contact / Referrer', () => {
	const contact = (id, updatedMin, createdMin = updatedMin) => ({
		id,
		type: 'person',
		first_name: 'Ann',
		last_name: id,
		external_ref: null,
		created_at: at(createdMin),
		updated_at: at(updatedMin),
	});

	test('primes, then emits each new or saved version once, marked created or updated', async () => {
		const staticData = { node: {}, global: {} };
		const queries = [];
		serve('/v1/contacts', queries, page([contact('ct_1', -3)]));
		expect((await poll(staticData, { event: 'contactChanged' })).output).toBeNull();
		expect(queries[0]).toEqual({ updated_since: at(-5), page: '1', per_page: '200' });

		time.now = T0 + 10 * 60_000;
		serve(
			'/v1/contacts',
			queries,
			page([contact('ct_1', -3), contact('ct_2', 6), contact('ct_1', 7, -3)]),
		);
		const second = await poll(staticData, { event: 'contactChanged' });
		expect(second.output.map((i) => [i.json.id, i.json.change])).toEqual([
			['ct_2', 'created'],
			['ct_1', 'updated'],
		]);
		// The same versions read again fire nothing; a new save of ct_2 fires again.
		serve(
			'/v1/contacts',
			queries,
			page([contact('ct_2', 6), contact('ct_1', 7, -3), contact('ct_2', 9, 6)]),
		);
		const third = await poll(staticData, { event: 'contactChanged' });
		expect(third.output.map((i) => [i.json.id, i.json.change])).toEqual([['ct_2', 'updated']]);
	});

	test('referrers have their own feed; manual mode returns the latest change', async () => {
		const queries = [];
		serve(
			'/v1/referrers',
			queries,
			page([
				{ ...contact('rf_1', -30), name: 'Agents Ltd' },
				{ ...contact('rf_2', -2, -40), name: 'Brokers' },
			]),
		);
		const manual = await poll({ node: {}, global: {} }, { event: 'referrerChanged' }, 'manual');
		expect(manual.output.map((i) => [i.json.id, i.json.change])).toEqual([['rf_2', 'updated']]);
	});
});
