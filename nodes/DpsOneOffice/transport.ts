import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { VendorError } from '../shared/errors';
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

/** Reads the shared error envelope and says where to fix the two DPS-specific header errors. */
function parseDpsError(status: number, body: unknown): VendorError {
	const error = parseContractError(status, body);
	if (error.code === 'database_forbidden') {
		error.message = `${error.message ?? 'Database not allowed'} Check the Database field of the DPS One Office credential (sent as X-DPS-Database).`;
	} else if (error.fields?.some((f) => f.field.toLowerCase() === 'x-dps-database')) {
		error.message = `${error.message ?? 'Database missing'} Enter the firm database name in the Database field of the DPS One Office credential.`;
	}
	return error;
}

/**
 * The only place that knows DPS One Office's URLs, auth, paging and error shape (shared/contracts/dps-one-office.md):
 * Bearer key plus `X-DPS-Database` on every request (both added by the credential), `?page=N&per_page=M` lists
 * answering `{data, meta:{page, per_page, total, next_page}}`, the shared error envelope, 5 requests/s per
 * key + database.
 */
export const dpsProfile: ApiProfile = {
	system: 'DPS One Office',
	credentialType: 'dpsOneOfficeApi',
	rate: { perSecond: 5, burst: 5 },
	parseError: parseDpsError,
};

/** Largest `per_page` the lists accept. */
export const MAX_PAGE_SIZE = 200;

/** Every DPS One Office path the node uses. Refs are opaque and encoded here, never by the operations. */
export const endpoints = {
	me: () => '/v1/me',
	appCodes: () => '/v1/app-codes',
	feeEarners: () => '/v1/fee-earners',
	branches: () => '/v1/branches',
	contactTypes: () => '/v1/contact-types',
	clients: () => '/v1/clients',
	client: (clientRef: string) => `/v1/clients/${encodeURIComponent(clientRef)}`,
	contacts: () => '/v1/contacts',
	contact: (contactId: string) => `/v1/contacts/${encodeURIComponent(contactId)}`,
	matters: () => '/v1/matters',
	matter: (matRef: string) => `/v1/matters/${encodeURIComponent(matRef)}`,
	matterContacts: (matRef: string) => `/v1/matters/${encodeURIComponent(matRef)}/contacts`,
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
	const credentials = await ctx.getCredentials('dpsOneOfficeApi');
	const baseUrl = String(credentials.baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
	const database = String(credentials.database ?? '').trim();
	if (!database) {
		throw new NodeOperationError(ctx.getNode(), 'The DPS One Office credential has no Database', {
			description:
				'Open the DPS One Office credential and enter the firm database name; it is sent as X-DPS-Database on every request.',
		});
	}
	const credentialId = ctx.getNode().credentials?.dpsOneOfficeApi?.id ?? baseUrl;
	return {
		baseUrl,
		// The vendor limits per key + database, so one bucket per credential and database.
		bucket: `dpsOneOfficeApi:${credentialId}:${database.toUpperCase()}`,
		secrets: [String(credentials.apiKey ?? '')],
	};
}

export interface DpsCall {
	query?: Record<string, QueryValue>;
	body?: unknown;
	idempotent?: boolean;
	accept?: number[];
	itemIndex?: number;
}

export async function dpsRequest<T = unknown>(
	ctx: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	call: DpsCall = {},
): Promise<ApiResponse<T>> {
	const { baseUrl, bucket, secrets } = await connection(ctx);
	const request: ApiRequest = { method, url: baseUrl + path, bucket, secrets, ...call };
	return await send<T>(ctx, dpsProfile, request);
}

/** The response body, for the common case. */
export async function dpsApi<T = IDataObject>(
	ctx: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	call: DpsCall = {},
): Promise<T> {
	return (await dpsRequest<T>(ctx, method, path, call)).body;
}

/** One page of a list. */
export async function dpsPage<T = IDataObject>(
	ctx: RequestContext,
	path: string,
	query: Record<string, QueryValue>,
	page: number,
	perPage: number,
	itemIndex?: number,
): Promise<ListBody<T>> {
	const body = await dpsApi<ListBody<T>>(ctx, 'GET', path, {
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
export function dpsList<T = IDataObject>(
	ctx: RequestContext,
	path: string,
	query: Record<string, QueryValue> = {},
	options: { limit?: number; itemIndex?: number } = {},
): AsyncGenerator<T> {
	const size = Math.min(
		MAX_PAGE_SIZE,
		options.limit !== undefined ? Math.max(options.limit, 1) : MAX_PAGE_SIZE,
	);
	const fetchPage = async (cursor: number | undefined): Promise<Page<T, number>> => {
		const body = await dpsPage<T>(ctx, path, query, cursor ?? 1, size, options.itemIndex);
		return { items: body.data, next: body.meta.next_page };
	};
	return iterateItems(fetchPage, options.limit);
}

/** A record by its path, or null on 404 (lookups that decide between "use it" and "refuse the input"). */
export async function dpsFind<T = IDataObject>(
	ctx: RequestContext,
	path: string,
	itemIndex?: number,
): Promise<T | null> {
	const res = await dpsRequest<T>(ctx, 'GET', path, { accept: [404], itemIndex });
	return res.status === 404 ? null : res.body;
}
