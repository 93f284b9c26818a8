import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	NodeApiError,
} from 'n8n-workflow';

import { isSystemic } from '../../../shared/errors';
import type { LegalCase } from '../../../shared/model';
import { legalCaseSchema } from '../../../shared/model';
import { readOptions } from '../../../shared/options';
import { outcome } from '../../../shared/report';
import { chunk } from '../../../shared/upsert';
import { firmConfig } from '../../firmLists';
import { caseStatusList, endpoints } from '../../transport';
import { readStageMapping } from '../stageMapping';
import { properties } from './sync.description';
import type { Row } from './sync.oneCase';
import { syncOne } from './sync.oneCase';

export { description } from './sync.description';

const READ_CHUNK = 100;

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
