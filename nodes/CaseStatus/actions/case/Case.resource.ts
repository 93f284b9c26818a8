import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getMany.operation';

export { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['case'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a case',
				description: 'Get a case by integration ID or internal ID',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many cases',
				description: 'List cases, optionally changed since a time',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
];
