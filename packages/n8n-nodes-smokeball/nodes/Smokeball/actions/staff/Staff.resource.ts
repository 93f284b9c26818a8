import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getMany.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['staff'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many staff members',
				description: "List the firm's staff members, searched by name or email",
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
