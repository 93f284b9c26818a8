import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import type {
	ApiProfile,
	ApiRequest,
	ApiResponse,
	ContractCall,
	QueryValue,
	RequestContext,
} from './http';
import { send } from './http';
import type { MultipartPart } from './multipart';
import { buildMultipart } from './multipart';
import type { Page } from './paging';
import { iterateItems } from './paging';

/**
 * The request, list and feed mechanics the written contracts share (CASEpeer, Perfect Portal, DPS One Office,
 * OfficeTools): `?page=N&per_page=M` lists answering `{data, meta:{page, per_page, total, next_page}}`, keyset sync
 * feeds (`updated_since` + `after_id`, ordered by (updated_at, id)), the shared error envelope. Each system's
 * transport.ts builds its API from this with its own profile, connection and quirks; Case Status, whose lists
 * page differently, uses its request core.
 */

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

/** Where and as whom a request goes: resolved from the node's credential on every call. */
export interface Connection {
	baseUrl: string;
	/** The rate-limit bucket: one per credential (and whatever else the vendor limits by). */
	bucket: string;
	secrets: string[];
}

export type { ContractCall } from './http';

export interface ListOptions {
	limit?: number;
	pageSize?: number;
	itemIndex?: number;
	/** Sees each page's response headers (e.g. `date`, the vendor's clock). */
	onHeaders?: (headers: Record<string, string>) => void;
}

/** Keyset position for a sync feed request; without `updatedSince` the feed starts at its oldest record. */
export interface FeedPosition {
	updatedSince?: string;
	afterId?: string | number;
}

export interface FeedOptions<T> {
	maxPages: number;
	pageSize?: number;
	/** Answer "not found" instead of failing when the feed's parent (e.g. a notes feed's case) is gone. */
	skipNotFound?: boolean;
	/** The record's keyset id, when it is not `id`. */
	idOf?: (record: T) => string | number;
	/** May return 'stop' when it ran out of budget part-way through the page. */
	onPage: (records: T[]) => Promise<'stop' | void> | 'stop' | void;
}

export interface FeedRun {
	/** Stopped at `maxPages`, or by the page handler, with more records waiting. */
	truncated: boolean;
	requests: number;
	/** The feed's parent does not exist (404), when `skipNotFound` was asked. */
	notFound: boolean;
}

/** Base URL, bucket and key of an API-key credential with `baseUrl` and `apiKey` fields. */
export async function keyConnection(
	ctx: RequestContext,
	credentialType: string,
): Promise<Connection & { credentials: IDataObject }> {
	const credentials = await ctx.getCredentials(credentialType);
	const baseUrl = String(credentials.baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
	const credentialId = ctx.getNode().credentials?.[credentialType]?.id ?? baseUrl;
	return {
		baseUrl,
		bucket: `${credentialType}:${credentialId}`,
		secrets: [String(credentials.apiKey ?? '')],
		credentials,
	};
}

export function contractApi(
	profile: ApiProfile,
	options: {
		maxPageSize: number;
		connect?: (ctx: RequestContext) => Promise<Connection>;
	},
) {
	const { maxPageSize } = options;
	const connect =
		options.connect ??
		(async (ctx: RequestContext) => await keyConnection(ctx, profile.credentialType));

	async function request<T = unknown>(
		ctx: RequestContext,
		method: IHttpRequestMethods,
		path: string,
		call: ContractCall = {},
	): Promise<ApiResponse<T>> {
		const { baseUrl, bucket, secrets } = await connect(ctx);
		const req: ApiRequest = { method, url: baseUrl + path, bucket, secrets, ...call };
		return await send<T>(ctx, profile, req);
	}

	/** The response body, for the common case. */
	async function api<T = IDataObject>(
		ctx: RequestContext,
		method: IHttpRequestMethods,
		path: string,
		call: ContractCall = {},
	): Promise<T> {
		return (await request<T>(ctx, method, path, call)).body;
	}

	/** A file upload: `parts` sent as one multipart/form-data body (nodes/shared/multipart.ts). */
	async function upload<T = IDataObject>(
		ctx: RequestContext,
		method: IHttpRequestMethods,
		path: string,
		parts: MultipartPart[],
		call: Pick<ContractCall, 'accept' | 'idempotent' | 'itemIndex'> = {},
	): Promise<ApiResponse<T>> {
		const form = buildMultipart(parts);
		return await request<T>(ctx, method, path, {
			...call,
			body: form.body,
			headers: { 'Content-Type': form.contentType },
		});
	}

	/** One page of a list. */
	async function page<T = IDataObject>(
		ctx: RequestContext,
		path: string,
		query: Record<string, QueryValue>,
		pageNumber: number,
		perPage: number,
		itemIndex?: number,
		onHeaders?: (headers: Record<string, string>) => void,
	): Promise<ListBody<T>> {
		const response = await request<ListBody<T>>(ctx, 'GET', path, {
			query: { ...query, page: pageNumber, per_page: perPage },
			itemIndex,
		});
		onHeaders?.(response.headers ?? {});
		return {
			data: response.body?.data ?? [],
			meta: response.body?.meta ?? {
				page: pageNumber,
				per_page: perPage,
				total: 0,
				next_page: null,
			},
		};
	}

	/**
	 * Iterates a list page by page, following `meta.next_page`. With a limit, the page size is the limit (up to the
	 * maximum), so "Limit: 5" costs one request.
	 */
	function list<T = IDataObject>(
		ctx: RequestContext,
		path: string,
		query: Record<string, QueryValue> = {},
		opts: ListOptions = {},
	): AsyncGenerator<T> {
		const size = Math.min(
			maxPageSize,
			opts.pageSize ?? (opts.limit !== undefined ? Math.max(opts.limit, 1) : maxPageSize),
		);
		const fetchPage = async (cursor: number | undefined): Promise<Page<T, number>> => {
			const body = await page<T>(
				ctx,
				path,
				query,
				cursor ?? 1,
				size,
				opts.itemIndex,
				opts.onHeaders,
			);
			return { items: body.data, next: body.meta.next_page };
		};
		return iterateItems(fetchPage, opts.limit);
	}

	/** The first record a list filter matches (the idempotency lookups by external reference), or undefined. */
	async function findFirst<T = IDataObject>(
		ctx: RequestContext,
		path: string,
		query: Record<string, QueryValue>,
		itemIndex?: number,
	): Promise<T | undefined> {
		return (await page<T>(ctx, path, query, 1, 1, itemIndex)).data[0];
	}

	/**
	 * Reads a sync feed the gap-free way the contracts ask for: the first request from `start`, every later one from
	 * the (updated_at, id) of the last record received, never by incrementing `page` while data changes.
	 */
	async function readFeed<T extends IDataObject = IDataObject>(
		ctx: RequestContext,
		path: string,
		query: Record<string, QueryValue>,
		start: FeedPosition,
		opts: FeedOptions<T>,
	): Promise<FeedRun> {
		const size = Math.min(maxPageSize, opts.pageSize ?? maxPageSize);
		const idOf = opts.idOf ?? ((record: T) => record.id as string | number);
		let position: FeedPosition = start;
		for (let requests = 1; ; requests++) {
			const response = await request<ListBody<T>>(ctx, 'GET', path, {
				query: {
					...query,
					updated_since: position.updatedSince,
					after_id: position.updatedSince === undefined ? undefined : position.afterId,
					page: 1,
					per_page: size,
				},
				accept: opts.skipNotFound ? [404] : undefined,
			});
			if (response.status === 404) return { truncated: false, requests, notFound: true };
			const data = response.body?.data ?? [];
			if ((await opts.onPage(data)) === 'stop')
				return { truncated: true, requests, notFound: false };
			const last = data[data.length - 1];
			if (!response.body?.meta?.next_page || !last)
				return { truncated: false, requests, notFound: false };
			if (requests >= opts.maxPages) return { truncated: true, requests, notFound: false };
			position = { updatedSince: String(last.updated_at), afterId: idOf(last) };
		}
	}

	/**
	 * The last records of a list in its own order (for feeds: the most recently updated ones): the last page, plus
	 * the one before when the last is short. Three requests at most.
	 */
	async function lastPage<T = IDataObject>(
		ctx: RequestContext,
		path: string,
		query: Record<string, QueryValue>,
		size: number,
	): Promise<T[]> {
		const first = await page<T>(ctx, path, query, 1, size);
		const pages = Math.ceil(first.meta.total / size);
		if (pages <= 1 || !first.meta.next_page) return first.data;
		const last = (await page<T>(ctx, path, query, pages, size)).data;
		if (pages === 2) return [...first.data, ...last];
		if (last.length >= size) return last;
		return [...(await page<T>(ctx, path, query, pages - 1, size)).data, ...last];
	}

	return { request, api, upload, page, list, findFirst, readFeed, lastPage };
}
