import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { endpoints, ppApi } from '../../transport';
import { contactLocator, readContactId } from '../common';

const properties: INodeProperties[] = [contactLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const contactId = readContactId.call(this, itemIndex);
	const found = await ppApi<IDataObject>(this, 'GET', endpoints.contact(contactId), { itemIndex });
	return [{ json: found }];
}
