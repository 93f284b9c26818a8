import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/router';
import * as connect from './connect.operation';
import * as disconnect from './disconnect.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

/** This resource's operations by value: the router's table (actions/router.ts). */
export const operations: Record<string, Operation> = { connect, disconnect, get, getAll };

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
				name: 'Mark as Synced to Case Status',
				value: 'connect',
				action: 'Mark a case as synced to case status',
				description:
					'Tick the case\'s "Connect to Case Status" box so the Case Status sync includes it; nothing else changes',
			},
			{
				name: 'Unmark as Synced to Case Status',
				value: 'disconnect',
				action: 'Unmark a case as synced to case status',
				description:
					'Untick the case\'s "Connect to Case Status" box so the sync leaves it out; nothing else changes',
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
