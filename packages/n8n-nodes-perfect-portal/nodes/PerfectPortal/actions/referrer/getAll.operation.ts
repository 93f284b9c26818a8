import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
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
		{
			displayName: 'Active',
			name: 'active',
			type: 'boolean',
			default: true,
			description: 'Whether to return only active referrers (on) or only inactive ones (off)',
		},
		externalRefFilter('referrer'),
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			description: 'Only referrers whose name contains this text (any letter case)',
		},
		updatedSinceFilter('Only referrers changed at or after this time (oldest change first)'),
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['referrer'], operation: ['getAll'] } },
	properties,
);

const filtersSchema = z.object({
	active: z.boolean().optional(),
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
		active: filters.active === undefined ? undefined : String(filters.active),
		external_ref: filters.externalRef?.trim() || undefined,
		name: filters.name?.trim() || undefined,
		updated_since: isoOrUndefined(filters.updatedSince),
	};
	const referrers = await collect(
		ppList<IDataObject>(this, endpoints.referrers(), query, { limit, itemIndex }),
		limit,
	);
	return referrers.map((json) => ({ json }));
}
