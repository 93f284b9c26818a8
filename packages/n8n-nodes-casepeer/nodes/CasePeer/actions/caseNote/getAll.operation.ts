import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	externalRefFilter,
	filtersCollection,
	listOptionsField,
	readLimit,
	returnAllAndLimit,
	updatedSinceFilter,
} from '../../../shared/descriptions';
import { listRows, readFilters } from '../../../shared/listRows';
import { isoTimestamp, z } from '../../../shared/validate';
import { casePeerList, endpoints } from '../../transport';
import { caseLocator, isoOrUndefined, noteCategoryId, readCaseId } from '../common';

const properties: INodeProperties[] = [
	caseLocator,
	...returnAllAndLimit(),
	filtersCollection([
		listOptionsField('Category', 'categoryId', 'getNoteCategories', 'Only notes in this category'),
		externalRefFilter('note'),
		updatedSinceFilter('Only notes changed at or after this time (oldest change first)'),
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['caseNote'], operation: ['getAll'] } },
	properties,
);

const filtersSchema = z.object({
	categoryId: z.union([z.string(), z.number()]).optional(),
	externalRef: z.string().optional(),
	updatedSince: isoTimestamp.optional().or(z.literal('')),
});

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const caseId = readCaseId.call(this, itemIndex);
	const limit = readLimit(this, itemIndex);
	const filters = readFilters(this, filtersSchema, itemIndex);
	const query = {
		updated_since: isoOrUndefined(filters.updatedSince),
		category_id:
			filters.categoryId === undefined || !String(filters.categoryId).trim()
				? undefined
				: await noteCategoryId(this, String(filters.categoryId), itemIndex),
		external_ref: filters.externalRef?.trim() || undefined,
	};
	const path = endpoints.caseNotes(caseId);
	return await listRows(this, casePeerList, path, query, { limit, itemIndex });
}
