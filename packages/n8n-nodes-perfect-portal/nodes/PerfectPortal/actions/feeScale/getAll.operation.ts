import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readOptions } from '../../../shared/options';
import {
	filtersCollection,
	readLimit,
	returnAllAndLimit,
	updatedSinceFilter,
} from '../../../shared/descriptions';
import { collect } from '../../../shared/paging';
import { isoTimestamp, parseInput, z } from '../../../shared/validate';
import { endpoints, ppApi, ppList } from '../../transport';
import { isoOrUndefined } from '../common';

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	filtersCollection([
		updatedSinceFilter('Only fee scales changed at or after this time (oldest change first)'),
	]),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Include Fee Lines',
				name: 'includeLines',
				type: 'boolean',
				default: false,
				description:
					'Whether to read each fee scale with its legal fees, additional fees and disbursements (one more request per fee scale); the list alone has none',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['feeScale'], operation: ['getAll'] } },
	properties,
);

const filtersSchema = z.object({ updatedSince: isoTimestamp.optional().or(z.literal('')) });

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const limit = readLimit(this, itemIndex);
	const options = readOptions(this, properties, itemIndex);
	const filters = parseInput(
		this.getNode(),
		filtersSchema,
		this.getNodeParameter('filters', itemIndex, {}),
		itemIndex,
		{ field: 'Filters' },
	);
	const scales = await collect(
		ppList<IDataObject>(
			this,
			endpoints.feeScales(),
			{ updated_since: isoOrUndefined(filters.updatedSince) },
			{ limit, itemIndex },
		),
		limit,
	);
	if (options.includeLines !== true) return scales.map((json) => ({ json }));
	const out: INodeExecutionData[] = [];
	for (const scale of scales) {
		const full = await ppApi<IDataObject>(this, 'GET', endpoints.feeScale(String(scale.id)), {
			itemIndex,
		});
		out.push({ json: full });
	}
	return out;
}
