import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/router';
import * as create from './create.operation';
import * as getAll from './getAll.operation';

/** This resource's operations by value: the router's table (actions/router.ts). */
export const operations: Record<string, Operation> = { create, getAll };

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
