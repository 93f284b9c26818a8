import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/router';
import * as checkMapping from './checkMapping.operation';
import * as getAll from './getAll.operation';

/** This resource's operations by value: the router's table (actions/router.ts). */
export const operations: Record<string, Operation> = { checkMapping, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['stage'] } },
		options: [
			{
				name: 'Check Mapping',
				value: 'checkMapping',
				action: 'Check a stage mapping',
				description: 'Show how each source stage maps to a Case Status stage, and which do not map',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many stages',
				description: "List the firm's stages and their integration mappings",
			},
		],
		default: 'getAll',
	},
	...checkMapping.description,
	...getAll.description,
];
