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
