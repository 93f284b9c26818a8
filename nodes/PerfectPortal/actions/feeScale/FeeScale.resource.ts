import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/router';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

/** This resource's operations by value: the router's table (actions/router.ts). */
export const operations: Record<string, Operation> = { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['feeScale'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a fee scale',
				description:
					'Get a fee scale with its legal fees, additional fees and disbursements and their mapping flags',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many fee scales',
				description: "List the firm's fee scales",
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
];
