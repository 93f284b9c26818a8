import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/router';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getAllDesigns from './getAllDesigns.operation';
import * as update from './update.operation';

/** This resource's operations by value: the router's table (actions/router.ts). */
export const operations: Record<string, Operation> = { create, get, getAll, getAllDesigns, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['layout'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a layout on a matter',
				description:
					'Fill in a layout design on a matter, or update the one already there (e.g. Completion Details)',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a layout on a matter',
				description: 'Read one layout on a matter',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many layouts on a matter',
				description: 'List the layouts filled in on a matter',
			},
			{
				name: 'Get Many Designs',
				value: 'getAllDesigns',
				action: 'Get many layout designs',
				description: 'List the layout designs the firm has defined',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a layout on a matter',
				description: 'Merge values into a layout on a matter; nothing is sent when none differ',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...getAllDesigns.description,
	...update.description,
];
