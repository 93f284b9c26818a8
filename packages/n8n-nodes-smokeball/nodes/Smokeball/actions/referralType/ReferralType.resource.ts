import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getMany.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['referralType'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many referral types',
				description: "List the firm's referral types (its referrers)",
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
