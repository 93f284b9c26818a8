import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { endpoints, officeToolsPage } from '../transport';

const PAGE = 100;

const nextToken = (next: number | null) => (next ? String(next) : undefined);
const includes = (text: string, needle: string) => !needle || text.toLowerCase().includes(needle);

/** WorkSpace clients by name (the API filters by name), in name order. */
export async function searchWorkspaceClients(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = paginationToken ? Number(paginationToken) : 1;
	const body = await officeToolsPage<IDataObject>(
		this,
		endpoints.workspaceClients(),
		{ name: filter?.trim() || undefined },
		page,
		PAGE,
	);
	const results: INodeListSearchItems[] = body.data.map((c) => ({
		name: `${String(c.name)} (${String(c.id)})`,
		value: String(c.id),
	}));
	return { results, paginationToken: nextToken(body.meta.next_page) };
}

/** Visible legacy contacts (hidden ones cannot be synced), filtered by name, e-mail or ID. */
export async function searchLegacyContacts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = paginationToken ? Number(paginationToken) : 1;
	const needle = (filter ?? '').trim().toLowerCase();
	const body = await officeToolsPage<IDataObject>(
		this,
		endpoints.legacyContacts(),
		{ hidden: 'false' },
		page,
		PAGE,
	);
	const results = body.data
		.filter((c) => includes(`${c.display_name} ${c.email ?? ''} ${c.id}`, needle))
		.map((c) => ({
			name: `${String(c.display_name)} (${c.email ? String(c.email) : 'no e-mail'})`,
			value: String(c.id),
		}));
	return { results, paginationToken: nextToken(body.meta.next_page) };
}

/** Firm Portal users, filtered by name, e-mail or ID. */
export async function searchPortalUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = paginationToken ? Number(paginationToken) : 1;
	const needle = (filter ?? '').trim().toLowerCase();
	const body = await officeToolsPage<IDataObject>(this, endpoints.portalUsers(), {}, page, PAGE);
	const results = body.data
		.filter((u) => includes(`${u.first_name} ${u.last_name} ${u.email} ${u.id}`, needle))
		.map((u) => ({
			name: `${String(u.first_name)} ${String(u.last_name)} (${String(u.email)})`,
			value: String(u.id),
		}));
	return { results, paginationToken: nextToken(body.meta.next_page) };
}
