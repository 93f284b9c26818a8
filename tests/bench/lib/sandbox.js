// What every proof suite (bench, soak, abuse) needs from the sandbox: a fresh instance per scenario, its admin
// API, the request log, the rate-limit floor, and credentials that carry each system's CANARY key, so a suite can
// prove afterwards that no key reached node output, errors or logs (lib/secrets.js).
require('../../helpers/register-ts');
const { startSandbox } = require('../../../sandbox/server');
const { resetBuckets } = require('../../../nodes/shared/rateLimit.ts');
const { sandboxCredentials } = require('../../../scripts/lib/credentials');
const caseStatus = require('../../../sandbox/systems/case-status');
const casePeer = require('../../../sandbox/systems/casepeer');
const dps = require('../../../sandbox/systems/dps-one-office');
const officeTools = require('../../../sandbox/systems/officetools');
const perfectPortal = require('../../../sandbox/systems/perfect-portal');
const smokeball = require('../../../sandbox/systems/smokeball');

/** The second key each sandbox system accepts, used by every suite instead of the demo key. */
const CANARY_KEYS = {
	caseStatus: caseStatus.SEED_FACTS.canaryKey,
	casePeer: casePeer.SEED_FACTS.canaryKey,
	dpsOneOffice: dps.SEED_FACTS.canaryKey,
	officeTools: officeTools.SEED_FACTS.canaryKey,
	perfectPortal: perfectPortal.SEED_FACTS.canaryKey,
	smokeball: smokeball.SEED_FACTS.canaryApiKey,
};

/** The vendors' limits as the sandbox enforces them (and the nodes' transports pace themselves under). */
const VENDOR_RATES = {
	'case-status': { perSecond: 5, burst: 5 },
	casepeer: { perSecond: 10, burst: 10 },
	'perfect-portal': { perSecond: 10, burst: 10 },
	'dps-one-office': { perSecond: 5, burst: 5 },
	officetools: { perSecond: 5, burst: 5 },
	smokeball: { perSecond: 5, burst: 5 },
};

async function admin(url, method, route, body) {
	const res = await fetch(`${url}/__admin${route}`, {
		method,
		headers: body ? { 'content-type': 'application/json' } : {},
		body: body ? JSON.stringify(body) : undefined,
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`${method} /__admin${route}: ${res.status} ${text.slice(0, 500)}`);
	return text ? JSON.parse(text) : null;
}

/**
 * n8n credential data for every system, keyed by credential type, with the canary keys. Smokeball's also gets a
 * fresh object per call: n8n's OAuth2 stand-in stores the access token in it.
 */
function canaryCredentials(url) {
	const out = {};
	for (const entry of sandboxCredentials(url, CANARY_KEYS)) out[entry.type] = { ...entry.data };
	return out;
}

/** Every secret a suite's credentials hold: API keys, the OAuth2 client secret, and issued access tokens. */
function credentialSecrets(credentials) {
	const secrets = new Set(Object.values(CANARY_KEYS));
	for (const data of Object.values(credentials)) {
		for (const key of ['apiKey', 'clientSecret']) if (data[key]) secrets.add(String(data[key]));
		const token = data.oauthTokenData;
		if (token && token.access_token) secrets.add(String(token.access_token));
		if (token && token.refresh_token) secrets.add(String(token.refresh_token));
	}
	return [...secrets];
}

/**
 * A fresh sandbox with the vendors' rate limits on (or the given ones), and fresh client-side buckets. `clock`
 * (ms) replaces the real clock for its rate limits and write stamps (lib/warp.js).
 */
async function freshSandbox(options = {}) {
	resetBuckets();
	const sandbox = await startSandbox({ port: 0, seed: options.seed ?? 1, clock: options.clock });
	const call = (method, route, body) => admin(sandbox.url, method, route, body);
	return {
		sandbox,
		url: sandbox.url,
		admin: call,
		credentials: canaryCredentials(sandbox.url),
		state: (system) => call('GET', `/state/${system}`),
		putState: (system, body) => call('PUT', `/state/${system}`, body),
		requests: (query = '') => call('GET', `/requests${query}`),
		clearRequests: () => call('DELETE', '/requests'),
		configure: (cfg) => call('POST', '/config', cfg),
		close: () => sandbox.close(),
	};
}

/** Requests per system, 429s and dropped or injected ones, from a request log. */
function countRequests(log) {
	const bySystem = {};
	let rateLimited = 0;
	let faulted = 0;
	for (const r of log) {
		bySystem[r.system] = (bySystem[r.system] || 0) + 1;
		if (r.status === 429 && !r.faulted) rateLimited++;
		if (r.faulted || r.dropped) faulted++;
	}
	return { total: log.length, bySystem, rateLimited, faulted };
}

/**
 * Seconds the rate limits alone force on a sequential run (n8n runs one node after the other): per system, every
 * request beyond its bucket's burst at its rate, summed over the systems.
 */
function floorSeconds(bySystem, rates = VENDOR_RATES) {
	return Object.entries(bySystem).reduce((sum, [system, n]) => {
		const rate = rates[system];
		return rate ? sum + Math.max(0, n - rate.burst) / rate.perSecond : sum;
	}, 0);
}

/** Requests the vendors' API rate limits apply to (not OAuth2 token calls or presigned file transfers). */
const rateLimited = (r) => !(r.system === 'smokeball' && /^\/(auth|files)\//.test(r.path || ''));

/**
 * The rate-limit floor of a request log: the least time in which this exact sequence of requests, sent one after
 * another with zero latency, gets through the vendors' token buckets (each system's bucket starts full and refills
 * while other systems are being called). Wall time can never be below it; the gap is pacing overhead and latency.
 */
function floorFromLog(log, rates = VENDOR_RATES) {
	let t = 0;
	const buckets = {};
	for (const r of log) {
		const rate = rates[r.system];
		if (!rate || !rateLimited(r)) continue;
		const b = (buckets[r.system] = buckets[r.system] || { tokens: rate.burst, at: 0 });
		b.tokens = Math.min(rate.burst, b.tokens + (t - b.at) * rate.perSecond);
		b.at = t;
		if (b.tokens < 1) {
			t += (1 - b.tokens) / rate.perSecond;
			b.tokens = 1;
			b.at = t;
		}
		b.tokens -= 1;
	}
	return t;
}

module.exports = {
	floorFromLog,
	CANARY_KEYS,
	VENDOR_RATES,
	admin,
	canaryCredentials,
	credentialSecrets,
	freshSandbox,
	countRequests,
	floorSeconds,
};
