import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	NodeApiError,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { isSystemic } from '../../../shared/errors';

import { readOptions } from '../../../shared/options';
import type { LegalCase, SyncOutcome } from '../../../shared/model';
import { legalCaseSchema } from '../../../shared/model';
import { outcome } from '../../../shared/report';
import { changedFields, chunk } from '../../../shared/upsert';
import type { FirmConfig } from '../../lookups';
import { firmConfig } from '../../lookups';
import type { CaseFields, Problem } from '../../mapping';
import { currentFields, patchBody, problemField, toCaseFields } from '../../mapping';
import { caseStatusApi, caseStatusList, endpoints } from '../../transport';
import { readStageMapping, stageMappingProperties } from '../stageMapping';

const properties: INodeProperties[] = [
	{
		displayName:
			'Takes cases from a CASEpeer node whose Output is "Canonical (Legal Case)" and returns one outcome row per case. It updates cases already in Case Status and never imports new ones.',
		name: 'syncNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description: 'Whether to only report what the sync would do, writing nothing',
	},
	...stageMappingProperties,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Close Cases Closed in the Source',
				name: 'closeClosed',
				type: 'boolean',
				default: true,
				description: 'Whether to close a Case Status case when its source case is closed',
			},
			{
				displayName: 'Fields',
				name: 'fields',
				type: 'options',
				options: [
					{
						name: 'All Synced Fields',
						value: 'all',
						description:
							'Status, stage, name, case number, practice area, primary attorney, clients, incident date',
					},
					{
						name: 'Stage Only',
						value: 'stage',
						description:
							'Only the stage, e.g. right after a stage change; the rest (closing included) waits for the full sync',
					},
				],
				default: 'all',
				description: 'Which fields to bring in line',
			},
			{
				displayName: 'Default Country Code',
				name: 'defaultCountryCode',
				type: 'string',
				default: '1',
				description:
					'Calling code for phone numbers entered without one, e.g. 1 for the US and Canada',
			},
			{
				displayName: 'Reopen Cases Reopened in the Source',
				name: 'reopenReopened',
				type: 'boolean',
				default: true,
				description:
					'Whether to reopen a closed Case Status case when its source case is open again',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['case'], operation: ['sync'] } },
	properties,
);

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

const READ_CHUNK = 100;

function describeChange(field: keyof CaseFields, before: CaseFields, after: CaseFields): string {
	if (field === 'clients') return 'clients';
	return `${field}: ${before[field] ?? '(none)'} → ${after[field] ?? '(none)'}`;
}

/** The linked cases, read in bulk by integration ID: one request per hundred cases, not one per case. */
async function readLinked(
	ctx: IExecuteFunctions,
	refs: string[],
): Promise<Map<string, IDataObject>> {
	const found = new Map<string, IDataObject>();
	for (const ids of chunk(refs, READ_CHUNK)) {
		const list = caseStatusList<IDataObject>(
			ctx,
			endpoints.cases(),
			{ integration_id: ids },
			{ limit: ids.length, pageSize: READ_CHUNK },
		);
		for await (const c of list) found.set(String(c.integration_id), c);
	}
	return found;
}

interface Row {
	result: SyncOutcome;
	warnings: string[];
}

interface SyncSettings {
	dryRun: boolean;
	stageOnly: boolean;
	closeClosed: boolean;
	reopenReopened: boolean;
	defaultCountryCode: string;
	stages: ReturnType<typeof readStageMapping>;
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
async function syncOne(
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

function toJson(row: Row): IDataObject {
	const r = row.result;
	return {
		integration_id: r.record,
		name: r.name,
		action: r.action,
		changes: r.changes.join('; '),
		reason: r.reason,
		fix: r.fix,
		case_status_id: r.targetId,
		dry_run: r.dryRun,
		warnings: row.warnings.join('; '),
	};
}

/**
 * Reconciles canonical cases into Case Status: reads the linked cases in bulk, compares field by field, writes
 * only what changed (a stage re-set would send the client a survey), closes and reopens with the source, and
 * reports every case. A failure on one case is reported on its row and the others carry on; a refused
 * credential stops the run.
 */
export async function executeAll(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const dryRun = this.getNodeParameter('dryRun', 0, false) as boolean;
	const options = readOptions(this, properties, 0);
	const firm = await firmConfig(this);
	const stages = readStageMapping(this, 0, firm);
	const settings = {
		dryRun,
		stageOnly: options.fields === 'stage',
		stages,
		closeClosed: options.closeClosed !== false,
		reopenReopened: options.reopenReopened !== false,
		defaultCountryCode: String(options.defaultCountryCode ?? '1').replace(/\D/g, '') || '1',
	};

	const parsed = items.map((item) => legalCaseSchema.safeParse(item.json));
	const refs = [
		...new Set(
			parsed
				.filter((p) => p.success && p.data.linked)
				.map((p) => (p.success ? p.data.externalRef : '')),
		),
	];
	const linked = await readLinked(this, refs);

	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		const p = parsed[i];
		let row: Row;
		if (!p.success) {
			const issue = p.error.issues[0];
			row = {
				result: outcome(
					String((items[i].json as IDataObject).externalRef ?? `item ${i}`),
					null,
					'failed',
					{
						dryRun,
						reason: `invalid_input (${issue.path.join('.') || 'record'}: ${issue.message})`,
						fix: 'Feed the sync cases from a CASEpeer node (Case › Get Many) with Output set to "Canonical (Legal Case)".',
					},
				),
				warnings: [],
			};
		} else {
			try {
				row = await syncOne(
					this,
					p.data as LegalCase,
					linked.get(p.data.externalRef),
					firm,
					settings,
					i,
				);
			} catch (error) {
				// A refused credential or a vendor that is down fails every case alike: stop and say so once.
				if (isSystemic(error)) throw error as NodeApiError;
				const e = error as Error & { description?: string };
				row = {
					result: outcome(p.data.externalRef, p.data.name, 'failed', {
						dryRun,
						targetId: linked.get(p.data.externalRef)?.id
							? String(linked.get(p.data.externalRef)!.id)
							: null,
						reason: e.message,
						fix:
							e.description ??
							'Run the sync again; if it keeps failing, check the case in Case Status.',
					}),
					warnings: [],
				};
			}
		}
		out.push({ json: toJson(row), pairedItem: { item: i } });
	}
	return out;
}
