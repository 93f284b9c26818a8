import { clock } from './clock';

export interface VendorRate {
	perSecond: number;
	burst: number;
}

interface Bucket {
	/** When the next request is due if sent one by one at this process's pace (GCRA's theoretical arrival time). */
	due: number;
	/** Bumped when the pace drops or a pause starts: callers still waiting book their slot again. */
	plan: number;
	/** The vendor's limit: the transport's, until the vendor advertises its own (RateLimit-Policy). */
	vendor: VendorRate;
	/**
	 * This process's share of the vendor's limit. In queue mode several n8n processes run executions with one
	 * credential, each with its own bucket, and the vendor counts their requests together.
	 */
	share: number;
	cutAt: number;
	grownAt: number;
}

/** What takeToken hands to observeResponse for the same request. */
export interface Ticket {
	key: string;
	sentAt: number;
}

/** The vendor's rate-limit headers, as far as it sends any (IETF RateLimit-* fields, or X-RateLimit-*). */
export interface RateLimitHeaders {
	remaining?: number;
	/** From `RateLimit-Policy: <limit>;w=<seconds>`: the vendor's own rate and burst. */
	policy?: VendorRate;
}

/**
 * Additive increase, multiplicative decrease, as TCP shares a link: a 429 halves the share, which then grows back
 * slowly; several processes sharing a credential settle just under the vendor's limit, each 429 a rare probe.
 * Tuned in virtual time (tests/unit/rate-limit.test.js).
 */
const adapt = {
	cutOn429: 0.5,
	growPerSecond: 0.025,
	growWhenFull: 0.25,
	minShare: 0.05,
	/** While the vendor's Remaining shows the shared quota under this fraction, the share holds instead of growing. */
	holdBelow: 0.5,
};

// Module state on purpose: n8n keeps the package loaded, so every execution in this process that uses one
// credential shares its bucket. Other processes are seen only through the vendor's answers (observeResponse).
const buckets = new Map<string, Bucket>();

/**
 * Requests reach the vendor with network jitter, so pacing at exactly its limit would now and then land two
 * requests closer together than the vendor's bucket allows (a 429 costs a Retry-After second). Keeping one
 * token of burst and 3% of rate in hand absorbs that jitter.
 */
export function underVendorLimit(vendor: VendorRate): VendorRate {
	return { perSecond: vendor.perSecond * 0.97, burst: Math.max(1, vendor.burst - 1) };
}

function bucketFor(key: string, vendor: VendorRate, now: number): Bucket {
	let bucket = buckets.get(key);
	if (!bucket) {
		bucket = { due: now, plan: 0, vendor: { ...vendor }, share: 1, cutAt: 0, grownAt: now };
		buckets.set(key, bucket);
	}
	return bucket;
}

/**
 * This process's pace: its share of the vendor's limit, kept under it. A shared quota is spent smoothly, without
 * bursts: bursts from several processes landing together are what empties the vendor's bucket.
 */
function paceOf(bucket: Bucket): VendorRate {
	const limit = underVendorLimit(bucket.vendor);
	return {
		perSecond: limit.perSecond * bucket.share,
		burst: bucket.share < 1 ? 1 : limit.burst,
	};
}

/**
 * A token bucket kept as the time the next request is due (GCRA): each caller books the next free slot and
 * waits for it, so concurrent callers queue fairly, one interval apart, also after a pause, and this process
 * stays within its share of the vendor's limit. Resolves when the request may be sent, with the ticket
 * observeResponse needs.
 */
export async function takeToken(key: string, vendor: VendorRate): Promise<Ticket> {
	const bucket = bucketFor(key, vendor, clock.now());
	for (;;) {
		const now = clock.now();
		const plan = bucket.plan;
		const pace = paceOf(bucket);
		const interval = 1000 / pace.perSecond;
		const due = Math.max(bucket.due, now);
		const sendAt = Math.max(now, due - (pace.burst - 1) * interval);
		bucket.due = due + interval;
		if (sendAt <= now) break;
		await clock.sleep(sendAt - now);
		if (bucket.plan === plan) break;
	}
	return { key, sentAt: clock.now() };
}

/**
 * After a 429/503 with Retry-After, hold every caller of this credential, not only the one that was refused: the
 * next slot is after the pause, and no burst.
 */
export function pauseBucket(key: string, ms: number): void {
	const bucket = buckets.get(key);
	if (!bucket) return;
	const pace = paceOf(bucket);
	const until = clock.now() + ms + ((pace.burst - 1) * 1000) / pace.perSecond;
	if (until <= bucket.due) return;
	bucket.due = until;
	bucket.plan++;
}

/**
 * Adapts this process's pace to the vendor's answer. A 429 halves the share, once per congestion episode (answers
 * to requests sent before the last cut show the congestion that cut already answered), and slots booked at the
 * old pace are booked again. Otherwise the share grows back toward the whole limit, except while the vendor's
 * `RateLimit-Remaining` shows the shared quota less than half left. A vendor that advertises its limit
 * (`RateLimit-Policy`) is paced by that limit instead of the transport's.
 */
export function observeResponse(ticket: Ticket, status: number, limits: RateLimitHeaders): void {
	const bucket = buckets.get(ticket.key);
	if (!bucket) return;
	const now = clock.now();
	const { policy, remaining } = limits;
	if (
		policy &&
		(policy.perSecond !== bucket.vendor.perSecond || policy.burst !== bucket.vendor.burst)
	) {
		// The burst already sent was sized for the assumed limit: count the vendor's bucket as spent.
		bucket.vendor = { ...policy };
		const pace = paceOf(bucket);
		bucket.due = Math.max(bucket.due, now + (pace.burst * 1000) / pace.perSecond);
		bucket.plan++;
	}
	const elapsed = Math.max(0, now - bucket.grownAt) / 1000;
	bucket.grownAt = now;
	if (status === 429) {
		if (ticket.sentAt <= bucket.cutAt) return;
		bucket.share = Math.max(adapt.minShare, bucket.share * adapt.cutOn429);
		bucket.cutAt = now;
		bucket.due = Math.min(bucket.due, now);
		bucket.plan++;
		return;
	}
	if (bucket.share >= 1) return;
	if (remaining !== undefined && remaining < bucket.vendor.burst * adapt.holdBelow) return;
	// A full quota means nobody is using it: take it back quickly (a lone process after a stray 429).
	const full = remaining !== undefined && remaining >= bucket.vendor.burst - 1;
	const grow = full ? adapt.growWhenFull : adapt.growPerSecond;
	bucket.share = Math.min(1, bucket.share + elapsed * grow);
}

function headerNumber(headers: Record<string, string>, names: string[]): number | undefined {
	for (const name of names) {
		const value = Number.parseFloat(headers[name] ?? '');
		if (Number.isFinite(value) && value >= 0) return value;
	}
	return undefined;
}

/**
 * Reads `RateLimit-Remaining` (or `X-RateLimit-Remaining`) and `RateLimit-Policy: 5;w=1` (5 requests per 1 s
 * window, the IETF draft's syntax). Headers are lower-cased. Anything absent or unreadable is left out.
 */
export function parseRateLimitHeaders(headers: Record<string, string>): RateLimitHeaders {
	const out: RateLimitHeaders = {};
	const remaining = headerNumber(headers, ['ratelimit-remaining', 'x-ratelimit-remaining']);
	if (remaining !== undefined) out.remaining = Math.floor(remaining);
	const policy = /^\s*(\d+)\s*;(?:.*;)?\s*w\s*=\s*(\d+(?:\.\d+)?)/.exec(
		(headers['ratelimit-policy'] ?? '').split(',')[0],
	);
	if (policy) {
		const burst = Number(policy[1]);
		const windowSeconds = Number(policy[2]);
		if (burst >= 1 && windowSeconds > 0) out.policy = { perSecond: burst / windowSeconds, burst };
	}
	return out;
}

/** For tests: forget every bucket. */
export function resetBuckets(): void {
	buckets.clear();
}

/** For tests and benchmarks: this process's current share of a credential's limit (1 when unknown). */
export function shareOf(key: string): number {
	return buckets.get(key)?.share ?? 1;
}
