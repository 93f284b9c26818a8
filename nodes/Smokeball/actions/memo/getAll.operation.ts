import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllAndLimit, readLimit } from '../../../shared/descriptions';
import { collect } from '../../../shared/paging';
import { simplifyMemo } from '../../mapping';
import { endpoints, smokeballList } from '../../transport';
import { matterLocator, readMatterId, readSimplify, simplifyProperty } from '../common';

const properties: INodeProperties[] = [matterLocator, ...returnAllAndLimit(), simplifyProperty];

export const description = updateDisplayOptions(
	{ show: { resource: ['memo'], operation: ['getAll'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const matterId = readMatterId(this, itemIndex);
	const limit = readLimit(this, itemIndex);
	const simplify = readSimplify(this, itemIndex);
	const memos = await collect(
		smokeballList<IDataObject>(this, endpoints.memos(matterId), {}, { limit, itemIndex }),
		limit,
	);
	return memos.map((m) => ({ json: simplify ? simplifyMemo(m) : m }));
}
