import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { contactLocator, readIdList, rowGuid } from '../common';

// The matter fields more than one operation shows, and the clients input of Matter › Create.

export const STATUS_OPTIONS = [
	{ name: 'Cancelled', value: 'Cancelled' },
	{ name: 'Closed', value: 'Closed' },
	{ name: 'Open', value: 'Open' },
	{ name: 'Pending', value: 'Pending' },
];

export const staffOption = (
	displayName: string,
	name: string,
	description: string,
): INodeProperties => ({
	displayName,
	name,
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getStaff' },
	default: '',
	description: `${description}. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
});

// Version 1 (the templates) takes comma-separated contact IDs; from version 2 each client is picked from a list.
export const clientIdsField: INodeProperties = {
	displayName: 'Client Contact IDs',
	name: 'clientIds',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 9a9ce552-6bee-45e4-8eb1-afe2c18c489f',
	description: 'The clients, comma-separated Smokeball contact IDs (Contact › Create returns them)',
};

export const CLIENT_FIX =
	'Pick the client from the list, or enter its contact ID, e.g. from Contact › Create.';

/** The clients' contact IDs: rows of contact pickers (version 2), or a comma-separated list (version 1). */
export function readClientIds(ctx: IExecuteFunctions, itemIndex: number): string[] {
	if (ctx.getNode().typeVersion < 2)
		return readIdList(
			ctx,
			itemIndex,
			ctx.getNodeParameter('clientIds', itemIndex, ''),
			'Client Contact IDs',
		);
	const rows = ctx.getNodeParameter('clients.client', itemIndex, []) as IDataObject[];
	const ids = rows.map((row, i) =>
		rowGuid(
			ctx,
			itemIndex,
			row.contact,
			rows.length > 1 ? `Clients › Client ${i + 1}` : 'Clients › Contact',
			CLIENT_FIX,
		),
	);
	return [...new Set(ids)];
}

/** From version 2 each client is picked from the contact list; the first is the main client. */
export const clientsField: INodeProperties = {
	displayName: 'Clients',
	name: 'clients',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Client',
	default: { client: [{ contact: { __rl: true, mode: 'list', value: '' } }] },
	required: true,
	description: 'The clients of the matter; the first is the main client',
	displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
	options: [
		{
			name: 'client',
			displayName: 'Client',
			values: [{ ...contactLocator, description: 'The Smokeball contact who is the client' }],
		},
	],
};
