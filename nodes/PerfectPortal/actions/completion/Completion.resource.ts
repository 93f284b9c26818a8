import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/router';
import * as get from './get.operation';
import * as update from './update.operation';

/** This resource's operations by value: the router's table (actions/router.ts). */
export const operations: Record<string, Operation> = { get, update };

/** Completion Details of a conveyancing case (they sync to the CMS's Completion Details layout). */
export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['completion'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get the completion details of a case',
				description: 'Get exchange and completion dates, amounts and lender',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update the completion details of a case',
				description: 'Record exchange or completion; fields not given keep their values',
			},
		],
		default: 'get',
	},
	...get.description,
	...update.description,
];
