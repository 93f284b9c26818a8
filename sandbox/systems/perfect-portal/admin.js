'use strict';

// Test helpers under /__admin/perfect-portal, and normalizeState for PUT /__admin/state/perfect-portal.

const { FieldErrors } = require('../../lib/http');
const {
	caseRecord,
	leadRecord,
	partyRecord,
	documentRecord,
	matterDetailsFor,
	staffRef,
	branchRef,
	caseIdFor,
	WORK_TYPES,
	SEED_FACTS,
	FIRST_CASE_NUMBER,
	MINUTE,
} = require('./seed');
const V = require('./views');
const { validateKeyStageSet, validateConversion, TARGETS } = require('./validate');
const { CASE_STATUSES, applyKeyStage, assertKeyStagesAvailable } = require('./cases');
const { findCase, nextId, notFound } = require('./common');
const { assertConvertible, convertLead } = require('./leads');

/** GET /facts — SEED_FACTS plus this state's anchor (the time the seed is relative to). */
function adminFacts({ state, send }) {
	return send(200, { ...SEED_FACTS, anchor: state.anchor });
}

/**
 * POST /leads/:id/convert — a user converts a quote or enquiry in the Perfect Portal UI: the Conversion body,
 * person_responsible_id defaulting to the lead's owner. Same rules and result as the API.
 */
function adminConvert({ state, params, body, now, send }) {
	const lead = state.leads.find((l) => l.id === params.id);
	if (!lead) throw notFound('lead', params.id);
	assertConvertible(lead);
	const input = { ...(body || {}) };
	if (input.person_responsible_id === undefined && lead.owner)
		input.person_responsible_id = lead.owner.id;
	const v = validateConversion(input, state, false);
	const c = convertLead(state, lead, v, now(), { type: 'user', name: v.staff.name });
	return send(201, V.caseView(c));
}

/**
 * POST /leads — a user creates an open quote or enquiry: { kind = quote, work_type (a WORK_TYPES key or name),
 * first_name, last_name, email, price }. A quote gets its quote PDF.
 */
function adminCreateLead({ state, body, now, send }) {
	const b = body || {};
	const errors = new FieldErrors();
	const kind = b.kind || 'quote';
	if (!['quote', 'enquiry'].includes(kind))
		errors.add('kind', 'invalid_value', 'kind must be quote or enquiry.');
	const wt =
		WORK_TYPES[b.work_type] ||
		Object.values(WORK_TYPES).find((w) => w.name === b.work_type) ||
		(kind === 'quote' ? WORK_TYPES.purchase : WORK_TYPES.pi);
	errors.throwIfAny();
	const at = now();
	const key = kind === 'quote' ? 'quote' : 'enquiry';
	const n = state.next_ids[key]++;
	const id = kind === 'quote' ? `qt_${n}` : `enq_${n}`;
	const reference = String(kind === 'quote' ? 3865731 + n - 501 : 4120051 + n - 301);
	const client = partyRecord(nextId(state, 'party', 'pa_'), {
		type: 'client',
		is_primary: true,
		first_name: b.first_name || 'Test',
		last_name: b.last_name || 'Client',
		email: b.email || 'test.client@example.co.uk',
		address: { line1: '1 High Street', town: 'Leeds', postcode: 'LS1 4AB', country: 'GB' },
	});
	const price = Number(b.price) || (wt.conveyancing ? 250000 : 0);
	const owner = state.staff.find(
		(s) => s.active && (wt.conveyancing ? s.code === 'JSM' : s.code === 'ABC'),
	);
	const lead = leadRecord({
		id,
		kind,
		reference,
		work_type: wt.name,
		owner: staffRef(owner),
		lead_source: 'Website',
		price: price.toFixed(2),
		clients_contacts: [client],
		properties: wt.tx.map((tx) => ({
			id: nextId(state, 'property', 'pr_'),
			address: { ...client.address },
			tenure: 'freehold',
			price: price.toFixed(2),
			transaction_type: tx,
		})),
		created_at: at,
		updated_at: at,
	});
	state.leads.push(lead);
	if (kind === 'quote') {
		state.documents.push(
			documentRecord(
				nextId(state, 'document', 'doc_'),
				{
					quote_id: id,
					kind: 'quote_pdf',
					file_name: `Quote ${reference}.pdf`,
					content_type: 'application/pdf',
					description: `Quote ${reference}`,
				},
				Buffer.from(`%PDF-1.4\n% Quote ${reference}\n%%EOF\n`),
				at,
			),
		);
	}
	return send(201, V.leadView(lead));
}

/** PUT /cases/:id/key-stage — a user moves the key stage in the UI (set_by user). Same rules as the API. */
function adminSetKeyStage({ state, params, body, now, send }) {
	const c = findCase(state, params.id);
	const v = validateKeyStageSet(body, state, false, Date.now());
	assertKeyStagesAvailable(c);
	applyKeyStage(state, c, v, now(), {
		type: 'user',
		name: c.fee_earner ? c.fee_earner.name : 'Perfect Portal user',
	});
	return send(200, V.caseView(c));
}

/**
 * PATCH /cases/:id — a user edits a case: { status, app_code, matter_details, case_management_target,
 * fee_earner_id, branch_id, clients_contacts }. A save that changes nothing stamps nothing.
 */
function adminEditCase({ state, params, body, now, send }) {
	const c = findCase(state, params.id);
	const b = body || {};
	const errors = new FieldErrors();
	const next = {};
	if (b.status !== undefined) {
		if (!CASE_STATUSES.includes(b.status)) errors.add('status', 'invalid_value', 'Unknown status.');
		else next.status = b.status;
	}
	if (b.app_code !== undefined) next.app_code = b.app_code;
	if (b.matter_details !== undefined) next.matter_details = String(b.matter_details).slice(0, 255);
	if (b.case_management_target !== undefined) {
		if (b.case_management_target !== null && !TARGETS.includes(b.case_management_target))
			errors.add('case_management_target', 'invalid_value', 'Unknown target.');
		else next.case_management_target = b.case_management_target;
	}
	if (b.fee_earner_id !== undefined) {
		const s = state.staff.find((x) => x.id === b.fee_earner_id);
		if (!s) errors.add('fee_earner_id', 'unknown_value', 'No such staff member.');
		else next.fee_earner = staffRef(s);
	}
	if (b.branch_id !== undefined) {
		const br = state.branches.find((x) => x.id === b.branch_id);
		if (!br) errors.add('branch_id', 'unknown_value', 'No such branch.');
		else next.branch = branchRef(br);
	}
	if (b.clients_contacts !== undefined) {
		if (!Array.isArray(b.clients_contacts))
			errors.add('clients_contacts', 'invalid_format', 'clients_contacts must be a list.');
		else
			next.clients_contacts = b.clients_contacts.map((p) =>
				partyRecord(p.id || nextId(state, 'party', 'pa_'), p),
			);
	}
	errors.throwIfAny();
	const merged = { ...c, ...next };
	if (JSON.stringify(V.caseView(merged)) !== JSON.stringify(V.caseView(c))) {
		Object.assign(c, next, { updated_at: now() });
	}
	return send(200, V.caseView(c));
}

/**
 * POST /cases — a case made in Perfect Portal without a quote (e.g. for a "new case" trigger test):
 * { work_type (WORK_TYPES key), first_name, last_name, case_management_target = dps_one_office }.
 */
function adminCreateCase({ state, body, now, send }) {
	const b = body || {};
	const wt = WORK_TYPES[b.work_type] || WORK_TYPES.purchase;
	const staff = state.staff.find(
		(s) => s.active && (wt.conveyancing ? s.code === 'JSM' : s.code === 'ABC'),
	);
	const at = now();
	let number = state.next_ids.case;
	while (state.cases.some((c) => c.case_id === caseIdFor(number))) number++;
	state.next_ids.case = number + 1;
	const client = partyRecord(nextId(state, 'party', 'pa_'), {
		type: 'client',
		is_primary: true,
		first_name: b.first_name || 'New',
		last_name: b.last_name || 'Client',
		email: `${(b.first_name || 'new').toLowerCase()}@example.co.uk`,
		address: { line1: '2 Park Row', town: 'Leeds', postcode: 'LS1 5HD', country: 'GB' },
	});
	const properties = wt.tx.map((tx) => ({
		id: nextId(state, 'property', 'pr_'),
		address: { ...client.address },
		tenure: 'freehold',
		price: '0.00',
		transaction_type: tx,
	}));
	const record = caseRecord({
		case_id: caseIdFor(number),
		work_type: wt.name,
		app_code: wt.app,
		fee_earner: staffRef(staff),
		branch: branchRef(state.branches.find((x) => staff && x.id === staff.branch_id)),
		matter_details: matterDetailsFor(wt, [client], properties),
		owner: staffRef(staff),
		clients_contacts: [client],
		properties,
		case_management_target:
			b.case_management_target !== undefined ? b.case_management_target : 'dps_one_office',
		created_at: at,
		updated_at: at,
	});
	state.cases.push(record);
	return send(201, V.caseView(record));
}

/** PUT /__admin/state: fill what a hand-written state may lack so ids keep increasing. */
function normalizeState(input) {
	const s = {
		anchor: new Date(Math.floor(Date.now() / MINUTE) * MINUTE).toISOString(),
		firm: { ...SEED_FACTS.firm },
		staff: [],
		branches: [],
		key_stages: [],
		fee_scales: [],
		referrers: [],
		contacts: [],
		leads: [],
		cases: [],
		key_stage_events: [],
		documents: [],
		...input,
	};
	const after = (list, idOf, prefix, start) =>
		list.reduce((m, x) => {
			const n = Number(String(idOf(x)).slice(prefix.length));
			return Number.isInteger(n) ? Math.max(m, n + 1) : m;
		}, start);
	const parties = [...s.cases, ...s.leads].flatMap((x) => x.clients_contacts || []);
	const floor = {
		case: after(s.cases, (c) => c.case_id, 'PP-', FIRST_CASE_NUMBER),
		quote: after(
			s.leads.filter((l) => l.kind === 'quote'),
			(l) => l.id,
			'qt_',
			501,
		),
		enquiry: after(
			s.leads.filter((l) => l.kind === 'enquiry'),
			(l) => l.id,
			'enq_',
			301,
		),
		party: after(parties, (p) => p.id, 'pa_', 1),
		property: after(
			[...s.cases, ...s.leads].flatMap((x) => x.properties || []),
			(p) => p.id,
			'pr_',
			1,
		),
		fee_line: after(
			[...s.cases, ...s.leads].flatMap((x) => x.fees || []),
			(f) => f.id,
			'fl_',
			1,
		),
		contact: after(s.contacts, (c) => c.id, 'ct_', 1),
		referrer: after(s.referrers, (r) => r.id, 'rf_', 1),
		event: after(s.key_stage_events, (e) => e.id, 'kse_', 1),
		document: after(s.documents, (d) => d.id, 'doc_', 9001),
	};
	s.next_ids = { ...(s.next_ids || {}) };
	for (const [k, v] of Object.entries(floor))
		s.next_ids[k] = Math.max(Number(s.next_ids[k]) || 0, v);
	s.cases = s.cases.map((c) => caseRecord(c));
	s.leads = s.leads.map((l) => leadRecord(l));
	return s;
}

module.exports = {
	adminFacts,
	adminConvert,
	adminCreateLead,
	adminSetKeyStage,
	adminEditCase,
	adminCreateCase,
	normalizeState,
};
