import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/router';
import * as getAll from './getAll.operation';
import * as upload from './upload.operation';

/** This resource's operations by value: the router's table (actions/router.ts). */
export const operations: Record<string, Operation> = { getAll, upload };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['workspaceDocument'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many workspace documents',
				description: "List a client's WorkSpace documents",
			},
			{
				name: 'Upload',
				value: 'upload',
				action: 'Upload a workspace document',
				description:
					"Step 2: file a document into the client's WorkSpace folder; with a legacy document ID, never twice",
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...upload.description,
];
