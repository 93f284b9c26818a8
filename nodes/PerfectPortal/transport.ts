import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { parseContractError } from '../shared/errors';
import type {
	ApiProfile,
	ApiRequest,
	ApiResponse,
	QueryValue,
	RequestContext,
} from '../shared/http';
import { send } from '../shared/http';
import type { Page } from '../shared/paging';
import { iterateItems } from '../shared/paging';

/**
 * The only place that knows Perfect Portal's URLs, auth, paging and error shape
 * (shared/contracts/perfect-portal.md): Bearer API key, `?page=N&per_page=M` lists answering
 * `{data, meta:{page, per_page, total, next_page}}`, keyset feeds (`updated_since` + `after_id`) ordered by
 * (updated_at, id) where a case's id is its `case_id`, the shared error envelope, 10 requests/s per key.
 */
export const perfectPortalProfile: ApiProfile = {
	system: 'Perfect Portal',
	credentialType: 'perfectPortalApi',
	rate: { perSecond: 10, burst: 10 },
	parseError: parseContractError,
};

/** Largest `per_page` the lists accept. */
export const MAX_PAGE_SIZE = 200;

const seg = (id: string) => encodeURIComponent(id);

/** Every Perfect Portal path the nodes use. Ids are encoded here, never by the operations. */
export const endpoints = {
	me: () => '/v1/me',
	cases: () => '/v1/cases',
	case: (caseId: string) => `/v1/cases/${seg(caseId)}`,
	caseKeyStages: (caseId: string) => `/v1/cases/${seg(caseId)}/key-stages`,
	caseKeyStage: (caseId: string) => `/v1/cases/${seg(caseId)}/key-stage`,
	completion: (caseId: string) => `/v1/cases/${seg(caseId)}/completion`,
	caseManagementLink: (caseId: string) => `/v1/cases/${seg(caseId)}/case-management-link`,
	keyStages: () => '/v1/key-stages',
	feeScales: () => '/v1/fee-scales',
	feeScale: (id: string) => `/v1/fee-scales/${seg(id)}`,
	/** Quotes (conveyancing) live under /quotes, enquiries under /leads. */
	leads: (kind: LeadKind) => (kind === 'quote' ? '/v1/quotes' : '/v1/leads'),
	lead: (kind: LeadKind, id: string) => `${endpoints.leads(kind)}/${seg(id)}`,
	convert: (kind: LeadKind, id: string) => `${endpoints.leads(kind)}/${seg(id)}/convert`,
	contacts: () => '/v1/contacts',
	contact: (id: string) => `/v1/contacts/${seg(id)}`,
	referrers: () => '/v1/referrers',
	referrer: (id: string) => `/v1/referrers/${seg(id)}`,
	staff: () => '/v1/staff',
	branches: () => '/v1/branches',
	caseDocuments: (caseId: string) => `/v1/cases/${seg(caseId)}/documents`,
	quoteDocuments: (quoteId: string) => `/v1/quotes/${seg(quoteId)}/documents`,
	documentContent: (id: string) => `/v1/documents/${seg(id)}/content`,
};

/** A quote (conveyancing) or an enquiry (other work): the contract's two kinds of Lead. */
export type LeadKind = 'quote' | 'enquiry';

export interface ListMeta {
	page: number;
	per_page: number;
	total: number;
	next_page: number | null;
}

export interface ListBody<T> {
	data: T[];
	meta: ListMeta;
}

interface Connection {
	baseUrl: string;
	bucket: string;
	secrets: string[];
}

async function connection(ctx: RequestContext): Promise<Connection> {
	const credentials = await ctx.getCredentials('perfectPortalApi');
	const baseUrl = String(credentials.baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
	const credentialId = ctx.getNode().credentials?.perfectPortalApi?.id ?? baseUrl;
	return {
		baseUrl,
		bucket: `perfectPortalApi:${credentialId}`,
		secrets: [String(credentials.apiKey ?? '')],
	};
}

export interface PerfectPortalCall {
	query?: Record<string, QueryValue>;
	body?: unknown;
	headers?: Record<string, string>;
	binary?: boolean;
	idempotent?: boolean;
	accept?: number[];
	itemIndex?: number;
}

export async function ppRequest<T = unknown>(
	ctx: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	call: PerfectPortalCall = {},
): Promise<ApiResponse<T>> {
	const { baseUrl, bucket, secrets } = await connection(ctx);
	const request: ApiRequest = { method, url: baseUrl + path, bucket, secrets, ...call };
	return await send<T>(ctx, perfectPortalProfile, request);
}

/** The response body, for the common case. */
export async function ppApi<T = IDataObject>(
	ctx: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	call: PerfectPortalCall = {},
): Promise<T> {
	return (await ppRequest<T>(ctx, method, path, call)).body;
}

/** One page of a list. */
export async function ppPage<T = IDataObject>(
	ctx: RequestContext,
	path: string,
	query: Record<string, QueryValue>,
	page: number,
	perPage: number,
	itemIndex?: number,
): Promise<ListBody<T>> {
	const body = await ppApi<ListBody<T>>(ctx, 'GET', path, {
		query: { ...query, page, per_page: perPage },
		itemIndex,
	});
	return {
		data: body?.data ?? [],
		meta: body?.meta ?? { page, per_page: perPage, total: 0, next_page: null },
	};
}

/**
 * Iterates a list page by page, following `meta.next_page`. With a limit, the page size is the limit (up to 200),
 * so "Limit: 5" costs one request.
 */
export function ppList<T = IDataObject>(
	ctx: RequestContext,
	path: string,
	query: Record<string, QueryValue> = {},
	options: { limit?: number; pageSize?: number; itemIndex?: number } = {},
): AsyncGenerator<T> {
	const size = Math.min(
		MAX_PAGE_SIZE,
		options.pageSize ?? (options.limit !== undefined ? Math.max(options.limit, 1) : MAX_PAGE_SIZE),
	);
	const fetchPage = async (cursor: number | undefined): Promise<Page<T, number>> => {
		const body = await ppPage<T>(ctx, path, query, cursor ?? 1, size, options.itemIndex);
		return { items: body.data, next: body.meta.next_page };
	};
	return iterateItems(fetchPage, options.limit);
}

/** The first record of a list filtered by an exact-match reference (external_ref, quote_id…), or undefined. */
export async function findOne<T = IDataObject>(
	ctx: RequestContext,
	path: string,
	query: Record<string, QueryValue>,
	itemIndex?: number,
): Promise<T | undefined> {
	return (await ppPage<T>(ctx, path, query, 1, 1, itemIndex)).data[0];
}

/** Keyset position for a sync feed request; without `updatedSince` the feed starts at its oldest record. */
export interface FeedPosition {
	updatedSince?: string;
	afterId?: string | number;
}

export interface FeedRun {
	/** Stopped at `maxPages`, or the page handler stopped early, with more records waiting. */
	truncated: boolean;
	requests: number;
}

/**
 * Reads a sync feed the gap-free way the contract asks for: the first request from `start`, every later one from
 * the (updated_at, id) of the last record received, never by incrementing `page` while data changes. `onPage` may
 * return 'stop' (it ran out of budget part-way through the page); `truncated` then says more records are waiting.
 */
export async function readFeed<T extends IDataObject = IDataObject>(
	ctx: RequestContext,
	path: string,
	query: Record<string, QueryValue>,
	start: FeedPosition,
	options: {
		maxPages: number;
		pageSize?: number;
		idOf: (record: T) => string | number;
		onPage: (records: T[]) => Promise<'stop' | void> | 'stop' | void;
	},
): Promise<FeedRun> {
	const size = Math.min(MAX_PAGE_SIZE, options.pageSize ?? MAX_PAGE_SIZE);
	let position: FeedPosition = start;
	for (let request = 1; ; request++) {
		const body = await ppApi<ListBody<T>>(ctx, 'GET', path, {
			query: {
				...query,
				updated_since: position.updatedSince,
				after_id: position.updatedSince === undefined ? undefined : position.afterId,
				page: 1,
				per_page: size,
			},
		});
		const data = body?.data ?? [];
		if ((await options.onPage(data)) === 'stop') return { truncated: true, requests: request };
		const last = data[data.length - 1];
		if (!body?.meta?.next_page || !last) return { truncated: false, requests: request };
		if (request >= options.maxPages) return { truncated: true, requests: request };
		position = { updatedSince: String(last.updated_at), afterId: options.idOf(last) };
	}
}

/**
 * The last records of a list in its own order (for feeds: the most recently updated ones): the last page, plus the
 * one before when the last is short. Three requests at most.
 */
export async function lastPage<T = IDataObject>(
	ctx: RequestContext,
	path: string,
	query: Record<string, QueryValue>,
	size: number,
): Promise<T[]> {
	const first = await ppPage<T>(ctx, path, query, 1, size);
	const pages = Math.ceil(first.meta.total / size);
	if (pages <= 1 || !first.meta.next_page) return first.data;
	const last = (await ppPage<T>(ctx, path, query, pages, size)).data;
	if (last.length >= size || pages === 2) return pages === 2 ? [...first.data, ...last] : last;
	return [...(await ppPage<T>(ctx, path, query, pages - 1, size)).data, ...last];
}
