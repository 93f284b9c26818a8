import type { VendorError } from './errors';

// How a refused request reads: what it was about (from its URL), its reason tag and the fix for its status. Split
// from errors.ts, which builds the errors from these.

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
export function codeOf(vendorCode: string | undefined): string | undefined {
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
export function headline(
	system: string,
	status: number,
	target: RequestTarget,
	attempts: number,
): string {
	const { noun, record: named } = describeTarget(target.url);
	const thing = noun ? `the ${noun}` : 'the request';
	const record = named ? `${named.noun} ${named.id}` : noun ? `such ${noun}` : 'such record';
	const retried = attempts > 1 ? `, after ${attempts} attempts` : '';
	if (status === 400) return `${system} refused ${thing}`;
	if (status === 401) return `${system} did not accept the credential`;
	if (status === 403) return `${system} does not allow this credential to do this`;
	if (status === 404) return `${system} has no ${record} (it may have been deleted)`;
	if (status === 409)
		return `${system} refused ${thing}: it conflicts with a record ${system} already holds`;
	if (status === 410) return `${system} no longer has ${named ? record : 'this record'}`;
	if (status === 413) return `The file is larger than ${system} accepts`;
	if (status === 415) return `${system} does not accept this file type`;
	if (status === 422) return `${system} refused ${thing} by one of its rules`;
	if (status === 429) return `${system} kept answering "too many requests" after every retry`;
	if (status >= 500) return `${system} kept failing on its side${retried}`;
	return `${system} refused ${thing}${retried}`;
}

export function hintFor(status: number, system: string, target: RequestTarget): string {
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
