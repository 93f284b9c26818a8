import type { IDataObject } from 'n8n-workflow';

import type { LegalCase, Party } from '../shared/model';

/** How a case leaves the node: the key fields, Perfect Portal's own record, or the pack's canonical LegalCase. */
export type CaseOutput = 'simplified' | 'raw' | 'canonical';

function text(value: unknown): string | null {
	return typeof value === 'string' && value !== '' ? value : null;
}

function idText(value: unknown): string | null {
	return value === null || value === undefined || value === '' ? null : String(value);
}

function list(value: unknown): IDataObject[] {
	return Array.isArray(value) ? (value as IDataObject[]) : [];
}

/** Staff refs carry one `name`; the last word is taken as the last name ("Jane Smith"). */
function splitName(name: unknown): { firstName: string | null; lastName: string | null } {
	const full = typeof name === 'string' ? name.trim().replace(/\s+/g, ' ') : '';
	if (!full) return { firstName: null, lastName: null };
	const cut = full.lastIndexOf(' ');
	if (cut < 0) return { firstName: null, lastName: full };
	return { firstName: full.slice(0, cut), lastName: full.slice(cut + 1) };
}

function staffParty(raw: IDataObject, role: Party['role'], isPrimary: boolean): Party {
	return {
		sourceId: idText(raw.id),
		role,
		...splitName(raw.name),
		companyName: null,
		email: text(raw.email),
		phone: null,
		isPrimary,
	};
}

/** The client parties of a case or lead (type `client`), primary first as flagged, else the first listed. */
export function clientsOf(raw: IDataObject): IDataObject[] {
	return list(raw.clients_contacts).filter((p) => p.type === 'client');
}

function clientParty(raw: IDataObject, index: number, anyFlagged: boolean): Party {
	return {
		sourceId: idText(raw.id),
		role: 'client',
		firstName: text(raw.first_name),
		lastName: text(raw.last_name),
		companyName: text(raw.company_name),
		email: text(raw.email),
		// Mobile first: the number a client is reached on. As entered (UK national format); targets normalise.
		phone: text(raw.mobile) ?? text(raw.phone),
		isPrimary: anyFlagged ? raw.is_primary === true : index === 0,
	};
}

/** The display name of the primary client of a case (detail) or the summary's `primary_client_name`. */
export function primaryClientName(raw: IDataObject): string | null {
	if (typeof raw.primary_client_name === 'string') return raw.primary_client_name || null;
	const clients = clientsOf(raw);
	const primary = clients.find((c) => c.is_primary === true) ?? clients[0];
	return primary ? text(primary.name) : null;
}

/**
 * A Perfect Portal case as the canonical LegalCase (nodes/shared/model.ts). externalRef is the Case ID, the
 * reference DPS One Office and Smokeball matters carry. Completed and cancelled cases are `closed`. Non-client
 * parties (estate agents, lenders, the other side) have no place in LegalCase; the raw output keeps them.
 */
export function toLegalCase(raw: IDataObject): LegalCase {
	const caseId = String(raw.case_id);
	const keyStage = raw.key_stage as IDataObject | null | undefined;
	const feeEarner = raw.fee_earner as IDataObject | null | undefined;
	const owner = raw.owner as IDataObject | null | undefined;
	const clients = clientsOf(raw);
	const anyFlagged = clients.some((c) => c.is_primary === true);
	const open = raw.status === 'open' || raw.status === undefined;
	const name =
		text(raw.matter_details) ??
		[text(raw.work_type), primaryClientName(raw), caseId].filter(Boolean).join(' – ');
	return {
		source: { system: 'perfectportal', id: caseId, url: null },
		externalRef: caseId,
		number: caseId,
		name,
		status: open ? 'open' : 'closed',
		practiceArea: text(raw.work_type),
		stage: keyStage
			? { sourceId: idText(keyStage.id), name: String(keyStage.name ?? ''), position: null }
			: null,
		primaryAttorney: feeEarner ? staffParty(feeEarner, 'attorney', true) : null,
		staff:
			owner && (!feeEarner || owner.id !== feeEarner.id) ? [staffParty(owner, 'staff', false)] : [],
		clients: clients.map((c, i) => clientParty(c, i, anyFlagged)),
		incidentDate: null,
		description: text(raw.conversion_notes),
		createdAt: text(raw.created_at),
		updatedAt: text(raw.updated_at),
		// Perfect Portal keeps no close time; the last update of a completed or cancelled case is the best known.
		closedAt: open ? null : text(raw.updated_at),
		// In scope of an integration once the firm chose a case-management target or the matter exists.
		linked: Boolean(raw.case_management_target) || Boolean(raw.case_management_link),
	};
}

/**
 * Ten fields a person scans in the One Office import grid: the case, who it is for, the AppCode, fee earner and
 * branch the import needs, where it stands. Output "Raw" has everything else (codes, counts, prices, timestamps).
 */
export function simplifyCase(raw: IDataObject): IDataObject {
	const feeEarner = raw.fee_earner as IDataObject | null | undefined;
	const branch = raw.branch as IDataObject | null | undefined;
	const link = raw.case_management_link as IDataObject | null | undefined;
	const keyStage = raw.key_stage as IDataObject | null | undefined;
	const detailed = Array.isArray(raw.clients_contacts);
	const primary = primaryClientName(raw);
	return {
		case_id: raw.case_id,
		status: raw.status,
		client_names: detailed
			? clientsOf(raw)
					.map((c) => text(c.name))
					.filter((n): n is string => n !== null)
			: primary
				? [primary]
				: [],
		matter_details: raw.matter_details ?? null,
		app_code: raw.app_code ?? null,
		fee_earner: feeEarner?.name ?? null,
		branch: branch?.name ?? null,
		key_stage: keyStage?.name ?? null,
		matter_ref: link?.matter_ref ?? null,
		updated_at: raw.updated_at ?? null,
	};
}

export function formatCase(raw: IDataObject, output: CaseOutput): IDataObject {
	if (output === 'raw') return raw;
	if (output === 'canonical') return toLegalCase(raw) as unknown as IDataObject;
	return simplifyCase(raw);
}

/** A quote's or enquiry's key fields. */
export function simplifyLead(raw: IDataObject): IDataObject {
	const owner = raw.owner as IDataObject | null | undefined;
	const referrer = raw.referrer as IDataObject | null | undefined;
	return {
		id: raw.id,
		kind: raw.kind,
		reference: raw.reference ?? null,
		status: raw.status,
		work_type: raw.work_type ?? null,
		primary_client_name: primaryClientName(raw),
		owner: owner?.name ?? null,
		referrer: referrer?.name ?? null,
		lead_source: raw.lead_source ?? null,
		price: raw.price ?? null,
		fee_total: (raw.fee_totals as IDataObject | undefined)?.total ?? null,
		currency: raw.currency ?? null,
		converted_case_id: raw.converted_case_id ?? null,
		converted_at: raw.converted_at ?? null,
		created_at: raw.created_at ?? null,
		updated_at: raw.updated_at ?? null,
	};
}

export const FEE_SECTIONS = ['legal_fees', 'additional_fees', 'disbursements'] as const;

/**
 * A fee scale as one row per fee line, with its section, whether the section maps every line, whether the line
 * syncs to the case-management system, and where it lands there: legal and additional fees are "fees"
 * (Smokeball Time & Fees), disbursements are "cost_recoveries" (docs/api/perfect-portal.md#get-fee-scale).
 */
export function feeScaleLines(raw: IDataObject): IDataObject[] {
	const sections = (raw.sections ?? {}) as IDataObject;
	const rows: IDataObject[] = [];
	for (const section of FEE_SECTIONS) {
		const s = sections[section] as IDataObject | undefined;
		if (!s) continue;
		for (const line of list(s.lines)) {
			rows.push({
				fee_scale_id: raw.id,
				fee_scale_name: raw.name,
				section,
				section_maps_all: s.map_all_to_case_management === true,
				...line,
				case_management_category: section === 'disbursements' ? 'cost_recoveries' : 'fees',
			});
		}
	}
	return rows;
}
