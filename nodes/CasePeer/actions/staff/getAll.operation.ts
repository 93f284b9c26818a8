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
import { casePeerList, endpoints } from '../../transport';

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	filtersCollection([
		{
			displayName: 'Active',
			name: 'active',
			type: 'boolean',
			default: true,
			description: 'Whether to return only active staff (on) or only inactive staff (off)',
		},
		emailField('Only the staff member with this email address'),
		{
			displayName: 'Role',
			name: 'role',
			type: 'options',
			options: [
				{ name: 'Attorney', value: 'attorney' },
				{ name: 'Case Manager', value: 'case_manager' },
				{ name: 'Paralegal', value: 'paralegal' },
				{ name: 'Staff', value: 'staff' },
			],
			default: 'attorney',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['staff'], operation: ['getAll'] } },
	properties,
);

/** CASEpeer's staff filters: the email trimmed, Active sent only when it is set. */
function staffQuery(filters: IDataObject) {
	return {
		role: (filters.role as string) || undefined,
		email: typeof filters.email === 'string' ? filters.email.trim() || undefined : undefined,
		active: typeof filters.active === 'boolean' ? String(filters.active) : undefined,
	};
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const limit = readLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	return await listRows(this, casePeerList, endpoints.staff(), staffQuery(filters), {
		limit,
		itemIndex,
	});
}
