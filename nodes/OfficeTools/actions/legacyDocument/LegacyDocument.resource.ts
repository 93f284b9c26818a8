import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/router';
import * as deleteOperation from './delete.operation'; // `delete` is a reserved word
import * as download from './download.operation';
import * as getAll from './getAll.operation';

/** This resource's operations by value: the router's table (actions/router.ts). */
export const operations: Record<string, Operation> = { delete: deleteOperation, download, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['legacyDocument'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a legacy portal document',
				description:
					'Step 5: remove the file from the old portal (the record stays listed). Optionally only once the Firm Portal holds the same file.',
			},
			{
				name: 'Download',
				value: 'download',
				action: 'Download a legacy portal document',
				description:
					"Get a document's file as binary data, from the WorkSpace copy when retention already removed it",
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many legacy portal documents',
				description:
					'Search old-portal documents by name and date range, e.g. those not yet downloaded into WorkSpace',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...download.description,
	...deleteOperation.description,
];
