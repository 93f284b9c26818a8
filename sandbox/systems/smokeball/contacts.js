'use strict';

// Contacts: /contacts list (Search=), get, create (202), update (202).

const crypto = require('node:crypto');
const views = require('./views');
const { badRequest, checkBody, notFound } = require('./errors');
const { accepted, enqueue } = require('./processing');
const {
	paged,
	parseSearch,
	queryBool,
	querySince,
	queryValues,
	sortBy,
	termMatches,
} = require('./query');

const CONTACT_TYPES = ['Staff', 'Person', 'Organisation', 'GroupOfPeople', 'Trust'];

const contactOr404 = (state, id) => {
	const contact = state.contacts.find((x) => x.id === id);
	if (!contact) throw notFound('Contact', id);
	return contact;
};

function contactKind(contact) {
	if (contact.person) return 'Person';
	if (contact.company) return 'Organisation';
	if (contact.trust) return 'Trust';
	return 'GroupOfPeople';
}

const phoneText = (p) => (p ? `${p.areaCode || ''}${p.number || ''}`.replace(/\s+/g, '') : null);

function searchValues(contact, field) {
	const p = contact.person;
	const co = contact.company;
	if (field === 'email') return [p && p.email, co && co.email];
	if (field === 'phone')
		return [
			p && phoneText(p.phone),
			p && phoneText(p.cell),
			p && phoneText(p.phone2),
			co && phoneText(co.phone),
		];
	return [
		p && [p.firstName, p.middleName, p.lastName].filter(Boolean).join(' '),
		p && [p.firstName, p.lastName].filter(Boolean).join(' '),
		p && p.lastName,
		p && p.firstName,
		co && co.name,
	];
}

function listContacts(c) {
	const { state, query } = c;
	const since = querySince(query);
	const excludeDeleted = queryBool(query, 'ExcludeDeletedContacts') === true;
	const types = queryValues(query, 'Type')
		.flatMap((t) => t.split(','))
		.map((t) => t.trim())
		.filter(Boolean);
	const badType = types.find((t) => !CONTACT_TYPES.includes(t));
	if (badType)
		throw badRequest(
			`Type '${badType}' is not valid. Possible values: ${CONTACT_TYPES.join(', ')}.`,
			{ Type: ['invalid'] },
		);
	const terms = parseSearch(query, ['email', 'phone', 'name']).map((t) =>
		t.field === 'phone' ? { ...t, value: t.value.replace(/\s+/g, '') } : t,
	);
	let rows = state.contacts.filter((x) => {
		if (excludeDeleted && x.isDeleted) return false;
		if (since !== null && x.versionMs < since) return false;
		if (types.length && !types.includes(contactKind(x))) return false;
		return terms.every((t) => termMatches(t, searchValues(x, t.field)));
	});
	const order = sortBy(query, ['lastUpdated'], (x) => x.versionMs);
	if (order) rows = [...rows].sort(order);
	return c.send(
		200,
		paged(c, rows, (x) => views.contactView(state, c.api, x), '/contacts'),
	);
}

function getContact(c) {
	return c.send(200, views.contactView(c.state, c.api, contactOr404(c.state, c.params.id)));
}

function contactDetails(body) {
	const kinds = ['person', 'company', 'trust', 'groupOfPeople'].filter((k) => body[k]);
	if (kinds.length > 1)
		throw badRequest('A contact is either a person, a company, a trust or a group of people.');
	if (body.person && !body.person.firstName && !body.person.lastName)
		throw badRequest('A person needs a first or last name.', {
			'person.lastName': ['is required'],
		});
	if (body.company && !body.company.name)
		throw badRequest('A company needs a name.', { 'company.name': ['is required'] });
	return kinds[0] || null;
}

function createContact(c) {
	const body = checkBody(c, '/contacts', 'post');
	const kind = contactDetails(body);
	if (!kind)
		throw badRequest('Give the contact a person, company, trust or groupOfPeople.', {
			person: ['is required'],
		});
	const id = crypto.randomUUID();
	const record = {
		id,
		externalSystemId: body.externalSystemId ?? null,
		person: body.person || null,
		company: body.company || null,
		...(body.trust ? { trust: body.trust } : {}),
		...(body.groupOfPeople ? { groupOfPeople: body.groupOfPeople } : {}),
		isDeleted: false,
		tags: [],
	};
	enqueue(c, { kind: 'createContact', record });
	return accepted(c, '/contacts', id);
}

function updateContact(c) {
	const contact = contactOr404(c.state, c.params.id);
	const body = checkBody(c, '/contacts/{id}', 'put');
	const kind = contactDetails(body);
	if (kind && contactKind({ [kind]: true }) !== contactKind(contact))
		throw badRequest('A contact cannot change between person, company, trust and group of people.');
	const changes = {};
	for (const key of [
		'externalSystemId',
		'person',
		'company',
		'trust',
		'groupOfPeople',
		'isDeleted',
	]) {
		if (body[key] !== undefined) changes[key] = body[key];
	}
	enqueue(c, { kind: 'updateContact', id: contact.id, changes });
	return accepted(c, '/contacts', contact.id);
}

module.exports = { listContacts, getContact, createContact, updateContact };
