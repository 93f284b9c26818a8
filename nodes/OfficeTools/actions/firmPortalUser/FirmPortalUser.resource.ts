import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/router';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

/** This resource's operations by value: the router's table (actions/router.ts). */
export const operations: Record<string, Operation> = { create, get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['firmPortalUser'] } },
		options: [
			{
				name: 'Create From Legacy Contact',
				value: 'create',
				action: 'Create a firm portal user from a legacy contact',
				description:
					'Step 3 "Sync Contact": add an old-portal contact to the Firm Portal; OfficeTools sends them a welcome e-mail. Never twice for one contact.',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a firm portal user',
				description: 'Get a Firm Portal user by ID',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many firm portal users',
				description: 'List Firm Portal users, e.g. the one synced from a legacy contact',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...get.description,
	...getAll.description,
];
