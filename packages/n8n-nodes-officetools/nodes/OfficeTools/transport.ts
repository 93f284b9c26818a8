import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { withSlot } from '../shared/concurrency';
import type { ContractCall } from '../shared/contractApi';
import { contractApi } from '../shared/contractApi';
import { parseContractError } from '../shared/errors';
import type { ApiProfile, ApiResponse, RequestContext } from '../shared/http';
import type { MultipartPart } from '../shared/multipart';

export type { ContractCall as OfficeToolsCall, ListBody, ListMeta } from '../shared/contractApi';

/**
 * The only place that knows OfficeTools' URLs, auth, paging and error shape (docs/api/officetools.md):
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

const api = contractApi(officeToolsProfile, { maxPageSize: MAX_PAGE_SIZE });

export const officeToolsRequest = api.request;
/** The response body, for the common case. */
export const officeToolsApi = api.api;
/** One page of a list; its `onHeaders` sees the response headers (e.g. `date`, OfficeTools' clock). */
export const officeToolsPage = api.page;
export const officeToolsList = api.list;
/** The first record a list filter matches (the idempotency lookups: by legacy document or contact id). */
export const findFirst = api.findFirst;

/** A file download: the bytes plus the response headers (type, disposition). */
export async function officeToolsDownload(
	ctx: RequestContext,
	path: string,
	call: Pick<ContractCall, 'accept' | 'itemIndex'> = {},
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
 * Uploads in flight are limited per firm, whichever credential or key sends them.
 */
export async function officeToolsUpload<T = IDataObject>(
	ctx: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	parts: MultipartPart[],
	call: Pick<ContractCall, 'accept' | 'idempotent' | 'itemIndex'> = {},
): Promise<ApiResponse<T>> {
	const credentials = await ctx.getCredentials(officeToolsProfile.credentialType);
	const baseUrl = String(credentials.baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
	const uploadGate = `officeToolsUploads:${baseUrl}|${String(credentials.firmId ?? '').trim()}`;
	return await withSlot(uploadGate, MAX_UPLOADS_IN_FLIGHT, async () =>
		api.upload<T>(ctx, method, path, parts, call),
	);
}
