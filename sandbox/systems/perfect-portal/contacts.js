'use strict';

// Contacts and referrers: list (keyset feeds), create (found-before-created by external_ref), get, PATCH.

const { FieldErrors, queryList, querySingle } = require('../../lib/http');
const { readPaging, pageEnvelope, boolParam } = require('../../lib/paging');
const V = require('./views');
const { validateContactWrite, validateReferrerWrite } = require('./validate');
const { duplicateRef, feedOrder, nextId, notFound, readFeedQuery } = require('./common');

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

module.exports = {
	listContacts,
	createContact,
	getContact,
	updateContact,
	listReferrers,
	createReferrer,
	getReferrer,
	updateReferrer,
};
