import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/router';
import * as attach from './attach.operation';
import * as create from './create.operation';

/** This resource's operations by value: the router's table (actions/router.ts). */
export const operations: Record<string, Operation> = { attach, create };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{
				name: 'Attach to Matter',
				value: 'attach',
				action: 'Attach a contact to a matter',
				description: 'Attach a contact to a matter with a DPS contact type; never twice',
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create a contact',
				description:
					'Create a non-client party (estate agent, lender…); one that already carries the external reference is returned instead',
			},
		],
		default: 'create',
	},
	...attach.description,
	...create.description,
];
