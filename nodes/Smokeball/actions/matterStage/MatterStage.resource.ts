import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';

export { get };

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
		],
		default: 'get',
	},
	...get.description,
];
