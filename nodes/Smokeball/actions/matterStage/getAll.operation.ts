import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	filtersCollection,
	readLimit,
	returnAllAndLimit,
	updatedSinceFilter,
} from '../../../shared/descriptions';
import { linkId } from '../../mapping';
import { isoToTicks, ticksToIso } from '../../ticks';
import { listRows } from '../../../shared/listRows';
import { endpoints, smokeballList } from '../../transport';
import { isoDateTime, readSimplify, simplifyProperty } from '../common';

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	filtersCollection([
		updatedSinceFilter(
			'Only matters whose stage changed at or after this time, e.g. to catch up on stage changes a webhook missed',
		),
	]),
	simplifyProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['matterStage'], operation: ['getAll'] } },
	properties,
);

/** The firm's matters and their current stages (GET /stages), e.g. those changed since a time. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const limit = readLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const simplify = readSimplify(this, itemIndex);
	const since = isoDateTime(this, itemIndex, filters.updatedSince, 'Updated Since');
	const query = { UpdatedSince: since ? (isoToTicks(since) ?? undefined) : undefined };
	return await listRows(
		this,
		smokeballList,
		endpoints.matterStages(),
		query,
		{ limit, itemIndex },
		(ms) => {
			if (!simplify) return ms;
			const stage = (ms.stage ?? null) as IDataObject | null;
			return {
				matterId: linkId(ms.matter),
				stageSetId: linkId(ms.stageSet),
				stageId: (stage?.id as string) ?? null,
				stageName: (stage?.name as string) ?? null,
				updatedAt: ticksToIso(ms.lastUpdated),
			};
		},
	);
}
