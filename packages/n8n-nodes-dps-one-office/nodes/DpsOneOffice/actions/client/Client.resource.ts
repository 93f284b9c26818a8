import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/router';
import * as create from './create.operation';
import * as find from './find.operation';
import * as get from './get.operation';

/** This resource's operations by value: the router's table (actions/router.ts). */
export const operations: Record<string, Operation> = { create, find, get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['client'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a client',
				description:
					'Create a client; one that already carries the external reference is returned instead',
			},
			{
				name: 'Find',
				value: 'find',
				action: 'Find clients',
				description: 'Find clients by external reference, or by name and postcode',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a client',
				description: 'Get a client by its Client Ref',
			},
		],
		default: 'create',
	},
	...create.description,
	...find.description,
	...get.description,
];
