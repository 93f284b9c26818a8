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
 * The only place that knows CASEpeer's URLs, auth, paging and error shape (shared/contracts/casepeer.md):
 * Bearer "CASEpeer Key", `?page=N&per_page=M` lists answering `{data, meta:{page, per_page, total, next_page}}`,
 * keyset sync feeds (`updated_since` + `after_id`), the shared error envelope, 10 requests/s per key.
 */
export const casePeerProfile: ApiProfile = {
	system: 'CASEpeer',
	credentialType: 'casePeerApi',
	rate: { perSecond: 10, burst: 10 },
	parseError: parseContractError,
};

/** Largest `per_page` the lists accept. */
export const MAX_PAGE_SIZE = 200;

/** Every CASEpeer path the nodes use. Ids are encoded here, never by the operations. */
export const endpoints = {
	me: () => '/v1/me',
	cases: () => '/v1/cases',
	case: (caseId: number) => `/v1/cases/${caseId}`,
	caseStatusConnection: (caseId: number) => `/v1/cases/${caseId}/case-status-connection`,
	stages: () => '/v1/stages',
	staff: () => '/v1/staff',
	noteCategories: () => '/v1/note-categories',
	caseNotes: (caseId: number) => `/v1/cases/${caseId}/notes`,
	documents: () => '/v1/documents',
	caseDocuments: (caseId: number) => `/v1/cases/${caseId}/documents`,
	documentContent: (documentId: string) =>
		`/v1/documents/${encodeURIComponent(documentId)}/content`,
};

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
	const credentials = await ctx.getCredentials('casePeerApi');
	const baseUrl = String(credentials.baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
	const credentialId = ctx.getNode().credentials?.casePeerApi?.id ?? baseUrl;
	return {
		baseUrl,
		bucket: `casePeerApi:${credentialId}`,
		secrets: [String(credentials.apiKey ?? '')],
	};
}

export interface CasePeerCall {
	query?: Record<string, QueryValue>;
	body?: unknown;
	headers?: Record<string, string>;
	binary?: boolean;
	idempotent?: boolean;
	accept?: number[];
	itemIndex?: number;
}

export async function casePeerRequest<T = unknown>(
	ctx: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	call: CasePeerCall = {},
): Promise<ApiResponse<T>> {
	const { baseUrl, bucket, secrets } = await connection(ctx);
	const request: ApiRequest = { method, url: baseUrl + path, bucket, secrets, ...call };
	return await send<T>(ctx, casePeerProfile, request);
}

/** The response body, for the common case. */
export async function casePeerApi<T = IDataObject>(
	ctx: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	call: CasePeerCall = {},
): Promise<T> {
	return (await casePeerRequest<T>(ctx, method, path, call)).body;
}

/** One page of a list. */
export async function casePeerPage<T = IDataObject>(
	ctx: RequestContext,
	path: string,
	query: Record<string, QueryValue>,
	page: number,
	perPage: number,
	itemIndex?: number,
): Promise<ListBody<T>> {
	const body = await casePeerApi<ListBody<T>>(ctx, 'GET', path, {
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
export function casePeerList<T = IDataObject>(
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
		const body = await casePeerPage<T>(ctx, path, query, cursor ?? 1, size, options.itemIndex);
		return { items: body.data, next: body.meta.next_page };
	};
	return iterateItems(fetchPage, options.limit);
}

/** Keyset position for a sync feed request; without `updatedSince` the feed starts at its oldest record. */
export interface FeedPosition {
	updatedSince?: string;
	afterId?: string | number;
}

export interface FeedRun {
	/** Stopped at `maxPages` with more records waiting. */
	truncated: boolean;
	requests: number;
	/** The feed's parent (e.g. the case of a notes feed) does not exist (404), when `skipNotFound` was asked. */
	notFound: boolean;
}

/**
 * Reads a sync feed the gap-free way the contract asks for: the first request from `start`, every later one from the
 * (updated_at, id) of the last record received, never by incrementing `page` while data changes. Stops after
 * `maxPages` requests; `truncated` then says more records are waiting.
 */
export async function readFeed<T extends IDataObject = IDataObject>(
	ctx: RequestContext,
	path: string,
	query: Record<string, QueryValue>,
	start: FeedPosition,
	options: {
		maxPages: number;
		pageSize?: number;
		skipNotFound?: boolean;
		onPage: (records: T[]) => void;
	},
): Promise<FeedRun> {
	const size = Math.min(MAX_PAGE_SIZE, options.pageSize ?? MAX_PAGE_SIZE);
	let position: FeedPosition = start;
	for (let request = 1; ; request++) {
		const response = await casePeerRequest<ListBody<T>>(ctx, 'GET', path, {
			query: {
				...query,
				updated_since: position.updatedSince,
				after_id: position.updatedSince === undefined ? undefined : position.afterId,
				page: 1,
				per_page: size,
			},
			accept: options.skipNotFound ? [404] : undefined,
		});
		if (response.status === 404) return { truncated: false, requests: request, notFound: true };
		const data = response.body?.data ?? [];
		options.onPage(data);
		const last = data[data.length - 1];
		if (!response.body?.meta?.next_page || !last) {
			return { truncated: false, requests: request, notFound: false };
		}
		if (request >= options.maxPages) return { truncated: true, requests: request, notFound: false };
		position = { updatedSince: String(last.updated_at), afterId: last.id as string | number };
	}
}

/**
 * The last records of a list in its own order (for cases, notes and documents: the most recently updated ones).
 * Two requests at most: one to learn the total, one for the last page.
 */
export async function lastPage<T = IDataObject>(
	ctx: RequestContext,
	path: string,
	query: Record<string, QueryValue>,
	size: number,
): Promise<T[]> {
	const first = await casePeerPage<T>(ctx, path, query, 1, size);
	const pages = Math.ceil(first.meta.total / size);
	if (pages <= 1 || !first.meta.next_page) return first.data;
	return (await casePeerPage<T>(ctx, path, query, pages, size)).data;
}
