import type {
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import type { VendorError } from './errors';
import { apiError, credentialError, networkError, unretriedWrite } from './errors';
import { clock } from './clock';
import { takeToken, pauseBucket, observeResponse, parseRateLimitHeaders } from './rateLimit';

/** Every n8n context a transport may be called from. */
export type RequestContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions
	| IWebhookFunctions;

export type QueryValue = string | number | boolean | null | undefined | Array<string | number>;

/** What one system's transport tells the HTTP core about itself. */
export interface ApiProfile {
	/** Shown to users in errors: "Case Status". */
	system: string;
	credentialType: string;
	/**
	 * A host reached through presigned URLs another API handed out (file storage): the URL is the authorisation, so
	 * requests go out without the credential (S3 refuses a second one) and with exactly the request's own headers.
	 */
	presigned?: boolean;
	rate: { perSecond: number; burst: number };
	/** Reads the vendor's error envelope. */
	parseError: (status: number, body: unknown) => VendorError;
}

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Absolute URL without query string (a presigned URL keeps its signed query string here, untouched). */
	url: string;
	query?: Record<string, QueryValue>;
	body?: unknown;
	headers?: Record<string, string>;
	/** Response body as a Buffer (downloads). */
	binary?: boolean;
	/**
	 * A POST is retried after an ambiguous failure (5xx, reset) only when the caller can recognise its own earlier
	 * write, e.g. a create keyed by an external reference that answers 409 on a repeat.
	 */
	idempotent?: boolean;
	/** Statuses returned to the caller instead of thrown (e.g. 404 for "find", 409 for "already exists"). */
	accept?: number[];
	itemIndex?: number;
	/**
	 * n8n renews an OAuth2 token only when a request through it throws 401, so a token probe lets every error status
	 * throw inside n8n (and fail the call, unretried) instead of coming back as a response.
	 */
	tokenProbe?: boolean;
	/** Defaults to 60 s; large file transfers need longer. */
	timeoutMs?: number;
	/** Rate-limit bucket: one per credential. */
	bucket: string;
	/** Secrets to scrub from any error text. */
	secrets?: string[];
}

/**
 * A request as an operation describes it; the transport adds the URL, bucket and secrets. Kept here, not in
 * contractApi.ts, so a piece that only takes a call (download.ts) does not pull the contract client into a package.
 */
export type ContractCall = Omit<ApiRequest, 'method' | 'url' | 'bucket' | 'secrets'>;

export interface ApiResponse<T = unknown> {
	status: number;
	headers: Record<string, string>;
	body: T;
}

export const retryPolicy = {
	maxAttempts: 6,
	baseDelayMs: 400,
	maxDelayMs: 20_000,
	/** A Retry-After longer than this is not waited out inside a node run. */
	maxRetryAfterMs: 120_000,
	/**
	 * 429s are retried until they have cost this much waiting, however many there were: each one is a request the
	 * vendor did not process, and with several n8n processes sharing a credential a request may meet a few in a row.
	 */
	maxRateLimitedMs: 120_000,
};

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
const RETRYABLE_NETWORK = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'ECONNABORTED',
	'EAI_AGAIN',
	'UND_ERR_SOCKET',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'PATCH']);

/** `a=1&b=x&b=y`: repeated keys for lists (the contracts' exact-match list filters), bracket keys kept as given. */
export function buildQuery(query: Record<string, QueryValue> | undefined): string {
	if (!query) return '';
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(query)) {
		if (value === undefined || value === null || value === '') continue;
		if (Array.isArray(value)) value.forEach((v) => params.append(key, String(v)));
		else params.append(key, String(value));
	}
	const text = params.toString();
	return text ? `?${text}` : '';
}

/** Seconds or an HTTP date, as RFC 9110 allows; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
	if (!value) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** Exponential backoff with full jitter, so parallel workers do not retry in lockstep. */
export function backoffMs(attempt: number): number {
	const ceiling = Math.min(retryPolicy.maxDelayMs, retryPolicy.baseDelayMs * 2 ** (attempt - 1));
	return Math.round(ceiling / 2 + (clock.random() * ceiling) / 2);
}

function lowerHeaders(headers: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	if (headers && typeof headers === 'object') {
		for (const [k, v] of Object.entries(headers as Record<string, unknown>)) {
			out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
		}
	}
	return out;
}

function networkCode(error: unknown): string | undefined {
	const e = error as { code?: string; cause?: { code?: string }; message?: string };
	const code = e?.code ?? e?.cause?.code;
	if (code) return code;
	if (typeof e?.message === 'string' && /socket hang up|ECONNRESET/i.test(e.message))
		return 'ECONNRESET';
	return undefined;
}

/** Parses a JSON body that arrived as text or bytes; leaves anything else as it is. */
function decodeBody(body: unknown, binary: boolean): unknown {
	if (binary) {
		if (Buffer.isBuffer(body)) return body;
		return body === undefined || body === null ? Buffer.alloc(0) : Buffer.from(body as ArrayBuffer);
	}
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : body;
	if (typeof text === 'string' && text.length && /^[[{]/.test(text.trim())) {
		try {
			return JSON.parse(text);
		} catch {
			return text;
		}
	}
	return text;
}

/**
 * The one HTTP core every transport goes through: credential auth via n8n (none to a presigned host), a
 * per-credential token bucket that adapts to the vendor's 429s and rate-limit headers, retries with backoff on
 * 429/5xx/resets honouring Retry-After, and errors that never carry a secret.
 */
export async function send<T = unknown>(
	ctx: RequestContext,
	profile: ApiProfile,
	request: ApiRequest,
): Promise<ApiResponse<T>> {
	const retryAmbiguous = IDEMPOTENT_METHODS.has(request.method) || request.idempotent === true;
	const options: IHttpRequestOptions = {
		method: request.method,
		url: request.url + buildQuery(request.query),
		headers: {
			...(profile.presigned ? {} : { Accept: 'application/json' }),
			...(request.headers ?? {}),
		},
		returnFullResponse: true,
		ignoreHttpStatusErrors: request.tokenProbe !== true,
		json: !request.binary && !Buffer.isBuffer(request.body),
		timeout: request.timeoutMs ?? 60_000,
	};
	if (request.body !== undefined) options.body = request.body as IHttpRequestOptions['body'];
	if (request.binary) options.encoding = 'arraybuffer';

	let refusals = 0; // 429s so far: they have their own budget (maxRateLimitedMs)
	let rateLimitedMs = 0;
	for (let attempt = 1; ; attempt++) {
		const ticket = await takeToken(request.bucket, profile.rate);
		let status: number;
		let headers: Record<string, string>;
		let body: unknown;
		try {
			const response = (
				profile.presigned
					? await ctx.helpers.httpRequest(options)
					: await ctx.helpers.httpRequestWithAuthentication.call(
							ctx,
							profile.credentialType,
							options,
						)
			) as { statusCode: number; headers: unknown; body: unknown };
			status = response.statusCode;
			headers = lowerHeaders(response.headers);
			body = decodeBody(response.body, request.binary === true && status < 300);
		} catch (error) {
			const code = networkCode(error);
			const retryable = code !== undefined && RETRYABLE_NETWORK.has(code) && retryAmbiguous;
			if (retryable && attempt - refusals < retryPolicy.maxAttempts) {
				await clock.sleep(backoffMs(attempt - refusals));
				continue;
			}
			const message = (error as Error)?.message;
			// n8n signs the request before sending it: an OAuth2 token it cannot get is a credential problem,
			// not an unreachable system.
			if (code === undefined && /oauth|access token|credential/i.test(message ?? ''))
				throw credentialError(
					ctx.getNode(),
					profile.system,
					message,
					request.itemIndex,
					request.secrets,
				);
			const failure = networkError(
				ctx.getNode(),
				profile.system,
				{ code, message },
				request.itemIndex,
				attempt,
				request.secrets,
			);
			throw code !== undefined && RETRYABLE_NETWORK.has(code) && !retryAmbiguous
				? unretriedWrite(failure)
				: failure;
		}

		// Other n8n processes may spend this credential's quota too: pace by what the vendor says of it.
		observeResponse(ticket, status, parseRateLimitHeaders(headers));
		if (status < 300 || request.accept?.includes(status))
			return { status, headers, body: body as T };

		// 429 means the request was not processed, so even a plain POST may repeat it.
		const retryable = RETRYABLE_STATUS.has(status) && (status === 429 || retryAmbiguous);
		const budgetLeft =
			status === 429
				? rateLimitedMs < retryPolicy.maxRateLimitedMs
				: attempt - refusals < retryPolicy.maxAttempts;
		if (retryable && budgetLeft) {
			const retryAfter = parseRetryAfter(headers['retry-after'], clock.now());
			if (retryAfter === undefined || retryAfter <= retryPolicy.maxRetryAfterMs) {
				const wait = retryAfter ?? backoffMs(attempt - refusals);
				if (status === 429 || status === 503) pauseBucket(request.bucket, wait);
				if (status === 429) {
					refusals++;
					rateLimitedMs += wait;
				}
				await clock.sleep(wait);
				continue;
			}
		}
		const failure = apiError(
			ctx.getNode(),
			profile.system,
			status,
			profile.parseError(status, body),
			request.itemIndex,
			attempt,
			request.secrets,
			{ method: request.method, url: request.url, oauth: /OAuth2/.test(profile.credentialType) },
		);
		throw RETRYABLE_STATUS.has(status) && !retryable ? unretriedWrite(failure) : failure;
	}
}
