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
import { casePeerList, endpoints } from '../../transport';
import { caseLocator, isoOrUndefined, readCaseId } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Scope',
		name: 'scope',
		type: 'options',
		options: [
			{ name: 'All Cases', value: 'all', description: 'Documents across every case' },
			{ name: 'One Case', value: 'case', description: "One case's documents" },
		],
		default: 'all',
	},
	{ ...caseLocator, displayOptions: { show: { scope: ['case'] } } },
	...returnAllAndLimit(),
	filtersCollection([
		externalRefFilter('document'),
		updatedSinceFilter('Only documents changed at or after this time (oldest change first)'),
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['document'], operation: ['getAll'] } },
	properties,
);

const filtersSchema = z.object({
	externalRef: z.string().optional(),
	updatedSince: isoTimestamp.optional().or(z.literal('')),
});

/** Document metadata (id, file name, type, size, sha256, folder, case), never the bytes: use Download for those. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const scope = this.getNodeParameter('scope', itemIndex, 'all') as string;
	const caseId = scope === 'case' ? readCaseId.call(this, itemIndex) : undefined;
	const limit = readLimit(this, itemIndex);
	const filters = parseInput(
		this.getNode(),
		filtersSchema,
		this.getNodeParameter('filters', itemIndex, {}),
		itemIndex,
		{ field: 'Filters' },
	);
	const query = {
		updated_since: isoOrUndefined(filters.updatedSince),
		external_ref: filters.externalRef?.trim() || undefined,
	};
	const path = caseId === undefined ? endpoints.documents() : endpoints.caseDocuments(caseId);
	const documents = await collect(
		casePeerList<IDataObject>(this, path, query, { limit, itemIndex }),
		limit,
	);
	return documents.map((json) => ({ json }));
}
