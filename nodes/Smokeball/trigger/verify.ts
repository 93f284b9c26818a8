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
	secret: string | undefined,
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
 * Remembers delivery keys in a bounded list (oldest dropped first); true when the key was seen before.
 * Smokeball delivers at least once, so the same event can arrive twice.
 */
export function seenBefore(seen: string[], key: string, max: number): boolean {
	if (seen.includes(key)) return true;
	seen.push(key);
	if (seen.length > max) seen.splice(0, seen.length - max);
	return false;
}
