import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllAndLimit, readLimit } from '../../../shared/descriptions';
import { simplifyExpense, simplifyFee } from '../../mapping';
import { isoToTicks } from '../../ticks';
import { listRows } from '../../../shared/listRows';
import { endpoints, smokeballList } from '../../transport';
import {
	isoDateTime,
	matterLocator,
	readMatterId,
	readSimplify,
	simplifyProperty,
} from '../common';

/** Get Many for fees and expenses: same query (Offset/Limit, UpdatedSince ticks), different path. */
export function listDescription(resource: 'fee' | 'expense'): INodeProperties[] {
	return updateDisplayOptions({ show: { resource: [resource], operation: ['getAll'] } }, [
		matterLocator,
		...returnAllAndLimit(),
		{
			displayName: 'Updated Since',
			name: 'updatedSince',
			type: 'dateTime',
			default: '',
			description: `Only ${resource}s updated at or after this time`,
		},
		simplifyProperty,
	]);
}

export async function listRecords(
	ctx: IExecuteFunctions,
	itemIndex: number,
	resource: 'fee' | 'expense',
): Promise<INodeExecutionData[]> {
	const matterId = readMatterId(ctx, itemIndex);
	const limit = readLimit(ctx, itemIndex);
	const since = isoDateTime(
		ctx,
		itemIndex,
		ctx.getNodeParameter('updatedSince', itemIndex, ''),
		'Updated Since',
	);
	const simplify = readSimplify(ctx, itemIndex);
	const path = resource === 'fee' ? endpoints.fees(matterId) : endpoints.expenses(matterId);
	const query = { UpdatedSince: since ? (isoToTicks(since) ?? undefined) : undefined };
	const shape = resource === 'fee' ? simplifyFee : simplifyExpense;
	return await listRows(ctx, smokeballList, path, query, { limit, itemIndex }, (r) =>
		simplify ? shape(r) : r,
	);
}

export const description = listDescription('fee');

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	return await listRecords(this, itemIndex, 'fee');
}
