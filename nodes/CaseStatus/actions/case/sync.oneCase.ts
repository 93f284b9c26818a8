import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { LegalCase, SyncOutcome } from '../../../shared/model';
import { outcome } from '../../../shared/report';
import { changedFields } from '../../../shared/upsert';
import type { FirmConfig } from '../../firmLists';
import type { Problem } from '../../../shared/problems';
import type { CaseFields } from '../../mapping';
import { currentFields, patchBody, problemField, toCaseFields } from '../../mapping';
import { caseStatusApi, endpoints } from '../../transport';
import type { StageMappingSettings } from '../stageMapping';

// One case of a sync: compared with the case Case Status holds, then closed, reopened or patched where it differs.

/** Fields the sync owns. Additional attorneys, description and status "on hold" stay as Case Status has them. */
const SYNCED: Array<keyof CaseFields> = [
	'name',
	'readable_id',
	'practice_area',
	'stage',
	'primary_attorney_email',
	'clients',
	'incident_date',
];

function describeChange(field: keyof CaseFields, before: CaseFields, after: CaseFields): string {
	if (field === 'clients') return 'clients';
	return `${field}: ${before[field] ?? '(none)'} → ${after[field] ?? '(none)'}`;
}

export interface Row {
	result: SyncOutcome;
	warnings: string[];
}

export interface SyncSettings {
	dryRun: boolean;
	stageOnly: boolean;
	closeClosed: boolean;
	reopenReopened: boolean;
	defaultCountryCode: string;
	stages: StageMappingSettings;
}

/** One failed row: every problem's code and message, and every fix. */
function failedRow(
	lc: LegalCase,
	problems: Problem[],
	extra: { dryRun: boolean; targetId: string; changes: string[] },
): SyncOutcome {
	return outcome(lc.externalRef, lc.name, 'failed', {
		...extra,
		reason: problems.map((p) => `${p.code} (${p.field}: ${p.message})`).join('; '),
		fix: [...new Set(problems.map((p) => p.fix))].join(' '),
	});
}

/**
 * One case. Closing and reopening write only the status, so they never wait on the stage mapping or the attorney;
 * the other fields are compared first and only those that differ are checked and written, so a problem in a field
 * that did not change (an attorney since made inactive in Case Status) does not hold the case back.
 */
export async function syncOne(
	ctx: IExecuteFunctions,
	lc: LegalCase,
	existing: IDataObject | undefined,
	firm: FirmConfig,
	settings: SyncSettings,
	itemIndex: number,
): Promise<Row> {
	const { dryRun } = settings;
	const base = { dryRun };
	if (!lc.linked) {
		return {
			result: outcome(lc.externalRef, lc.name, 'skipped', {
				...base,
				reason: 'not_connected',
				fix: 'Connect the case to Case Status first (CASEpeer: Connect to Case Status); the sync only updates connected cases.',
			}),
			warnings: [],
		};
	}
	if (!existing) {
		return {
			result: outcome(lc.externalRef, lc.name, 'skipped', {
				...base,
				reason: 'not_in_case_status',
				fix: 'Import the case first (Case › Create, or the "Connect a case" template); the sync never imports new cases.',
			}),
			warnings: [],
		};
	}
	const targetId = String(existing.id);
	const csStatus = existing.status as string;
	const { stageOnly } = settings;
	const close =
		!stageOnly && settings.closeClosed && lc.status === 'closed' && csStatus !== 'closed';
	const reopen =
		!stageOnly && settings.reopenReopened && lc.status !== 'closed' && csStatus === 'closed';
	if (close) {
		if (!dryRun) {
			await caseStatusApi(ctx, 'POST', endpoints.closeCase(targetId), {
				body: lc.closedAt ? { closed_at: lc.closedAt } : {},
				idempotent: true,
				itemIndex,
			});
		}
		return {
			result: outcome(lc.externalRef, lc.name, 'closed', {
				...base,
				targetId,
				changes: [`status: ${csStatus} → closed`],
			}),
			warnings: [],
		};
	}
	// Case Status refuses edits to closed cases; a closed case that stays closed is left as it is.
	if (csStatus === 'closed' && !reopen) {
		return {
			result: outcome(lc.externalRef, lc.name, 'unchanged', { ...base, targetId }),
			warnings: [],
		};
	}
	if (reopen && !dryRun) {
		await caseStatusApi(ctx, 'POST', endpoints.reopenCase(targetId), {
			idempotent: true,
			itemIndex,
		});
	}
	const statusChanges = reopen ? ['status: closed → open'] : [];

	const current = currentFields(existing);
	const mapped = toCaseFields(
		lc,
		firm,
		{
			stageMap: settings.stages.map,
			unmapped: settings.stages.unmapped,
			defaultCountryCode: settings.defaultCountryCode,
		},
		current.stage,
	);
	// The no-number warning belongs to imports: a sync keeps the readable ID Case Status has.
	const warnings = mapped.warnings.filter((w) => !/has no case number/.test(w));
	if (mapped.skip) {
		return {
			result: outcome(lc.externalRef, lc.name, reopen ? 'updated' : 'skipped', {
				...base,
				targetId,
				changes: statusChanges,
				reason: mapped.skip.code,
				fix: mapped.skip.fix,
			}),
			warnings,
		};
	}

	const desired = mapped.fields;
	// A case with no stage (or no case number) in the source keeps what it has: absence is not an instruction to clear.
	if (desired.stage === null) desired.stage = current.stage;
	if (!lc.number) desired.readable_id = current.readable_id;
	const changed = changedFields(current, desired).filter((f) =>
		(stageOnly ? ['stage'] : SYNCED).includes(f as keyof CaseFields),
	) as Array<keyof CaseFields>;
	// Only the fields about to be written are held to Case Status's rules; an unmapped stage is always a change.
	const problems = mapped.problems.filter(
		(p) => p.code === 'unmapped_stage' || changed.includes(problemField(p) as keyof CaseFields),
	);
	if (problems.length) {
		return {
			result: failedRow(lc, problems, { dryRun, targetId, changes: statusChanges }),
			warnings,
		};
	}
	const changes = [...statusChanges, ...changed.map((f) => describeChange(f, current, desired))];
	if (!changes.length) {
		return {
			result: outcome(lc.externalRef, lc.name, 'unchanged', { ...base, targetId }),
			warnings,
		};
	}
	if (changed.length && !dryRun) {
		await caseStatusApi(ctx, 'PATCH', endpoints.case(targetId), {
			body: patchBody(changed, desired, current),
			itemIndex,
		});
	}
	return {
		result: outcome(lc.externalRef, lc.name, 'updated', { ...base, targetId, changes }),
		warnings,
	};
}
