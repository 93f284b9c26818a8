import type { IDataObject } from 'n8n-workflow';

import type { LegalCase, Party } from '../../../shared/model';
import type { Problem } from '../../../shared/problems';
import type { Mapped } from '../../mapping';
import { inNodeTerms } from './create.refusal';

/** A problem as a preview row shows it. */
function problemRow(p: Problem): IDataObject {
	return { field: p.field, code: p.code, reason: p.message, fix: p.fix };
}

/**
 * What an import would write, and why it would be refused: the page a person checks before confirming. Built from
 * the same checks as the import itself, so the two always agree.
 */
export function preview(
	lc: LegalCase,
	mapped: Mapped,
	problems: Problem[],
	additional: string[],
	inNode: boolean,
): IDataObject {
	const f = mapped.fields;
	const person = (p: Party | null) =>
		p ? [p.firstName, p.lastName].filter(Boolean).join(' ') || p.companyName || null : null;
	return {
		action: problems.length ? 'would_refuse' : 'would_create',
		dry_run: true,
		integration_id: lc.externalRef,
		readable_id: f.readable_id,
		name: f.name,
		source_status: lc.status,
		practice_area: f.practice_area ?? lc.practiceArea,
		source_stage: lc.stage?.name ?? null,
		stage: f.stage,
		primary_attorney_name: person(lc.primaryAttorney),
		primary_attorney_email: f.primary_attorney_email,
		additional_attorney_emails: additional,
		clients: lc.clients.map((c, i) => ({
			name: person(c),
			// The number Case Status would text the login code to; null when the typed one is not a cell phone.
			cell_phone: problems.some((p) => p.field === `clients[${i}].cell_phone`)
				? null
				: f.clients[i].cell_phone,
			cell_phone_as_entered: c.phone,
		})),
		problems: (inNode ? problems.map((p) => inNodeTerms(p, lc)) : problems).map(problemRow),
		reason_codes: [...new Set(problems.map((p) => p.code))].join(', '),
		...(mapped.warnings.length ? { warnings: mapped.warnings.join('; ') } : {}),
	};
}
