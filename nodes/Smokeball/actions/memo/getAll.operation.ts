import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllAndLimit, readLimit } from '../../../shared/descriptions';
import { simplifyMemo } from '../../mapping';
import { endpoints } from '../../transport';
import { listRows, matterLocator, readMatterId, readSimplify, simplifyProperty } from '../common';

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
	return await listRows(this, itemIndex, endpoints.memos(matterId), {}, limit, (m) =>
		simplify ? simplifyMemo(m) : m,
	);
}
