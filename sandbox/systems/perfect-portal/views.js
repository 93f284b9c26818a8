'use strict';

// Internal records → API shapes (docs/api/perfect-portal.md). Fields are picked explicitly so internal data
// (document bytes) never leaks and nullable fields are always present.

const { feeTotals } = require('./seed');

const addressView = (a) =>
	a
		? {
				line1: a.line1,
				line2: a.line2 ?? null,
				line3: a.line3 ?? null,
				town: a.town ?? null,
				county: a.county ?? null,
				postcode: a.postcode ?? null,
				country: a.country || 'GB',
			}
		: null;

function partyView(p) {
	return {
		id: p.id,
		contact_id: p.contact_id ?? null,
		type: p.type,
		is_primary: Boolean(p.is_primary),
		spouse_or_partner_of_primary: Boolean(p.spouse_or_partner_of_primary),
		title: p.title ?? null,
		first_name: p.first_name ?? null,
		last_name: p.last_name ?? null,
		company_name: p.company_name ?? null,
		name: p.name,
		address: addressView(p.address),
		phone: p.phone ?? null,
		mobile: p.mobile ?? null,
		email: p.email ?? null,
	};
}

function propertyView(p) {
	return {
		id: p.id,
		address: addressView(p.address),
		tenure: p.tenure,
		price: p.price,
		transaction_type: p.transaction_type,
	};
}

function feeLineView(f) {
	return {
		id: f.id,
		section: f.section,
		description: f.description,
		amount: f.amount,
		vat_amount: f.vat_amount,
		vat_rate: f.vat_rate,
		mapped_to_case_management: Boolean(f.mapped_to_case_management),
		case_management_category: f.section === 'disbursements' ? 'cost_recoveries' : 'fees',
	};
}

function completionView(c) {
	if (!c) return null;
	return {
		status: c.status,
		exchange_date: c.exchange_date ?? null,
		completion_date: c.completion_date ?? null,
		completion_time: c.completion_time ?? null,
		purchase_price: c.purchase_price ?? null,
		deposit_amount: c.deposit_amount ?? null,
		mortgage_advance: c.mortgage_advance ?? null,
		lender_name: c.lender_name ?? null,
		notes: c.notes ?? null,
		updated_at: c.updated_at ?? null,
	};
}

/** GET …/completion of a case that has none: nothing recorded yet. */
const EMPTY_COMPLETION = Object.freeze({
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

function linkView(l) {
	if (!l) return null;
	return {
		system: l.system,
		matter_ref: l.matter_ref,
		client_refs: (l.client_refs || []).slice(),
		matter_url: l.matter_url ?? null,
		linked_at: l.linked_at,
	};
}

const keyStageOnCase = (k) => (k ? { id: k.id, name: k.name, reached_at: k.reached_at } : null);

function primaryClientName(c) {
	const clients = (c.clients_contacts || []).filter((p) => p.type === 'client');
	const primary = clients.find((p) => p.is_primary) || clients[0];
	return primary ? primary.name : null;
}

function caseView(c) {
	return {
		case_id: c.case_id,
		status: c.status,
		origin: c.origin,
		source_quote_id: c.source_quote_id ?? null,
		source_lead_id: c.source_lead_id ?? null,
		work_type: c.work_type,
		app_code: c.app_code ?? null,
		fee_earner: c.fee_earner ? { ...c.fee_earner } : null,
		branch: c.branch ? { ...c.branch } : null,
		matter_details: c.matter_details ?? '',
		owner: c.owner ? { ...c.owner } : null,
		referrer: c.referrer ? { ...c.referrer } : null,
		lead_source: c.lead_source ?? null,
		price: c.price,
		currency: c.currency,
		fee_scale: c.fee_scale ? { ...c.fee_scale } : null,
		fees: (c.fees || []).map(feeLineView),
		fee_totals: feeTotals(c.fees),
		clients_contacts: (c.clients_contacts || []).map(partyView),
		properties: (c.properties || []).map(propertyView),
		key_stage: keyStageOnCase(c.key_stage),
		completion: completionView(c.completion),
		conversion_notes: c.conversion_notes ?? null,
		case_management_target: c.case_management_target ?? null,
		case_management_link: linkView(c.case_management_link),
		created_at: c.created_at,
		updated_at: c.updated_at,
	};
}

/** The One Office import grid's columns (CaseSummary). */
function caseSummaryView(c) {
	return {
		case_id: c.case_id,
		status: c.status,
		work_type: c.work_type,
		app_code: c.app_code ?? null,
		fee_earner: c.fee_earner ? { ...c.fee_earner } : null,
		branch: c.branch ? { ...c.branch } : null,
		matter_details: c.matter_details ?? '',
		primary_client_name: primaryClientName(c),
		case_management_target: c.case_management_target ?? null,
		case_management_link: linkView(c.case_management_link),
		created_at: c.created_at,
		updated_at: c.updated_at,
	};
}

function leadView(l) {
	return {
		id: l.id,
		kind: l.kind,
		reference: l.reference,
		status: l.status,
		work_type: l.work_type,
		owner: l.owner ? { ...l.owner } : null,
		referrer: l.referrer ? { ...l.referrer } : null,
		lead_source: l.lead_source ?? null,
		fee_scale: l.fee_scale ? { ...l.fee_scale } : null,
		price: l.price,
		currency: l.currency,
		fees: (l.fees || []).map(feeLineView),
		fee_totals: feeTotals(l.fees),
		clients_contacts: (l.clients_contacts || []).map(partyView),
		properties: (l.properties || []).map(propertyView),
		converted_case_id: l.converted_case_id ?? null,
		converted_at: l.converted_at ?? null,
		created_at: l.created_at,
		updated_at: l.updated_at,
	};
}

function contactView(c) {
	return {
		id: c.id,
		type: c.type,
		title: c.title ?? null,
		first_name: c.first_name ?? null,
		last_name: c.last_name ?? null,
		company_name: c.company_name ?? null,
		address: addressView(c.address),
		phone: c.phone ?? null,
		mobile: c.mobile ?? null,
		email: c.email ?? null,
		external_ref: c.external_ref ?? null,
		external_system: c.external_system ?? null,
		created_at: c.created_at,
		updated_at: c.updated_at,
	};
}

function referrerView(r) {
	return {
		id: r.id,
		name: r.name,
		contact_name: r.contact_name ?? null,
		email: r.email ?? null,
		phone: r.phone ?? null,
		address: addressView(r.address),
		active: Boolean(r.active),
		external_ref: r.external_ref ?? null,
		created_at: r.created_at,
		updated_at: r.updated_at,
	};
}

function staffView(s) {
	return {
		id: s.id,
		name: s.name,
		email: s.email ?? null,
		code: s.code ?? null,
		branch_id: s.branch_id ?? null,
		active: Boolean(s.active),
	};
}

const branchView = (b) => ({
	id: b.id,
	name: b.name,
	code: b.code ?? null,
	active: Boolean(b.active),
});

function keyStageView(k) {
	return {
		id: k.id,
		name: k.name,
		position: k.position,
		active: Boolean(k.active),
		case_management_mapping: k.case_management_mapping ? { ...k.case_management_mapping } : null,
	};
}

function keyStageEventView(e) {
	return {
		id: e.id,
		key_stage: { id: e.key_stage.id, name: e.key_stage.name },
		reached_at: e.reached_at,
		set_by: { type: e.set_by.type, name: e.set_by.name },
		note: e.note ?? null,
	};
}

/** A fee scale; the list (list-fee-scales) sends `sections: null`. */
function feeScaleView(s, withLines) {
	return {
		id: s.id,
		name: s.name,
		active: Boolean(s.active),
		updated_at: s.updated_at,
		sections: withLines
			? Object.fromEntries(
					Object.entries(s.sections).map(([key, section]) => [
						key,
						{
							map_all_to_case_management: Boolean(section.map_all_to_case_management),
							lines: section.lines.map((l) => ({
								id: l.id,
								description: l.description,
								amount: l.amount ?? null,
								vat_rate: l.vat_rate,
								mapped_to_case_management: Boolean(l.mapped_to_case_management),
							})),
						},
					]),
				)
			: null,
	};
}

function documentView(d) {
	return {
		id: d.id,
		case_id: d.case_id ?? null,
		quote_id: d.quote_id ?? null,
		kind: d.kind,
		file_name: d.file_name,
		content_type: d.content_type,
		size_bytes: d.size_bytes,
		sha256: d.sha256,
		description: d.description ?? null,
		external_ref: d.external_ref ?? null,
		created_at: d.created_at,
		updated_at: d.updated_at,
	};
}

module.exports = {
	addressView,
	partyView,
	propertyView,
	feeLineView,
	completionView,
	EMPTY_COMPLETION,
	linkView,
	keyStageOnCase,
	caseView,
	caseSummaryView,
	leadView,
	contactView,
	referrerView,
	staffView,
	branchView,
	keyStageView,
	keyStageEventView,
	feeScaleView,
	documentView,
	primaryClientName,
};
