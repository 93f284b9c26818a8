'use strict';

// Matters: /matters list, get, create (202), PUT/PATCH (202), delete.

const crypto = require('node:crypto');
const views = require('./views');
const { badRequest, checkBody, notFound } = require('./errors');
const { accepted, enqueue, nowIso } = require('./processing');
const { paged, queryBool, querySince, querySingle, queryValues, sortBy } = require('./query');

const MATTER_STATUSES = ['Open', 'Pending', 'Closed', 'Deleted', 'Cancelled'];

function matterOr404(state, id) {
	const m = state.matters.find((x) => x.id === id);
	if (!m) throw notFound('Matter', id);
	return m;
}

function listMatters(c) {
	const { state, query } = c;
	const since = querySince(query);
	const search = (querySingle(query, 'Search') || '').trim().toLowerCase();
	const typeId = querySingle(query, 'MatterTypeId');
	const contactId = querySingle(query, 'ContactId');
	const statuses = queryValues(query, 'Status')
		.flatMap((s) => s.split(','))
		.map((s) => s.trim())
		.filter(Boolean);
	const unknownStatus = statuses.find(
		(s) => !MATTER_STATUSES.some((x) => x.toLowerCase() === s.toLowerCase()),
	);
	if (unknownStatus)
		throw badRequest(
			`Status '${unknownStatus}' is not valid. Possible values: ${MATTER_STATUSES.join(', ')}.`,
			{ Status: ['invalid'] },
		);
	const isLead = queryBool(query, 'IsLead');
	const typeParam = querySingle(query, 'Type');
	let kinds = ['Matters'];
	if (typeParam) {
		kinds = typeParam.split(',').map((s) => s.trim());
		if (!kinds.every((k) => k === 'Matters' || k === 'Leads'))
			throw badRequest("Type must be 'Matters', 'Leads' or 'Matters,Leads'.", {
				Type: ['invalid'],
			});
	} else if (isLead === true) kinds = ['Leads'];
	const fields = (querySingle(query, 'Fields') || '').split(',').map((s) => s.trim());
	const nameOf = (id) => {
		const x = state.contacts.find((k) => k.id === id);
		if (!x) return '';
		return x.person
			? `${x.person.firstName || ''} ${x.person.lastName || ''}`
			: (x.company && x.company.name) || '';
	};
	let rows = state.matters.filter((m) => {
		if (!kinds.includes(m.isLead ? 'Leads' : 'Matters')) return false;
		if (since !== null && m.versionMs < since) return false;
		if (typeId && m.matterTypeId.toLowerCase() !== typeId.toLowerCase()) return false;
		if (contactId && ![...m.clientIds, ...m.otherSideIds].includes(contactId)) return false;
		if (statuses.length && !statuses.some((s) => s.toLowerCase() === m.status.toLowerCase()))
			return false;
		if (search) {
			const hay = [
				m.number,
				m.description,
				...m.clientIds.map(nameOf),
				...m.otherSideIds.map(nameOf),
			]
				.join(' ')
				.toLowerCase();
			if (!hay.includes(search)) return false;
		}
		return true;
	});
	const order = sortBy(query, ['status', 'lastUpdated'], (m, f) =>
		f === 'status' ? m.status : m.versionMs,
	);
	if (order) rows = [...rows].sort(order);
	return c.send(
		200,
		paged(c, rows, (m) => views.matterView(state, c.api, m, fields), '/matters'),
	);
}

function getMatter(c) {
	return c.send(200, views.matterView(c.state, c.api, matterOr404(c.state, c.params.matterId)));
}

function matterTypeOr400(state, id, field = 'matterTypeId') {
	const type = state.matterTypes.find((t) => t.id.toLowerCase() === String(id).toLowerCase());
	if (!type || type.isDeleted)
		throw badRequest(`Matter type ${id} does not exist.`, { [field]: ['unknown matter type'] });
	return type;
}

const DATE_FIELDS = ['openedDate', 'closedDate', 'leadOpenedDate', 'leadClosedDate', 'dateOpened'];

function normaliseDates(body) {
	for (const f of DATE_FIELDS)
		if (body[f]) body[f] = new Date(body[f]).toISOString().replace('.000Z', 'Z');
}

function createMatter(c) {
	const body = checkBody(c, '/matters', 'post');
	normaliseDates(body);
	const missing = {};
	if (!body.matterTypeId) missing.matterTypeId = ['is required'];
	if (!Array.isArray(body.clientIds) || !body.clientIds.length)
		missing.clientIds = ['at least one client is required'];
	if (!body.status) missing.status = ['is required'];
	if (Object.keys(missing).length)
		throw badRequest('A mandatory field (client, matter type, status) is missing.', missing);
	if (!MATTER_STATUSES.includes(body.status))
		throw badRequest(`status must be one of ${MATTER_STATUSES.join(', ')}.`, {
			status: ['invalid'],
		});
	const type = matterTypeOr400(c.state, body.matterTypeId);
	const isLead = body.isLead === true;
	if (isLead !== (type.type === 1)) {
		throw badRequest(
			isLead
				? 'Creating a lead needs a lead matter type (Type = 1).'
				: 'A lead matter type needs isLead: true.',
			{ matterTypeId: ['does not match isLead'] },
		);
	}
	// otherSideRole is not checked: the other side's roles are not among the type's representative options.
	if (body.clientRole && !type.representativeOptions.includes(body.clientRole)) {
		throw badRequest(`clientRole must be one of ${type.representativeOptions.join(', ')}.`, {
			clientRole: ['not a representative option'],
		});
	}
	if (body.clientRole && body.otherSideRole && body.clientRole === body.otherSideRole)
		throw badRequest('clientRole and otherSideRole cannot be identical.');
	const id = crypto.randomUUID();
	const opened = body.openedDate || body.dateOpened || nowIso(c.nowMs).replace(/\.\d+Z$/, 'Z');
	const record = {
		id,
		externalSystemId: body.externalSystemId ?? null,
		number: body.number ?? null,
		matterTypeId: type.id,
		clientIds: body.clientIds,
		otherSideIds: body.otherSideIds || [],
		clientRole: body.clientRole || type.representativeOptions[0],
		otherSideRole: body.otherSideRole ?? null,
		description: body.description ?? null,
		status: body.status,
		openedDate: isLead ? null : opened,
		closedDate: body.closedDate ?? (body.status === 'Closed' ? opened : null),
		isLead,
		leadOpenedDate: isLead ? body.leadOpenedDate || opened : null,
		leadClosedDate: isLead ? (body.leadClosedDate ?? null) : null,
		leadClosedReason: isLead ? (body.leadClosedReason ?? null) : null,
		referralType: body.referralType ?? null,
		referrerId: body.referrerId ?? null,
		personResponsibleStaffId: body.personResponsibleStaffId ?? null,
		personAssistingStaffId: body.personAssistingStaffId ?? null,
		originatingStaffId: body.originatingStaffId ?? null,
		supervisorStaffId: body.supervisorStaffId ?? null,
		clientCode: body.clientCode ?? null,
		tags: [],
	};
	enqueue(c, { kind: 'createMatter', record });
	return accepted(c, '/matters', id);
}

const MATTER_WRITABLE = [
	'externalSystemId',
	'number',
	'matterTypeId',
	'clientIds',
	'otherSideIds',
	'clientRole',
	'otherSideRole',
	'description',
	'status',
	'openedDate',
	'closedDate',
	'leadOpenedDate',
	'leadClosedDate',
	'leadClosedReason',
	'referralType',
	'referrerId',
	'personResponsibleStaffId',
	'personAssistingStaffId',
	'originatingStaffId',
	'supervisorStaffId',
	'clientCode',
	'isLead',
];

/** PUT and PATCH share the rules; `patch` allows clientIds/otherSideIds and lead conversion (swagger). */
function updateMatter(c, patch) {
	const m = matterOr404(c.state, c.params.matterId);
	const body = checkBody(c, '/matters/{matterId}', patch ? 'patch' : 'put');
	normaliseDates(body);
	if (body.dateOpened && !body.openedDate) body.openedDate = body.dateOpened;
	const changes = {};
	for (const key of MATTER_WRITABLE) if (body[key] !== undefined) changes[key] = body[key];
	if (changes.status !== undefined && !MATTER_STATUSES.includes(changes.status))
		throw badRequest(`status must be one of ${MATTER_STATUSES.join(', ')}.`, {
			status: ['invalid'],
		});
	if (!m.isLead && changes.isLead === true)
		throw badRequest('A Matter cannot be converted back to a Lead.');
	const converting = m.isLead && changes.isLead === false;
	if (!patch) {
		const same = (a, b) => JSON.stringify(a || []) === JSON.stringify(b || []);
		if (
			(changes.clientIds && !same(changes.clientIds, m.clientIds)) ||
			(changes.otherSideIds && !same(changes.otherSideIds, m.otherSideIds))
		)
			throw badRequest('clientIds and otherSideIds cannot be modified with PUT; use PATCH.');
		if (converting) throw badRequest('Convert a Lead to a Matter with PATCH.');
	}
	const typeChanging =
		changes.matterTypeId !== undefined &&
		changes.matterTypeId.toLowerCase() !== m.matterTypeId.toLowerCase();
	if (typeChanging || converting) {
		const type = matterTypeOr400(c.state, changes.matterTypeId ?? m.matterTypeId);
		const willBeLead = converting ? false : m.isLead;
		if (willBeLead !== (type.type === 1)) {
			throw badRequest(
				converting
					? 'Converting a Lead needs a matter type of Type 0 (Matter Type).'
					: 'The matter type does not fit the record (lead vs matter).',
				{ matterTypeId: ['does not match isLead'] },
			);
		}
		if (patch && !changes.clientRole)
			throw badRequest('clientRole is required when converting a Lead or changing the type.', {
				clientRole: ['is required'],
			});
		if (changes.clientRole && !type.representativeOptions.includes(changes.clientRole))
			throw badRequest(`clientRole must be one of ${type.representativeOptions.join(', ')}.`, {
				clientRole: ['not a representative option'],
			});
		changes.matterTypeId = type.id;
	} else if (patch && changes.clientRole !== undefined && changes.clientRole !== m.clientRole) {
		throw badRequest(
			'clientRole cannot be updated, unless converting a Lead to a Matter or changing the type.',
			{ clientRole: ['cannot be updated'] },
		);
	}
	if (converting) {
		changes.openedDate = changes.openedDate || nowIso(c.nowMs).replace(/\.\d+Z$/, 'Z');
		changes.leadClosedDate = m.leadClosedDate;
	}
	if (
		changes.status === 'Closed' &&
		m.status !== 'Closed' &&
		!changes.closedDate &&
		!(m.isLead && !converting)
	)
		changes.closedDate = nowIso(c.nowMs).replace(/\.\d+Z$/, 'Z');
	enqueue(c, { kind: 'updateMatter', id: m.id, changes });
	return accepted(c, '/matters', m.id);
}

function deleteMatter(c) {
	const m = matterOr404(c.state, c.params.matterId);
	enqueue(c, { kind: 'updateMatter', id: m.id, changes: { status: 'Deleted' } });
	return accepted(c, '/matters', m.id);
}

module.exports = { matterOr404, listMatters, getMatter, createMatter, updateMatter, deleteMatter };
