import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { dpsApi, endpoints } from '../../transport';
import { clientLocator, readRef } from '../common';

const properties: INodeProperties[] = [clientLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['client'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const ref = readRef(this, itemIndex, 'client', 'Client', 'SMI001');
	const client = await dpsApi<IDataObject>(this, 'GET', endpoints.client(ref), { itemIndex });
	return [{ json: client }];
}
