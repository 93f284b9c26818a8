import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/router';
import * as close from './close.operation';
import * as convertLead from './convertLead.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

/** This resource's operations by value: the router's table (actions/router.ts). */
export const operations: Record<string, Operation> = {
	close,
	convertLead,
	create,
	get,
	getAll,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['matter'] } },
		options: [
			{
				name: 'Close',
				value: 'close',
				action: 'Close a matter',
				description: 'Set a matter or lead to Closed with its closed date',
			},
			{
				name: 'Convert Lead',
				value: 'convertLead',
				action: 'Convert a lead to a matter',
				description: 'Turn a lead into a matter of a matter type',
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create a matter',
				description: 'Create a matter or a lead; with an External System ID, never twice',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a matter',
				description: 'Get a matter or lead by ID',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many matters',
				description: 'List matters and leads, optionally updated since a time',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a matter',
				description: 'Change fields of a matter or lead; unchanged fields are not written',
			},
		],
		default: 'get',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
	...close.description,
	...convertLead.description,
];
