import { createHmac, timingSafeEqual } from 'crypto';

import { ticksToMs } from '../ticks';

/**
 * Smokeball's webhook signature (docs/api/smokeball.md#webhook-signature): hex_lower(HMAC_SHA256(key,
 * "{Timestamp}|{RequestId}|{ClientId}")), with Timestamp the .NET ticks header, RequestId the header, ClientId the
 * OAuth client id.
 */
export function computeSignature(
	key: string,
	timestamp: string,
	requestId: string,
	clientId: string,
): string {
	return createHmac('sha256', key).update(`${timestamp}|${requestId}|${clientId}`).digest('hex');
}

export function signatureMatches(expected: string, given: string): boolean {
	const a = Buffer.from(expected, 'utf8');
	const b = Buffer.from(given.trim().toLowerCase(), 'utf8');
	return a.length === b.length && timingSafeEqual(a, b);
}

export type Rejection = 'unsigned' | 'bad_signature' | 'stale' | 'not_configured';

export interface Delivery {
	signature?: string;
	timestamp?: string;
	requestId?: string;
}

/**
 * Why a delivery must be refused, or null when it is genuine: signed with our key and client id, and sent within
 * `maxAgeMs` of now (either way, so a replay with an old Timestamp fails even though its signature is valid).
 */
export function rejectionOf(
	delivery: Delivery,
	secret: string | null | undefined,
	clientId: string,
	nowMs: number,
	maxAgeMs: number,
): Rejection | null {
	if (!secret || !clientId) return 'not_configured';
	const { signature, timestamp, requestId } = delivery;
	if (!signature || !timestamp || !requestId) return 'unsigned';
	if (!signatureMatches(computeSignature(secret, timestamp, requestId, clientId), signature)) {
		return 'bad_signature';
	}
	const sentMs = ticksToMs(timestamp);
	if (sentMs === null || Math.abs(nowMs - sentMs) > maxAgeMs) return 'stale';
	return null;
}

/**
 * The keys a genuine delivery is remembered by. `signed` is what the signature covers (RequestId with its
 * Timestamp): a captured header set admits one body, whatever body comes with it later. `event` names the event
 * (RequestId, type, resource) so that Smokeball's own redelivery of it, signed again with a newer Timestamp, is
 * still a duplicate. Smokeball signs neither type nor resource, so `event` never admits anything on its own.
 */
export function deliveryKeys(
	delivery: Delivery,
	type: string,
	resourceId: unknown,
): { signed: string; event: string } {
	return {
		signed: `signed|${delivery.requestId ?? ''}|${delivery.timestamp ?? ''}`,
		event: `event|${delivery.requestId ?? ''}|${type}|${String(resourceId ?? '')}`,
	};
}
