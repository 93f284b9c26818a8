import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { contactName } from '../mapping';
import type { PagedCollection } from '../transport';
import { endpoints, smokeballApi } from '../transport';

const PAGE = 50;

/**
 * One page (50) of a Smokeball list for a picker's From List mode: `query` gets the typed filter, trimmed, and
 * `item` names each row; the next page's token is the offset after it.
 */
async function searchPage(
	ctx: ILoadOptionsFunctions,
	path: string,
	filter: string | undefined,
	paginationToken: string | undefined,
	o: { query: (search: string) => IDataObject; item: (row: IDataObject) => INodeListSearchItems },
): Promise<INodeListSearchResult> {
	const offset = paginationToken ? Number(paginationToken) : 0;
	const query = { ...o.query((filter ?? '').trim()), Offset: offset, Limit: PAGE };
	const body = await smokeballApi<PagedCollection<IDataObject>>(ctx, 'GET', path, {
		query: query as Record<string, string | number>,
	});
	const rows = body?.value ?? [];
	const size = typeof body?.size === 'number' ? body.size : 0;
	return {
		results: rows.map(o.item),
		paginationToken: offset + rows.length < size ? String(offset + rows.length) : undefined,
	};
}

/** Matters and leads, newest changes first, searched by Smokeball (clients, other sides, description, number). */
export async function searchMatters(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage(this, endpoints.matters(), filter, paginationToken, {
		query: (search) => ({
			Type: 'Matters,Leads',
			Sort: 'desc(lastUpdated)',
			...(search ? { Search: search } : {}),
		}),
		item: (m) => ({
			name: `${String(m.title ?? m.number ?? m.id)}${m.isLead ? ' (lead)' : ''}`,
			value: String(m.id),
			// The record's link, which the picker's By URL mode takes.
			url: typeof m.href === 'string' ? m.href : undefined,
		}),
	});
}

/** Contacts by name (Smokeball's `name:*text*` search). */
export async function searchContacts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage(this, endpoints.contacts(), filter, paginationToken, {
		query: (search) => ({
			ExcludeDeletedContacts: 'true',
			...(search ? { Search: `name:*${search}*` } : {}),
		}),
		item: (c) => ({
			name: contactName(c) || String(c.id),
			value: String(c.id),
			url: typeof c.href === 'string' ? c.href : undefined,
		}),
	});
}
