import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RequestContext } from '../../shared/http';

const API_HOSTS: Record<string, { production: string; staging: string }> = {
	us: { production: 'https://api.smokeball.com', staging: 'https://stagingapi.smokeball.com' },
	au: {
		production: 'https://api.smokeball.com.au',
		staging: 'https://stagingapi.smokeball.com.au',
	},
	uk: { production: 'https://api.smokeball.co.uk', staging: 'https://stagingapi.smokeball.co.uk' },
};

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

/** Where a credential's requests go, the partner key's shared rate bucket, and what to scrub from errors. */
export interface Connection {
	baseUrl: string;
	apiKey: string;
	bucket: string;
	secrets: string[];
}

/** Reads and checks the credential before any request: a missing key, account or URL is named with its fix. */
export async function connection(ctx: RequestContext): Promise<Connection> {
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
