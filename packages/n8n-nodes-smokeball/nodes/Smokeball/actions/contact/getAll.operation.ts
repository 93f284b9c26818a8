import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	emailField,
	filtersCollection,
	readLimit,
	returnAllAndLimit,
	updatedSinceFilter,
} from '../../../shared/descriptions';
import { isoToTicks } from '../../ticks';
import { listRows } from '../../../shared/listRows';
import { endpoints, smokeballList } from '../../transport';
import { isoDateTime, readSimplify, searchTerms, simplifyProperty } from '../common';
import { contactOutput } from './lookups';

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	filtersCollection([
		{
			displayName: 'Contact Types',
			name: 'types',
			type: 'multiOptions',
			options: [
				{ name: 'Company', value: 'Organisation' },
				{ name: 'Group of People', value: 'GroupOfPeople' },
				{ name: 'Person', value: 'Person' },
				{ name: 'Staff', value: 'Staff' },
				{ name: 'Trust', value: 'Trust' },
			],
			default: [],
		},
		emailField('Contacts with this email address; * matches any text'),
		{
			displayName: 'Include Deleted',
			name: 'includeDeleted',
			type: 'boolean',
			default: false,
			description: 'Whether to include deleted contacts',
		},
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			placeholder: 'e.g. *Smith*',
			description: 'Contacts with this name (case-insensitive); * matches any text',
		},
		{
			displayName: 'Phone',
			name: 'phone',
			type: 'string',
			default: '',
			description: 'Contacts with this phone number; * matches any text',
		},
		updatedSinceFilter('Only contacts updated at or after this time'),
	]),
	simplifyProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['getAll'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const limit = readLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const simplify = readSimplify(this, itemIndex);
	// Search terms are `field:value` (docs/api/smokeball.md#search), combined with AND.
	const search = searchTerms(filters, ['name', 'email', 'phone']);
	const since = isoDateTime(this, itemIndex, filters.updatedSince, 'Updated Since');
	const types = Array.isArray(filters.types) ? (filters.types as string[]) : [];
	const query = {
		Search: search.length ? search : undefined,
		Type: types.length ? types : undefined,
		UpdatedSince: since ? (isoToTicks(since) ?? undefined) : undefined,
		ExcludeDeletedContacts: filters.includeDeleted === true ? undefined : 'true',
	};
	return await listRows(
		this,
		smokeballList,
		endpoints.contacts(),
		query,
		{ limit, itemIndex },
		(c) => contactOutput(c, simplify),
	);
}
