import type { IDataObject } from 'n8n-workflow';

import type { LegalCase, Party } from '../shared/model';
import type { Problem } from '../shared/problems';
import type { StageMap, UnmappedPolicy } from '../shared/stageMap';
import { readCellPhone } from '../shared/validate';
import type { FirmConfig } from './firmLists';
import { acceptedNames } from './firmLists';

/** A Case Status client as written and as compared. */
export interface ClientWrite {
	id?: number;
	first_name: string | null;
	last_name: string | null;
	company_name: string | null;
	cell_phone: string;
	email: string | null;
	birth_date: string | null;
}

/** The fields a sync owns, in Case Status terms (display names resolved), for comparing and writing. */
export interface CaseFields {
	name: string;
	readable_id: string;
	practice_area: string | null;
	stage: string | null;
	primary_attorney_email: string | null;
	clients: ClientWrite[];
	incident_date: string | null;
}

export interface MapOptions {
	stageMap: StageMap;
	unmapped: UnmappedPolicy;
	defaultCountryCode: string;
}

export interface Mapped {
	fields: CaseFields;
	problems: Problem[];
	warnings: string[];
	/** Set when the unmapped-stage policy says to skip this record. */
	skip: Problem | null;
}

function client(p: Party, index: number, countryCode: string, problems: Problem[]): ClientWrite {
	const phone = readCellPhone(p.phone, countryCode);
	if ('problem' in phone) {
		const who =
			[p.firstName, p.lastName].filter(Boolean).join(' ') || p.companyName || 'the client';
		problems.push({
			field: `clients[${index}].cell_phone`,
			code: phone.problem.code,
			message: phone.problem.message,
			fix: `Enter ${who}'s mobile number alone in the cell phone field of the source system, without a label or an extension (clients log in to Case Status with a code texted to it).`,
		});
	}
	return {
		first_name: p.firstName,
		last_name: p.lastName,
		company_name: p.companyName,
		cell_phone: 'e164' in phone ? phone.e164 : String(p.phone ?? ''),
		email: p.email ? p.email.toLowerCase() : null,
		birth_date: p.birthDate ?? null,
	};
}

/** Why an email cannot be the primary attorney: not a user, inactive, or a user without the attorney role. */
function attorneyProblem(email: string, firm: FirmConfig): string | null {
	const user = firm.users.get(email);
	if (user?.role === 'attorney') return null;
	if (user)
		return `${email} is a ${user.role.replace('_', ' ')} in Case Status, not an attorney user`;
	if (firm.inactiveUsers.has(email)) return `${email} is an inactive user in Case Status`;
	return `${email} is not an active attorney user in Case Status`;
}

/** The field a problem is about, as the sync compares fields: clients[0].cell_phone → clients. */
export function problemField(problem: Problem): keyof CaseFields | string {
	return problem.field.replace(/\[\d+\].*$/, '');
}

/**
 * Canonical case → Case Status fields, checking the rules Case Status enforces before anything is written:
 * an existing active attorney, a valid cell phone per client, and practice area and stage names it accepts.
 * `currentStage` is used by the "keep" policy for unmapped stages.
 */
export function toCaseFields(
	lc: LegalCase,
	firm: FirmConfig,
	options: MapOptions,
	currentStage: string | null = null,
): Mapped {
	const problems: Problem[] = [];
	const warnings: string[] = [];
	let skip: Problem | null = null;

	let stage: string | null = null;
	if (lc.stage?.name) {
		const found = options.stageMap.lookup(lc.stage.name);
		if (found.mapped) {
			stage = found.to;
			if (found.warning) warnings.push(found.warning);
		} else {
			const problem: Problem = {
				field: 'stage',
				code: 'unmapped_stage',
				message: `stage "${lc.stage.name}" has no Case Status stage mapped to it`,
				fix: `Add "${lc.stage.name}" to the Stage Mapping table (or ask Case Status support to add it as an integration mapping).`,
			};
			if (options.unmapped === 'fail') problems.push(problem);
			else if (options.unmapped === 'skip') skip = problem;
			else stage = currentStage;
		}
	}
	if (stage !== null && !firm.stages.some((s) => s.display_name === stage)) {
		problems.push({
			field: 'stage',
			code: 'unknown_stage',
			message: `"${stage}" is not one of the firm's Case Status stages`,
			fix: 'Correct the target of this row in the Stage Mapping table; it must be a Case Status stage exactly as spelled there.',
		});
	}

	let practiceArea: string | null = null;
	if (lc.practiceArea) {
		practiceArea = acceptedNames(firm.practiceAreas).get(lc.practiceArea) ?? null;
		if (!practiceArea) {
			problems.push({
				field: 'practice_area',
				code: 'unknown_practice_area',
				message: `practice area "${lc.practiceArea}" matches no Case Status practice area exactly`,
				fix: 'Ask Case Status support to add it as an integration mapping of a practice area, or rename it in the source.',
			});
		}
	}

	const email = lc.primaryAttorney?.email?.trim().toLowerCase() || null;
	if (!email) {
		problems.push({
			field: 'primary_attorney_email',
			code: 'missing_attorney_email',
			message: 'the case has no primary attorney email',
			fix: 'Assign a primary attorney with an email address to the case in the source system.',
		});
	} else if (attorneyProblem(email, firm)) {
		problems.push({
			field: 'primary_attorney_email',
			code: 'attorney_not_found',
			message: attorneyProblem(email, firm)!,
			fix: `Add ${email} as an active attorney user in Case Status, or make the case's primary attorney someone who is.`,
		});
	}

	if (!lc.clients.length) {
		problems.push({
			field: 'clients',
			code: 'missing_client',
			message: 'the case has no client',
			fix: 'Add the client to the case in the source system.',
		});
	}
	const clients = lc.clients.map((c, i) => client(c, i, options.defaultCountryCode, problems));
	if (!lc.number) {
		warnings.push(
			`The case has no case number in the source, so its readable ID is its ID there (${lc.externalRef}).`,
		);
	}

	return {
		fields: {
			name: lc.name,
			readable_id: lc.number ?? lc.externalRef,
			practice_area: practiceArea,
			stage,
			primary_attorney_email: email,
			clients,
			incident_date: lc.incidentDate,
		},
		problems,
		warnings,
		skip,
	};
}

/** What Case Status holds now, in the same shape, so the two compare field by field. */
export function currentFields(c: IDataObject): CaseFields & { clientIds: number[] } {
	const clients = ((c.clients as IDataObject[]) ?? []).map((cl) => ({
		first_name: (cl.first_name as string) ?? null,
		last_name: (cl.last_name as string) ?? null,
		company_name: (cl.company_name as string) ?? null,
		cell_phone: String(cl.cell_phone ?? ''),
		email: cl.email ? String(cl.email).toLowerCase() : null,
		birth_date: (cl.birth_date as string) ?? null,
	}));
	return {
		name: c.name as string,
		readable_id: c.readable_id as string,
		practice_area: ((c.practice_area as IDataObject | null)?.display_name as string) ?? null,
		stage: ((c.stage as IDataObject | null)?.display_name as string) ?? null,
		primary_attorney_email:
			((c.primary_attorney as IDataObject | null)?.email as string)?.toLowerCase() ?? null,
		clients,
		incident_date: (c.incident_date as string) ?? null,
		clientIds: ((c.clients as IDataObject[]) ?? []).map((cl) => cl.id as number),
	};
}

/**
 * The PATCH body for the changed fields. Clients keep their Case Status ids where the phone (their login)
 * or the name matches, so an edit updates the client rather than detaching and re-adding them.
 */
export function patchBody(
	changed: Array<keyof CaseFields>,
	desired: CaseFields,
	current: ReturnType<typeof currentFields>,
): IDataObject {
	const body: IDataObject = {};
	for (const field of changed) {
		if (field === 'clients') {
			body.clients = desired.clients.map((cl) => {
				const match = current.clients.findIndex(
					(c) =>
						c.cell_phone === cl.cell_phone ||
						(c.first_name === cl.first_name && c.last_name === cl.last_name),
				);
				return match >= 0 ? { id: current.clientIds[match], ...cl } : { ...cl };
			});
		} else {
			body[field] = desired[field] as IDataObject[keyof IDataObject];
		}
	}
	return body;
}
