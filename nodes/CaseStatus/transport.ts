import type { IDataObject } from 'n8n-workflow';

import type { ContractCall } from '../shared/contractApi';
import { contractApi } from '../shared/contractApi';
import { parseContractError } from '../shared/errors';
import type { ApiProfile, ApiResponse, QueryValue, RequestContext } from '../shared/http';
import type { MultipartPart } from '../shared/multipart';

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

const seg = (id: unknown) => encodeURIComponent(String(id));

/** Every Case Status path the nodes use. Ids are encoded here, never by the operations. */
export const endpoints = {
	cases: () => '/v1/api/cases',
	case: (caseId: unknown) => `/v1/api/cases/${seg(caseId)}`,
	closeCase: (caseId: unknown) => `/v1/api/cases/${seg(caseId)}/close`,
	reopenCase: (caseId: unknown) => `/v1/api/cases/${seg(caseId)}/reopen`,
	caseMessages: (caseId: unknown) => `/v1/api/cases/${seg(caseId)}/messages`,
	caseFiles: (caseId: unknown) => `/v1/api/cases/${seg(caseId)}/files`,
	messages: () => '/v1/api/messages',
	files: () => '/v1/api/files',
	fileContent: (fileId: string) => `/v1/api/files/${seg(fileId)}/content`,
	users: () => '/v1/api/users',
	stages: () => '/v1/api/stages',
	practiceAreas: () => '/v1/api/practice-areas',
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

/** A file upload: POSTs `parts` as one multipart/form-data body to the case's files. */
export async function caseStatusUpload<T = IDataObject>(
	ctx: RequestContext,
	caseId: unknown,
	parts: MultipartPart[],
	call: Pick<ContractCall, 'accept' | 'idempotent' | 'itemIndex'> = {},
): Promise<ApiResponse<T>> {
	return await api.upload<T>(ctx, 'POST', endpoints.caseFiles(caseId), parts, call);
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
