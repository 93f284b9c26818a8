import type { IDataObject } from 'n8n-workflow';

import { ticksToIso } from './ticks';

/** The id of a hypermedia Link ({id, href}); falls back to the last path segment of href. */
export function linkId(link: unknown): string | null {
	if (!link || typeof link !== 'object') return null;
	const l = link as IDataObject;
	if (typeof l.id === 'string' && l.id) return l.id;
	if (typeof l.href === 'string' && l.href) return l.href.split('?')[0].split('/').pop() || null;
	return null;
}

const links = (value: unknown): string[] =>
	Array.isArray(value) ? value.map(linkId).filter((id): id is string => id !== null) : [];

const text = (value: unknown): string | null =>
	typeof value === 'string' && value !== '' ? value : null;

/** "0117 496 0721" from Smokeball's {areaCode, number}. */
export function phoneText(phone: unknown): string | null {
	if (!phone || typeof phone !== 'object') return null;
	const p = phone as IDataObject;
	const joined = [text(p.areaCode), text(p.number)].filter(Boolean).join(' ');
	return joined || null;
}

/** Key matter fields with link ids flattened and `versionId` ticks read as `updatedAt`. */
export function simplifyMatter(m: IDataObject): IDataObject {
	return {
		id: m.id ?? null,
		number: m.number ?? null,
		title: m.title ?? null,
		status: m.status ?? null,
		isLead: m.isLead === true,
		externalSystemId: m.externalSystemId ?? null,
		matterTypeId: linkId(m.matterType),
		clientIds: links(m.clients),
		otherSideIds: links(m.otherSides),
		personResponsibleStaffId: linkId(m.personResponsible),
		personAssistingStaffId: linkId(m.personAssisting),
		description: m.description ?? null,
		openedDate: m.openedDate ?? null,
		closedDate: m.closedDate ?? null,
		leadOpenedDate: m.leadOpenedDate ?? null,
		leadClosedDate: m.leadClosedDate ?? null,
		updatedAt: ticksToIso(m.versionId),
	};
}

export function contactKind(
	c: IDataObject,
): 'person' | 'company' | 'trust' | 'groupOfPeople' | null {
	if (c.person) return 'person';
	if (c.company) return 'company';
	if (c.trust) return 'trust';
	if (c.groupOfPeople) return 'groupOfPeople';
	return null;
}

export function contactName(c: IDataObject): string {
	const p = c.person as IDataObject | null | undefined;
	if (p) return [p.firstName, p.middleName, p.lastName].filter((x) => text(x)).join(' ');
	const co = (c.company ?? c.trust ?? c.groupOfPeople) as IDataObject | null | undefined;
	return text(co?.name) ?? '';
}

export function simplifyContact(c: IDataObject): IDataObject {
	const p = (c.person ?? null) as IDataObject | null;
	const co = (c.company ?? null) as IDataObject | null;
	const details = (p ?? co ?? {}) as IDataObject;
	return {
		id: c.id ?? null,
		type: contactKind(c),
		name: contactName(c),
		firstName: p ? text(p.firstName) : null,
		lastName: p ? text(p.lastName) : null,
		companyName: co ? text(co.name) : null,
		email: text(details.email),
		phone: phoneText(details.phone),
		cell: p ? phoneText(p.cell) : null,
		externalSystemId: c.externalSystemId ?? null,
		isDeleted: c.isDeleted === true,
		updatedAt: ticksToIso(c.lastUpdated),
	};
}

export function simplifyStaff(s: IDataObject): IDataObject {
	return {
		id: s.id ?? null,
		name: [s.firstName, s.lastName].filter((x) => text(x)).join(' '),
		firstName: s.firstName ?? null,
		lastName: s.lastName ?? null,
		initials: s.initials ?? null,
		email: s.email ?? null,
		role: s.role ?? null,
		userId: s.userId ?? null,
		enabled: s.enabled === true,
		former: s.former === true,
		...(s.rate !== undefined ? { rate: s.rate } : {}),
	};
}

export function simplifyMemo(m: IDataObject): IDataObject {
	return {
		id: m.id ?? null,
		matterId: m.matterId ?? null,
		title: m.title ?? null,
		text: m.plainText ?? m.text ?? null,
		createdDate: m.createdDate ?? null,
		createdByUserId: m.createdByUserId ?? null,
		updatedAt: m.lastUpdated ?? null,
		isDeleted: m.isDeleted === true,
	};
}

export function simplifyFee(f: IDataObject): IDataObject {
	return {
		id: f.id ?? null,
		matterId: linkId(f.matter) ?? f.matterId ?? null,
		staffId: linkId(f.staff) ?? f.staffId ?? null,
		subject: f.subject ?? null,
		description: f.description ?? null,
		feeDate: f.feeDate ?? null,
		feeType: f.feeType === 1 ? 'time' : 'fixed',
		durationMinutes: f.duration ?? null,
		rate: f.rate ?? null,
		amount: f.amount ?? null,
		isBillable: f.isBillable ?? null,
		activityCode: f.activityCode ?? null,
		isDeleted: f.isDeleted === true,
	};
}

export function simplifyExpense(e: IDataObject): IDataObject {
	return {
		id: e.id ?? null,
		matterId: linkId(e.matter) ?? e.matterId ?? null,
		staffId: linkId(e.staff) ?? e.staffId ?? null,
		subject: e.subject ?? null,
		description: e.description ?? null,
		expenseDate: e.expenseDate ?? null,
		costType: e.costType ?? null,
		quantity: e.quantity ?? null,
		price: e.price ?? null,
		amount: e.amount ?? null,
		isBillable: e.isBillable ?? null,
		isDeleted: e.isDeleted === true,
	};
}

export function simplifyFile(f: IDataObject): IDataObject {
	const additional = (f.additionalData ?? {}) as IDataObject;
	return {
		id: f.id ?? null,
		matterId: linkId(f.matter),
		folderId: linkId(f.folder),
		fileName: `${f.name ?? ''}${f.fileExtension ?? ''}`,
		name: f.name ?? null,
		fileExtension: f.fileExtension ?? null,
		sizeBytes: f.sizeBytes ?? null,
		dateCreated: f.dateCreated ?? null,
		dateModified: f.dateModified ?? null,
		isUploaded: f.isUploaded === true,
		externalSystemId: text(additional.externalSystemId),
	};
}

// ContactDto's top-level fields and the resource fields its Dto lacks (swagger: Person has voiDetails, Company
// has read-only staff/directors links), so a read contact can be written back without unknown fields.
const CONTACT_DTO_FIELDS = [
	'externalSystemId',
	'person',
	'company',
	'trust',
	'groupOfPeople',
	'isDeleted',
];

/** A Contact as read → the ContactDto a PUT takes (read-only parts dropped, links turned into ids). */
export function contactToDto(c: IDataObject): IDataObject {
	const dto: IDataObject = {};
	for (const key of CONTACT_DTO_FIELDS)
		if (c[key] !== undefined && c[key] !== null) dto[key] = c[key];
	if (dto.person) {
		const person = { ...(dto.person as IDataObject) };
		delete person.voiDetails;
		if (person.executionOptions && typeof person.executionOptions === 'object') {
			const options = { ...(person.executionOptions as IDataObject) };
			delete options.poaVoiDetails;
			person.executionOptions = options;
		}
		dto.person = person;
	}
	if (dto.company) {
		const company = { ...(dto.company as IDataObject) };
		const staffLinks = links(company.staff);
		const directorLinks = links(company.directors);
		delete company.staff;
		delete company.directors;
		if (staffLinks.length) company.staffIds = staffLinks;
		else if (!(Array.isArray(company.staffIds) && company.staffIds.length)) delete company.staffIds;
		if (directorLinks.length) company.directorIds = directorLinks;
		dto.company = company;
	}
	return dto;
}

/** Removes empty strings, nulls and empty objects, so optional fields a user left blank are not sent. */
export function compact(value: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [key, v] of Object.entries(value)) {
		if (v === undefined || v === null || v === '') continue;
		if (typeof v === 'object' && !Array.isArray(v)) {
			const inner = compact(v as IDataObject);
			if (Object.keys(inner).length) out[key] = inner;
			continue;
		}
		out[key] = v;
	}
	return out;
}

/** A matter type's key fields; `kind` reads Smokeball's TypeCategory (0 = matter type, 1 = lead type). */
export function simplifyMatterType(t: IDataObject): IDataObject {
	return {
		id: t.id ?? null,
		name: t.name ?? null,
		category: t.category ?? null,
		kind: t.type === 1 ? 'lead' : 'matter',
		location: t.location ?? null,
		representativeOptions: Array.isArray(t.representativeOptions) ? t.representativeOptions : [],
		isDeleted: t.isDeleted === true,
	};
}
