'use strict';

// Perfect Portal emulator: the whole of docs/api/perfect-portal.md. Lists use the
// shared `page`/`per_page` envelope; case, quote, lead, contact, referrer, fee-scale and document lists are keyset
// feeds ordered by (updated_at, id) (for cases the id is case_id). Internal records hold the contract shapes;
// views.js picks the response fields. Seed times are relative to the seed time, ids are fixed (seed.js).

const { HttpError, FieldErrors, queryList, querySingle } = require('../../lib/http');
const { readPaging, pageEnvelope, readKeyset, compareIds, boolParam } = require('../../lib/paging');
const { parseTimestamp } = require('../../lib/validate');
const { guessContentType, contentDisposition } = require('../../lib/files');
const {
	seed,
	generate,
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
	DEMO_KEY,
	CANARY_KEY,
	FIRST_CASE_NUMBER,
	MINUTE,
} = require('./seed');
const V = require('./views');
const messy = require('./messy');
const {
	validateContactWrite,
	validateReferrerWrite,
	validateKeyStageSet,
	validateCompletion,
	assertCompletionConsistent,
	validateLink,
	validateConversion,
	TARGETS,
	FUTURE_SKEW_MS,
} = require('./validate');

const MAX_FILE_BYTES = 50 * 1024 * 1024;
const MAX_FILE_NAME = 255;
const CASE_STATUSES = ['open', 'completed', 'cancelled'];
const LEAD_STATUSES = ['open', 'converted', 'lost', 'expired'];
const DOCUMENT_KINDS = ['quote_pdf', 'client_care', 'other'];
const ALLOWED_UPLOAD_TYPES = SEED_FACTS.allowedUploadTypes;

// Who a key is: /v1/me reports it, and writes are attributed to the key's service user.
const KEY_INFO = {
	[DEMO_KEY]: {
		user: { id: 'usr_api_1', name: 'Legal Sync Integration', email: 'integration@reyeskhan.co.uk' },
		scopes: [
			'cases:read',
			'cases:write',
			'leads:read',
			'leads:convert',
			'contacts:write',
			'documents:write',
		],
	},
	[CANARY_KEY]: {
		user: { id: 'usr_api_2', name: 'Canary Monitor', email: 'canary@reyeskhan.co.uk' },
		scopes: ['cases:read'],
	},
};
const apiUser = (key) => (KEY_INFO[key] || KEY_INFO[DEMO_KEY]).user;

// ---------------------------------------------------------------- helpers

const single = (v) => (Array.isArray(v) ? v[0] : v);

function notFound(resource, id) {
	return new HttpError(
		404,
		'not_found',
		`${resource[0].toUpperCase()}${resource.slice(1)} ${id} not found.`,
		{
			resource,
			id,
		},
	);
}

function duplicateRef(existingId, value, what) {
	return new HttpError(
		409,
		'duplicate_external_ref',
		`A ${what} with external_ref ${JSON.stringify(value)} already exists.`,
		{ existing_id: existingId, field: 'external_ref', value },
	);
}

/** Values of a list filter, repeated or comma-separated ("status takes a comma-separated list"). */
function listValues(query, key) {
	return queryList(query, key)
		.flatMap((v) => String(v).split(','))
		.map((v) => v.trim())
		.filter(Boolean);
}

function enumList(query, key, allowed, errors) {
	const values = listValues(query, key);
	if (values.some((v) => !allowed.includes(v)))
		errors.add(key, 'invalid_value', `${key} must be one of ${allowed.join(', ')}.`);
	return new Set(values);
}

/** An ISO-Z timestamp filter, no more than 5 minutes in the future. */
function timeParam(query, key, errors, nowMs) {
	const raw = querySingle(query, key, errors);
	if (raw === undefined) return null;
	const ms = parseTimestamp(raw);
	if (ms === null) {
		errors.add(key, 'invalid_format', `${key} must be an ISO-8601 UTC timestamp ending in Z.`);
		return null;
	}
	if (ms > nowMs + FUTURE_SKEW_MS) {
		errors.add(key, 'out_of_range', `${key} is more than 5 minutes in the future.`);
		return null;
	}
	return ms;
}

/** updated_since (+ after_id) and created_since, as every feed list takes them. */
function readFeedQuery(query, errors, { created = true } = {}) {
	const nowMs = Date.now();
	const { since, afterId } = readKeyset(query, errors);
	if (since !== null && since > nowMs + FUTURE_SKEW_MS)
		errors.add(
			'updated_since',
			'out_of_range',
			'updated_since is more than 5 minutes in the future.',
		);
	const createdSince = created ? timeParam(query, 'created_since', errors, nowMs) : null;
	return { since, afterId, createdSince };
}

/**
 * Feed order: rows with (updated_at, id) ≥ since / > (since, after_id), created_at ≥ created_since, sorted by
 * (updated_at, id).
 */
function feedOrder(
	rows,
	{ since = null, afterId = null, createdSince = null },
	idOf = (r) => r.id,
) {
	const keyed = [];
	for (const r of rows) {
		const t = Date.parse(r.updated_at);
		if (since !== null) {
			if (t < since) continue;
			if (t === since && afterId !== null && compareIds(idOf(r), afterId) <= 0) continue;
		}
		if (createdSince !== null && Date.parse(r.created_at) < createdSince) continue;
		keyed.push([t, r]);
	}
	keyed.sort((a, b) => a[0] - b[0] || compareIds(idOf(a[1]), idOf(b[1])));
	return keyed.map((k) => k[1]);
}

const byName = (a, b) =>
	a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

function findCase(state, id) {
	const c = state.cases.find((x) => x.case_id === id);
	if (!c) throw notFound('case', id);
	return c;
}

function findLead(state, kind, id) {
	const l = state.leads.find((x) => x.id === id && x.kind === kind);
	if (!l) throw notFound(kind === 'quote' ? 'quote' : 'lead', id);
	return l;
}

function assertCaseOpenForWrites(c) {
	if (c.status === 'cancelled')
		throw new HttpError(422, 'case_not_open', `Case ${c.case_id} is cancelled.`, {
			case_id: c.case_id,
			status: c.status,
		});
}

const nextId = (state, key, prefix) => `${prefix}${state.next_ids[key]++}`;

// ---------------------------------------------------------------- me

function me({ state, key, send }) {
	const info = KEY_INFO[key] || KEY_INFO[DEMO_KEY];
	return send(200, {
		firm_id: state.firm.id,
		firm_name: state.firm.name,
		region: state.firm.region,
		user: { ...info.user },
		scopes: info.scopes.slice(),
	});
}

// ---------------------------------------------------------------- cases

function listCases({ state, query, send }) {
	const errors = new FieldErrors();
	const p = readPaging(query, errors);
	const keys = readFeedQuery(query, errors);
	const statuses = enumList(query, 'status', CASE_STATUSES, errors);
	const targets = enumList(query, 'case_management_target', TARGETS, errors);
	const linked = boolParam(query, 'has_case_management_link', errors);
	const quoteIds = new Set(queryList(query, 'quote_id'));
	const leadIds = new Set(queryList(query, 'lead_id'));
	errors.throwIfAny();
	const rows = state.cases.filter(
		(c) =>
			(!statuses.size || statuses.has(c.status)) &&
			(!targets.size || targets.has(c.case_management_target)) &&
			(linked === undefined || Boolean(c.case_management_link) === linked) &&
			(!quoteIds.size || quoteIds.has(c.source_quote_id)) &&
			(!leadIds.size || leadIds.has(c.source_lead_id)),
	);
	return send(
		200,
		pageEnvelope(
			feedOrder(rows, keys, (c) => c.case_id),
			p,
			V.caseSummaryView,
		),
	);
}

function getCase({ state, params, send }) {
	return send(200, V.caseView(findCase(state, params.id)));
}

function listKeyStageHistory({ state, params, query, send }) {
	const c = findCase(state, params.id);
	const errors = new FieldErrors();
	const p = readPaging(query, errors);
	errors.throwIfAny();
	const rows = state.key_stage_events
		.filter((e) => e.case_id === c.case_id)
		.sort((a, b) => Date.parse(a.reached_at) - Date.parse(b.reached_at) || compareIds(a.id, b.id));
	return send(200, pageEnvelope(rows, p, V.keyStageEventView));
}

/** Sets the current key stage; the same stage again is a no-op without a history entry. */
function applyKeyStage(state, c, v, at, setBy) {
	if (c.key_stage && c.key_stage.id === v.stage.id) return false;
	const reached = v.reached_at !== undefined ? new Date(v.reached_at).toISOString() : at;
	state.key_stage_events.push({
		id: nextId(state, 'event', 'kse_'),
		case_id: c.case_id,
		key_stage: { id: v.stage.id, name: v.stage.name },
		reached_at: reached,
		set_by: setBy,
		note: v.note ?? null,
	});
	c.key_stage = { id: v.stage.id, name: v.stage.name, reached_at: reached };
	c.updated_at = at;
	return true;
}

function assertKeyStagesAvailable(c) {
	if (c.origin === 'case_management')
		throw new HttpError(
			422,
			'key_stages_unavailable',
			`Case ${c.case_id} was started in case management; key stages work only for matters started in Perfect Portal.`,
			{ case_id: c.case_id, origin: c.origin },
		);
	assertCaseOpenForWrites(c);
}

/** set-key-stage. Order: 404, 400 body, 422 origin / cancelled, then the no-op rule. */
function setKeyStage({ state, params, body, key, strict, now, send }) {
	const c = findCase(state, params.id);
	const v = validateKeyStageSet(body, state, strict, Date.now());
	assertKeyStagesAvailable(c);
	applyKeyStage(state, c, v, now(), { type: 'api', name: apiUser(key).name });
	return send(200, V.keyStageOnCase(c.key_stage));
}

function getCompletion({ state, params, send }) {
	const c = findCase(state, params.id);
	return send(200, c.completion ? V.completionView(c.completion) : { ...V.EMPTY_COMPLETION });
}

/** update-completion: replaces every writable field. Identical content changes nothing (no new updated_at). */
function putCompletion({ state, params, body, strict, now, send }) {
	const c = findCase(state, params.id);
	const v = validateCompletion(body, strict);
	assertCaseOpenForWrites(c);
	assertCompletionConsistent(v);
	const current = c.completion ? V.completionView(c.completion) : null;
	const same = current && Object.keys(v).every((k) => (current[k] ?? null) === (v[k] ?? null));
	if (!same) {
		const at = now();
		c.completion = { ...v, updated_at: at };
		c.updated_at = at;
	}
	return send(200, V.completionView(c.completion));
}

/** link-matter: 409 link_exists for another matter unless replace; the same link again is a no-op. */
function putLink({ state, params, body, strict, now, send }) {
	const c = findCase(state, params.id);
	const v = validateLink(body, strict);
	const current = c.case_management_link;
	if (current && current.matter_ref !== v.matter_ref && !v.replace) {
		throw new HttpError(
			409,
			'link_exists',
			`Case ${c.case_id} is already linked to ${current.system} matter ${current.matter_ref}; send replace: true to change it.`,
			{ existing_id: current.matter_ref, field: 'matter_ref', value: v.matter_ref },
		);
	}
	const next = {
		system: v.system,
		matter_ref: v.matter_ref,
		client_refs: v.client_refs,
		matter_url: v.matter_url,
	};
	const unchanged =
		current &&
		current.system === next.system &&
		current.matter_ref === next.matter_ref &&
		JSON.stringify(current.client_refs || []) === JSON.stringify(next.client_refs) &&
		(current.matter_url ?? null) === next.matter_url;
	if (!unchanged) {
		const at = now();
		next.linked_at = current && current.matter_ref === next.matter_ref ? current.linked_at : at;
		c.case_management_link = next;
		c.updated_at = at;
	}
	return send(200, V.linkView(c.case_management_link));
}

// ---------------------------------------------------------------- key stages, fee scales

function listKeyStages({ state, query, send }) {
	const errors = new FieldErrors();
	const p = readPaging(query, errors);
	const active = boolParam(query, 'active', errors);
	errors.throwIfAny();
	const rows = state.key_stages
		.filter((k) => active === undefined || k.active === active)
		.sort((a, b) => a.position - b.position || compareIds(a.id, b.id));
	return send(200, pageEnvelope(rows, p, V.keyStageView));
}

function listFeeScales({ state, query, send }) {
	const errors = new FieldErrors();
	const p = readPaging(query, errors);
	const keys = readFeedQuery(query, errors, { created: false });
	errors.throwIfAny();
	return send(
		200,
		pageEnvelope(feedOrder(state.fee_scales, keys), p, (s) => V.feeScaleView(s, false)),
	);
}

function getFeeScale({ state, params, send }) {
	const s = state.fee_scales.find((x) => x.id === params.id);
	if (!s) throw notFound('fee_scale', params.id);
	return send(200, V.feeScaleView(s, true));
}

// ---------------------------------------------------------------- quotes and leads

function listLeads(kind) {
	return ({ state, query, send }) => {
		const errors = new FieldErrors();
		const p = readPaging(query, errors);
		const keys = readFeedQuery(query, errors);
		const statuses = enumList(query, 'status', LEAD_STATUSES, errors);
		errors.throwIfAny();
		const rows = state.leads.filter(
			(l) => l.kind === kind && (!statuses.size || statuses.has(l.status)),
		);
		return send(200, pageEnvelope(feedOrder(rows, keys), p, V.leadView));
	};
}

function getLead(kind) {
	return ({ state, params, send }) => send(200, V.leadView(findLead(state, kind, params.id)));
}

function workTypeByName(name, hasProperties) {
	return (
		Object.values(WORK_TYPES).find((w) => w.name === name) || {
			name,
			app: null,
			tx: [],
			conveyancing: hasProperties,
		}
	);
}

/** Makes the case a conversion creates, and marks the lead converted. Shared by the API and the admin helper. */
function convertLead(state, lead, v, at, setBy) {
	let number = state.next_ids.case;
	while (state.cases.some((c) => c.case_id === caseIdFor(number))) number++;
	state.next_ids.case = number + 1;
	const caseId = caseIdFor(number);
	const clients = lead.clients_contacts.map((p) =>
		partyRecord(nextId(state, 'party', 'pa_'), { ...p, id: undefined }),
	);
	const properties = lead.properties.map((p) => ({ ...p, id: nextId(state, 'property', 'pr_') }));
	const fees = lead.fees.map((f) => ({ ...f, id: nextId(state, 'fee_line', 'fl_') }));
	const wt = workTypeByName(lead.work_type, properties.length > 0);
	const branch =
		v.branch || state.branches.find((b) => b.id === v.staff.branch_id && b.active) || null;
	const first = state.key_stages.filter((k) => k.active).sort((a, b) => a.position - b.position)[0];
	const record = caseRecord({
		case_id: caseId,
		source_quote_id: lead.kind === 'quote' ? lead.id : null,
		source_lead_id: lead.kind === 'enquiry' ? lead.id : null,
		work_type: lead.work_type,
		app_code: v.app_code !== undefined ? v.app_code : wt.app,
		fee_earner: staffRef(v.staff),
		branch: branchRef(branch),
		matter_details: matterDetailsFor(
			wt,
			clients.filter((p) => p.type === 'client'),
			properties,
		),
		owner: lead.owner,
		referrer: lead.referrer,
		lead_source: lead.lead_source,
		price: lead.price,
		currency: lead.currency,
		fee_scale: lead.fee_scale,
		fees,
		clients_contacts: clients,
		properties,
		conversion_notes: v.conversion_notes ?? null,
		case_management_target: v.case_management_target ?? null,
		created_at: at,
		updated_at: at,
	});
	state.cases.push(record);
	if (first && wt.conveyancing)
		applyKeyStage(state, record, { stage: first, note: 'Case opened from conversion' }, at, setBy);
	lead.status = 'converted';
	lead.converted_case_id = caseId;
	lead.converted_at = at;
	lead.updated_at = at;
	for (const d of state.documents) {
		if (d.quote_id === lead.id && !d.case_id) {
			d.case_id = caseId;
			d.updated_at = at;
		}
	}
	return record;
}

function assertConvertible(lead) {
	if (lead.status === 'converted')
		throw new HttpError(
			409,
			'already_converted',
			`${lead.kind === 'quote' ? 'Quote' : 'Lead'} ${lead.id} was already converted to case ${lead.converted_case_id}.`,
			{ existing_id: lead.converted_case_id, field: 'status', value: lead.status },
		);
	if (lead.status !== 'open')
		throw new HttpError(
			422,
			'lead_not_open',
			`${lead.kind === 'quote' ? 'Quote' : 'Lead'} ${lead.id} is ${lead.status}; only open ones can be converted.`,
			{ id: lead.id, status: lead.status },
		);
}

/** convert-quote, convert-lead. Order: 404, 409 already_converted (a retry is a success), 422 lead_not_open, 400. */
function convert(kind) {
	return ({ state, params, body, key, strict, now, send }) => {
		const lead = findLead(state, kind, params.id);
		assertConvertible(lead);
		const v = validateConversion(body, state, strict);
		const c = convertLead(state, lead, v, now(), { type: 'api', name: apiUser(key).name });
		return send(201, V.caseView(c));
	};
}

// ---------------------------------------------------------------- contacts, referrers

function nameOfContact(c) {
	return c.type === 'organisation'
		? c.company_name || ''
		: [c.first_name, c.last_name].filter(Boolean).join(' ');
}

function listContacts({ state, query, send }) {
	const errors = new FieldErrors();
	const p = readPaging(query, errors);
	const keys = readFeedQuery(query, errors, { created: false });
	const refs = new Set(queryList(query, 'external_ref'));
	const emails = new Set(queryList(query, 'email').map((e) => e.toLowerCase()));
	const name = querySingle(query, 'name', errors);
	errors.throwIfAny();
	const needle = name ? name.trim().toLowerCase() : '';
	const rows = state.contacts.filter(
		(c) =>
			(!refs.size || refs.has(c.external_ref)) &&
			(!emails.size || (c.email && emails.has(c.email.toLowerCase()))) &&
			(!needle || nameOfContact(c).toLowerCase().includes(needle)),
	);
	return send(200, pageEnvelope(feedOrder(rows, keys), p, V.contactView));
}

function findContact(state, id) {
	const c = state.contacts.find((x) => x.id === id);
	if (!c) throw notFound('contact', id);
	return c;
}

/** create-contact: a taken external_ref is a 409 before anything else, so a retry reads as "already exists". */
function createContact({ state, body, strict, now, send }) {
	const ref = body && typeof body === 'object' ? body.external_ref : undefined;
	if (typeof ref === 'string' && ref) {
		const existing = state.contacts.find((c) => c.external_ref === ref);
		if (existing) throw duplicateRef(existing.id, ref, 'contact');
	}
	const v = validateContactWrite(body, strict);
	const at = now();
	const contact = {
		id: nextId(state, 'contact', 'ct_'),
		type: v.type,
		title: null,
		first_name: null,
		last_name: null,
		company_name: null,
		address: null,
		phone: null,
		mobile: null,
		email: null,
		external_ref: null,
		external_system: null,
		...v,
		created_at: at,
		updated_at: at,
	};
	state.contacts.push(contact);
	return send(201, V.contactView(contact));
}

function getContact({ state, params, send }) {
	return send(200, V.contactView(findContact(state, params.id)));
}

/** update-contact: partial; rules checked on the merged record; an edit that changes nothing stamps nothing. */
function updateContact({ state, params, body, strict, now, send }) {
	const c = findContact(state, params.id);
	const v = validateContactWrite(body, strict, c);
	if (v.external_ref) {
		const other = state.contacts.find((x) => x.external_ref === v.external_ref && x.id !== c.id);
		if (other) throw duplicateRef(other.id, v.external_ref, 'contact');
	}
	const next = { ...c, ...v };
	if (JSON.stringify(V.contactView(next)) !== JSON.stringify(V.contactView(c))) {
		Object.assign(c, v, { updated_at: now() });
	}
	return send(200, V.contactView(c));
}

function listReferrers({ state, query, send }) {
	const errors = new FieldErrors();
	const p = readPaging(query, errors);
	const keys = readFeedQuery(query, errors, { created: false });
	const refs = new Set(queryList(query, 'external_ref'));
	const name = querySingle(query, 'name', errors);
	const active = boolParam(query, 'active', errors);
	errors.throwIfAny();
	const needle = name ? name.trim().toLowerCase() : '';
	const rows = state.referrers.filter(
		(r) =>
			(!refs.size || refs.has(r.external_ref)) &&
			(!needle || r.name.toLowerCase().includes(needle)) &&
			(active === undefined || r.active === active),
	);
	return send(200, pageEnvelope(feedOrder(rows, keys), p, V.referrerView));
}

function findReferrer(state, id) {
	const r = state.referrers.find((x) => x.id === id);
	if (!r) throw notFound('referrer', id);
	return r;
}

function createReferrer({ state, body, strict, now, send }) {
	const ref = body && typeof body === 'object' ? body.external_ref : undefined;
	if (typeof ref === 'string' && ref) {
		const existing = state.referrers.find((r) => r.external_ref === ref);
		if (existing) throw duplicateRef(existing.id, ref, 'referrer');
	}
	const v = validateReferrerWrite(body, strict);
	const at = now();
	const referrer = {
		id: nextId(state, 'referrer', 'rf_'),
		contact_name: null,
		email: null,
		phone: null,
		address: null,
		active: true,
		external_ref: null,
		...v,
		created_at: at,
		updated_at: at,
	};
	state.referrers.push(referrer);
	return send(201, V.referrerView(referrer));
}

function getReferrer({ state, params, send }) {
	return send(200, V.referrerView(findReferrer(state, params.id)));
}

function updateReferrer({ state, params, body, strict, now, send }) {
	const r = findReferrer(state, params.id);
	const v = validateReferrerWrite(body, strict, r);
	if (v.external_ref) {
		const other = state.referrers.find((x) => x.external_ref === v.external_ref && x.id !== r.id);
		if (other) throw duplicateRef(other.id, v.external_ref, 'referrer');
	}
	const next = { ...r, ...v };
	if (JSON.stringify(V.referrerView(next)) !== JSON.stringify(V.referrerView(r))) {
		Object.assign(r, v, { updated_at: now() });
	}
	return send(200, V.referrerView(r));
}

// ---------------------------------------------------------------- staff, branches

function listStaff({ state, query, send }) {
	const errors = new FieldErrors();
	const p = readPaging(query, errors);
	const active = boolParam(query, 'active', errors);
	const emails = new Set(queryList(query, 'email').map((e) => e.toLowerCase()));
	errors.throwIfAny();
	const rows = state.staff
		.filter(
			(s) =>
				(active === undefined || s.active === active) &&
				(!emails.size || (s.email && emails.has(s.email.toLowerCase()))),
		)
		.sort(byName);
	return send(200, pageEnvelope(rows, p, V.staffView));
}

function listBranches({ state, query, send }) {
	const errors = new FieldErrors();
	const p = readPaging(query, errors);
	const active = boolParam(query, 'active', errors);
	errors.throwIfAny();
	const rows = state.branches
		.filter((b) => active === undefined || b.active === active)
		.sort(byName);
	return send(200, pageEnvelope(rows, p, V.branchView));
}

// ---------------------------------------------------------------- documents

function listCaseDocuments({ state, params, query, send }) {
	const c = findCase(state, params.id);
	const errors = new FieldErrors();
	const p = readPaging(query, errors);
	const keys = readFeedQuery(query, errors, { created: false });
	const kinds = enumList(query, 'kind', DOCUMENT_KINDS, errors);
	const refs = new Set(queryList(query, 'external_ref'));
	errors.throwIfAny();
	const rows = state.documents.filter(
		(d) =>
			d.case_id === c.case_id &&
			(!kinds.size || kinds.has(d.kind)) &&
			(!refs.size || refs.has(d.external_ref)),
	);
	return send(200, pageEnvelope(feedOrder(rows, keys), p, V.documentView));
}

function listQuoteDocuments({ state, params, query, send }) {
	const q = findLead(state, 'quote', params.id);
	const errors = new FieldErrors();
	const p = readPaging(query, errors);
	const kinds = enumList(query, 'kind', DOCUMENT_KINDS, errors);
	const refs = new Set(queryList(query, 'external_ref'));
	errors.throwIfAny();
	const rows = state.documents.filter(
		(d) =>
			d.quote_id === q.id &&
			(!kinds.size || kinds.has(d.kind)) &&
			(!refs.size || refs.has(d.external_ref)),
	);
	return send(200, pageEnvelope(feedOrder(rows, {}), p, V.documentView));
}

function downloadDocument({ state, params, sendRaw }) {
	const d = state.documents.find((x) => x.id === params.id);
	if (!d) throw notFound('document', params.id);
	return sendRaw(200, Buffer.from(d.content_base64 || '', 'base64'), {
		'Content-Type': d.content_type || 'application/octet-stream',
		'Content-Disposition': contentDisposition(d.file_name),
	});
}

/**
 * upload-case-document, upload-quote-document: multipart `file` + kind, description, external_ref. PDF, DOCX, DOC,
 * JPEG, PNG only (else 415).
 */
function upload(target) {
	return ({ state, params, body, files, strict, now, send }) => {
		const owner =
			target === 'case' ? findCase(state, params.id) : findLead(state, 'quote', params.id);
		const ref = single(body.external_ref);
		if (typeof ref === 'string' && ref !== '') {
			const existing = state.documents.find((d) => d.external_ref === ref);
			if (existing) throw duplicateRef(existing.id, ref, 'document');
		}
		const errors = new FieldErrors();
		if (strict)
			for (const k of Object.keys(body))
				if (!['kind', 'external_ref', 'description'].includes(k))
					errors.add(k, 'unknown_field', `${k} is not a known part.`);
		for (const k of ['kind', 'external_ref', 'description'])
			if (Array.isArray(body[k])) errors.add(k, 'invalid_format', `${k} must be sent once.`);
		if (Array.isArray(files.file))
			errors.add('file', 'invalid_format', 'Send one file per upload.');
		const file = single(files.file);
		if (!file) errors.add('file', 'required', 'The multipart part "file" is required.');
		else if (file.data.length === 0) errors.add('file', 'invalid_value', 'The file is empty.');
		const fileName = file ? String(file.filename || '').replace(/^.*[\\/]/, '') : '';
		if (file && !fileName)
			errors.add(
				'file',
				'required',
				'The file part needs a filename (it becomes the document name).',
			);
		else if (fileName.length > MAX_FILE_NAME)
			errors.add('file', 'too_long', `The file name is over ${MAX_FILE_NAME} characters.`);
		const kind = single(body.kind);
		if (kind !== undefined && kind !== '' && !DOCUMENT_KINDS.includes(kind))
			errors.add('kind', 'invalid_value', `kind must be one of ${DOCUMENT_KINDS.join(', ')}.`);
		const description = single(body.description);
		if (description !== undefined && description.length > 2000)
			errors.add('description', 'too_long', 'At most 2000 characters.');
		if (typeof ref === 'string' && ref.length > 100)
			errors.add('external_ref', 'too_long', 'At most 100 characters.');
		errors.throwIfAny();
		const contentType = guessContentType(fileName, file.contentType);
		if (!ALLOWED_UPLOAD_TYPES.includes(contentType.toLowerCase())) {
			throw new HttpError(
				415,
				'unsupported_media_type',
				`Perfect Portal accepts PDF, DOCX, DOC, JPEG and PNG files, not ${contentType}.`,
				{ allowed: ALLOWED_UPLOAD_TYPES.slice() },
			);
		}
		const at = now();
		const record = documentRecord(
			nextId(state, 'document', 'doc_'),
			{
				case_id: target === 'case' ? owner.case_id : owner.converted_case_id,
				quote_id: target === 'quote' ? owner.id : null,
				kind: kind || 'other',
				file_name: fileName,
				content_type: contentType,
				description: description || null,
				external_ref: ref || null,
			},
			file.data,
			at,
		);
		state.documents.push(record);
		return send(201, V.documentView(record));
	};
}

// ---------------------------------------------------------------- admin helpers (/__admin/perfect-portal/...)

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

// ---------------------------------------------------------------- module

function auth(req) {
	const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization || '');
	return m ? m[1] : null;
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
	name: 'perfect-portal',
	prefix: '/perfect-portal',
	demoKey: DEMO_KEY,
	keys: [DEMO_KEY, CANARY_KEY],
	auth,
	authHint:
		'Missing or invalid Perfect Portal API key. Send the header "Authorization: Bearer <key>".',
	authChallenge: 'Bearer',
	rateLimit: { perSecond: 10, burst: 10 },
	seed,
	generate,
	normalizeState,
	SEED_FACTS,
	routes: [
		{ method: 'GET', path: '/v1/me', handler: me },
		{ method: 'GET', path: '/v1/cases', handler: listCases },
		{ method: 'GET', path: '/v1/cases/:id', handler: getCase },
		{ method: 'GET', path: '/v1/cases/:id/key-stages', handler: listKeyStageHistory },
		{ method: 'PUT', path: '/v1/cases/:id/key-stage', handler: setKeyStage },
		{ method: 'GET', path: '/v1/cases/:id/completion', handler: getCompletion },
		{ method: 'PUT', path: '/v1/cases/:id/completion', handler: putCompletion },
		{ method: 'PUT', path: '/v1/cases/:id/case-management-link', handler: putLink },
		{ method: 'GET', path: '/v1/key-stages', handler: listKeyStages },
		{ method: 'GET', path: '/v1/fee-scales', handler: listFeeScales },
		{ method: 'GET', path: '/v1/fee-scales/:id', handler: getFeeScale },
		{ method: 'GET', path: '/v1/quotes', handler: listLeads('quote') },
		{ method: 'GET', path: '/v1/quotes/:id', handler: getLead('quote') },
		{ method: 'POST', path: '/v1/quotes/:id/convert', handler: convert('quote') },
		{ method: 'GET', path: '/v1/leads', handler: listLeads('enquiry') },
		{ method: 'GET', path: '/v1/leads/:id', handler: getLead('enquiry') },
		{ method: 'POST', path: '/v1/leads/:id/convert', handler: convert('enquiry') },
		{ method: 'GET', path: '/v1/contacts', handler: listContacts },
		{ method: 'POST', path: '/v1/contacts', handler: createContact },
		{ method: 'GET', path: '/v1/contacts/:id', handler: getContact },
		{ method: 'PATCH', path: '/v1/contacts/:id', handler: updateContact },
		{ method: 'GET', path: '/v1/referrers', handler: listReferrers },
		{ method: 'POST', path: '/v1/referrers', handler: createReferrer },
		{ method: 'GET', path: '/v1/referrers/:id', handler: getReferrer },
		{ method: 'PATCH', path: '/v1/referrers/:id', handler: updateReferrer },
		{ method: 'GET', path: '/v1/staff', handler: listStaff },
		{ method: 'GET', path: '/v1/branches', handler: listBranches },
		{ method: 'GET', path: '/v1/cases/:id/documents', handler: listCaseDocuments },
		{ method: 'GET', path: '/v1/quotes/:id/documents', handler: listQuoteDocuments },
		{ method: 'GET', path: '/v1/documents/:id/content', handler: downloadDocument },
		{
			method: 'POST',
			path: '/v1/cases/:id/documents',
			handler: upload('case'),
			upload: { maxFileBytes: MAX_FILE_BYTES },
		},
		{
			method: 'POST',
			path: '/v1/quotes/:id/documents',
			handler: upload('quote'),
			upload: { maxFileBytes: MAX_FILE_BYTES },
		},
	],
	adminRoutes: [
		{ method: 'GET', path: '/facts', handler: adminFacts },
		{ method: 'POST', path: '/leads', handler: adminCreateLead },
		{ method: 'POST', path: '/leads/:id/convert', handler: adminConvert },
		{ method: 'POST', path: '/cases', handler: adminCreateCase },
		{ method: 'PATCH', path: '/cases/:id', handler: adminEditCase },
		{ method: 'PUT', path: '/cases/:id/key-stage', handler: adminSetKeyStage },
		{ method: 'DELETE', path: '/cases/:id', handler: messy.adminDeleteCase },
		{ method: 'POST', path: '/messy-firm', handler: messy.adminMessyFirm },
	],
	helpers: { MAX_FILE_BYTES, ALLOWED_UPLOAD_TYPES },
};
