import type { IDataObject } from 'n8n-workflow';

import type { LegalCase, Party } from '../shared/model';

/** How a case leaves the node: the key fields, CASEpeer's own record, or the pack's canonical LegalCase. */
export type CaseOutput = 'simplified' | 'raw' | 'canonical';

const STAFF_ROLES: ReadonlyArray<Party['role']> = [
	'attorney',
	'paralegal',
	'case_manager',
	'staff',
];

function text(value: unknown): string | null {
	return typeof value === 'string' && value !== '' ? value : null;
}

function idText(value: unknown): string | null {
	return value === null || value === undefined || value === '' ? null : String(value);
}

/** CASEpeer staff summaries carry one `name`; the last word is taken as the last name ("Dana Reyes"). */
function splitName(name: unknown): { firstName: string | null; lastName: string | null } {
	const full = typeof name === 'string' ? name.trim().replace(/\s+/g, ' ') : '';
	if (!full) return { firstName: null, lastName: null };
	const cut = full.lastIndexOf(' ');
	if (cut < 0) return { firstName: null, lastName: full };
	return { firstName: full.slice(0, cut), lastName: full.slice(cut + 1) };
}

function staffParty(raw: IDataObject, role: Party['role'], isPrimary: boolean): Party {
	const first = text(raw.first_name);
	const last = text(raw.last_name);
	const names = first || last ? { firstName: first, lastName: last } : splitName(raw.name);
	return {
		sourceId: idText(raw.id),
		role,
		...names,
		companyName: null,
		email: text(raw.email),
		phone: null,
		isPrimary,
	};
}

function clientParty(raw: IDataObject, index: number, anyFlagged: boolean): Party {
	return {
		sourceId: idText(raw.id),
		role: 'client',
		firstName: text(raw.first_name),
		lastName: text(raw.last_name),
		companyName: text(raw.company_name),
		email: text(raw.email),
		// As entered, e.g. "(555) 201-7788": the target normalises (Case Status needs E.164).
		phone: text(raw.cell_phone),
		birthDate: text(raw.birth_date),
		// The contract flags the primary client; "the first entry is the primary client" covers a record without flags.
		isPrimary: anyFlagged ? raw.is_primary === true : index === 0,
	};
}

/** A CASEpeer case as the canonical LegalCase (nodes/shared/model.ts) that sync operations consume. */
export function toLegalCase(raw: IDataObject): LegalCase {
	const stage = raw.stage as IDataObject | null | undefined;
	const attorney = raw.primary_attorney as IDataObject | null | undefined;
	const staff = Array.isArray(raw.staff) ? (raw.staff as IDataObject[]) : [];
	const clients = Array.isArray(raw.clients) ? (raw.clients as IDataObject[]) : [];
	const anyFlagged = clients.some((c) => c.is_primary === true);
	return {
		source: { system: 'casepeer', id: String(raw.id), url: text(raw.url) },
		// Case Status stores the CASEpeer case id as a decimal string in its integration_id.
		externalRef: String(raw.id),
		number: text(raw.number),
		name: typeof raw.name === 'string' ? raw.name : '',
		status: raw.status === 'closed' ? 'closed' : 'open',
		practiceArea: text(raw.practice_area),
		stage: stage
			? { sourceId: idText(stage.id), name: String(stage.name ?? ''), position: null }
			: null,
		primaryAttorney: attorney ? staffParty(attorney, 'attorney', true) : null,
		staff: staff.map((s) =>
			staffParty(
				s,
				STAFF_ROLES.includes(s.role as Party['role']) ? (s.role as Party['role']) : 'staff',
				false,
			),
		),
		clients: clients.map((c, i) => clientParty(c, i, anyFlagged)),
		incidentDate: text(raw.incident_date),
		description: null,
		createdAt: text(raw.created_at),
		updatedAt: text(raw.updated_at),
		closedAt: text(raw.closed_at),
		linked: raw.case_status_connected === true,
	};
}

function clientName(c: IDataObject): string | null {
	const person = [c.first_name, c.last_name].filter((p) => typeof p === 'string' && p).join(' ');
	return person || text(c.company_name);
}

/** The fields an operations lead scans: who, what, where it stands, and whether Case Status covers it. */
export function simplifyCase(raw: IDataObject): IDataObject {
	const stage = raw.stage as IDataObject | null | undefined;
	const attorney = raw.primary_attorney as IDataObject | null | undefined;
	const clients = Array.isArray(raw.clients) ? (raw.clients as IDataObject[]) : [];
	return {
		id: raw.id,
		number: raw.number ?? null,
		name: raw.name,
		status: raw.status,
		stage: stage?.name ?? null,
		practice_area: raw.practice_area ?? null,
		primary_attorney_email: attorney?.email ?? null,
		client_names: clients.map(clientName).filter((n): n is string => n !== null),
		case_status_connected: raw.case_status_connected === true,
		updated_at: raw.updated_at ?? null,
	};
}

export function formatCase(raw: IDataObject, output: CaseOutput): IDataObject {
	if (output === 'raw') return raw;
	if (output === 'canonical') return toLegalCase(raw) as unknown as IDataObject;
	return simplifyCase(raw);
}

/** A note's key fields. */
export function simplifyNote(raw: IDataObject): IDataObject {
	const author = raw.author as IDataObject | null | undefined;
	return {
		id: raw.id,
		case_id: raw.case_id,
		text: raw.text,
		category_id: raw.category_id ?? null,
		is_critical: raw.is_critical === true,
		author: author?.name ?? null,
		external_ref: raw.external_ref ?? null,
		created_at: raw.created_at ?? null,
		updated_at: raw.updated_at ?? null,
	};
}
