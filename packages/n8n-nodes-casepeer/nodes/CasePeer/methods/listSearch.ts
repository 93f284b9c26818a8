import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { caseIdFromLocator } from '../actions/common';
import { casePeerPage, casePeerRequest, endpoints } from '../transport';

const PAGE = 100;
/** Pages read per call while a search filter finds nothing, so typing a rare name still answers quickly. */
const MAX_PAGES_PER_CALL = 5;

function entry(c: IDataObject): INodeListSearchItems {
	const label = c.number ? `${c.name} (#${c.number}, ${c.id})` : `${c.name} (${c.id})`;
	return { name: label, value: String(c.id), url: typeof c.url === 'string' ? c.url : undefined };
}

function matches(c: IDataObject, needle: string): boolean {
	return `${c.name} ${c.number ?? ''} ${c.id}`.toLowerCase().includes(needle);
}

/**
 * Cases for the resource locator's list, most recently updated first, filtered by name, number or ID. The list is
 * ordered oldest change first, so this walks its pages from the last one back; the token is the next page to read.
 * Typing an ID or pasting a case URL looks that case up directly.
 */
export async function searchCases(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const needle = (filter ?? '').trim().toLowerCase();
	const results: INodeListSearchItems[] = [];

	const directId = paginationToken ? null : caseIdFromLocator(needle);
	if (directId !== null) {
		const found = await casePeerRequest<IDataObject>(this, 'GET', endpoints.case(directId), {
			accept: [404],
		});
		if (found.status === 200 && found.body) results.push(entry(found.body));
	}

	let page: number;
	if (paginationToken) {
		page = Number(paginationToken);
	} else {
		const first = await casePeerPage<IDataObject>(this, endpoints.cases(), {}, 1, PAGE);
		page = Math.max(1, Math.ceil(first.meta.total / PAGE));
		if (page === 1) {
			const rows = [...first.data].reverse().filter((c) => !needle || matches(c, needle));
			for (const c of rows) if (String(c.id) !== String(directId)) results.push(entry(c));
			return { results };
		}
	}

	for (let read = 0; page >= 1 && read < MAX_PAGES_PER_CALL; read++, page--) {
		const body = await casePeerPage<IDataObject>(this, endpoints.cases(), {}, page, PAGE);
		for (const c of [...body.data].reverse()) {
			if ((!needle || matches(c, needle)) && String(c.id) !== String(directId)) {
				results.push(entry(c));
			}
		}
		if (!needle || results.length) {
			page--;
			break;
		}
	}
	return { results, paginationToken: page >= 1 ? String(page) : undefined };
}
