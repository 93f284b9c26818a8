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
import { simplifyStaff } from '../../mapping';
import { listRows } from '../../../shared/listRows';
import { endpoints, smokeballList } from '../../transport';
import { readSimplify, searchTerms, simplifyProperty } from '../common';

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
	const search = searchTerms(filters, ['name', 'email']);
	const query = {
		Search: search.length ? search : undefined,
		Fields: filters.includeRate === true ? 'rate' : undefined,
	};
	return await listRows(this, smokeballList, endpoints.staff(), query, { limit, itemIndex }, (s) =>
		simplify ? simplifyStaff(s) : s,
	);
}
