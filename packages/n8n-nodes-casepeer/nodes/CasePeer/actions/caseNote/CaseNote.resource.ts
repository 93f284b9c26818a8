import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/router';
import * as create from './create.operation';
import * as getAll from './getAll.operation';

/** This resource's operations by value: the router's table (actions/router.ts). */
export const operations: Record<string, Operation> = { create, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['caseNote'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a case note',
				description: 'Add a note to a case; with an external reference, never twice',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many case notes',
				description: "List a case's notes, optionally changed since a time",
			},
		],
		default: 'create',
	},
	...create.description,
	...getAll.description,
];
