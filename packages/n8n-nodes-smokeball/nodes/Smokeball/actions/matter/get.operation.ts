import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { matterLocator, readMatterId, readSimplify, simplifyProperty } from '../common';
import { getMatter, matterOutput } from './lookups';

const properties: INodeProperties[] = [matterLocator, simplifyProperty];

export const description = updateDisplayOptions(
	{ show: { resource: ['matter'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const matterId = readMatterId(this, itemIndex);
	const matter = await getMatter(this, matterId, itemIndex);
	return [{ json: matterOutput(matter, readSimplify(this, itemIndex)) }];
}
