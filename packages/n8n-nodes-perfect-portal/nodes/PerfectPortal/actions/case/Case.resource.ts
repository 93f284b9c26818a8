import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/router';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as linkMatter from './linkMatter.operation';
import * as readFile from './readFile.operation';

/** This resource's operations by value: the router's table (actions/router.ts). */
export const operations: Record<string, Operation> = { get, getAll, linkMatter, readFile };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['case'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a case',
				description: 'Get a case with its clients and contacts, properties, fees and key stage',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many cases',
				description:
					'List cases created within the last day, week, month, a custom period or since a date',
			},
			{
				name: 'Link to Case Management Matter',
				value: 'linkMatter',
				action: 'Link a case to a case management matter',
				description: 'Record the matter made from the case, e.g. its DPS Mat Ref',
			},
			{
				name: 'Read Downloaded File',
				value: 'readFile',
				action: 'Read cases from a downloaded file',
				description:
					'Read the cases of a file downloaded from Perfect Portal (JSON or CSV), like "Open from File" in DPS One Office',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
	...linkMatter.description,
	...readFile.description,
];
