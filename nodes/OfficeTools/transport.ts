import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { withSlot } from '../shared/concurrency';
import { parseContractError } from '../shared/errors';
import type {
	ApiProfile,
	ApiRequest,
	ApiResponse,
	QueryValue,
	RequestContext,
} from '../shared/http';
import { send } from '../shared/http';
import type { MultipartPart } from '../shared/multipart';
import { buildMultipart } from '../shared/multipart';
import type { Page } from '../shared/paging';
import { iterateItems } from '../shared/paging';

/**
 * The only place that knows OfficeTools' URLs, auth, paging and error shape (shared/contracts/officetools.md):
 * Bearer key plus X-Firm-Id (both from the credential), `?page=N&per_page=M` lists answering
 * `{data, meta:{page, per_page, total, next_page}}`, the shared error envelope, 5 requests/s per key and at most
 * 2 uploads in flight per firm.
 */
export const officeToolsProfile: ApiProfile = {
	system: 'OfficeTools',
	credentialType: 'officeToolsApi',
	rate: { perSecond: 5, burst: 5 },
	parseError: parseContractError,
};

/** Largest `per_page` the lists accept. */
export const MAX_PAGE_SIZE = 200;
/** The vendor refuses a third concurrent upload per firm with 429. */
export const MAX_UPLOADS_IN_FLIGHT = 2;
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
export const MAX_LOGO_BYTES = 2 * 1024 * 1024;

const id = (value: string) => encodeURIComponent(value);

/** Every OfficeTools path the node uses. Ids are encoded here, never by the operations. */
export const endpoints = {
	firm: () => '/v1/firm',
	legacyDocuments: () => '/v1/legacy-portal/documents',
	legacyDocument: (documentId: string) => `/v1/legacy-portal/documents/${id(documentId)}`,
	legacyDocumentContent: (documentId: string) =>
		`/v1/legacy-portal/documents/${id(documentId)}/content`,
	legacyContacts: () => '/v1/legacy-portal/contacts',
	legacyContact: (contactId: string) => `/v1/legacy-portal/contacts/${id(contactId)}`,
	workspaceClients: () => '/v1/workspace/clients',
	workspaceClientDocuments: (clientId: string) => `/v1/workspace/clients/${id(clientId)}/documents`,
	workspaceDocumentContent: (documentId: string) =>
		`/v1/workspace/documents/${id(documentId)}/content`,
	firmPortal: () => '/v1/firm-portal',
	subdomainAvailability: () => '/v1/firm-portal/subdomain-availability',
	activation: () => '/v1/firm-portal/activation',
	branding: () => '/v1/firm-portal/branding',
	brandingLogo: () => '/v1/firm-portal/branding/logo',
	portalUsers: () => '/v1/firm-portal/users',
	portalUser: (userId: string) => `/v1/firm-portal/users/${id(userId)}`,
	portalDocuments: () => '/v1/firm-portal/documents',
	portalDocumentContent: (documentId: string) =>
		`/v1/firm-portal/documents/${id(documentId)}/content`,
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
	/** Uploads in flight are limited per firm, whichever credential or key sends them. */
	uploadGate: string;
	secrets: string[];
}

async function connection(ctx: RequestContext): Promise<Connection> {
	const credentials = await ctx.getCredentials('officeToolsApi');
	const baseUrl = String(credentials.baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
	const firmId = String(credentials.firmId ?? '').trim();
	const credentialId = ctx.getNode().credentials?.officeToolsApi?.id ?? baseUrl;
	return {
		baseUrl,
		bucket: `officeToolsApi:${credentialId}`,
		uploadGate: `officeToolsUploads:${baseUrl}|${firmId}`,
		secrets: [String(credentials.apiKey ?? '')],
	};
}

export interface OfficeToolsCall {
	query?: Record<string, QueryValue>;
	body?: unknown;
	headers?: Record<string, string>;
	binary?: boolean;
	idempotent?: boolean;
	accept?: number[];
	itemIndex?: number;
}

export async function officeToolsRequest<T = unknown>(
	ctx: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	call: OfficeToolsCall = {},
): Promise<ApiResponse<T>> {
	const { baseUrl, bucket, secrets } = await connection(ctx);
	const request: ApiRequest = { method, url: baseUrl + path, bucket, secrets, ...call };
	return await send<T>(ctx, officeToolsProfile, request);
}

/** The response body, for the common case. */
export async function officeToolsApi<T = IDataObject>(
	ctx: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	call: OfficeToolsCall = {},
): Promise<T> {
	return (await officeToolsRequest<T>(ctx, method, path, call)).body;
}

/** A file download: the bytes plus the response headers (type, disposition). */
export async function officeToolsDownload(
	ctx: RequestContext,
	path: string,
	call: Pick<OfficeToolsCall, 'accept' | 'itemIndex'> = {},
): Promise<ApiResponse<Buffer>> {
	return await officeToolsRequest<Buffer>(ctx, 'GET', path, {
		...call,
		binary: true,
		headers: { Accept: '*/*' },
	});
}

/**
 * A multipart upload, sent only when one of the firm's upload slots is free in this process, so the node never
 * causes the vendor's "third concurrent upload" 429. A 429 from uploads sent elsewhere is retried by send().
 */
export async function officeToolsUpload<T = IDataObject>(
	ctx: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	parts: MultipartPart[],
	call: Pick<OfficeToolsCall, 'accept' | 'idempotent' | 'itemIndex'> = {},
): Promise<ApiResponse<T>> {
	const { uploadGate } = await connection(ctx);
	const form = buildMultipart(parts);
	return await withSlot(uploadGate, MAX_UPLOADS_IN_FLIGHT, async () =>
		officeToolsRequest<T>(ctx, method, path, {
			...call,
			body: form.body,
			headers: { 'Content-Type': form.contentType },
		}),
	);
}

/** One page of a list. `onHeaders` sees the response headers (e.g. `date`, OfficeTools' clock). */
export async function officeToolsPage<T = IDataObject>(
	ctx: RequestContext,
	path: string,
	query: Record<string, QueryValue>,
	page: number,
	perPage: number,
	itemIndex?: number,
	onHeaders?: (headers: Record<string, string>) => void,
): Promise<ListBody<T>> {
	const response = await officeToolsRequest<ListBody<T>>(ctx, 'GET', path, {
		query: { ...query, page, per_page: perPage },
		itemIndex,
	});
	onHeaders?.(response.headers ?? {});
	const body = response.body;
	return {
		data: body?.data ?? [],
		meta: body?.meta ?? { page, per_page: perPage, total: 0, next_page: null },
	};
}

/**
 * Iterates a list page by page, following `meta.next_page`. With a limit, the page size is the limit (up to 200),
 * so "Limit: 5" costs one request.
 */
export function officeToolsList<T = IDataObject>(
	ctx: RequestContext,
	path: string,
	query: Record<string, QueryValue> = {},
	options: {
		limit?: number;
		pageSize?: number;
		itemIndex?: number;
		onHeaders?: (headers: Record<string, string>) => void;
	} = {},
): AsyncGenerator<T> {
	const size = Math.min(
		MAX_PAGE_SIZE,
		options.pageSize ?? (options.limit !== undefined ? Math.max(options.limit, 1) : MAX_PAGE_SIZE),
	);
	const fetchPage = async (cursor: number | undefined): Promise<Page<T, number>> => {
		const body = await officeToolsPage<T>(
			ctx,
			path,
			query,
			cursor ?? 1,
			size,
			options.itemIndex,
			options.onHeaders,
		);
		return { items: body.data, next: body.meta.next_page };
	};
	return iterateItems(fetchPage, options.limit);
}

/** The first record a list filter matches (the idempotency lookups: by legacy document or contact id). */
export async function findFirst<T = IDataObject>(
	ctx: RequestContext,
	path: string,
	query: Record<string, QueryValue>,
	itemIndex?: number,
): Promise<T | undefined> {
	return (await officeToolsPage<T>(ctx, path, query, 1, 1, itemIndex)).data[0];
}
