import type { IDataObject } from 'n8n-workflow';

import type { ContractCall } from '../shared/contractApi';
import { contractApi } from '../shared/contractApi';
import { parseContractError } from '../shared/errors';
import type { ApiProfile, ApiResponse, RequestContext } from '../shared/http';
import type { MultipartPart } from '../shared/multipart';

export type {
	ContractCall as CasePeerCall,
	FeedPosition,
	FeedRun,
	ListBody,
	ListMeta,
} from '../shared/contractApi';

/**
 * The only place that knows CASEpeer's URLs, auth, paging and error shape (docs/api/casepeer.md):
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

const api = contractApi(casePeerProfile, { maxPageSize: MAX_PAGE_SIZE });

export const casePeerRequest = api.request;
/** The response body, for the common case. */
export const casePeerApi = api.api;
export const casePeerPage = api.page;
export const casePeerList = api.list;
export const readFeed = api.readFeed;
export const lastPage = api.lastPage;

/** A document upload: POSTs `parts` as one multipart/form-data body to the case's documents. */
export async function casePeerUpload<T = IDataObject>(
	ctx: RequestContext,
	caseId: number,
	parts: MultipartPart[],
	call: Pick<ContractCall, 'accept' | 'idempotent' | 'itemIndex'> = {},
): Promise<ApiResponse<T>> {
	return await api.upload<T>(ctx, 'POST', endpoints.caseDocuments(caseId), parts, call);
}
