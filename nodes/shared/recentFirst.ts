import type { IDataObject, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import type { ListBody } from './contractApi';

/** Records read per page by a resource locator's list. */
export const SEARCH_PAGE = 100;
/** Pages read per call while a search filter finds nothing, so typing a rare name still answers quickly. */
const MAX_PAGES_PER_CALL = 5;

export interface RecentFirstSearch {
	/** One page of the list (ordered oldest change first), SEARCH_PAGE records a page. */
	readPage: (page: number) => Promise<ListBody<IDataObject>>;
	/** The text a filter is looked for in (case-insensitive substring). */
	text: (r: IDataObject) => string;
	entry: (r: IDataObject) => INodeListSearchItems;
	/** Looks the typed filter up at once as an ID; nothing when it is not one or not found. */
	direct?: (typed: string) => Promise<IDataObject | null | undefined>;
}

/**
 * Records of a contract-style list for a resource locator, most recently changed first (Perfect Portal, DPS One
 * Office): the lists are ordered oldest change first, so this walks the pages from the last one back; the token is
 * the next page to read. Each record is listed once, with a direct hit first.
 */
export async function recentFirst(
	search: RecentFirstSearch,
	filter: string | undefined,
	paginationToken: string | undefined,
): Promise<INodeListSearchResult> {
	const typed = (filter ?? '').trim();
	const needle = typed.toLowerCase();
	const results: INodeListSearchItems[] = [];
	const seen = new Set<string>();
	const push = (r: IDataObject) => {
		const item = search.entry(r);
		if (seen.has(String(item.value))) return;
		seen.add(String(item.value));
		results.push(item);
	};
	const pushMatches = (records: IDataObject[]) => {
		for (const r of [...records].reverse())
			if (!needle || search.text(r).toLowerCase().includes(needle)) push(r);
	};
	if (!paginationToken && typed && search.direct) {
		const found = await search.direct(typed);
		if (found) push(found);
	}
	let page: number;
	if (paginationToken) page = Number(paginationToken);
	else {
		const first = await search.readPage(1);
		page = Math.max(1, Math.ceil(first.meta.total / SEARCH_PAGE));
		if (page === 1) {
			pushMatches(first.data);
			return { results };
		}
	}
	for (let read = 0; page >= 1 && read < MAX_PAGES_PER_CALL; read++) {
		const body = await search.readPage(page);
		page--;
		pushMatches(body.data);
		if (!needle || results.length) break;
	}
	return { results, paginationToken: page >= 1 ? String(page) : undefined };
}
