import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { email, parseInput, z } from '../../../shared/validate';
import { addressField, readAddress } from '../common';
import { createOnce } from '../lookups';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Hunters Estate Agents',
		description: 'The referring company',
	},
	{
		displayName: 'External Reference',
		name: 'externalRef',
		type: 'string',
		default: '',
		placeholder: 'e.g. sb:referrer:7001',
		description:
			"The referrer's ID in the other system. When set, a referrer that already carries it is returned instead of creating a second one.",
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			addressField,
			{ displayName: 'Contact Name', name: 'contactName', type: 'string', default: '' },
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
			},
			{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['referrer'], operation: ['create'] } },
	properties,
);

const blankToUndefined = (v: string | undefined) => (v === '' ? undefined : v);
const inputSchema = z.object({
	name: z
		.string({ invalid_type_error: 'must be text' })
		.trim()
		.min(1, 'is empty; a referrer needs a name')
		.max(200, 'is longer than 200 characters'),
	externalRef: z
		.string()
		.trim()
		.max(100, 'is longer than 100 characters')
		.optional()
		.transform(blankToUndefined),
	contactName: z
		.string()
		.trim()
		.max(200, 'is longer than 200 characters')
		.optional()
		.transform(blankToUndefined),
	email: z
		.union([email, z.literal('')])
		.optional()
		.transform(blankToUndefined),
	phone: z
		.string()
		.trim()
		.max(30, 'is longer than 30 characters')
		.optional()
		.transform(blankToUndefined),
	address: z
		.object({ line1: z.string().nullable() })
		.passthrough()
		.refine((a) => !!a.line1, { message: 'needs Line 1', path: ['line1'] })
		.optional(),
});

/**
 * Creates a referrer (estate agent, broker, introducer). With an External Reference it is idempotent: look up
 * first, create with retries allowed, and take 409 duplicate_external_ref as "already exists".
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const input = parseInput(
		this.getNode(),
		inputSchema,
		{
			name: this.getNodeParameter('name', itemIndex, ''),
			externalRef: this.getNodeParameter('externalRef', itemIndex, ''),
			contactName: extra.contactName,
			email: extra.email,
			phone: extra.phone,
			address: readAddress(extra.address),
		},
		itemIndex,
	);
	const body: IDataObject = { name: input.name };
	if (input.contactName) body.contact_name = input.contactName;
	if (input.email) body.email = input.email;
	if (input.phone) body.phone = input.phone;
	if (input.address) body.address = input.address as IDataObject;
	if (input.externalRef) body.external_ref = input.externalRef;
	return [{ json: await createOnce(this, 'referrers', body, input.externalRef, itemIndex) }];
}
