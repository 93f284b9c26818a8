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
		displayOptions: { show: { resource: ['firmPortalDocument'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many firm portal documents',
				description: 'List Firm Portal documents, e.g. the one carrying a legacy document ID',
			},
			{
				name: 'Upload',
				value: 'upload',
				action: 'Upload a firm portal document',
				description:
					'Step 4 "Upload Documents": put a file on the Firm Portal for a user or a client; with a legacy document ID, never twice',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...upload.description,
];
