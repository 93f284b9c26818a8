import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import type { ApiRequest, ApiResponse, QueryValue, RequestContext } from '../../shared/http';
import { send } from '../../shared/http';
import { connection } from './connection';
import { smokeballProfile } from './profile';
import { newRequestId } from './requestId';
import { renewToken } from './token';

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
 * Every Smokeball API request goes through here and send(): the partner key, a RequestId on writes, and after a 401
 * one token renewal (token.ts) and one more try.
 */
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
