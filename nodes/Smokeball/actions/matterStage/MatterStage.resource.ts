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
		displayOptions: { show: { resource: ['matterStage'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get the stage of a matter',
				description: "Get a matter's current stage (read-only: Smokeball's API cannot set stages)",
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many matter stages',
				description:
					"The firm's matters with their current stages, e.g. those changed since a time",
			},
		],
		default: 'get',
	},
	...get.description,
	...getAll.description,
];
