import type { IDataObject } from 'n8n-workflow';

import { contractApi } from '../shared/contractApi';
import { parseContractError } from '../shared/errors';
import type { ApiProfile, QueryValue, RequestContext } from '../shared/http';

export type { ContractCall as CaseStatusCall } from '../shared/contractApi';
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

const api = contractApi(caseStatusProfile, {
	maxPageSize: MAX_PAGE_SIZE,
	// The environment picks the server; "custom" (and the sandbox) uses the Base URL field.
	async connect(ctx) {
		const credentials = await ctx.getCredentials(caseStatusProfile.credentialType);
		const chosen =
			credentials.environment === 'custom' ? credentials.baseUrl : credentials.environment;
		const baseUrl = String(chosen ?? '').replace(/\/+$/, '');
		const credentialId = ctx.getNode().credentials?.caseStatusApi?.id ?? baseUrl;
		return {
			baseUrl,
			bucket: `caseStatusApi:${credentialId}`,
			secrets: [String(credentials.apiKey ?? '')],
		};
	},
});

export const caseStatusRequest = api.request;
/** The response body, for the common case. */
export const caseStatusApi = api.api;

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
