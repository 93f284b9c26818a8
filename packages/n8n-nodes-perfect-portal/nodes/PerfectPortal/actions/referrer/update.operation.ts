import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { email, parseInput, readRequired, z } from '../../../shared/validate';
import { endpoints, ppApi } from '../../transport';
import { emailAndRefUpdateFields } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Referrer ID',
		name: 'referrerId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. rf_3',
		description: 'The referrer to change, e.g. its ID from Referrer › Get Many',
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Active',
				name: 'active',
				type: 'boolean',
				default: true,
				description: 'Whether the referrer is offered when quoting',
			},
			{ displayName: 'Contact Name', name: 'contactName', type: 'string', default: '' },
			...emailAndRefUpdateFields('referrer'),
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['referrer'], operation: ['update'] } },
	properties,
);

const blankToUndefined = (v: string | undefined) => (v === '' ? undefined : v);
const text = (max: number) =>
	z
		.string({ invalid_type_error: 'must be text' })
		.trim()
		.max(max, `is longer than ${max} characters`)
		.optional()
		.transform(blankToUndefined);
const fieldsSchema = z.object({
	name: text(200),
	contact_name: text(200),
	email: z
		.union([email, z.literal('')])
		.optional()
		.transform(blankToUndefined),
	phone: text(30),
	external_ref: text(100),
	active: z.boolean().optional(),
});

/** Reads the referrer and PATCHes only the fields that differ; nothing is sent when none does. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const referrerId = readRequired(
		this,
		'referrerId',
		'Referrer ID',
		itemIndex,
		'Enter the referrer ID, e.g. {{ $json.id }} from Referrer › Get Many.',
	);
	const f = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const input = parseInput(
		this.getNode(),
		fieldsSchema,
		{
			name: f.name,
			contact_name: f.contactName,
			email: f.email,
			phone: f.phone,
			external_ref: f.externalRef,
			active: f.active,
		},
		itemIndex,
		{ field: 'Update Fields' },
	);
	const current = await ppApi<IDataObject>(this, 'GET', endpoints.referrer(referrerId), {
		itemIndex,
	});
	const same = (a: unknown, b: unknown) =>
		String(a ?? '')
			.trim()
			.toLowerCase() ===
		String(b ?? '')
			.trim()
			.toLowerCase();
	const changes: IDataObject = {};
	for (const [key, value] of Object.entries(input)) {
		if (value === undefined) continue;
		if (key === 'email' ? same(value, current[key]) : value === current[key]) continue;
		changes[key] = value;
	}
	if (!Object.keys(changes).length) return [{ json: { ...current, updated: false, changed: [] } }];
	const updated = await ppApi<IDataObject>(this, 'PATCH', endpoints.referrer(referrerId), {
		body: changes,
		itemIndex,
	});
	return [{ json: { ...updated, updated: true, changed: Object.keys(changes) } }];
}
