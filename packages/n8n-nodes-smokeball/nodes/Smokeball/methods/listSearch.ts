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

async function page(
	ctx: ILoadOptionsFunctions,
	path: string,
	query: IDataObject,
	paginationToken?: string,
): Promise<{ rows: IDataObject[]; next?: string }> {
	const offset = paginationToken ? Number(paginationToken) : 0;
	const body = await smokeballApi<PagedCollection<IDataObject>>(ctx, 'GET', path, {
		query: { ...query, Offset: offset, Limit: PAGE } as Record<string, string | number>,
	});
	const rows = body?.value ?? [];
	const size = typeof body?.size === 'number' ? body.size : 0;
	return { rows, next: offset + rows.length < size ? String(offset + rows.length) : undefined };
}

/** Matters and leads, newest changes first, searched by Smokeball (clients, other sides, description, number). */
export async function searchMatters(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const search = (filter ?? '').trim();
	const { rows, next } = await page(
		this,
		endpoints.matters(),
		{ Type: 'Matters,Leads', Sort: 'desc(lastUpdated)', ...(search ? { Search: search } : {}) },
		paginationToken,
	);
	const results: INodeListSearchItems[] = rows.map((m) => ({
		name: `${String(m.title ?? m.number ?? m.id)}${m.isLead ? ' (lead)' : ''}`,
		value: String(m.id),
		// The record's link, which the picker's By URL mode takes.
		url: typeof m.href === 'string' ? m.href : undefined,
	}));
	return { results, paginationToken: next };
}

/** Contacts by name (Smokeball's `name:*text*` search). */
export async function searchContacts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const search = (filter ?? '').trim();
	const { rows, next } = await page(
		this,
		endpoints.contacts(),
		{ ExcludeDeletedContacts: 'true', ...(search ? { Search: `name:*${search}*` } : {}) },
		paginationToken,
	);
	const results: INodeListSearchItems[] = rows.map((c) => ({
		name: contactName(c) || String(c.id),
		value: String(c.id),
		url: typeof c.href === 'string' ? c.href : undefined,
	}));
	return { results, paginationToken: next };
}
