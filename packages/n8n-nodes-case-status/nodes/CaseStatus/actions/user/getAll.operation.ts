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
import { listRows } from '../../../shared/listRows';
import { caseStatusList, endpoints } from '../../transport';

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	filtersCollection([
		{
			displayName: 'Active Only',
			name: 'active',
			type: 'boolean',
			default: true,
			description: 'Whether to return only active users',
		},
		emailField('Exact email address (case-insensitive)'),
		{
			displayName: 'Role',
			name: 'role',
			type: 'options',
			options: [
				{ name: 'Admin', value: 'admin' },
				{ name: 'Attorney', value: 'attorney' },
				{ name: 'Case Manager', value: 'case_manager' },
				{ name: 'Paralegal', value: 'paralegal' },
			],
			default: 'attorney',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['getAll'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const query = {
		email: (filters.email as string) || undefined,
		role: (filters.role as string) || undefined,
		active: filters.active === undefined ? undefined : String(filters.active),
	};
	return await listRows(this, caseStatusList, endpoints.users(), query, {
		limit: readLimit(this, itemIndex),
		itemIndex,
	});
}
