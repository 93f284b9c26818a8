import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { RequestTarget } from './errors.wording';
import {
	codeOf,
	describeFields,
	headline,
	hintFor,
	reasonFor,
	reasonTag,
	SYSTEMIC_REASONS,
} from './errors.wording';

// What tests and operations read from here, though it lives in errors.wording.ts.
export {
	describeFields,
	describeTarget,
	reasonFor,
	reasonTag,
	SYSTEMIC_REASONS,
} from './errors.wording';
export type { RequestTarget } from './errors.wording';

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
