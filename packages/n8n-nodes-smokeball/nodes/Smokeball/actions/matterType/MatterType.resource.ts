import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getMany.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['matterType'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many matter types',
				description:
					"List the firm's matter types (or lead types), e.g. to pick one by name in a workflow",
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
