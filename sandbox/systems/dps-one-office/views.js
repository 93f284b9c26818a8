'use strict';

// Stored records → API shapes (docs/api/dps-one-office.md). Fields are picked
// explicitly so nothing internal leaks and nullable fields are always present.

const addressView = (a) =>
	a
		? {
				line1: a.line1,
				line2: a.line2 ?? null,
				line3: a.line3 ?? null,
				town: a.town ?? null,
				county: a.county ?? null,
				postcode: a.postcode,
				country: a.country ?? 'GB',
			}
		: null;

const appCodeView = (x) => ({
	code: x.code,
	description: x.description,
	active: Boolean(x.active),
	is_default: Boolean(x.is_default),
});

const feeEarnerView = (x) => ({
	code: x.code,
	name: x.name,
	email: x.email ?? null,
	branch: x.branch ?? null,
	app_codes: (x.app_codes || []).slice(),
	active: Boolean(x.active),
});

const branchView = (x) => ({ code: x.code, name: x.name, active: Boolean(x.active) });

const contactTypeView = (x) => ({
	code: x.code,
	description: x.description,
	active: Boolean(x.active),
});

function partyView(p) {
	return {
		type: p.type,
		title: p.title ?? null,
		first_name: p.first_name ?? null,
		last_name: p.last_name ?? null,
		organisation_name: p.organisation_name ?? null,
		display_name: p.display_name,
		address: addressView(p.address),
		phone: p.phone ?? null,
		mobile: p.mobile ?? null,
		email: p.email ?? null,
	};
}

function clientView(c) {
	return {
		client_ref: c.client_ref,
		...partyView(c),
		date_of_birth: c.date_of_birth ?? null,
		external_ref: c.external_ref ?? null,
		external_source: c.external_source ?? null,
		created_at: c.created_at,
		updated_at: c.updated_at,
	};
}

function contactView(c) {
	return {
		contact_id: c.contact_id,
		contact_type: c.contact_type,
		...partyView(c),
		external_ref: c.external_ref ?? null,
		external_source: c.external_source ?? null,
		created_at: c.created_at,
		updated_at: c.updated_at,
	};
}

const matterContactView = (x) => ({
	contact_id: x.contact_id,
	contact_type: x.contact_type,
	reference: x.reference ?? null,
	attached_at: x.attached_at,
});

function matterView(m) {
	return {
		mat_ref: m.mat_ref,
		client_ref: m.client_ref,
		additional_client_refs: (m.additional_client_refs || []).slice(),
		app_code: m.app_code,
		fee_earner: m.fee_earner,
		branch: m.branch,
		matter_details: m.matter_details,
		external_ref: m.external_ref ?? null,
		external_source: m.external_source ?? null,
		properties: (m.properties || []).map((p) => ({
			address: addressView(p.address),
			tenure: p.tenure ?? 'unknown',
			price: p.price ?? null,
			currency: p.currency ?? 'GBP',
		})),
		opened_on: m.opened_on,
		status: m.status,
		contacts: (m.contacts || []).map(matterContactView),
		created_at: m.created_at,
		updated_at: m.updated_at,
	};
}

module.exports = {
	appCodeView,
	feeEarnerView,
	branchView,
	contactTypeView,
	clientView,
	contactView,
	matterView,
	matterContactView,
};
