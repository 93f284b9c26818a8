'use strict';

// Quotes (/v1/quotes) and enquiries (/v1/leads): list, get, and convert to a case.

const { HttpError, FieldErrors } = require('../../lib/http');
const { readPaging, pageEnvelope } = require('../../lib/paging');
const {
	caseRecord,
	partyRecord,
	matterDetailsFor,
	staffRef,
	branchRef,
	caseIdFor,
	WORK_TYPES,
} = require('./seed');
const V = require('./views');
const { validateConversion } = require('./validate');
const { applyKeyStage } = require('./cases');
const { apiUser, enumList, feedOrder, findLead, nextId, readFeedQuery } = require('./common');

const LEAD_STATUSES = ['open', 'converted', 'lost', 'expired'];

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

module.exports = { convertLead, assertConvertible, listLeads, getLead, convert };
