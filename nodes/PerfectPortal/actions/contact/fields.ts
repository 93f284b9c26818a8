import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { email, z } from '../../../shared/validate';
import { addressField, readAddress } from '../common';

/** Contact fields shared by Create (Additional Fields) and Update (Update Fields). */
/** Person or organisation. */
export const contactTypeField: INodeProperties = {
	displayName: 'Type',
	name: 'type',
	type: 'options',
	options: [
		{ name: 'Person', value: 'person' },
		{ name: 'Organisation', value: 'organisation' },
	],
	default: 'person',
};

export const contactDetailFields: INodeProperties[] = [
	addressField,
	{
		displayName: 'External System',
		name: 'externalSystem',
		type: 'string',
		default: '',
		placeholder: 'e.g. smokeball',
		description: 'The system the External Reference belongs to',
	},
	{
		displayName: 'Mobile',
		name: 'mobile',
		type: 'string',
		default: '',
		placeholder: 'e.g. 07700 900123',
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		default: '',
		placeholder: 'e.g. 0113 496 0000',
	},
	{ displayName: 'Title', name: 'title', type: 'string', default: '', placeholder: 'e.g. Mrs' },
];

const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, `is longer than ${max} characters`)
		.optional()
		.transform((v) => (v === '' ? undefined : v));

export const contactFieldsSchema = z.object({
	type: z.enum(['person', 'organisation']).optional(),
	title: optionalText(20),
	firstName: optionalText(100),
	lastName: optionalText(100),
	companyName: optionalText(200),
	email: z
		.union([email.max(254, 'is longer than 254 characters'), z.literal('')])
		.optional()
		.transform((v) => (v === '' ? undefined : v)),
	phone: optionalText(30),
	mobile: optionalText(30),
	externalRef: optionalText(100),
	externalSystem: optionalText(50),
	address: z
		.object({ line1: z.string().nullable() })
		.passthrough()
		.refine((a) => !!a.line1, { message: 'needs Line 1', path: ['line1'] })
		.optional(),
});

export type ContactFields = z.infer<typeof contactFieldsSchema>;

/** The node's camelCase fields (collection values) in the shape the schema reads. */
export function contactInput(values: IDataObject): IDataObject {
	const pick = (k: string) =>
		values[k] === undefined || values[k] === null ? undefined : values[k];
	return {
		type: pick('type') || undefined,
		title: pick('title'),
		firstName: pick('firstName'),
		lastName: pick('lastName'),
		companyName: pick('companyName'),
		email: pick('email'),
		phone: pick('phone'),
		mobile: pick('mobile'),
		externalRef: pick('externalRef'),
		externalSystem: pick('externalSystem'),
		address: readAddress(values.address),
	};
}

/** ContactWrite body: only the fields given. */
export function contactBody(input: ContactFields): IDataObject {
	const body: IDataObject = {};
	const map: Array<[keyof ContactFields, string]> = [
		['type', 'type'],
		['title', 'title'],
		['firstName', 'first_name'],
		['lastName', 'last_name'],
		['companyName', 'company_name'],
		['email', 'email'],
		['phone', 'phone'],
		['mobile', 'mobile'],
		['externalRef', 'external_ref'],
		['externalSystem', 'external_system'],
		['address', 'address'],
	];
	for (const [from, to] of map)
		if (input[from] !== undefined) body[to] = input[from] as IDataObject;
	return body;
}
