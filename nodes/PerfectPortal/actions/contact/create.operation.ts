import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { emailField } from '../../../shared/descriptions';
import { type Problem, refuse } from '../../../shared/problems';
import { parseInput } from '../../../shared/validate';
import { createOnce } from '../lookups';
import {
	contactBody,
	contactDetailFields,
	contactFieldsSchema,
	contactInput,
	contactTypeField,
} from './fields';

const properties: INodeProperties[] = [
	contactTypeField,
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		default: '',
		displayOptions: { show: { type: ['person'] } },
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { type: ['person'] } },
	},
	{
		displayName: 'Company Name',
		name: 'companyName',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { type: ['organisation'] } },
	},
	emailField('Perfect Portal needs at least one of email, phone or mobile'),
	{
		displayName: 'External Reference',
		name: 'externalRef',
		type: 'string',
		default: '',
		placeholder: 'e.g. sb:contact:10001',
		description:
			"The contact's ID in the other system (e.g. the Smokeball or DPS contact ID). When set, a contact that already carries it is returned instead of creating a second one.",
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: contactDetailFields,
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['create'] } },
	properties,
);

/**
 * Creates a contact. With an External Reference it is idempotent: look up first, create with retries allowed, and
 * take 409 duplicate_external_ref as "already exists". The contract's rules are checked before any request.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const type = this.getNodeParameter('type', itemIndex) as string;
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const input = parseInput(
		this.getNode(),
		contactFieldsSchema,
		contactInput({
			...extra,
			type,
			firstName: type === 'person' ? this.getNodeParameter('firstName', itemIndex, '') : undefined,
			lastName: type === 'person' ? this.getNodeParameter('lastName', itemIndex, '') : undefined,
			companyName:
				type === 'organisation' ? this.getNodeParameter('companyName', itemIndex, '') : undefined,
			email: this.getNodeParameter('email', itemIndex, ''),
			externalRef: this.getNodeParameter('externalRef', itemIndex, ''),
		}),
		itemIndex,
	);
	const problems: Problem[] = [];
	if (type === 'person' && !input.lastName) {
		problems.push({
			field: 'Last Name',
			code: 'empty',
			message: 'is empty',
			fix: 'A person needs a last name (Perfect Portal refuses it otherwise).',
		});
	}
	if (type === 'organisation' && !input.companyName) {
		problems.push({
			field: 'Company Name',
			code: 'empty',
			message: 'is empty',
			fix: 'An organisation needs a company name.',
		});
	}
	if (!input.email && !input.phone && !input.mobile) {
		problems.push({
			field: 'Email',
			code: 'empty',
			message: 'is empty, and so are Phone and Mobile',
			fix: 'Give at least one way to reach the contact: Email, or Phone / Mobile under Additional Fields.',
		});
	}
	if (problems.length) refuse(this, problems, itemIndex, { system: 'Perfect Portal' });
	const row = await createOnce(this, 'contacts', contactBody(input), input.externalRef, itemIndex);
	return [{ json: row }];
}
