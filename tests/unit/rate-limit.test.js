// Several n8n processes (queue-mode workers) sharing one credential, each with its own copy of the pack's
// rate limiter, against a vendor that enforces one token bucket per key — in virtual time. Each "process" is a
// fresh module registry (its own buckets, as a real worker has); requests go through the real send().
const { TokenBucket } = require('../../sandbox/lib/ratelimit');

/** Virtual time: sleeps resolve in order of their wake-up, with every microtask settled in between. */
function createSim() {
	const timers = [];
	const sim = {
		now: 1_700_000_000_000,
		sleep(ms) {
			return new Promise((resolve) => timers.push({ at: sim.now + Math.max(0, ms), resolve }));
		},
		async run(done) {
			for (;;) {
				for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
				if (done()) return;
				if (!timers.length) throw new Error('deadlock: nothing left to wake');
				timers.sort((a, b) => a.at - b.at);
				const next = timers.shift();
				sim.now = Math.max(sim.now, next.at);
				next.resolve();
			}
		},
	};
	return sim;
}

/**
 * The vendor: one bucket per key, 429 + Retry-After when empty, RateLimit-* headers when `headers`; `stray`: the
 * share of requests refused with a 429 whatever the bucket holds (a vendor hiccup).
 */
function createVendor(sim, { perSecond, burst, headers, stray = 0 }) {
	const bucket = new TokenBucket({ perSecond, burst }, sim.now);
	const log = [];
	let r = 12345;
	const random = () => {
		r = (r * 16807) % 2147483647;
		return r / 2147483647;
	};
	return {
		log,
		answer() {
			if (stray && random() < stray) {
				log.push({ at: sim.now, status: 429, stray: true });
				return { statusCode: 429, headers: { 'retry-after': '1' }, body: {} };
			}
			const wait = bucket.take(sim.now);
			const fields = headers ? bucket.headers(sim.now) : {};
			log.push({ at: sim.now, status: wait ? 429 : 200 });
			if (wait)
				return { statusCode: 429, headers: { ...fields, 'retry-after': String(wait) }, body: {} };
			return { statusCode: 200, headers: fields, body: {} };
		},
	};
}

/** One n8n process: its own module registry (buckets), the shared virtual clock, 20–40 ms of network each way. */
function createProcess(sim, vendor, seed) {
	let mod;
	let clock;
	jest.isolateModules(() => {
		mod = require('../../nodes/shared/http');
		clock = require('../../nodes/shared/clock').clock;
	});
	let r = seed;
	const random = () => {
		r = (r * 16807) % 2147483647;
		return r / 2147483647;
	};
	Object.assign(clock, { now: () => sim.now, sleep: (ms) => sim.sleep(ms), random });
	const ctx = {
		getNode: () => ({ name: 'Vendor node', type: 'x', typeVersion: 1 }),
		helpers: {
			async httpRequestWithAuthentication() {
				await sim.sleep(20 + random() * 20);
				const res = vendor.answer();
				await sim.sleep(20 + random() * 20);
				return res;
			},
		},
	};
	const profile = {
		system: 'Vendor',
		credentialType: 'vendorApi',
		rate: { perSecond: 5, burst: 5 },
		parseError: (status) => ({ message: `HTTP ${status}` }),
	};
	return {
		sent: 0,
		/** Sends n requests one after another, as a node does; `concurrency` callers at once. */
		run(n, concurrency = 1) {
			let left = n;
			const caller = async () => {
				while (left > 0) {
					left--;
					await mod.send(ctx, profile, {
						method: 'GET',
						url: 'https://vendor.test/x',
						bucket: 'cred-1',
					});
					this.sent++;
				}
			};
			return Promise.all(Array.from({ length: concurrency }, caller));
		},
	};
}

/** Runs `processes` processes, each sending `each` requests with one credential at once; the figures. */
async function shareOneCredential(o) {
	const { processes, each, headers, perSecond = 5, burst = 5, concurrency = 1, stray = 0 } = o;
	const sim = createSim();
	const vendor = createVendor(sim, { perSecond, burst, headers, stray });
	const started = sim.now;
	let finished = 0;
	const procs = Array.from({ length: processes }, (_, i) =>
		createProcess(sim, vendor, 7 + i * 101),
	);
	procs.forEach((p) => p.run(each, concurrency).then(() => finished++));
	await sim.run(() => finished === processes);
	const ok = vendor.log.filter((e) => e.status === 200).length;
	const rejected = vendor.log.filter((e) => e.status === 429 && !e.stray).length;
	const floor = (ok - burst) / perSecond;
	const wall = (sim.now - started) / 1000;
	return { ok, rejected, wall, floor, ratio: wall / floor };
}

describe('one credential shared by several n8n processes (virtual time)', () => {
	test('one process alone stays under the vendor limit, with or without headers: no 429, near the rate floor', async () => {
		for (const headers of [true, false]) {
			const r = await shareOneCredential({ processes: 1, each: 300, headers, concurrency: 5 });
			expect(r).toEqual(expect.objectContaining({ ok: 300, rejected: 0 }));
			expect(r.ratio).toBeLessThan(1.1);
		}
	});

	// Each process pacing at the whole limit, as before, has about half its requests refused.
	test('two processes, five callers each, with the RateLimit headers: they converge under the limit', async () => {
		const r = await shareOneCredential({ processes: 2, each: 300, headers: true, concurrency: 5 });
		expect(r.ok).toBe(600);
		expect(r.rejected / r.ok).toBeLessThan(0.05);
		expect(r.ratio).toBeLessThan(1.3);
	});

	test('four processes, five callers each: still under the limit', async () => {
		const r = await shareOneCredential({ processes: 4, each: 150, headers: true, concurrency: 5 });
		expect(r.ok).toBe(600);
		expect(r.rejected / r.ok).toBeLessThan(0.1);
		expect(r.ratio).toBeLessThan(1.3);
	});

	test('a vendor that sends only 429 + Retry-After: the 429s stay occasional, nothing fails', async () => {
		const r = await shareOneCredential({ processes: 2, each: 300, headers: false, concurrency: 5 });
		expect(r.ok).toBe(600);
		expect(r.rejected / r.ok).toBeLessThan(0.05);
		expect(r.ratio).toBeLessThan(1.3);
	});

	test('a vendor limit lower than the transport assumes, advertised in RateLimit-Policy, is adopted', async () => {
		const r = await shareOneCredential({
			processes: 1,
			each: 200,
			headers: true,
			perSecond: 3,
			burst: 3,
			concurrency: 5,
		});
		expect(r.ok).toBe(200);
		// At most the opening burst, sent before the vendor had said its limit.
		expect(r.rejected).toBeLessThanOrEqual(1);
		expect(r.ratio).toBeLessThan(1.1);
	});

	test('a lone process hit by stray 429s takes its pace back once the vendor shows the quota unused', async () => {
		const r = await shareOneCredential({
			processes: 1,
			each: 300,
			headers: true,
			concurrency: 5,
			stray: 0.03,
		});
		expect(r.ok).toBe(300);
		expect(r.ratio).toBeLessThan(1.4);
	});
});

describe('rate-limit headers', () => {
	const { parseRateLimitHeaders } = require('../../nodes/shared/rateLimit');
	test('IETF RateLimit-Remaining and RateLimit-Policy, or X-RateLimit-Remaining; anything unreadable is left out', () => {
		expect(
			parseRateLimitHeaders({ 'ratelimit-remaining': '3', 'ratelimit-policy': '10;w=1' }),
		).toEqual({
			remaining: 3,
			policy: { perSecond: 10, burst: 10 },
		});
		expect(
			parseRateLimitHeaders({
				'x-ratelimit-remaining': '7',
				'ratelimit-policy': '5;q=1;w=2.5, 1000;w=3600',
			}),
		).toEqual({
			remaining: 7,
			policy: { perSecond: 2, burst: 5 },
		});
		expect(
			parseRateLimitHeaders({ 'ratelimit-remaining': 'lots', 'ratelimit-policy': 'w=1' }),
		).toEqual({});
		expect(parseRateLimitHeaders({})).toEqual({});
	});
});
