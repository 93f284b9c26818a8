import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	filtersCollection,
	readLimit,
	returnAllAndLimit,
	simplifyOption,
	updatedSinceFilter,
} from '../../../shared/descriptions';
import { listRows, readFilters } from '../../../shared/listRows';
import { isoTimestamp, z } from '../../../shared/validate';
import { caseStatusList, endpoints } from '../../transport';
import { simplifyCase } from '../common';

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	filtersCollection([
		{
			displayName: 'Integration IDs',
			name: 'integrationIds',
			type: 'string',
			default: '',
			placeholder: 'e.g. 27891, 27892',
			description: 'Only these cases, by the ID in your case management system (comma-separated)',
		},
		{
			displayName: 'Readable ID',
			name: 'readableId',
			type: 'string',
			default: '',
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: [
				{ name: 'Closed', value: 'closed' },
				{ name: 'On Hold', value: 'on_hold' },
				{ name: 'Open', value: 'open' },
			],
			default: 'open',
		},
		updatedSinceFilter('Only cases changed at or after this time'),
	]),
	simplifyOption,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['case'], operation: ['getAll'] } },
	properties,
);

const filtersSchema = z.object({
	integrationIds: z.string().optional(),
	readableId: z.string().optional(),
	status: z.enum(['open', 'on_hold', 'closed']).optional(),
	updatedSince: isoTimestamp.optional().or(z.literal('')),
});

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const limit = readLimit(this, itemIndex);
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	const filters = readFilters(this, filtersSchema, itemIndex);
	const ids = (filters.integrationIds ?? '')
		.split(',')
		.map((id) => id.trim())
		.filter(Boolean);
	const query = {
		integration_id: ids.length ? ids : undefined,
		readable_id: filters.readableId || undefined,
		status: filters.status,
		updated_since: filters.updatedSince ? new Date(filters.updatedSince).toISOString() : undefined,
	};
	const toJson = (c: IDataObject) => (simplify ? simplifyCase(c) : c);
	return await listRows(
		this,
		caseStatusList,
		endpoints.cases(),
		query,
		{ limit, itemIndex },
		toJson,
	);
}
