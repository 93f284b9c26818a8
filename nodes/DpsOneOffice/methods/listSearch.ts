import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { type RecentFirstSearch, SEARCH_PAGE, recentFirst } from '../../shared/recentFirst';
import { dpsFind, dpsPage, endpoints } from '../transport';

type SearchSpec = Omit<RecentFirstSearch, 'readPage' | 'direct'> & {
	listPath: string;
	recordPath: (id: string) => string;
};

/**
 * A resource locator's list method: records most recently changed first, filtered by a case-insensitive substring;
 * a filter that could be a ref (no spaces) is also looked up directly.
 */
function searchNewestFirst(spec: SearchSpec) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const search: RecentFirstSearch = {
			readPage: async (page) =>
				await dpsPage<IDataObject>(this, spec.listPath, {}, page, SEARCH_PAGE),
			direct: async (typed) =>
				/\s/.test(typed) ? undefined : await dpsFind<IDataObject>(this, spec.recordPath(typed)),
			text: spec.text,
			entry: spec.entry,
		};
		return await recentFirst(search, filter, paginationToken);
	};
}

const postcodeOf = (r: IDataObject) => String((r.address as IDataObject | null)?.postcode ?? '');

/** Clients by name, Client Ref, postcode or external reference. */
export const searchClients = searchNewestFirst({
	listPath: endpoints.clients(),
	recordPath: endpoints.client,
	entry: (c) => ({
		name: `${c.display_name} (${c.client_ref}${postcodeOf(c) ? `, ${postcodeOf(c)}` : ''})`,
		value: String(c.client_ref),
	}),
	text: (c) => `${c.display_name} ${c.client_ref} ${postcodeOf(c)} ${c.external_ref ?? ''}`,
});

/** Matters by Mat Ref, matter details, client ref or external reference (e.g. the Perfect Portal Case ID). */
export const searchMatters = searchNewestFirst({
	listPath: endpoints.matters(),
	recordPath: endpoints.matter,
	entry: (m) => ({
		name: `${m.mat_ref}: ${m.matter_details}${m.status === 'closed' ? ' (closed)' : ''}`,
		value: String(m.mat_ref),
	}),
	text: (m) => `${m.mat_ref} ${m.matter_details} ${m.client_ref} ${m.external_ref ?? ''}`,
});

/** Contacts by name, contact ID, contact type or external reference. */
export const searchContacts = searchNewestFirst({
	listPath: endpoints.contacts(),
	recordPath: endpoints.contact,
	entry: (c) => ({
		name: `${c.display_name} (${c.contact_type}, ${c.contact_id})`,
		value: String(c.contact_id),
	}),
	text: (c) =>
		`${c.display_name} ${c.contact_id} ${c.contact_type} ${postcodeOf(c)} ${c.external_ref ?? ''}`,
});
