import { clock } from './clock';

interface Bucket {
	tokens: number;
	updatedAt: number;
	pausedUntil: number;
}

// Module state on purpose: n8n keeps the package loaded, so every execution using one credential shares its bucket.
const buckets = new Map<string, Bucket>();

/**
 * Requests reach the vendor with network jitter, so pacing at exactly its limit would now and then land two
 * requests closer together than the vendor's bucket allows (a 429 costs a Retry-After second). Keeping one
 * token of burst and 3% of rate in hand absorbs that jitter.
 */
export function underVendorLimit(vendor: { perSecond: number; burst: number }): {
	perSecond: number;
	burst: number;
} {
	return { perSecond: vendor.perSecond * 0.97, burst: Math.max(1, vendor.burst - 1) };
}

/**
 * Token bucket with reservations: a caller that finds no token takes one on credit and waits for it, so
 * concurrent callers queue fairly and the vendor's limit is never exceeded by this process.
 */
export async function takeToken(
	key: string,
	vendor: { perSecond: number; burst: number },
): Promise<void> {
	const rate = underVendorLimit(vendor);
	const now = clock.now();
	let bucket = buckets.get(key);
	if (!bucket) {
		bucket = { tokens: rate.burst, updatedAt: now, pausedUntil: 0 };
		buckets.set(key, bucket);
	}
	const elapsed = Math.max(0, now - bucket.updatedAt) / 1000;
	bucket.tokens = Math.min(rate.burst, bucket.tokens + elapsed * rate.perSecond);
	bucket.updatedAt = now;
	bucket.tokens -= 1;
	const waitForToken = bucket.tokens < 0 ? (-bucket.tokens / rate.perSecond) * 1000 : 0;
	const wait = Math.max(waitForToken, bucket.pausedUntil - now);
	if (wait > 0) await clock.sleep(wait);
}

/** After a 429/503 with Retry-After, hold every caller of this credential, not only the one that was refused. */
export function pauseBucket(key: string, ms: number): void {
	const bucket = buckets.get(key);
	if (!bucket) return;
	bucket.pausedUntil = Math.max(bucket.pausedUntil, clock.now() + ms);
	bucket.tokens = Math.min(bucket.tokens, 0);
}

/** For tests: forget every bucket. */
export function resetBuckets(): void {
	buckets.clear();
}
