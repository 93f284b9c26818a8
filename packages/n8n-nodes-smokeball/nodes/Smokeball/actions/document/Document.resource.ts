import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/router';
import * as download from './download.operation';
import * as getAll from './getAll.operation';
import * as upload from './upload.operation';

/** This resource's operations by value: the router's table (actions/router.ts). */
export const operations: Record<string, Operation> = { download, getAll, upload };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['document'] } },
		options: [
			{
				name: 'Download',
				value: 'download',
				action: 'Download a document',
				description: "Get a file's content as binary data",
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many documents',
				description: "List the files in a matter's documents",
			},
			{
				name: 'Upload',
				value: 'upload',
				action: 'Upload a document',
				description: "Add a file to a matter's documents; with an External Reference, never twice",
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...download.description,
	...upload.description,
];
