import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as getAll from './getMany.operation';

export { create, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['fee'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a fee',
				description: 'Add a fee to a matter (Time & Fees)',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many fees',
				description: "List a matter's fees",
			},
		],
		default: 'create',
	},
	...create.description,
	...getAll.description,
];
