import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/router';
import * as sendMessage from './sendMessage.operation';

/** This resource's operations by value: the router's table (actions/router.ts). */
export const operations: Record<string, Operation> = { sendMessage };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['clientPortal'] } },
		options: [
			{
				name: 'Send Message',
				value: 'sendMessage',
				action: 'Send a client portal message',
				description: 'Send a message to a client on the Smokeball client portal',
			},
		],
		default: 'sendMessage',
	},
	...sendMessage.description,
];
