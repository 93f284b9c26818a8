import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllAndLimit, readLimit } from '../../../shared/descriptions';
import { simplifyMemo } from '../../mapping';
import { listRows } from '../../../shared/listRows';
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
	return await listRows(
		this,
		smokeballList,
		endpoints.memos(matterId),
		{},
		{ limit, itemIndex },
		(m) => (simplify ? simplifyMemo(m) : m),
	);
}
