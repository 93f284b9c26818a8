import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { type RecentFirstSearch, SEARCH_PAGE, recentFirst } from '../../shared/recentFirst';
import type { LeadKind } from '../transport';
import { endpoints, ppPage, ppRequest } from '../transport';
import { primaryClientName } from '../mapping';

/** Records of a feed-ordered list for a resource locator, most recently updated first (shared/recentFirst.ts). */
async function recentFirstOf(
	ctx: ILoadOptionsFunctions,
	path: string,
	filter: string | undefined,
	paginationToken: string | undefined,
	options: Omit<RecentFirstSearch, 'readPage'>,
): Promise<INodeListSearchResult> {
	const readPage = async (page: number) =>
		await ppPage<IDataObject>(ctx, path, {}, page, SEARCH_PAGE);
	return await recentFirst({ readPage, ...options }, filter, paginationToken);
}

/** Only something shaped like an ID (no spaces, a digit in it) is worth a direct lookup. */
const looksLikeId = (needle: string) => /^[\w.-]+$/.test(needle) && /\d/.test(needle);

async function getOrUndefined(
	ctx: ILoadOptionsFunctions,
	path: string,
): Promise<IDataObject | undefined> {
	const found = await ppRequest<IDataObject>(ctx, 'GET', path, { accept: [400, 404] });
	return found.status === 200 ? found.body : undefined;
}

/** Cases, most recently updated first, filtered by Case ID, matter details or client name. */
export async function searchCases(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await recentFirstOf(this, endpoints.cases(), filter, paginationToken, {
		text: (c) => `${c.case_id} ${c.matter_details ?? ''} ${primaryClientName(c) ?? ''}`,
		entry: (c) => ({
			name: `${String(c.case_id)}: ${String(c.matter_details || primaryClientName(c) || c.work_type || '')}`,
			value: String(c.case_id),
		}),
		direct: async (needle) =>
			looksLikeId(needle) ? await getOrUndefined(this, endpoints.case(needle)) : undefined,
	});
}

function searchLeadsOf(kind: LeadKind) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		return await recentFirstOf(this, endpoints.leads(kind), filter, paginationToken, {
			text: (l) =>
				`${l.id} ${l.reference ?? ''} ${l.work_type ?? ''} ${primaryClientName(l) ?? ''}`,
			entry: (l) => ({
				name: `${String(l.reference ?? l.id)}: ${String(primaryClientName(l) ?? '')} (${String(l.work_type ?? '')}, ${String(l.status)})`,
				value: String(l.id),
			}),
			direct: async (needle) =>
				looksLikeId(needle) ? await getOrUndefined(this, endpoints.lead(kind, needle)) : undefined,
		});
	};
}

/** Quotes, most recently updated first, by ID, reference, work type or client name. */
export const searchQuotes = searchLeadsOf('quote');
/** Leads (enquiries), most recently updated first. */
export const searchLeads = searchLeadsOf('enquiry');

function contactName(c: IDataObject): string {
	return c.type === 'organisation'
		? String(c.company_name ?? '')
		: [c.first_name, c.last_name].filter(Boolean).join(' ');
}

/** Contacts by name (Perfect Portal searches names case-insensitively), in list order. */
export async function searchContacts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = paginationToken ? Number(paginationToken) : 1;
	const body = await ppPage<IDataObject>(
		this,
		endpoints.contacts(),
		{ name: filter?.trim() || undefined },
		page,
		SEARCH_PAGE,
	);
	return {
		results: body.data.map((c) => ({
			name: `${contactName(c)}${c.email ? ` <${String(c.email)}>` : ''} (${String(c.id)})`,
			value: String(c.id),
		})),
		paginationToken: body.meta.next_page ? String(body.meta.next_page) : undefined,
	};
}
