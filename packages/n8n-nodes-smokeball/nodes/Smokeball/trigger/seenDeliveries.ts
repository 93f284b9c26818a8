import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

/** How long and how many delivery keys the trigger remembers (docs/smokeball-webhooks.md). */
export const SEEN_RETENTION_MS = 24 * 60 * 60 * 1000;
export const MAX_SEEN = 2000;

/** Delivery keys (hashed, so no RequestId or resource id sits in the workflow) → when first seen, epoch ms. */
export type SeenDeliveries = Record<string, number>;

const hashOf = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 20);

/** The record kept in the trigger node's static data; anything older-shaped (a v1 list) starts afresh. */
export function seenDeliveries(state: IDataObject): SeenDeliveries {
	const current = state.seen;
	if (!current || typeof current !== 'object' || Array.isArray(current)) state.seen = {};
	return state.seen as SeenDeliveries;
}

/**
 * True when any of `keys` was seen within the retention; otherwise records them all and answers false. Entries
 * older than the retention go first, then the oldest beyond MAX_SEEN, so the record stays small whatever the
 * traffic. The record lives in workflow static data: n8n keeps it in its database, so it survives restarts and
 * every process that receives webhooks reads the same one (docs/smokeball-webhooks.md).
 */
export function seenBefore(seen: SeenDeliveries, keys: string[], nowMs: number): boolean {
	const hashes = keys.map(hashOf);
	for (const [hash, at] of Object.entries(seen)) {
		if (typeof at !== 'number' || nowMs - at > SEEN_RETENTION_MS) delete seen[hash];
	}
	if (hashes.some((h) => seen[h] !== undefined)) return true;
	for (const h of hashes) seen[h] = nowMs;
	const entries = Object.entries(seen);
	if (entries.length > MAX_SEEN) {
		entries.sort((a, b) => a[1] - b[1]);
		for (const [hash] of entries.slice(0, entries.length - MAX_SEEN)) delete seen[hash];
	}
	return false;
}
