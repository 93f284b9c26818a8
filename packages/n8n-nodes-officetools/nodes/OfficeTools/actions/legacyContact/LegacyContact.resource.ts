import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getMany.operation';

export { getAll };

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
