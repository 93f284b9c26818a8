import type { ApiProfile, ApiResponse, RequestContext } from '../../shared/http';
import { send } from '../../shared/http';
import { parseSmokeballError } from './errors';
import { smokeballProfile } from './profile';

/**
 * The file storage the API hands presigned URLs for (docs/api/smokeball.md#documents). The URL is the authorisation:
 * no x-api-key, no bearer token (S3 refuses a second one), and the Smokeball credential is never sent there. Storage
 * is not behind the API's per-key limit: its own bucket, with a rate far above what uploads reach, only lets send()
 * pace and pause it like any host.
 */
export const storageProfile: ApiProfile = {
	system: 'Smokeball file storage',
	credentialType: smokeballProfile.credentialType,
	presigned: true,
	rate: { perSecond: 1000, burst: 1000 },
	parseError: parseSmokeballError,
};

/**
 * A request to a presigned file-storage URL the API handed out (upload or download), through send() with its
 * retry rules: an empty Content-Type on uploads, as the swagger's UploadFileInfo demands, and the body as bytes.
 */
export async function presignedRequest(
	ctx: RequestContext,
	method: 'GET' | 'PUT',
	url: string,
	options: { body?: Buffer; itemIndex?: number } = {},
): Promise<ApiResponse<Buffer>> {
	return await send<Buffer>(ctx, storageProfile, {
		method,
		url,
		body: options.body,
		headers: method === 'PUT' ? { 'Content-Type': '' } : {},
		binary: true,
		itemIndex: options.itemIndex,
		timeoutMs: 300_000,
		bucket: 'smokeball-file-storage',
		// The signature in the query string is the secret.
		secrets: [url.split('?')[1] ?? ''],
	});
}
