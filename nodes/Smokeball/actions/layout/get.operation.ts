import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { matterLocator, readMatterId, readSimplify, simplifyProperty } from '../common';
import { itemIdProperty, readItemId, simplifyLayoutItem } from './fields';
import { getItem } from './write';

const properties: INodeProperties[] = [matterLocator, itemIdProperty, simplifyProperty];

export const description = updateDisplayOptions(
	{ show: { resource: ['layout'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const matterId = readMatterId(this, itemIndex);
	const itemId = readItemId(this, itemIndex);
	const item = await getItem(this, matterId, itemId, itemIndex);
	return [{ json: readSimplify(this, itemIndex) ? simplifyLayoutItem(item, matterId) : item }];
}
