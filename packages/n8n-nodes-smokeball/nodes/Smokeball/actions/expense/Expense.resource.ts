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
		displayOptions: { show: { resource: ['expense'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create an expense',
				description: 'Add a cost recovery (disbursement) to a matter',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many expenses',
				description: "List a matter's cost recoveries",
			},
		],
		default: 'create',
	},
	...create.description,
	...getAll.description,
];
