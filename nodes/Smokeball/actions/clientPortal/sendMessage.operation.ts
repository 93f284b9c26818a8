import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { refuseField } from '../../../shared/problems';
import { parseInput, z } from '../../../shared/validate';
import { linkId } from '../../mapping';
import { endpoints, newRequestId, smokeballApi } from '../../transport';
import { matterLocator, optionalGuid, readMatterId } from '../common';

const properties: INodeProperties[] = [
	matterLocator,
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
	},
	{
		displayName: 'Recipient Contact ID',
		name: 'contactId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 9a9ce552-6bee-45e4-8eb1-afe2c18c489f',
		description: "A client of the matter; the matter's first client when empty",
	},
	{
		displayName: 'Require MFA',
		name: 'requireMFA',
		type: 'boolean',
		default: false,
		description:
			'Whether the client must pass multi-factor authentication before reading the message',
	},
	{
		displayName: 'Send As User Name or ID',
		name: 'userId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getUsers' },
		default: '',
		description:
			'The lawyer the message comes from (the UserId header; needed with client credentials). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['clientPortal'], operation: ['sendMessage'] } },
	properties,
);

/** POST /matters/{id}/portal/messages (PortalMessageDto); Smokeball answers 202 with no body. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const matterId = readMatterId(this, itemIndex);
	const message = parseInput(
		this.getNode(),
		z.string().refine((v) => v.trim() !== '', 'is empty'),
		String(this.getNodeParameter('message', itemIndex, '')),
		itemIndex,
		{ field: 'Message', fix: 'Enter the message for the client.' },
	);
	let contactId = optionalGuid(
		this,
		itemIndex,
		this.getNodeParameter('contactId', itemIndex, ''),
		'Recipient Contact ID',
	);
	const userId = optionalGuid(
		this,
		itemIndex,
		this.getNodeParameter('userId', itemIndex, ''),
		'Send As User',
	);
	const requireMFA = this.getNodeParameter('requireMFA', itemIndex, false) as boolean;
	if (!contactId) {
		const matter = await smokeballApi<IDataObject>(this, 'GET', endpoints.matter(matterId), {
			itemIndex,
		});
		const first = Array.isArray(matter.clients) ? linkId(matter.clients[0]) : null;
		if (!first) {
			refuseField(this, itemIndex, 'Smokeball', {
				field: 'Recipient Contact ID',
				code: 'no_recipient',
				message: 'is empty and the matter has no client',
				fix: 'Enter the contact ID of the recipient.',
			});
		}
		contactId = first;
	}
	const requestId = newRequestId();
	await smokeballApi(this, 'POST', endpoints.portalMessages(matterId), {
		body: { contactId, message, requireMFA },
		headers: userId ? { UserId: userId } : {},
		requestId,
		itemIndex,
	});
	return [{ json: { matterId, contactId, requireMFA, accepted: true, requestId } }];
}
