import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/router';
import * as checkTriggers from './checkTriggers.operation';
import * as deleteOperation from './delete.operation'; // `delete` is a reserved word
import * as getAll from './getAll.operation';

/** This resource's operations by value: the router's table (actions/router.ts). */
export const operations: Record<string, Operation> = {
	checkTriggers,
	delete: deleteOperation,
	getAll,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['webhookSubscription'] } },
		options: [
			{
				name: 'Check Trigger Subscriptions',
				value: 'checkTriggers',
				action: 'Check trigger subscriptions',
				description:
					'Re-create what Smokeball dropped for the published Smokeball Triggers given as input (n8n › Workflow › Get Many), and find subscriptions left at old addresses',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a webhook subscription',
				description: 'Remove a subscription from Smokeball',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many webhook subscriptions',
				description: "List the webhook subscriptions of this credential's Smokeball account",
			},
		],
		default: 'checkTriggers',
	},
	...checkTriggers.description,
	...deleteOperation.description,
	...getAll.description,
];
