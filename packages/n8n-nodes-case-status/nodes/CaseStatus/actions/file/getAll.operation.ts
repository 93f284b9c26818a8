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
			displayName: 'After File ID',
			name: 'afterId',
			type: 'number',
			default: 0,
			description: 'Only files with a higher ID',
		},
		{ displayName: 'External Reference', name: 'externalRef', type: 'string', default: '' },
		{
			displayName: 'Integration ID',
			name: 'integrationId',
			type: 'string',
			default: '',
			description: 'Only files on this case',
		},
		{ displayName: 'Updated Since', name: 'updatedSince', type: 'dateTime', default: '' },
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['file'], operation: ['getAll'] } },
	properties,
);

const filtersSchema = z.object({
	afterId: z.number().int().min(0).optional(),
	externalRef: z.string().optional(),
	integrationId: z.string().optional(),
	updatedSince: isoTimestamp.optional().or(z.literal('')),
});

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const limit = readLimit(this, itemIndex);
	const f = readFilters(this, filtersSchema, itemIndex);
	const query = {
		after_id: f.afterId || undefined,
		external_ref: f.externalRef || undefined,
		integration_id: f.integrationId || undefined,
		updated_since: f.updatedSince ? new Date(f.updatedSince).toISOString() : undefined,
	};
	return await listRows(this, caseStatusList, endpoints.files(), query, { limit, itemIndex });
}
