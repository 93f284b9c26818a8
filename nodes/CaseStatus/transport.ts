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
import { iterateItems, shortPageNext } from '../shared/paging';

/**
 * The only place that knows Case Status's URLs, auth, paging and error shape.
 * Known (Airbyte connector): ApiKey header, page[number] paging, last page = short page, `results` on /reporting.
 */
export const caseStatusProfile: ApiProfile = {
	system: 'Case Status',
	credentialType: 'caseStatusApi',
	rate: { perSecond: 5, burst: 5 },
	parseError: parseContractError,
};

/** Largest page the /v1/api lists and /reporting/cases accept. */
export const MAX_PAGE_SIZE = 100;

/**
 * The known streams page by 10 when no size is sent. If a server ignores `size`, a full page of 10 is not the
 * end: keep going, at the cost of one extra request when a last page holds exactly 10.
 */
const SERVER_DEFAULT_PAGE = 10;

function nextPage(page: number, received: number, size: number): number | null {
	if (received === SERVER_DEFAULT_PAGE && size > SERVER_DEFAULT_PAGE) return page + 1;
	return shortPageNext(page, received, size);
}

interface Connection {
	baseUrl: string;
	bucket: string;
	secrets: string[];
}

async function connection(ctx: RequestContext): Promise<Connection> {
	const credentials = await ctx.getCredentials('caseStatusApi');
	const chosen =
		credentials.environment === 'custom' ? credentials.baseUrl : credentials.environment;
	const baseUrl = String(chosen ?? '').replace(/\/+$/, '');
	const credentialId = ctx.getNode().credentials?.caseStatusApi?.id ?? baseUrl;
	return {
		baseUrl,
		bucket: `caseStatusApi:${credentialId}`,
		secrets: [String(credentials.apiKey ?? '')],
	};
}

export interface CaseStatusCall {
	query?: Record<string, QueryValue>;
	body?: unknown;
	headers?: Record<string, string>;
	binary?: boolean;
	idempotent?: boolean;
	accept?: number[];
	itemIndex?: number;
}

export async function caseStatusRequest<T = unknown>(
	ctx: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	call: CaseStatusCall = {},
): Promise<ApiResponse<T>> {
	const { baseUrl, bucket, secrets } = await connection(ctx);
	const request: ApiRequest = { method, url: baseUrl + path, bucket, secrets, ...call };
	return await send<T>(ctx, caseStatusProfile, request);
}

/** The response body, for the common case. */
export async function caseStatusApi<T = IDataObject>(
	ctx: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	call: CaseStatusCall = {},
): Promise<T> {
	return (await caseStatusRequest<T>(ctx, method, path, call)).body;
}

/**
 * Iterates a Case Status list. /v1/api lists return a top-level array, /reporting lists wrap it in `results`;
 * either way the last page is the first one shorter than the page size. Stops fetching once `limit` is reached.
 */
export function caseStatusList<T = IDataObject>(
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
		const page = cursor ?? 1;
		const body = await caseStatusApi<unknown>(ctx, 'GET', path, {
			query: { ...query, 'page[number]': page, size },
			itemIndex: options.itemIndex,
		});
		const items = (
			Array.isArray(body) ? body : ((body as { results?: T[] })?.results ?? [])
		) as T[];
		return { items, next: nextPage(page, items.length, size) };
	};
	return iterateItems(fetchPage, options.limit);
}
