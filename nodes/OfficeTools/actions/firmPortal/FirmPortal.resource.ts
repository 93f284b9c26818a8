import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/router';
import * as activate from './activate.operation';
import * as checkSubdomain from './checkSubdomain.operation';
import * as getStatus from './getStatus.operation';

/** This resource's operations by value: the router's table (actions/router.ts). */
export const operations: Record<string, Operation> = { activate, checkSubdomain, getStatus };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['firmPortal'] } },
		options: [
			{
				name: 'Activate',
				value: 'activate',
				action: 'Activate the firm portal',
				description:
					'Step 1 of the migration: activate the new Firm Portal at a subdomain with your branding. Reroutes every current portal user at once; there is no undo.',
			},
			{
				name: 'Check Subdomain',
				value: 'checkSubdomain',
				action: 'Check a firm portal subdomain',
				description:
					'The "Verify Link" check: whether the Firm Portal can be activated at a subdomain, and why not',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				action: 'Get the firm portal status',
				description: 'Whether the Firm Portal is active, its subdomain, address and branding',
			},
		],
		default: 'getStatus',
	},
	...activate.description,
	...checkSubdomain.description,
	...getStatus.description,
];
