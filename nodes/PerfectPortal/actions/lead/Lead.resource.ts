import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/router';
import * as convert from './convert.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

/** This resource's operations by value: the router's table (actions/router.ts). */
export const operations: Record<string, Operation> = { convert, get, getAll };

/** Leads: enquiries for non-conveyancing work (the contract's Lead with kind "enquiry"). */
export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['lead'] } },
		options: [
			{
				name: 'Convert to Case',
				value: 'convert',
				action: 'Convert a lead to a case',
				description: 'Turn a lead into a case, with a person responsible and conversion notes',
			},
			{ name: 'Get', value: 'get', action: 'Get a lead', description: 'Get a lead by ID' },
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many leads',
				description: 'List leads, optionally by status or since a time',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
	...convert.description,
];
