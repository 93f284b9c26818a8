import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/router';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

/** This resource's operations by value: the router's table (actions/router.ts). */
export const operations: Record<string, Operation> = { create, get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a contact',
				description: 'Create a person or company; with an External System ID, never twice',
			},
			{ name: 'Get', value: 'get', action: 'Get a contact', description: 'Get a contact by ID' },
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many contacts',
				description: 'List contacts, searched by name, email or phone',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a contact',
				description: 'Change fields of a person or company; unchanged contacts are not written',
			},
		],
		default: 'get',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
];
