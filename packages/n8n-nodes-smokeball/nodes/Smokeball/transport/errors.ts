import type { IDataObject, JsonObject } from 'n8n-workflow';

import type { VendorError } from '../../shared/errors';
import { parseContractError } from '../../shared/errors';

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
