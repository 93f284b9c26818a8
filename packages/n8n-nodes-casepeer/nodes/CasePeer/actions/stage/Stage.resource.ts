import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getMany.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['stage'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many stages',
				description: "List the firm's CASEpeer stages in order",
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
