import { createHash, randomUUID } from 'crypto';
import type { IDataObject, IHttpRequestMethods, JsonObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { clock } from '../shared/clock';
import type { VendorError } from '../shared/errors';
import { apiError, networkError, parseContractError } from '../shared/errors';
import type {
	ApiProfile,
	ApiRequest,
	ApiResponse,
	QueryValue,
	RequestContext,
} from '../shared/http';
import { backoffMs, retryPolicy, send } from '../shared/http';
import type { Page } from '../shared/paging';
import { iterateItems } from '../shared/paging';
import { takeToken } from '../shared/rateLimit';

/**
 * The only place that knows Smokeball's hosts, auth, paging and error shapes (its swagger and guides,
 * docs/api/smokeball.md): `x-api-key` plus the OAuth2 bearer token on every request, paths under `/{accountId}` with
 * client credentials, `Offset`/`Limit` (≤ 500) pages answering `{offset, limit, size, value}`, RFC 7807 errors, and 5
 * requests/second with a burst of 5 per partner key.
 */
export const smokeballProfile: ApiProfile = {
	system: 'Smokeball',
	credentialType: 'smokeballOAuth2Api',
	rate: { perSecond: 5, burst: 5 },
	parseError: parseSmokeballError,
};

/** Largest `Limit` the lists accept (and their default). */
export const MAX_PAGE_SIZE = 500;

const API_HOSTS: Record<string, { production: string; staging: string }> = {
	us: { production: 'https://api.smokeball.com', staging: 'https://stagingapi.smokeball.com' },
	au: {
		production: 'https://api.smokeball.com.au',
		staging: 'https://stagingapi.smokeball.com.au',
	},
	uk: { production: 'https://api.smokeball.co.uk', staging: 'https://stagingapi.smokeball.co.uk' },
};

const seg = (id: string) => encodeURIComponent(id);

/** Every Smokeball path the nodes use, as the swagger names them. Ids are encoded here, never by operations. */
export const endpoints = {
	matters: () => '/matters',
	matter: (matterId: string) => `/matters/${seg(matterId)}`,
	matterStage: (matterId: string) => `/matters/${seg(matterId)}/stages`,
	matterStages: () => '/stages',
	memos: (matterId: string) => `/matters/${seg(matterId)}/memos`,
	memo: (matterId: string, id: string) => `/matters/${seg(matterId)}/memos/${seg(id)}`,
	fees: (matterId: string) => `/matters/${seg(matterId)}/fees`,
	fee: (matterId: string, id: string) => `/matters/${seg(matterId)}/fees/${seg(id)}`,
	expenses: (matterId: string) => `/matters/${seg(matterId)}/expenses`,
	expense: (matterId: string, id: string) => `/matters/${seg(matterId)}/expenses/${seg(id)}`,
	files: (matterId: string) => `/matters/${seg(matterId)}/documents/files`,
	file: (matterId: string, fileId: string) =>
		`/matters/${seg(matterId)}/documents/files/${seg(fileId)}`,
	fileDownload: (matterId: string, fileId: string) =>
		`/matters/${seg(matterId)}/documents/files/${seg(fileId)}/download`,
	fileUpload: (matterId: string, fileId: string) =>
		`/matters/${seg(matterId)}/documents/files/${seg(fileId)}/upload`,
	layoutDesigns: () => '/layouts',
	layoutDesign: (id: string) => `/layouts/${seg(id)}`,
	layoutItems: (matterId: string) => `/matters/${seg(matterId)}/layouts`,
	layoutItem: (matterId: string, itemId: string) =>
		`/matters/${seg(matterId)}/layouts/${seg(itemId)}`,
	portalMessages: (matterId: string) => `/matters/${seg(matterId)}/portal/messages`,
	contacts: () => '/contacts',
	contact: (id: string) => `/contacts/${seg(id)}`,
	referralTypes: () => '/referraltypes',
	staff: () => '/staff',
	matterTypes: () => '/mattertypes',
	matterType: (id: string) => `/mattertypes/${seg(id)}`,
	stageSet: (id: string) => `/stagesets/${seg(id)}`,
	webhooks: () => '/webhooks',
	webhook: (id: string) => `/webhooks/${seg(id)}`,
	webhookNotify: (id: string) => `/webhooks/${seg(id)}/notify`,
	webhookTypes: () => '/webhooks/types',
};

/** Smokeball's paged collection (MatterPagedCollection, ContactPagedCollection, ...). */
export interface PagedCollection<T> {
	offset?: number | null;
	limit?: number | null;
	size?: number;
	value?: T[] | null;
}

/** The hypermedia Link a 202 write answers with. */
export interface Link {
	id?: string | null;
	href?: string | null;
}

/**
 * The API base the credential points at: the region and environment's host (or the custom URL), plus
 * `/{accountId}` under client credentials ("you must prefix paths with the account id").
 */
export function apiBaseUrl(credentials: IDataObject): string {
	const environment = String(credentials.environment ?? 'production');
	const region = String(credentials.region ?? 'us');
	let base: string;
	if (environment === 'custom') base = String(credentials.customApiUrl ?? '').trim();
	else
		base = (API_HOSTS[region] ?? API_HOSTS.us)[
			environment === 'staging' ? 'staging' : 'production'
		];
	base = base.replace(/\/+$/, '');
	if (credentials.grantType === 'clientCredentials') {
		base += `/${encodeURIComponent(String(credentials.accountId ?? '').trim())}`;
	}
	return base;
}

interface Connection {
	baseUrl: string;
	apiKey: string;
	bucket: string;
	secrets: string[];
}

async function connection(ctx: RequestContext): Promise<Connection> {
	const credentials = await ctx.getCredentials('smokeballOAuth2Api');
	const apiKey = String(credentials.apiKey ?? '').trim();
	const problem = (what: string, fix: string) =>
		new NodeOperationError(ctx.getNode(), `The Smokeball credential ${what}`, { description: fix });
	if (!apiKey) {
		throw problem(
			'has no API key',
			'Open the Smokeball credential and paste the partner API key Smokeball issued (sent as x-api-key).',
		);
	}
	if (
		credentials.grantType === 'clientCredentials' &&
		!String(credentials.accountId ?? '').trim()
	) {
		throw problem(
			'uses client credentials but has no Account ID',
			'Open the Smokeball credential and enter the firm account ID: client-credentials requests go to /{accountId}/….',
		);
	}
	if (credentials.environment === 'custom' && !String(credentials.customApiUrl ?? '').trim()) {
		throw problem(
			'uses custom URLs but has no API URL',
			'Enter the Custom API URL in the credential.',
		);
	}
	// Smokeball limits each partner key, so every credential sharing the key shares one bucket.
	const keyHash = createHash('sha256').update(apiKey).digest('hex').slice(0, 16);
	return {
		baseUrl: apiBaseUrl(credentials),
		apiKey,
		bucket: `smokeballOAuth2Api:${keyHash}`,
		secrets: [apiKey, String(credentials.clientSecret ?? '')],
	};
}

export interface SmokeballCall {
	query?: Record<string, QueryValue>;
	body?: unknown;
	headers?: Record<string, string>;
	idempotent?: boolean;
	accept?: number[];
	itemIndex?: number;
	/** Echoed by Smokeball in the response and in every webhook the write causes (docs/api/smokeball.md#request-id). */
	requestId?: string;
}

/**
 * n8n renews an OAuth2 token only when a request through it throws 401, and send() asks n8n never to throw on a
 * status. So after a 401 this probe, which does throw, lets n8n refresh (or, for client credentials, fetch a new
 * token) before the request is sent again once.
 */
async function renewToken(ctx: RequestContext, conn: Connection, itemIndex?: number) {
	await takeToken(conn.bucket, smokeballProfile.rate);
	try {
		await ctx.helpers.httpRequestWithAuthentication.call(ctx, 'smokeballOAuth2Api', {
			method: 'GET',
			url: conn.baseUrl + endpoints.webhookTypes(),
			headers: { 'x-api-key': conn.apiKey, Accept: 'application/json' },
			json: true,
		});
	} catch {
		throw apiError(
			ctx.getNode(),
			smokeballProfile.system,
			401,
			{ message: 'Smokeball refused the access token and it could not be renewed' },
			itemIndex,
			2,
			conn.secrets,
		);
	}
}

export async function smokeballRequest<T = unknown>(
	ctx: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	call: SmokeballCall = {},
): Promise<ApiResponse<T>> {
	const conn = await connection(ctx);
	const headers: Record<string, string> = { 'x-api-key': conn.apiKey, ...(call.headers ?? {}) };
	if (method !== 'GET') headers.RequestId = call.requestId ?? newRequestId();
	const request: ApiRequest = {
		method,
		url: conn.baseUrl + path,
		query: call.query,
		body: call.body,
		headers,
		idempotent: call.idempotent,
		accept: [...(call.accept ?? []), 401],
		itemIndex: call.itemIndex,
		bucket: conn.bucket,
		secrets: conn.secrets,
	};
	const response = await send<T>(ctx, smokeballProfile, request);
	if (response.status !== 401 || call.accept?.includes(401)) return response;
	await renewToken(ctx, conn, call.itemIndex);
	return await send<T>(ctx, smokeballProfile, { ...request, accept: call.accept });
}

/** The response body, for the common case. */
export async function smokeballApi<T = IDataObject>(
	ctx: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	call: SmokeballCall = {},
): Promise<T> {
	return (await smokeballRequest<T>(ctx, method, path, call)).body;
}

/**
 * Iterates a paged collection with `Offset`/`Limit`. With a limit the page size is the limit (up to 500), so
 * "Limit: 5" costs one request; the walk ends when `offset + received` reaches `size`.
 */
export function smokeballList<T = IDataObject>(
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
		const offset = cursor ?? 0;
		const body = await smokeballApi<PagedCollection<T>>(ctx, 'GET', path, {
			query: { ...query, Offset: offset, Limit: size },
			itemIndex: options.itemIndex,
		});
		const items = body?.value ?? [];
		const total = typeof body?.size === 'number' ? body.size : offset + items.length;
		return { items, next: offset + items.length < total ? offset + items.length : null };
	};
	return iterateItems(fetchPage, options.limit);
}

export interface WaitOptions {
	itemIndex?: number;
	timeoutMs?: number;
	/** For updates: the record is "readable" once this says the change shows. */
	ready?: (body: IDataObject) => boolean;
	what: string;
}

/**
 * Smokeball answers writes with 202 and applies them moments later (docs/api/smokeball.md#asynchronous-writes). This
 * polls the record with growing pauses until it reads as written, or gives up with a message that says where Smokeball
 * reports failed writes.
 */
export async function waitUntilReadable(
	ctx: RequestContext,
	path: string,
	options: WaitOptions,
): Promise<IDataObject> {
	const timeoutMs = options.timeoutMs ?? 30_000;
	const started = clock.now();
	let pause = 250;
	for (;;) {
		const response = await smokeballRequest<IDataObject>(ctx, 'GET', path, {
			accept: [404],
			itemIndex: options.itemIndex,
		});
		if (response.status === 200 && (!options.ready || options.ready(response.body))) {
			return response.body;
		}
		if (clock.now() - started + pause > timeoutMs) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Smokeball accepted the ${options.what} but it was not readable after ${Math.round(timeoutMs / 1000)} s`,
				{
					description:
						'Smokeball applies writes asynchronously and reports failed ones through its "error" webhook (Smokeball Trigger › Error). Check the IDs sent (contacts, staff, matter type), or raise "Wait Timeout (Seconds)".',
					itemIndex: options.itemIndex,
				},
			);
		}
		await clock.sleep(pause);
		pause = Math.min(pause * 2, 4000);
	}
}

/**
 * A request to a presigned file-storage URL the API handed out (upload or download). It carries no x-api-key
 * and no bearer token (the URL is the authorisation; S3 refuses a second one) and, for uploads, an empty
 * Content-Type, as the swagger's UploadFileInfo demands. Storage is not behind the API's rate limit; 5xx and
 * resets are retried like send() does.
 */
export async function presignedRequest(
	ctx: RequestContext,
	method: 'GET' | 'PUT',
	url: string,
	options: { body?: Buffer; itemIndex?: number } = {},
): Promise<ApiResponse<Buffer>> {
	const system = 'Smokeball file storage';
	const secrets = [url.split('?')[1] ?? ''];
	for (let attempt = 1; ; attempt++) {
		let response: { statusCode: number; headers: IDataObject; body: unknown };
		try {
			response = (await ctx.helpers.httpRequest({
				method,
				url,
				body: options.body,
				headers: method === 'PUT' ? { 'Content-Type': '' } : {},
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				encoding: 'arraybuffer',
				json: false,
				timeout: 300_000,
			})) as { statusCode: number; headers: IDataObject; body: unknown };
		} catch (error) {
			const e = error as { code?: string; message?: string };
			if (attempt < retryPolicy.maxAttempts && e.code) {
				await clock.sleep(backoffMs(attempt));
				continue;
			}
			throw networkError(ctx.getNode(), system, e, options.itemIndex, attempt, secrets);
		}
		const raw = response.body;
		const body = Buffer.isBuffer(raw)
			? raw
			: raw === undefined || raw === null
				? Buffer.alloc(0)
				: Buffer.from(raw as ArrayBuffer);
		const headers: Record<string, string> = {};
		for (const [k, v] of Object.entries(response.headers ?? {}))
			headers[k.toLowerCase()] = String(v);
		if (response.statusCode < 300) return { status: response.statusCode, headers, body };
		if (response.statusCode >= 500 && attempt < retryPolicy.maxAttempts) {
			await clock.sleep(backoffMs(attempt));
			continue;
		}
		throw apiError(
			ctx.getNode(),
			system,
			response.statusCode,
			parseSmokeballError(response.statusCode, body.toString('utf8')),
			options.itemIndex,
			attempt,
			secrets,
		);
	}
}

/**
 * Reads what Smokeball sends back on failure: RFC 7807 ProblemDetails (with ASP.NET's `errors` map), API
 * Gateway's `{message}`, OAuth's `{error, error_description}`, S3's XML, or anything else as text.
 */
export function parseSmokeballError(status: number, body: unknown): VendorError {
	if (body && typeof body === 'object' && !Array.isArray(body)) {
		const b = body as IDataObject;
		if (typeof b.title === 'string' || typeof b.detail === 'string') {
			const errors = (b.errors && typeof b.errors === 'object' ? b.errors : {}) as IDataObject;
			const fields = Object.entries(errors).map(([field, messages]) => ({
				field,
				code: 'invalid',
				message: Array.isArray(messages) ? messages.join('; ') : String(messages),
			}));
			return {
				code: typeof b.title === 'string' ? b.title : undefined,
				message: typeof b.detail === 'string' ? b.detail : undefined,
				fields: fields.length ? fields : undefined,
				details: b as JsonObject,
			};
		}
		if (typeof b.error === 'string') {
			return {
				code: b.error,
				message: typeof b.error_description === 'string' ? b.error_description : undefined,
			};
		}
		if (typeof b.message === 'string' && Object.keys(b).length === 1) return { message: b.message };
		return parseContractError(status, body);
	}
	if (typeof body === 'string') {
		const code = /<Code>([^<]*)<\/Code>/.exec(body);
		const message = /<Message>([^<]*)<\/Message>/.exec(body);
		if (code) return { code: code[1], message: message ? message[1] : undefined };
	}
	return parseContractError(status, body);
}

/**
 * Marks the RequestIds this package sends. Smokeball echoes a write's RequestId in every webhook the write causes
 * (docs/api/smokeball.md#request-id), so the trigger can tell the echoes of n8n's own writes and skip them (no update
 * loops). The id stays a GUID: only its last group is fixed.
 */
const OWN_REQUEST_MARK = '1e9a15c0de00';

/** A fresh RequestId for one logical write (echoed by Smokeball in the webhooks it causes), marked as ours. */
export function newRequestId(): string {
	return `${randomUUID().slice(0, 24)}${OWN_REQUEST_MARK}`;
}

/** Whether a RequestId (header or webhook echo) is one this package sent. */
export function isOwnRequestId(requestId: unknown): boolean {
	return (
		typeof requestId === 'string' &&
		requestId.length === 36 &&
		requestId.toLowerCase().endsWith(`-${OWN_REQUEST_MARK}`)
	);
}
