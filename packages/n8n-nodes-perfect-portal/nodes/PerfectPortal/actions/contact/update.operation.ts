import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { refuseField } from '../../../shared/problems';
import { parseInput } from '../../../shared/validate';
import { endpoints, ppApi } from '../../transport';
import { contactLocator, emailAndRefUpdateFields, readContactId } from '../common';
import {
	contactBody,
	contactDetailFields,
	contactFieldsSchema,
	contactInput,
	contactTypeField,
} from './fields';

const updateFields: INodeProperties[] = [
	{ displayName: 'Company Name', name: 'companyName', type: 'string', default: '' },
	...emailAndRefUpdateFields('contact'),
	{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
	{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
	contactTypeField,
	...contactDetailFields,
];

const properties: INodeProperties[] = [
	contactLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [...updateFields].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['update'] } },
	properties,
);

/**
 * Changes only the fields given (the "Resync" of details edited in the case-management system). Perfect Portal
 * checks its rules on the merged contact; repeating the same update changes nothing.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const contactId = readContactId.call(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const input = parseInput(this.getNode(), contactFieldsSchema, contactInput(fields), itemIndex, {
		field: 'Update Fields',
	});
	const body = contactBody(input);
	if (!Object.keys(body).length) {
		refuseField(this, itemIndex, 'Perfect Portal', {
			field: 'Update Fields',
			code: 'empty',
			message: 'is empty',
			fix: 'Add at least one field to change under Update Fields.',
		});
	}
	const updated = await ppApi<IDataObject>(this, 'PATCH', endpoints.contact(contactId), {
		body,
		itemIndex,
	});
	return [{ json: updated }];
}
