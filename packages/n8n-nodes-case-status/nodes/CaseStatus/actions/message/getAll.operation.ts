import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filtersCollection, readLimit, returnAllAndLimit } from '../../../shared/descriptions';
import { listRows, readFilters } from '../../../shared/listRows';
import { isoTimestamp, z } from '../../../shared/validate';
import { caseStatusList, endpoints } from '../../transport';

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	filtersCollection([
		{
			displayName: 'After Message ID',
			name: 'afterId',
			type: 'number',
			default: 0,
			description: 'Only messages with a higher ID: the cursor of the last message you processed',
		},
		{ displayName: 'Created Since', name: 'createdSince', type: 'dateTime', default: '' },
		{ displayName: 'External Reference', name: 'externalRef', type: 'string', default: '' },
		{
			displayName: 'Integration ID',
			name: 'integrationId',
			type: 'string',
			default: '',
			description: 'Only messages on this case',
		},
		{
			displayName: 'Type',
			name: 'type',
			type: 'options',
			options: [
				{ name: 'Received (From Clients)', value: 'received' },
				{ name: 'Sent (To Clients)', value: 'sent' },
			],
			default: 'received',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['getAll'] } },
	properties,
);

const filtersSchema = z.object({
	afterId: z.number().int().min(0).optional(),
	createdSince: isoTimestamp.optional().or(z.literal('')),
	externalRef: z.string().optional(),
	integrationId: z.string().optional(),
	type: z.enum(['sent', 'received']).optional(),
});

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const limit = readLimit(this, itemIndex);
	const f = readFilters(this, filtersSchema, itemIndex);
	const query = {
		after_id: f.afterId || undefined,
		created_since: f.createdSince ? new Date(f.createdSince).toISOString() : undefined,
		external_ref: f.externalRef || undefined,
		integration_id: f.integrationId || undefined,
		type: f.type,
	};
	return await listRows(this, caseStatusList, endpoints.messages(), query, { limit, itemIndex });
}
