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
} from '../../../shared/descriptions';
import { collect } from '../../../shared/paging';
import { simplifyStaff } from '../../mapping';
import { endpoints, smokeballList } from '../../transport';
import { readSimplify, simplifyProperty } from '../common';

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	filtersCollection([
		emailField('Staff with this email address; * matches any text'),
		{
			displayName: 'Include Hourly Rate',
			name: 'includeRate',
			type: 'boolean',
			default: false,
			description: "Whether to include each staff member's hourly rate",
		},
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			placeholder: 'e.g. *Smith*',
			description: 'Staff with this name; * matches any text',
		},
	]),
	simplifyProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['staff'], operation: ['getAll'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const limit = readLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const simplify = readSimplify(this, itemIndex);
	const search: string[] = [];
	for (const field of ['name', 'email']) {
		const value = typeof filters[field] === 'string' ? (filters[field] as string).trim() : '';
		if (value) search.push(`${field}:${value}`);
	}
	const query = {
		Search: search.length ? search : undefined,
		Fields: filters.includeRate === true ? 'rate' : undefined,
	};
	const staff = await collect(
		smokeballList<IDataObject>(this, endpoints.staff(), query, { limit, itemIndex }),
		limit,
	);
	return staff.map((s) => ({ json: simplify ? simplifyStaff(s) : s }));
}
