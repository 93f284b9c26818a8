import type { IDataObject } from 'n8n-workflow';

import type { ContractCall } from '../shared/contractApi';
import { contractApi } from '../shared/contractApi';
import { parseContractError } from '../shared/errors';
import type { ApiProfile, ApiResponse, RequestContext } from '../shared/http';
import type { MultipartPart } from '../shared/multipart';

export type {
	ContractCall as PerfectPortalCall,
	FeedPosition,
	FeedRun,
	ListBody,
	ListMeta,
} from '../shared/contractApi';

/**
 * The only place that knows Perfect Portal's URLs, auth, paging and error shape
 * (docs/api/perfect-portal.md): Bearer API key, `?page=N&per_page=M` lists answering
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

const api = contractApi(perfectPortalProfile, { maxPageSize: MAX_PAGE_SIZE });

export const ppRequest = api.request;
/** The response body, for the common case. */
export const ppApi = api.api;
export const ppPage = api.page;
export const ppList = api.list;
/** The first record of a list filtered by an exact-match reference (external_ref, quote_id…), or undefined. */
export const findFirst = api.findFirst;
/** Keyset feeds; a case's keyset id is its `case_id` (pass `idOf`). */
export const readFeed = api.readFeed;
export const lastPage = api.lastPage;

/** A document upload: POSTs `parts` as one multipart/form-data body to a case's or a quote's documents (`path`). */
export async function ppUpload<T = IDataObject>(
	ctx: RequestContext,
	path: string,
	parts: MultipartPart[],
	call: Pick<ContractCall, 'accept' | 'idempotent' | 'itemIndex'> = {},
): Promise<ApiResponse<T>> {
	return await api.upload<T>(ctx, 'POST', path, parts, call);
}
