import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/router';
import * as getAll from './getAll.operation';
import * as send from './send.operation';

/** This resource's operations by value: the router's table (actions/router.ts). */
export const operations: Record<string, Operation> = { getAll, send };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many messages',
				description: 'List messages, e.g. those after the last one you processed',
			},
			{
				name: 'Send',
				value: 'send',
				action: 'Send a message',
				description: "Send a message to the case's clients, as the primary attorney by default",
			},
		],
		default: 'send',
	},
	...getAll.description,
	...send.description,
];
