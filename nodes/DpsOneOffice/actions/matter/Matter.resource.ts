import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/router';
import * as create from './create.operation';
import * as find from './find.operation';
import * as get from './get.operation';
import * as importCase from './importCase.operation';

/** This resource's operations by value: the router's table (actions/router.ts). */
export const operations: Record<string, Operation> = { create, find, get, importCase };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['matter'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a matter',
				description:
					'Create a matter (and its client if needed); a matter already carrying the external reference is returned instead',
			},
			{
				name: 'Find',
				value: 'find',
				action: 'Find a matter',
				description:
					'Find the matter that carries an external reference, e.g. a Perfect Portal Case ID',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a matter',
				description: 'Get a matter by its Mat Ref',
			},
			{
				name: 'Import Case',
				value: 'importCase',
				action: 'Import a case as a matter with its clients and contacts',
				description:
					"Check everything first, then create the client(s), the matter and its contacts, like One Office's Import Selected Cases; a case already in DPS is linked, never created twice",
			},
		],
		default: 'create',
	},
	...create.description,
	...find.description,
	...get.description,
	...importCase.description,
];
