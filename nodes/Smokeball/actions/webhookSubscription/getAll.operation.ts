import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readLimit, returnAllAndLimit } from '../../../shared/descriptions';
import { collect } from '../../../shared/paging';
import { endpoints, smokeballList } from '../../transport';
import type { Subscription } from '../../trigger/subscriptions';

export const description = updateDisplayOptions(
	{ show: { resource: ['webhookSubscription'], operation: ['getAll'] } },
	returnAllAndLimit(),
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const limit = readLimit(this, itemIndex);
	const subs = await collect(
		smokeballList<Subscription>(this, endpoints.webhooks(), {}, { limit, itemIndex }),
		limit,
	);
	return subs.map((s) => ({ json: s }));
}
