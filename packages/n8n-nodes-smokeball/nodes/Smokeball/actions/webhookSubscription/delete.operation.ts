import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { endpoints, smokeballRequest } from '../../transport';
import { readGuid } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Subscription ID',
		name: 'subscriptionId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 5b1c0e34-8f8a-4a43-9a49-0c1d2e3f4a5b',
		description: 'The webhook subscription to remove (Get Many lists them)',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['webhookSubscription'], operation: ['delete'] } },
	properties,
);

/** Deleting one that is already gone is not an error: the result says so. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const id = readGuid(
		this,
		itemIndex,
		'subscriptionId',
		'Subscription ID',
		'Enter the ID of a subscription, e.g. {{ $json.id }} from Webhook Subscription › Get Many.',
	);
	const response = await smokeballRequest(this, 'DELETE', endpoints.webhook(id), {
		accept: [404],
		itemIndex,
	});
	return [{ json: { id, deleted: response.status !== 404 } }];
}
