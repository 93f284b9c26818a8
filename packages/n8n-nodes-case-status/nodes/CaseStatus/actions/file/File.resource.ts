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
		displayOptions: { show: { resource: ['file'] } },
		options: [
			{
				name: 'Download',
				value: 'download',
				action: 'Download a file',
				description: "Download a file's content as binary data",
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many files',
				description: 'List files, e.g. those changed since the last run',
			},
			{
				name: 'Upload',
				value: 'upload',
				action: 'Upload a file',
				description: 'Upload a file to a case; never twice with the same external reference',
			},
		],
		default: 'upload',
	},
	...download.description,
	...getAll.description,
	...upload.description,
];
