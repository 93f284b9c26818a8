import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	emailField,
	externalRefFilter,
	filtersCollection,
	readLimit,
	returnAllAndLimit,
	updatedSinceFilter,
} from '../../../shared/descriptions';
import { collect } from '../../../shared/paging';
import { isoTimestamp, parseInput, z } from '../../../shared/validate';
import { endpoints, ppList } from '../../transport';
import { isoOrUndefined } from '../common';

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	filtersCollection([
		emailField('Only contacts with this email address (any letter case)'),
		externalRefFilter('contact'),
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			description: 'Only contacts whose name contains this text (any letter case)',
		},
		updatedSinceFilter('Only contacts changed at or after this time (oldest change first)'),
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['getAll'] } },
	properties,
);

const filtersSchema = z.object({
	email: z.string().optional(),
	externalRef: z.string().optional(),
	name: z.string().optional(),
	updatedSince: isoTimestamp.optional().or(z.literal('')),
});

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const limit = readLimit(this, itemIndex);
	const filters = parseInput(
		this.getNode(),
		filtersSchema,
		this.getNodeParameter('filters', itemIndex, {}),
		itemIndex,
		{ field: 'Filters' },
	);
	const query = {
		email: filters.email?.trim() || undefined,
		external_ref: filters.externalRef?.trim() || undefined,
		name: filters.name?.trim() || undefined,
		updated_since: isoOrUndefined(filters.updatedSince),
	};
	const contacts = await collect(
		ppList<IDataObject>(this, endpoints.contacts(), query, { limit, itemIndex }),
		limit,
	);
	return contacts.map((json) => ({ json }));
}
