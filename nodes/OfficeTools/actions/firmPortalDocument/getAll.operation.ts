import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	filtersCollection,
	returnAllAndLimit,
	updatedSinceFilter,
} from '../../../shared/descriptions';
import { isoTimestamp, z } from '../../../shared/validate';
import { endpoints } from '../../transport';
import { clientIdFilter, isoOrUndefined, listRecords } from '../common';
import { readFilters } from '../../../shared/listRows';

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	filtersCollection([
		clientIdFilter('Only documents uploaded for this WorkSpace client'),
		{
			displayName: 'Legacy Document ID',
			name: 'legacyDocumentId',
			type: 'string',
			default: '',
			placeholder: 'e.g. ld_1002',
			description: 'Only the document migrated from this old-portal document',
		},
		updatedSinceFilter('Only documents changed at or after this time (oldest change first)'),
		{
			displayName: 'User ID',
			name: 'userId',
			type: 'string',
			default: '',
			placeholder: 'e.g. pu_1001',
			description: 'Only documents uploaded for this Firm Portal user',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['firmPortalDocument'], operation: ['getAll'] } },
	properties,
);

const filtersSchema = z.object({
	clientId: z.string().trim().optional(),
	legacyDocumentId: z.string().trim().optional(),
	updatedSince: isoTimestamp.optional().or(z.literal('')),
	userId: z.string().trim().optional(),
});

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const filters = readFilters(this, filtersSchema, itemIndex);
	const query = {
		client_id: filters.clientId || undefined,
		legacy_document_id: filters.legacyDocumentId || undefined,
		updated_since: isoOrUndefined(filters.updatedSince),
		user_id: filters.userId || undefined,
	};
	const documents = await listRecords.call(this, endpoints.portalDocuments(), query, itemIndex);
	return documents.map((json) => ({ json }));
}
