import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { caseStatusApi, endpoints } from '../transport';

const PAGE = 50;

/** Cases for the resource locator's list, newest first page by page, filtered by name or number. */
export async function searchCases(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = paginationToken ? Number(paginationToken) : 1;
	const cases = await caseStatusApi<IDataObject[]>(this, 'GET', endpoints.cases(), {
		query: { 'page[number]': page, size: PAGE },
	});
	const needle = (filter ?? '').toLowerCase();
	const results = cases
		.filter(
			(c) =>
				!needle || `${c.name} ${c.readable_id} ${c.integration_id}`.toLowerCase().includes(needle),
		)
		.map((c) => ({
			name: `${c.name} (${c.readable_id ?? c.integration_id})`,
			value: String(c.id),
		}));
	return { results, paginationToken: cases.length < PAGE ? undefined : String(page + 1) };
}
