'use strict';

const crypto = require('node:crypto');

/** Classic token bucket: `burst` tokens, refilled continuously at `perSecond`. */
class TokenBucket {
	constructor({ perSecond, burst }, nowMs) {
		this.rate = perSecond;
		this.capacity = burst;
		this.tokens = burst;
		this.last = nowMs;
	}

	/** Takes one token. Returns 0 when allowed, else the whole seconds to wait (≥ 1, rounded up). */
	take(nowMs) {
		this.tokens = Math.min(this.capacity, this.tokens + ((nowMs - this.last) / 1000) * this.rate);
		this.last = nowMs;
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return 0;
		}
		return Math.max(1, Math.ceil((1 - this.tokens) / this.rate));
	}

	/**
	 * The bucket as the IETF draft's RateLimit-* fields describe it (draft-ietf-httpapi-ratelimit-headers-07):
	 * the quota (burst), what is left of it, the seconds until it is full again, and the policy, as
	 * "<burst>;w=<seconds to refill it>".
	 */
	headers(nowMs) {
		const tokens = Math.min(this.capacity, this.tokens + ((nowMs - this.last) / 1000) * this.rate);
		return {
			'RateLimit-Limit': String(this.capacity),
			'RateLimit-Remaining': String(Math.max(0, Math.floor(tokens))),
			'RateLimit-Reset': String(Math.max(0, Math.ceil((this.capacity - tokens) / this.rate))),
			'RateLimit-Policy': `${this.capacity};w=${+(this.capacity / this.rate).toFixed(3)}`,
		};
	}
}

/**
 * Buckets per (system, api key). Keys are hashed before they become map keys, so no raw secret sits in any
 * structure that could be dumped.
 */
class RateLimiter {
	/** defaults: { [system]: { perSecond, burst } } taken from the system modules. */
	constructor(defaults, initial = true, clock = Date.now) {
		this.defaults = defaults;
		this.clock = clock;
		this.buckets = new Map();
		this.configure(initial);
	}

	/**
	 * value: true (module defaults) | false (off everywhere) | { [system]: {perSecond, burst} | false | null }.
	 * A per-system object is applied on top of the defaults; null restores that system's default.
	 */
	configure(value) {
		if (value === true || value === undefined) {
			this.enabled = true;
			this.limits = {};
		} else if (value === false) {
			this.enabled = false;
			this.limits = {};
		} else {
			this.enabled = true;
			this.limits = this.limits || {};
			for (const [system, limit] of Object.entries(value)) {
				if (limit === null) delete this.limits[system];
				else this.limits[system] = limit;
			}
		}
		this.buckets.clear();
	}

	/** Effective limit per system ({perSecond, burst} or false). */
	effective() {
		const out = {};
		for (const system of Object.keys(this.defaults)) {
			if (!this.enabled) out[system] = false;
			else out[system] = system in this.limits ? this.limits[system] : this.defaults[system];
		}
		return out;
	}

	/** This key's bucket, or null when the system is not limited. */
	bucket(system, key) {
		if (!this.enabled) return null;
		const limit = system in this.limits ? this.limits[system] : this.defaults[system];
		if (!limit) return null;
		const id = `${system}\u0000${crypto.createHash('sha256').update(String(key)).digest('hex')}`;
		let bucket = this.buckets.get(id);
		if (!bucket) {
			bucket = new TokenBucket(limit, this.clock());
			this.buckets.set(id, bucket);
		}
		return bucket;
	}

	/** 0 = allowed; otherwise the Retry-After seconds. */
	take(system, key) {
		const bucket = this.bucket(system, key);
		return bucket ? bucket.take(this.clock()) : 0;
	}

	/** The RateLimit-* response headers for this key (after its take), or {} when the system is not limited. */
	headers(system, key) {
		const bucket = this.bucket(system, key);
		return bucket ? bucket.headers(this.clock()) : {};
	}
}

module.exports = { TokenBucket, RateLimiter };
