import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { parseInput, z } from '../../../shared/validate';
import { caseStatusRequest, endpoints } from '../../transport';
import { caseLocator } from '../common';
import { createOnCase } from '../lookups';

const properties: INodeProperties[] = [
	caseLocator,
	{
		displayName: 'Message',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		description: 'What the client reads in the Case Status app',
	},
	{
		displayName: 'Send As',
		name: 'sendAs',
		type: 'options',
		options: [
			{ name: 'Primary Attorney of the Case', value: 'primary' },
			{ name: 'Another User', value: 'user' },
		],
		default: 'primary',
	},
	{
		displayName: 'Sender Name or ID',
		name: 'senderEmail',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getSenders' },
		default: '',
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		displayOptions: { show: { sendAs: ['user'] } },
	},
	{
		displayName: 'External Reference',
		name: 'externalRef',
		type: 'string',
		default: '',
		placeholder: 'e.g. casepeer:note:n_123',
		description:
			'A unique reference for this message: a message with the same reference is never sent twice, and relays skip their own messages by it',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['send'] } },
	properties,
);

const input = z.object({
	content: z
		.string()
		.trim()
		.min(1, 'is empty: there is nothing to send')
		.max(5000, 'is longer than 5000 characters'),
	externalRef: z.string().max(100, 'is longer than 100 characters'),
});

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const { content, externalRef } = parseInput(
		this.getNode(),
		input,
		{
			content: this.getNodeParameter('content', itemIndex, ''),
			externalRef: this.getNodeParameter('externalRef', itemIndex, ''),
		},
		itemIndex,
	);
	const sendAs = this.getNodeParameter('sendAs', itemIndex, 'primary') as string;
	const sender =
		sendAs === 'user' ? (this.getNodeParameter('senderEmail', itemIndex, '') as string) : '';
	const body: IDataObject = {
		content,
		...(sender ? { sender_email: sender } : {}),
		...(externalRef.trim() ? { external_ref: externalRef.trim() } : {}),
	};
	return await createOnCase(
		this,
		itemIndex,
		endpoints.messages(),
		externalRef.trim() || null,
		async (caseId, call) =>
			await caseStatusRequest<IDataObject>(this, 'POST', endpoints.caseMessages(caseId), {
				...call,
				body,
			}),
	);
}
