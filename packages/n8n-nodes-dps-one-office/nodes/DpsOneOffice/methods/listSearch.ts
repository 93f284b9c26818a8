import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { dpsFind, dpsPage, endpoints } from '../transport';

const PAGE = 100;
/** Pages read per call while a search filter finds nothing, so typing a rare name still answers quickly. */
const MAX_PAGES_PER_CALL = 5;

interface SearchSpec {
	listPath: string;
	recordPath: (id: string) => string;
	idKey: string;
	entry: (r: IDataObject) => INodeListSearchItems;
	text: (r: IDataObject) => string;
}

/**
 * Records for a resource locator's list, most recently changed first, filtered by `filter` (case-insensitive
 * substring). The lists are ordered oldest change first, so this walks pages from the last one back; the token is
 * the next page to read. A filter that is an exact ref is also looked up directly.
 */
async function searchNewestFirst(
	ctx: ILoadOptionsFunctions,
	spec: SearchSpec,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const typed = (filter ?? '').trim();
	const needle = typed.toLowerCase();
	const results: INodeListSearchItems[] = [];
	const seen = new Set<string>();
	const push = (r: IDataObject) => {
		const id = String(r[spec.idKey]);
		if (seen.has(id)) return;
		seen.add(id);
		results.push(spec.entry(r));
	};

	if (!paginationToken && typed && !/\s/.test(typed)) {
		const direct = await dpsFind<IDataObject>(ctx, spec.recordPath(typed));
		if (direct) push(direct);
	}
	let page: number;
	if (paginationToken) page = Number(paginationToken);
	else {
		const first = await dpsPage<IDataObject>(ctx, spec.listPath, {}, 1, PAGE);
		page = Math.max(1, Math.ceil(first.meta.total / PAGE));
		if (page === 1) {
			for (const r of [...first.data].reverse())
				if (!needle || spec.text(r).toLowerCase().includes(needle)) push(r);
			return { results };
		}
	}
	for (let read = 0; page >= 1 && read < MAX_PAGES_PER_CALL; read++) {
		const body = await dpsPage<IDataObject>(ctx, spec.listPath, {}, page, PAGE);
		page--;
		for (const r of [...body.data].reverse())
			if (!needle || spec.text(r).toLowerCase().includes(needle)) push(r);
		if (!needle || results.length) break;
	}
	return { results, paginationToken: page >= 1 ? String(page) : undefined };
}

const postcodeOf = (r: IDataObject) => String((r.address as IDataObject | null)?.postcode ?? '');

/** Clients by name, Client Ref, postcode or external reference. */
export async function searchClients(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchNewestFirst(
		this,
		{
			listPath: endpoints.clients(),
			recordPath: endpoints.client,
			idKey: 'client_ref',
			entry: (c) => ({
				name: `${c.display_name} (${c.client_ref}${postcodeOf(c) ? `, ${postcodeOf(c)}` : ''})`,
				value: String(c.client_ref),
			}),
			text: (c) => `${c.display_name} ${c.client_ref} ${postcodeOf(c)} ${c.external_ref ?? ''}`,
		},
		filter,
		paginationToken,
	);
}

/** Matters by Mat Ref, matter details, client ref or external reference (e.g. the Perfect Portal Case ID). */
export async function searchMatters(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchNewestFirst(
		this,
		{
			listPath: endpoints.matters(),
			recordPath: endpoints.matter,
			idKey: 'mat_ref',
			entry: (m) => ({
				name: `${m.mat_ref}: ${m.matter_details}${m.status === 'closed' ? ' (closed)' : ''}`,
				value: String(m.mat_ref),
			}),
			text: (m) => `${m.mat_ref} ${m.matter_details} ${m.client_ref} ${m.external_ref ?? ''}`,
		},
		filter,
		paginationToken,
	);
}

/** Contacts by name, contact ID, contact type or external reference. */
export async function searchContacts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchNewestFirst(
		this,
		{
			listPath: endpoints.contacts(),
			recordPath: endpoints.contact,
			idKey: 'contact_id',
			entry: (c) => ({
				name: `${c.display_name} (${c.contact_type}, ${c.contact_id})`,
				value: String(c.contact_id),
			}),
			text: (c) =>
				`${c.display_name} ${c.contact_id} ${c.contact_type} ${postcodeOf(c)} ${c.external_ref ?? ''}`,
		},
		filter,
		paginationToken,
	);
}
