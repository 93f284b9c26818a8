import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { endpoints, smokeballApi } from '../../transport';
import { contactLocator, readGuid, readSimplify, simplifyProperty } from '../common';
import { contactOutput } from './lookups';

const properties: INodeProperties[] = [contactLocator, simplifyProperty];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['get'] } },
	properties,
);

export const readContactId = (ctx: IExecuteFunctions, itemIndex: number): string =>
	readGuid(
		ctx,
		itemIndex,
		'contact',
		'Contact',
		'Pick a contact from the list or enter its ID, e.g. {{ $json.id }} from Contact › Get Many.',
	);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const contactId = readContactId(this, itemIndex);
	const contact = await smokeballApi<IDataObject>(this, 'GET', endpoints.contact(contactId), {
		itemIndex,
	});
	return [{ json: contactOutput(contact, readSimplify(this, itemIndex)) }];
}
