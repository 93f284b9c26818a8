import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, readOptions } from '../../../shared/options';
import {
	filtersCollection,
	returnAllAndLimit,
	updatedSinceFilter,
} from '../../../shared/descriptions';
import { isoTimestamp, z } from '../../../shared/validate';
import { endpoints, ppApi } from '../../transport';
import { isoOrUndefined, listRecords } from '../common';
import { readFilters } from '../../../shared/listRows';

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	filtersCollection([
		updatedSinceFilter('Only fee scales changed at or after this time (oldest change first)'),
	]),
	optionsCollection([
		{
			displayName: 'Include Fee Lines',
			name: 'includeLines',
			type: 'boolean',
			default: false,
			description:
				'Whether to read each fee scale with its legal fees, additional fees and disbursements (one more request per fee scale); the list alone has none',
		},
	]),
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
	const options = readOptions(this, properties, itemIndex);
	const filters = readFilters(this, filtersSchema, itemIndex);
	const scales = await listRecords.call(this, itemIndex, endpoints.feeScales(), {
		updated_since: isoOrUndefined(filters.updatedSince),
	});
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
