import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { LegalCase } from '../../../shared/model';
import type { StageMap } from '../../../shared/stageMap';
import type { FirmConfig } from '../../firmLists';
import type { Problem } from '../../../shared/problems';
import type { Mapped } from '../../mapping';
import { toCaseFields } from '../../mapping';
import { readStageMapping } from '../stageMapping';

// The rules a case is held to before anything is written; Dry Run reports the same ones.

/** How the stage is found: through the Stage Mapping for a CASEpeer case, by its exact Case Status name otherwise. */
export function stageLookup(
	ctx: IExecuteFunctions,
	itemIndex: number,
	firm: FirmConfig,
	source: string,
): StageMap {
	if (source === 'canonical') return readStageMapping(ctx, itemIndex, firm).map;
	return {
		lookup: (name: string) =>
			firm.stages.some((s) => s.display_name === name)
				? { mapped: true as const, to: name, via: 'target' as const, warning: null }
				: { mapped: false as const },
	};
}

/** A case closed in its source, unless Closed Cases says to import it and close it. */
export function closedInSource(lc: LegalCase, extra: IDataObject): Problem | null {
	const closedCases = (extra.closedCases as string) ?? 'refuse';
	if (lc.status !== 'closed' || closedCases === 'importClosed') return null;
	return {
		field: 'status',
		code: 'closed_in_source',
		message: 'is closed in the source system, so it is not imported',
		fix: 'Reopen the case in the source system if the client should see it in Case Status, or set Closed Cases to "Import, Then Close".',
	};
}

export interface CheckedCase {
	problems: Problem[];
	mapped: Mapped;
	additional: string[];
}

/**
 * Every rule Case Status would hold the case to (attorney user exists, each client has a valid cell phone, stage
 * and practice area match exactly), with the fields the import would write.
 */
export function checkCase(
	lc: LegalCase,
	firm: FirmConfig,
	stageMap: StageMap,
	extra: IDataObject,
	inNode: boolean,
): CheckedCase {
	const problems: Problem[] = [];
	const closed = closedInSource(lc, extra);
	if (closed) problems.push(closed);
	if (!lc.externalRef) {
		problems.push({
			field: 'integration_id',
			code: 'required',
			message: 'is empty',
			fix: "Enter the case's ID from your case management system.",
		});
	}
	if (inNode) {
		// Required by Case Status unless a firm turned that off; asked for here, before anything is sent.
		if (!lc.practiceArea)
			problems.push({
				field: 'practice_area',
				code: 'required',
				message: 'is empty',
				fix: 'Pick the practice area from the Practice Area list.',
			});
		if (!lc.stage)
			problems.push({
				field: 'stage',
				code: 'required',
				message: 'is empty',
				fix: 'Pick the stage from the Stage list.',
			});
	}
	const mapped = toCaseFields(lc, firm, {
		stageMap,
		unmapped: 'fail',
		defaultCountryCode: String(extra.defaultCountryCode ?? '1').replace(/\D/g, '') || '1',
	});
	problems.push(...mapped.problems);
	const additional = String(extra.additionalAttorneyEmails ?? '')
		.split(',')
		.map((e) => e.trim().toLowerCase())
		.filter(Boolean);
	for (const email of additional) {
		const user = firm.users.get(email);
		if (!user || !['attorney', 'paralegal'].includes(user.role)) {
			problems.push({
				field: 'additional_attorney_emails',
				code: 'user_not_found',
				message: `${email} is not an active attorney or paralegal user`,
				fix: `Add ${email} to Case Status or remove it from Additional Attorney Emails.`,
			});
		}
	}
	return { problems, mapped, additional };
}
