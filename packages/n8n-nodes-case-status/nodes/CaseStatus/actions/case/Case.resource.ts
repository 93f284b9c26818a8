import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/router';
import * as close from './close.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as reopen from './reopen.operation';
import * as sync from './sync.operation';
import * as update from './update.operation';

/** This resource's operations by value: the router's table (actions/router.ts). */
export const operations: Record<string, Operation> = {
	close,
	create,
	get,
	getAll,
	reopen,
	sync,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['case'] } },
		options: [
			{
				name: 'Close',
				value: 'close',
				action: 'Close a case',
				description: 'Close a case (no-op if already closed)',
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create a case',
				description: 'Import a case, checking every rule first; never adds a case twice',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a case',
				description: 'Get a case by integration ID or internal ID',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many cases',
				description: 'List cases, optionally changed since a time',
			},
			{
				name: 'Reopen',
				value: 'reopen',
				action: 'Reopen a case',
				description: 'Reopen a closed case',
			},
			{
				name: 'Sync',
				value: 'sync',
				action: 'Sync cases',
				description: 'Bring connected cases in line with their source, one outcome row per case',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a case',
				description: "Change a case's stage, status or fields",
			},
		],
		default: 'getAll',
	},
	...close.description,
	...create.description,
	...get.description,
	...getAll.description,
	...reopen.description,
	...sync.description,
	...update.description,
];
