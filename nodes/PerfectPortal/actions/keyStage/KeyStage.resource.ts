import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/router';
import * as getAll from './getAll.operation';
import * as set from './set.operation';

/** This resource's operations by value: the router's table (actions/router.ts). */
export const operations: Record<string, Operation> = { getAll, set };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['keyStage'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many key stages',
				description: "List the firm's key stages, or the key stages a case reached",
			},
			{
				name: 'Set on Case',
				value: 'set',
				action: 'Set the key stage of a case',
				description: 'Move a case to a key stage (referrers and clients with access see it)',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...set.description,
];
