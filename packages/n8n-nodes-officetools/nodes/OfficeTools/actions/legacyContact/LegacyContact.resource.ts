import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/router';
import * as getAll from './getAll.operation';

/** This resource's operations by value: the router's table (actions/router.ts). */
export const operations: Record<string, Operation> = { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['legacyContact'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many legacy portal contacts',
				description: 'List old-portal users; hidden ones only when asked',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
