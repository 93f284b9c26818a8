import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	externalRefFilter,
	filtersCollection,
	readLimit,
	returnAllAndLimit,
	updatedSinceFilter,
} from '../../../shared/descriptions';
import { collect } from '../../../shared/paging';
import { isoTimestamp, parseInput, z } from '../../../shared/validate';
import { endpoints, ppList } from '../../transport';
import { caseLocator, isoOrUndefined, quoteLocator, readCaseId, readLeadId } from '../common';

export const DOCUMENT_KINDS = [
	{ name: 'Client Care', value: 'client_care' },
	{ name: 'Other', value: 'other' },
	{ name: 'Quote PDF', value: 'quote_pdf' },
];

export const documentScope: INodeProperties = {
	displayName: 'On',
	name: 'scope',
	type: 'options',
	options: [
		{ name: 'Case', value: 'case', description: "A case's documents (its quote PDF included)" },
		{ name: 'Quote', value: 'quote', description: "A quote's documents, such as the quote PDF" },
	],
	default: 'case',
};

const properties: INodeProperties[] = [
	documentScope,
	{ ...caseLocator, displayOptions: { show: { scope: ['case'] } } },
	{ ...quoteLocator, displayOptions: { show: { scope: ['quote'] } } },
	...returnAllAndLimit(),
	filtersCollection([
		externalRefFilter('document'),
		{
			displayName: 'Kind',
			name: 'kind',
			type: 'options',
			options: DOCUMENT_KINDS,
			default: 'quote_pdf',
		},
		updatedSinceFilter(
			'Only documents changed at or after this time (oldest change first). Case documents only.',
		),
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['document'], operation: ['getAll'] } },
	properties,
);

const filtersSchema = z.object({
	externalRef: z.string().optional(),
	kind: z.enum(['quote_pdf', 'client_care', 'other']).optional(),
	updatedSince: isoTimestamp.optional().or(z.literal('')),
});

/** Document metadata (id, file name, type, size, sha256, kind), never the bytes: use Download for those. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const scope = this.getNodeParameter('scope', itemIndex, 'case') as string;
	const path =
		scope === 'quote'
			? endpoints.quoteDocuments(readLeadId.call(this, itemIndex, 'quote'))
			: endpoints.caseDocuments(readCaseId.call(this, itemIndex));
	const limit = readLimit(this, itemIndex);
	const filters = parseInput(
		this.getNode(),
		filtersSchema,
		this.getNodeParameter('filters', itemIndex, {}),
		itemIndex,
		{ field: 'Filters' },
	);
	const query = {
		kind: filters.kind,
		external_ref: filters.externalRef?.trim() || undefined,
		// The quote documents list takes no time filter.
		updated_since: scope === 'case' ? isoOrUndefined(filters.updatedSince) : undefined,
	};
	const documents = await collect(
		ppList<IDataObject>(this, path, query, { limit, itemIndex }),
		limit,
	);
	return documents.map((json) => ({ json }));
}
