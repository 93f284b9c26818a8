import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import type { LeadKind } from '../transport';
import { endpoints, ppPage, ppRequest } from '../transport';
import { primaryClientName } from '../mapping';

const PAGE = 100;
/** Pages read per call while a search filter finds nothing, so typing a rare name still answers quickly. */
const MAX_PAGES_PER_CALL = 5;

/**
 * Records of a feed-ordered list (oldest change first) for a resource locator, most recently updated first: walks
 * the pages from the last one back; the token is the next page to read. `direct` looks a typed ID up at once.
 */
async function recentFirst(
	ctx: ILoadOptionsFunctions,
	path: string,
	filter: string | undefined,
	paginationToken: string | undefined,
	options: {
		text: (r: IDataObject) => string;
		entry: (r: IDataObject) => INodeListSearchItems;
		direct?: (needle: string) => Promise<IDataObject | undefined>;
	},
): Promise<INodeListSearchResult> {
	const needle = (filter ?? '').trim();
	const lower = needle.toLowerCase();
	const results: INodeListSearchItems[] = [];
	const seen = new Set<string>();
	const push = (r: IDataObject) => {
		const item = options.entry(r);
		if (!seen.has(String(item.value))) {
			seen.add(String(item.value));
			results.push(item);
		}
	};
	if (!paginationToken && needle && options.direct) {
		const found = await options.direct(needle);
		if (found) push(found);
	}
	const matches = (r: IDataObject) => !lower || options.text(r).toLowerCase().includes(lower);

	let page: number;
	if (paginationToken) {
		page = Number(paginationToken);
	} else {
		const first = await ppPage<IDataObject>(ctx, path, {}, 1, PAGE);
		page = Math.max(1, Math.ceil(first.meta.total / PAGE));
		if (page === 1) {
			for (const r of [...first.data].reverse()) if (matches(r)) push(r);
			return { results };
		}
	}
	for (let read = 0; page >= 1 && read < MAX_PAGES_PER_CALL; read++, page--) {
		const body = await ppPage<IDataObject>(ctx, path, {}, page, PAGE);
		for (const r of [...body.data].reverse()) if (matches(r)) push(r);
		if (!lower || results.length) {
			page--;
			break;
		}
	}
	return { results, paginationToken: page >= 1 ? String(page) : undefined };
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
	return await recentFirst(this, endpoints.cases(), filter, paginationToken, {
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
		return await recentFirst(this, endpoints.leads(kind), filter, paginationToken, {
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
		PAGE,
	);
	return {
		results: body.data.map((c) => ({
			name: `${contactName(c)}${c.email ? ` <${String(c.email)}>` : ''} (${String(c.id)})`,
			value: String(c.id),
		})),
		paginationToken: body.meta.next_page ? String(body.meta.next_page) : undefined,
	};
}
