import type { INodeProperties } from 'n8n-workflow';

import * as connect from './connect.operation';
import * as disconnect from './disconnect.operation';
import * as get from './get.operation';
import * as getAll from './getMany.operation';

export { connect, disconnect, get, getAll };

/**
 * CASEpeer's contract has no general case-update endpoint: cases are read, and only the "Connect to Case Status"
 * flag can be written (docs/api/casepeer.md#connect-case, #disconnect-case).
 */
export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['case'] } },
		options: [
			{
				name: 'Connect to Case Status',
				value: 'connect',
				action: 'Connect a case to case status',
				description: 'Mark the case as in scope of the Case Status sync ("Connect to Case Status")',
			},
			{
				name: 'Disconnect From Case Status',
				value: 'disconnect',
				action: 'Disconnect a case from case status',
				description: 'Clear the "Connect to Case Status" flag',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a case',
				description: 'Get a case by ID or URL',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many cases',
				description: 'List cases, optionally changed since a time',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
	...connect.description,
	...disconnect.description,
];
