'use strict';

// Internal records → the resources of the swagger (components.schemas Matter, Contact, Staff, ...). `api` is the
// caller's API base (with the /{accountId} prefix under client credentials): every href carries it, as the real
// API's do (docs/api/smokeball.md#auth).

const { ticksString, ticksNumber } = require('./ticks');

const link = (api, path, id, relation) =>
	id ? { id, href: `${api}${path}/${id}`, ...(relation ? { relation } : {}) } : null;

function shortType(name) {
	const cut = name.lastIndexOf(' - ');
	return cut >= 0 ? name.slice(cut + 3) : name;
}

function surname(state, contactId) {
	const c = state.contacts.find((x) => x.id === contactId);
	if (!c) return null;
	return c.person ? c.person.lastName : c.company ? c.company.name : null;
}

/** "PUR-0001 - Example - Purchase - Hughes", the shape of the swagger's example title. */
function matterTitle(state, m) {
	const type = state.matterTypes.find((t) => t.id === m.matterTypeId);
	const parts = [m.number || (m.isLead ? 'Lead' : 'Matter')];
	const clients = m.clientIds.map((id) => surname(state, id)).filter(Boolean);
	if (clients.length) parts.push([...new Set(clients)].join(' & '));
	if (type) parts.push(shortType(type.name));
	const others = m.otherSideIds.map((id) => surname(state, id)).filter(Boolean);
	if (others.length) parts.push([...new Set(others)].join(' & '));
	return parts.join(' - ');
}

function matterView(state, api, m, fields = []) {
	return {
		href: `${api}/matters/${m.id}`,
		id: m.id,
		externalSystemId: m.externalSystemId,
		versionId: ticksString(m.versionMs),
		number: m.number,
		title: matterTitle(state, m),
		matterType: link(api, '/mattertypes', m.matterTypeId, 'matterType'),
		clients: m.clientIds.map((id) => link(api, '/contacts', id, 'client')),
		otherSides: m.otherSideIds.map((id) => link(api, '/contacts', id, 'otherSide')),
		description: m.description,
		status: m.status,
		personResponsible: link(api, '/staff', m.personResponsibleStaffId, 'personResponsible'),
		personAssisting: link(api, '/staff', m.personAssistingStaffId, 'personAssisting'),
		originatingStaff: link(api, '/staff', m.originatingStaffId, 'originatingStaff'),
		supervisor: link(api, '/staff', m.supervisorStaffId, 'supervisor'),
		clientCode: m.clientCode,
		openedDate: m.openedDate,
		closedDate: m.closedDate,
		leadOpenedDate: m.leadOpenedDate,
		leadClosedDate: m.leadClosedDate,
		leadClosedReason: m.leadClosedReason,
		isLead: m.isLead,
		referralType: m.referralType,
		referrer: link(api, '/contacts', m.referrerId, 'referrer'),
		...(fields.includes('tags') ? { tags: m.tags } : {}),
		...(fields.includes('items') ? { items: {} } : {}),
	};
}

function contactView(state, api, c) {
	return {
		href: `${api}/contacts/${c.id}`,
		id: c.id,
		externalSystemId: c.externalSystemId,
		versionId: ticksString(c.versionMs),
		person: c.person,
		company: c.company,
		isDeleted: c.isDeleted,
		lastUpdated: ticksNumber(c.versionMs),
		tags: c.tags,
	};
}

function staffView(state, api, s, fields = []) {
	const out = {
		href: `${api}/staff/${s.id}`,
		id: s.id,
		versionId: ticksString(s.versionMs),
		title: s.title,
		firstName: s.firstName,
		middleName: s.middleName,
		lastName: s.lastName,
		initials: s.initials,
		phone: s.phone,
		cell: s.cell,
		email: s.email,
		role: s.role,
		former: s.former,
		enabled: s.enabled,
		userId: s.userId,
	};
	if (fields.includes('rate')) out.rate = s.rate;
	return out;
}

function matterTypeView(state, api, t) {
	return {
		href: `${api}/mattertypes/${t.id}`,
		id: t.id,
		versionId: ticksString(t.versionMs),
		name: t.name,
		category: t.category,
		type: t.type,
		representativeOptions: t.representativeOptions,
		location: t.location,
		isDeleted: t.isDeleted,
	};
}

function stageView(api, set, st) {
	return {
		href: `${api}/stagesets/${set.id}/stages/${st.id}`,
		id: st.id,
		versionId: ticksString(st.versionMs),
		name: st.name,
		isDeleted: st.isDeleted,
		lastUpdated: ticksNumber(st.versionMs),
	};
}

function stageSetView(state, api, set) {
	return {
		href: `${api}/stagesets/${set.id}`,
		id: set.id,
		versionId: ticksString(set.versionMs),
		name: set.name,
		isDeleted: set.isDeleted,
		stages: set.stages.map((st) => stageView(api, set, st)),
		lastUpdated: ticksNumber(set.versionMs),
	};
}

function matterStageView(state, api, ms) {
	const set = state.stageSets.find((s) => s.id === ms.stageSetId);
	const stage = set && set.stages.find((s) => s.id === ms.stageId);
	return {
		href: `${api}/matters/${ms.matterId}/stages`,
		id: ms.id,
		versionId: ticksString(ms.versionMs),
		matter: link(api, '/matters', ms.matterId, 'matter'),
		stageSet: set ? link(api, '/stagesets', set.id, 'stageSet') : null,
		stage: set && stage ? stageView(api, set, stage) : null,
		lastUpdated: ticksNumber(ms.versionMs),
	};
}

function memoView(state, api, m) {
	return {
		href: `${api}/matters/${m.matterId}/memos/${m.id}`,
		id: m.id,
		matterId: m.matterId,
		title: m.title,
		text: m.text,
		plainText: m.plainText,
		createdDate: m.createdDate,
		createdByUserId: m.createdByUserId,
		lastUpdated: new Date(m.versionMs).toISOString(),
		updatedByUserId: m.updatedByUserId,
		isDeleted: m.isDeleted,
	};
}

const round2 = (n) => Math.round(n * 100) / 100;

function feeView(state, api, f) {
	const amount = f.feeType === 1 ? round2((f.duration / 60) * f.rate) : round2(f.rate);
	return {
		href: `${api}/matters/${f.matterId}/fees/${f.id}`,
		id: f.id,
		versionId: ticksString(f.versionMs),
		matter: link(api, '/matters', f.matterId, 'matter'),
		staff: link(api, '/staff', f.staffId, 'staff'),
		createdByUserId: f.createdByUserId,
		createdDate: new Date(f.createdMs).toISOString(),
		invoiceId: f.invoiceId,
		activityCode: f.activityCode,
		subject: f.subject,
		description: f.description,
		feeDate: f.feeDate,
		feeType: f.feeType,
		finalized: f.finalized,
		isInvoicedExternally: f.isInvoicedExternally,
		isWrittenOff: f.isWrittenOff,
		isBillable: f.isBillable,
		tax: f.tax,
		taxInclusive: f.taxInclusive,
		taxExempt: f.taxExempt,
		taxOutOfScope: f.taxOutOfScope,
		duration: f.duration,
		durationWorked: f.durationWorked,
		rate: f.rate,
		amount,
		amountExcTax: amount,
		amountIncTax: round2(amount + (f.tax || 0)),
		billableAmountExcTax: f.isBillable ? amount : 0,
		billableTax: f.isBillable ? f.tax || 0 : 0,
		isDeleted: f.isDeleted,
	};
}

function expenseView(state, api, e) {
	const amount = round2(e.quantity * e.price);
	return {
		href: `${api}/matters/${e.matterId}/expenses/${e.id}`,
		id: e.id,
		versionId: ticksString(e.versionMs),
		createdByUserId: e.createdByUserId,
		staff: link(api, '/staff', e.staffId, 'staff'),
		matter: link(api, '/matters', e.matterId, 'matter'),
		invoice: null,
		invoiceId: e.invoiceId,
		origin: e.origin,
		activityCode: e.activityCode,
		subject: e.subject,
		description: e.description,
		expenseDate: e.expenseDate,
		costType: e.costType,
		quantity: e.quantity,
		price: e.price,
		amount,
		amountExcTax: amount,
		amountIncTax: round2(amount + (e.tax || 0)),
		tax: e.tax,
		outputTax: e.outputTax,
		taxInclusive: e.taxInclusive,
		taxZeroRated: e.taxZeroRated,
		taxOutOfScope: e.taxOutOfScope,
		taxExempt: e.taxExempt,
		finalized: e.finalized,
		isWrittenOff: e.isWrittenOff,
		isBillable: e.isBillable,
		isInvoicedExternally: e.isInvoicedExternally,
		isDeleted: e.isDeleted,
	};
}

function fileView(state, api, f) {
	return {
		href: `${api}/matters/${f.matterId}/documents/files/${f.id}`,
		id: f.id,
		versionId: f.versionId,
		folder: f.folderId
			? link(api, `/matters/${f.matterId}/documents/folders`, f.folderId, 'folder')
			: null,
		matter: link(api, '/matters', f.matterId, 'matter'),
		name: f.name,
		fileExtension: f.fileExtension,
		ownerId: f.ownerId,
		dateCreated: f.dateCreated,
		dateModified: f.dateModified,
		sizeBytes: f.sizeBytes,
		downloadInfo: {
			href: `${api}/matters/${f.matterId}/documents/files/${f.id}/download`,
			relation: 'download',
		},
		additionalData: f.additionalData,
		isFavorite: false,
		isUploaded: f.isUploaded,
		isCancelled: false,
		isDeleted: f.isDeleted,
	};
}

function subscriptionView(state, api, s) {
	return {
		href: `${api}/webhooks/${s.id}`,
		id: s.id,
		accountId: s.accountId,
		name: s.name,
		eventTypes: s.eventTypes,
		eventNotificationUrl: s.eventNotificationUrl,
		createdDateUtc: s.createdDateUtc,
		updatedDateUtc: s.updatedDateUtc,
		lastUpdated: ticksNumber(Date.parse(s.updatedDateUtc)),
	};
}

function firmUserView(state, api, s) {
	return {
		href: `${api}/firmusers/${s.userId}`,
		id: s.userId,
		staffId: s.id,
		userId: s.userId,
		isFormerUser: s.former,
	};
}

module.exports = {
	link,
	matterTitle,
	matterView,
	contactView,
	staffView,
	matterTypeView,
	stageSetView,
	stageView,
	matterStageView,
	memoView,
	feeView,
	expenseView,
	fileView,
	subscriptionView,
	firmUserView,
};
