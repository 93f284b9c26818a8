import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	filtersCollection,
	returnAllAndLimit,
	updatedSinceFilter,
} from '../../../shared/descriptions';
import { isoTimestamp, z } from '../../../shared/validate';
import { endpoints } from '../../transport';
import {
	isoOrUndefined,
	listRecords,
	readWorkspaceClientId,
	workspaceClientLocator,
} from '../common';
import { readFilters } from '../../../shared/listRows';

const properties: INodeProperties[] = [
	workspaceClientLocator,
	...returnAllAndLimit(),
	filtersCollection([
		{
			displayName: 'Folder',
			name: 'folder',
			type: 'string',
			default: '',
			placeholder: 'e.g. Portal',
			description: 'Only documents in this folder (exact name)',
		},
		{
			displayName: 'Legacy Document ID',
			name: 'legacyDocumentId',
			type: 'string',
			default: '',
			placeholder: 'e.g. ld_1001',
			description: 'Only the WorkSpace copy of this old-portal document',
		},
		updatedSinceFilter('Only documents changed at or after this time (oldest change first)'),
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['workspaceDocument'], operation: ['getAll'] } },
	properties,
);

const filtersSchema = z.object({
	folder: z.string().trim().optional(),
	legacyDocumentId: z.string().trim().optional(),
	updatedSince: isoTimestamp.optional().or(z.literal('')),
});

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const clientId = readWorkspaceClientId.call(this, itemIndex);
	const filters = readFilters(this, filtersSchema, itemIndex);
	const query = {
		folder: filters.folder || undefined,
		legacy_document_id: filters.legacyDocumentId || undefined,
		updated_since: isoOrUndefined(filters.updatedSince),
	};
	const path = endpoints.workspaceClientDocuments(clientId);
	const documents = await listRecords.call(this, path, query, itemIndex);
	return documents.map((json) => ({ json }));
}
