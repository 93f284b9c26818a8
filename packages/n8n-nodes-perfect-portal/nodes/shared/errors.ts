import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** What a vendor said when it refused a request, normalised from its own error envelope. */
export interface VendorError {
	code?: string;
	message?: string;
	/** Field-level problems, when the vendor lists them. */
	fields?: Array<{ field: string; code?: string; message?: string }>;
	details?: JsonObject;
}

// Header-style secrets (Bearer/ApiKey/Basic tokens, x-api-key values) and key=value pairs that look like secrets.
const SECRET_PATTERNS: RegExp[] = [
	/\b(Bearer|ApiKey|Basic|Token)\s+[A-Za-z0-9._~+/=-]{6,}/gi,
	/("?(?:x-api-key|authorization|api[_-]?key|access[_-]?token|refresh[_-]?token|client[_-]?secret|password)"?\s*[:=]\s*"?)[^",}\s]+/gi,
];

/** Removes anything that looks like a credential from text that may reach output, errors or logs. */
export function redact(text: string, secrets: string[] = []): string {
	let out = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 4) out = out.split(secret).join('***');
	}
	out = out.replace(SECRET_PATTERNS[0], '$1 ***');
	out = out.replace(SECRET_PATTERNS[1], '$1***');
	return out;
}

/** What the request was about, read from its URL: "case 123" for GET /v1/cases/123, "case" for POST /v1/cases. */
export interface RequestTarget {
	method?: string;
	url?: string;
	/** The credential signs in with OAuth2 (Smokeball): a refusal is fixed by reconnecting, not by a new key. */
	oauth?: boolean;
}

const looksLikeId = (segment: string): boolean =>
	/\d/.test(segment) || /^[0-9a-f-]{16,}$/i.test(segment);

function singular(segment: string): string {
	const words = segment.split(/[-_]/);
	const last = words.pop() ?? '';
	const one = /ies$/.test(last)
		? last.replace(/ies$/, 'y')
		: /(ch|sh|x|ss)es$/.test(last)
			? last.replace(/es$/, '')
			: /[^s]s$/.test(last)
				? last.slice(0, -1)
				: last;
	return [...words, one].join(' ');
}

/**
 * What a request is about: `record`, the last "collection/id" pair of its path (GET /cases/123/notes → case 123, the
 * one a 404 misses), and `noun`, what it acts on (POST /cases/123/notes → note, PUT /cases/123/close → case).
 */
export function describeTarget(url: string | undefined): {
	noun?: string;
	record?: { noun: string; id: string };
} {
	if (!url) return {};
	const path = url.replace(/^[a-z]+:\/\/[^/]+/i, '').split(/[?#]/)[0];
	const segments = path
		.split('/')
		.filter((s) => s && !/^(v\d+|api)$/i.test(s))
		.map((s) => {
			try {
				return decodeURIComponent(s);
			} catch {
				return s;
			}
		});
	let record: { noun: string; id: string } | undefined;
	for (let i = 0; i < segments.length - 1; i++) {
		if (/^[a-z]+(?:[-_][a-z]+)*$/i.test(segments[i]) && looksLikeId(segments[i + 1]))
			record = { noun: singular(segments[i]), id: segments[i + 1] };
	}
	const last = segments[segments.length - 1];
	const noun = last && !looksLikeId(last) && /[^s]s$/.test(last) ? singular(last) : record?.noun;
	return { ...(noun ? { noun } : {}), ...(record ? { record } : {}) };
}

/**
 * The reason written at the end of every API error message as "(reason: code)", for workflows to branch on: the
 * vendor's own code for a record's refusal (404 is always not_found), and one of these for a failure of the run.
 */
export const SYSTEMIC_REASONS = {
	credentialRefused: 'credential_refused',
	notAllowed: 'not_allowed',
	rateLimited: 'rate_limited',
	unavailable: 'system_unavailable',
	unreachable: 'unreachable',
	signInFailed: 'sign_in_failed',
} as const;

const DEFAULT_REASONS: Record<number, string> = {
	400: 'invalid',
	404: 'not_found',
	409: 'conflict',
	410: 'gone',
	413: 'too_large',
	415: 'unsupported_type',
	422: 'rule_refused',
};

/** A vendor code fit for a workflow to compare ("AccessDenied" → "access_denied"); a sentence is not a code. */
function codeOf(vendorCode: string | undefined): string | undefined {
	if (!vendorCode || /\s/.test(vendorCode.trim())) return undefined;
	return vendorCode
		.trim()
		.replace(/([a-z0-9])([A-Z])/g, '$1_$2')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_+|_+$/g, '');
}

/**
 * The reason of a refusal: the vendor's code for a record's own refusal (404 is always not_found), and for a failure
 * of the run its SYSTEMIC_REASONS class first, then the vendor's code: "not_allowed, firm_forbidden".
 */
export function reasonFor(status: number, vendorCode: string | undefined): string {
	const code = codeOf(vendorCode);
	const systemic =
		status === 401
			? SYSTEMIC_REASONS.credentialRefused
			: status === 403
				? SYSTEMIC_REASONS.notAllowed
				: status === 429
					? SYSTEMIC_REASONS.rateLimited
					: status >= 500
						? SYSTEMIC_REASONS.unavailable
						: undefined;
	if (systemic) return code && code !== systemic ? `${systemic}, ${code}` : systemic;
	if (status === 404) return 'not_found';
	return code ?? DEFAULT_REASONS[status] ?? 'refused';
}

/** " (reason: not_found)": the fixed form templates read (workflows/README.md). */
export const reasonTag = (reason: string): string => ` (reason: ${reason})`;

/** What happened, in words: "Case Status refused the case", "CASEpeer has no case 123 (it may have been deleted)". */
function headline(system: string, status: number, target: RequestTarget, attempts: number): string {
	const { noun, record: named } = describeTarget(target.url);
	const thing = noun ? `the ${noun}` : 'the request';
	const record = named ? `${named.noun} ${named.id}` : noun ? `such ${noun}` : 'such record';
	const retried = attempts > 1 ? `, after ${attempts} attempts` : '';
	if (status === 400) return `${system} refused ${thing}`;
	if (status === 401) return `${system} did not accept the credential`;
	if (status === 403) return `${system} does not allow this credential to do this`;
	if (status === 404) return `${system} has no ${record} (it may have been deleted)`;
	if (status === 409) return `${system} refused ${thing}: it conflicts with a record ${system} already holds`;
	if (status === 410) return `${system} no longer has ${named ? record : 'this record'}`;
	if (status === 413) return `The file is larger than ${system} accepts`;
	if (status === 415) return `${system} does not accept this file type`;
	if (status === 422) return `${system} refused ${thing} by one of its rules`;
	if (status === 429) return `${system} kept answering "too many requests" after every retry`;
	if (status >= 500) return `${system} kept failing on its side${retried}`;
	return `${system} refused ${thing}${retried}`;
}

function hintFor(status: number, system: string, target: RequestTarget): string {
	switch (status) {
		case 400:
			return `Fix the fields ${system} named and run the node again.`;
		case 401:
			return target.oauth
				? `Open the ${system} credential, check the Client ID, Client Secret and API key ${system} gave your app, then click "Reconnect" and sign in again.`
				: `Open the ${system} credential, paste the API key again, check the base URL, and click "Retry" to test it.`;
		case 403:
			return `The ${system} credential is valid but not allowed to do this. Ask the ${system} administrator for access.`;
		case 404:
			return `Check the ID (or that it was not deleted in ${system}) and run the node again.`;
		case 409:
			return `Look the existing record up in ${system} instead of creating it again.`;
		case 413:
			return `Upload a smaller file.`;
		case 415:
			return `Convert the file to a type ${system} accepts.`;
		case 422:
			return `The message says which rule; change the record in ${system} or the input, then run again.`;
		case 429:
			return `Lower the batch size or run the workflow later.`;
		default:
			return status >= 500
				? `Try again later; if it persists, contact ${system} support.`
				: `Check the node's parameters against what ${system} expects.`;
	}
}

/** One sentence per failing field: "clients[0].cell_phone: invalid_cell_phone (must be E.164)". */
export function describeFields(fields: VendorError['fields']): string {
	if (!fields?.length) return '';
	return fields
		.map((f) => `${f.field}: ${f.code ?? 'invalid'}${f.message ? ` (${f.message})` : ''}`)
		.join('; ');
}

/**
 * Marks the failure of a write that was sent once and not retried (a 5xx or a dropped connection leaves unknown
 * whether it was done): one such answer does not prove the system down, so the next records are still tried.
 */
export function unretriedWrite<E extends NodeApiError>(error: E): E {
	error.context.unretriedWrite = true;
	return error;
}

/**
 * Builds the NodeApiError for a refused HTTP request: the message says what happened and ends in "(reason: code)",
 * the description says how to fix it and gives the HTTP status, httpCode holds it too. It carries only the vendor's
 * error body, never request headers.
 */
export function apiError(
	node: INode,
	system: string,
	status: number,
	vendor: VendorError,
	itemIndex: number | undefined,
	attempts: number,
	secrets: string[] = [],
	target: RequestTarget = {},
): NodeApiError {
	// A vendor "code" that is a sentence (Smokeball's title) is said, not used as the reason.
	const title = vendor.code && !codeOf(vendor.code) ? vendor.code : undefined;
	const said = [title, vendor.message, describeFields(vendor.fields)].filter(Boolean).join(': ');
	const message = redact(
		headline(system, status, target, attempts) +
			(said ? `: ${said}` : '') +
			reasonTag(reasonFor(status, vendor.code)),
		secrets,
	);
	const body: JsonObject = JSON.parse(
		redact(
			JSON.stringify({
				code: vendor.code ?? null,
				message: vendor.message ?? null,
				fields: vendor.fields ?? [],
				details: vendor.details ?? {},
			}),
			secrets,
		),
	);
	return keepMessage(
		new NodeApiError(node, body, {
			message,
			description: withStatus(hintFor(status, system, target), status),
			httpCode: String(status),
			itemIndex,
		}),
		message,
	);
}

/**
 * n8n swaps a message that mentions a socket code (ECONNREFUSED, ETIMEDOUT…) for its generic "The service refused
 * the connection": ours says which system and ends in the reason tag, so it is put back.
 */
function keepMessage(error: NodeApiError, message: string): NodeApiError {
	error.message = message;
	return error;
}

/** A fix followed by the HTTP status, which the message leaves out: "Upload a smaller file. (HTTP 413)". */
export const withStatus = (fix: string, status: number): string => `${fix} (HTTP ${status})`;

/** A network failure (reset, timeout, DNS) that outlived the retries. */
export function networkError(
	node: INode,
	system: string,
	cause: { code?: string; message?: string },
	itemIndex: number | undefined,
	attempts: number,
	secrets: string[] = [],
): NodeApiError {
	const code = cause.code ?? 'NETWORK_ERROR';
	const message = redact(
		`Could not reach ${system}: ${cause.message ?? code}, after ${attempts} attempts${reasonTag(SYSTEMIC_REASONS.unreachable)}`,
		secrets,
	);
	// Not under `code`, and the message put back: n8n swaps messages naming well-known socket codes for its own.
	return keepMessage(
		new NodeApiError(
			node,
			{ network_error: code, message: redact(cause.message ?? code, secrets) },
			{
				message,
				description: `Check the base URL in the ${system} credential and that ${system} is reachable from this n8n instance.`,
				itemIndex,
			},
		),
		message,
	);
}

/** n8n could not authenticate the request (e.g. no OAuth2 token could be obtained): nothing was sent. */
export function credentialError(
	node: INode,
	system: string,
	message: string | undefined,
	itemIndex: number | undefined,
	secrets: string[] = [],
): NodeApiError {
	return new NodeApiError(
		node,
		{ credential_error: 'authentication_failed', message: redact(message ?? '', secrets) },
		{
			message: redact(
				`The ${system} credential could not sign in: ${message ?? 'no token'}${reasonTag(SYSTEMIC_REASONS.signInFailed)}`,
				secrets,
			),
			description: `Nothing was sent to ${system}. Open the ${system} credential, check the client ID and client secret (and the account for client credentials), then reconnect it.`,
			itemIndex,
		},
	);
}

/** Bad input: names the field and the item, and says how to fix it. */
export function inputError(
	node: INode,
	field: string,
	problem: string,
	fix: string,
	itemIndex: number,
): NodeOperationError {
	return new NodeOperationError(node, `'${field}' ${problem}`, {
		description: fix,
		itemIndex,
	});
}

/**
 * A setting the whole run depends on is wrong (a mapping table row, a category that does not exist): every record
 * would fail alike, so the run stops instead of reporting each record.
 */
export function settingError(
	node: INode,
	message: string,
	fix: string,
	itemIndex?: number,
): NodeOperationError {
	const error = new NodeOperationError(node, message, { description: fix, itemIndex });
	error.context.systemic = true;
	return error;
}

/**
 * Whether a failure concerns the run rather than one record: a refused credential (401/403), a vendor still failing
 * after the retries (429, 5xx, unreachable), n8n unable to sign in, or a broken setting. Everything else (400, 404,
 * 409, 422, bad input) belongs to its record: that record's row says why, and the others go on.
 */
export function isSystemic(error: unknown): boolean {
	if (error instanceof NodeOperationError) return error.context.systemic === true;
	if (!(error instanceof NodeApiError)) return false;
	if (error.context.unretriedWrite === true) return false;
	const status = Number(error.httpCode);
	if (!Number.isInteger(status) || status === 0) return true; // unreachable, or no token
	return status === 401 || status === 403 || status === 429 || status >= 500;
}

/**
 * Reads the error envelope the written contracts share: { error: { code, message, details: { fields } } }.
 * Anything else (an HTML proxy page, an empty body) still yields a usable message.
 */
export function parseContractError(status: number, body: unknown): VendorError {
	const envelope = (body as { error?: unknown } | null)?.error;
	if (envelope && typeof envelope === 'object') {
		const e = envelope as { code?: unknown; message?: unknown; details?: unknown };
		const details = (e.details && typeof e.details === 'object' ? e.details : {}) as JsonObject;
		const fields = Array.isArray(details.fields)
			? (details.fields as Array<{ field: string; code?: string; message?: string }>)
			: undefined;
		return {
			code: typeof e.code === 'string' ? e.code : undefined,
			message: typeof e.message === 'string' ? e.message : undefined,
			fields,
			details,
		};
	}
	const text = typeof body === 'string' ? body.slice(0, 200) : undefined;
	return { message: text || `HTTP ${status}` };
}
