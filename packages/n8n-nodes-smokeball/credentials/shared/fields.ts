import type { IAuthenticateRuleResponseCode, INodeProperties } from 'n8n-workflow';

/** The first thing a credential dialog shows: where a firm finds each value, in its own words. */
export function whereToFind(text: string): INodeProperties {
	return { displayName: text, name: 'whereToFind', type: 'notice', default: '' };
}

/** Base URL + API key: what every key-based credential of the pack asks for first. */
export function baseUrlAndKey(
	placeholder: string,
	baseUrlHint: string,
	keyHint: string,
): INodeProperties[] {
	return [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder,
			required: true,
			description: baseUrlHint,
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: keyHint,
		},
	];
}

/** The test request's base URL, trailing slashes removed. */
export const BASE_URL_EXPRESSION = '={{ $credentials.baseUrl.replace(/\\/+$/, "") }}';

/**
 * What the credential Test says when the system refuses the request: n8n's default is a bare "Unauthorized",
 * which doesn't tell the user which field to fix.
 */
export function testRules(system: string, keySource: string): IAuthenticateRuleResponseCode[] {
	return [
		{
			type: 'responseCode',
			properties: {
				value: 401,
				message: `${system} did not accept this API key. Copy it again from ${keySource}, without spaces, and check the credential points at your firm's server.`,
			},
		},
		{
			type: 'responseCode',
			properties: {
				value: 404,
				message: `Nothing answered as ${system} at this Base URL. Enter your firm's API address without /v1.`,
			},
		},
	];
}
