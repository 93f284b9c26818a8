import type { INodeProperties } from 'n8n-workflow';

import * as activate from './activate.operation';
import * as getStatus from './getStatus.operation';

export { activate, getStatus };

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
				name: 'Get Status',
				value: 'getStatus',
				action: 'Get the firm portal status',
				description: 'Whether the Firm Portal is active, its subdomain, address and branding',
			},
		],
		default: 'getStatus',
	},
	...activate.description,
	...getStatus.description,
];
