// The soak's fault plan: a seeded script of one step per request (the sandbox consumes a step per request of the
// systems under test), `rate` of them faults, spread over the failures the issue names:
//   500                         the vendor's server failed; nothing was done
//   503 + Retry-After: 1        unavailable; nothing was done
//   429 + Retry-After: 1        rate-limited; nothing was done
//   timeout                     the answer comes after the client gave up, but the server DID the work
//   dropped before the handler  connection reset; nothing was done
//   dropped after the handler   connection reset; the server DID the work, the answer is lost
// Timeouts: the node asks for 60 s; the soak caps the client timeout at TIMEOUT_CAP_MS (lib/nodes.js) and holds
// the answer a little longer, so each timeout costs about a second and goes down the same ETIMEDOUT path.
const { createRng } = require('../../sandbox/lib/rng');

const TIMEOUT_CAP_MS = 1000;
const KINDS = [
	{ kind: '500', weight: 4, step: { status: 500 } },
	{ kind: '503', weight: 3, step: { status: 503, retryAfter: 1 } },
	{ kind: '429', weight: 4, step: { status: 429, retryAfter: 1 } },
	{ kind: 'timeout', weight: 3, step: { latencyMs: TIMEOUT_CAP_MS + 400 } },
	{ kind: 'drop', weight: 3, step: { drop: true } },
	{ kind: 'lost response', weight: 3, step: { afterHandler: true } },
];
const PASS = { latencyMs: 0 };

/** `length` steps, `rate` of them faults (the kinds in proportion to their weights). */
function faultScript(seed, length, rate = 0.2) {
	const rng = createRng(seed);
	const total = KINDS.reduce((s, k) => s + k.weight, 0);
	const steps = [];
	const planned = {};
	for (let i = 0; i < length; i++) {
		if (rng() >= rate) {
			steps.push(PASS);
			continue;
		}
		let pick = rng() * total;
		const k = KINDS.find((x) => (pick -= x.weight) < 0) || KINDS[KINDS.length - 1];
		planned[k.kind] = (planned[k.kind] || 0) + 1;
		steps.push(k.step);
	}
	return { steps, planned };
}

/** What happened to each request of a sandbox log: its fault kind, or null. */
function faultOf(entry) {
	if (entry.ms >= TIMEOUT_CAP_MS) return 'timeout';
	if (entry.dropped) return 'drop';
	if (entry.faulted) return String(entry.status);
	return null;
}

const keyOf = (e) => `${e.system} ${e.method} ${e.path} ${JSON.stringify(e.query || {})}`;

/**
 * Every faulted request must have been sent again later (same method, path and query): a retry. Those that were
 * not are returned; each must belong to a request that used up its attempts and was reported as failed.
 */
function retryCheck(log) {
	const keys = log.map(keyOf);
	const last = new Map();
	keys.forEach((k, i) => last.set(k, i));
	const byKind = {};
	const notRetried = [];
	for (let i = 0; i < log.length; i++) {
		const kind = faultOf(log[i]);
		if (!kind) continue;
		byKind[kind] = (byKind[kind] || 0) + 1;
		if (last.get(keys[i]) === i) notRetried.push({ kind, request: keys[i] });
	}
	const faults = Object.values(byKind).reduce((s, n) => s + n, 0);
	return { faults, byKind, retried: faults - notRetried.length, notRetried };
}

module.exports = { faultScript, faultOf, retryCheck, TIMEOUT_CAP_MS, KINDS };
