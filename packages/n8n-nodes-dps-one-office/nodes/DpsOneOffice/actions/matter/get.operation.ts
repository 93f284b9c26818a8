import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { dpsApi, endpoints } from '../../transport';
import { matterLocator, readRef } from '../common';

const properties: INodeProperties[] = [matterLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['matter'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const ref = readRef(this, itemIndex, 'matter', 'Matter', 'SMI001-0001');
	const matter = await dpsApi<IDataObject>(this, 'GET', endpoints.matter(ref), { itemIndex });
	return [{ json: matter }];
}
