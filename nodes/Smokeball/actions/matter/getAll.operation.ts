import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filtersCollection, readLimit, returnAllAndLimit } from '../../../shared/descriptions';
import { listRows } from '../../../shared/listRows';
import { endpoints, smokeballList } from '../../transport';
import { isoDateTime, optionalGuid, readSimplify, simplifyProperty } from '../common';
import { STATUS_OPTIONS } from './fields';
import { matterOutput } from './lookups';

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	filtersCollection([
		{
			displayName: 'Contact ID',
			name: 'contactId',
			type: 'string',
			default: '',
			description: 'Only matters this contact is on',
		},
		{
			displayName: 'Include',
			name: 'type',
			type: 'options',
			options: [
				{ name: 'Matters', value: 'Matters' },
				{ name: 'Leads', value: 'Leads' },
				{ name: 'Matters and Leads', value: 'Matters,Leads' },
			],
			default: 'Matters',
			description: 'Smokeball lists only matters unless told otherwise',
		},
		{
			displayName: 'Matter Type Name or ID',
			name: 'matterTypeId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getAllMatterTypes' },
			default: '',
			description:
				'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		},
		{
			displayName: 'Search',
			name: 'search',
			type: 'string',
			default: '',
			description: 'Matches clients, other sides, description and matter number',
		},
		{
			displayName: 'Sort',
			name: 'sort',
			type: 'options',
			options: [
				{ name: 'Last Updated, Newest First', value: 'desc(lastUpdated)' },
				{ name: 'Last Updated, Oldest First', value: 'asc(lastUpdated)' },
				{ name: 'Status', value: 'asc(status)' },
			],
			default: 'desc(lastUpdated)',
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'multiOptions',
			options: [...STATUS_OPTIONS, { name: 'Deleted', value: 'Deleted' }],
			default: [],
		},
		{
			displayName: 'Updated Since',
			name: 'lastUpdated',
			type: 'dateTime',
			default: '',
			description: "Only matters updated at or after this time (Smokeball's LastUpdated filter)",
		},
	]),
	simplifyProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['matter'], operation: ['getAll'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const limit = readLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const simplify = readSimplify(this, itemIndex);
	const status = Array.isArray(filters.status) ? (filters.status as string[]) : [];
	const query = {
		Search: typeof filters.search === 'string' ? filters.search.trim() || undefined : undefined,
		MatterTypeId: (filters.matterTypeId as string) || undefined,
		ContactId: optionalGuid(this, itemIndex, filters.contactId, 'Contact ID'),
		Status: status.length ? status : undefined,
		Type: (filters.type as string) || undefined,
		LastUpdated: isoDateTime(this, itemIndex, filters.lastUpdated, 'Updated Since'),
		Sort: (filters.sort as string) || undefined,
	};
	return await listRows(
		this,
		smokeballList,
		endpoints.matters(),
		query,
		{ limit, itemIndex },
		(m) => matterOutput(m, simplify),
	);
}
