import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/router';
import * as create from './create.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

/** This resource's operations by value: the router's table (actions/router.ts). */
export const operations: Record<string, Operation> = { create, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['referrer'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a referrer',
				description: 'Create a referrer; with an external reference, never twice',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many referrers',
				description: 'List or search referrers (estate agents, brokers, introducers)',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a referrer',
				description: 'Change a referrer; only the fields that differ are sent',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...getAll.description,
	...update.description,
];
