import { apiError } from '../../shared/errors';
import type { RequestContext } from '../../shared/http';
import { send } from '../../shared/http';
import type { Connection } from './connection';
import { endpoints } from './endpoints';
import { smokeballProfile } from './profile';

/**
 * n8n renews an OAuth2 token only when a request through it throws 401, and send() asks n8n never to throw on a
 * status. So after a 401 this probe, sent by send() as a token probe (which does throw), lets n8n refresh (or, for
 * client credentials, fetch a new token) before the request is sent again once.
 */
export async function renewToken(ctx: RequestContext, conn: Connection, itemIndex?: number) {
	try {
		await send(ctx, smokeballProfile, {
			method: 'GET',
			url: conn.baseUrl + endpoints.webhookTypes(),
			headers: { 'x-api-key': conn.apiKey },
			tokenProbe: true,
			itemIndex,
			bucket: conn.bucket,
			secrets: conn.secrets,
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
			{ oauth: true },
		);
	}
}
