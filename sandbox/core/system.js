'use strict';

// A request to a system: logged, faulted, authenticated, rate-limited, routed, its body read, its handler run.

const crypto = require('node:crypto');
const { performance } = require('node:perf_hooks');
const { matchRoute } = require('./routes');
const { decideFault } = require('./faults');
const { makeReply } = require('./reply');
const { readRequestBody } = require('./body');

const LOG_LIMIT = 50000; // oldest entries go first; seq keeps counting

function sleep(ms) {
	// unref: a pending injected latency must never keep a test process alive after close()
	return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Constant-time key comparison; hashing first evens out the lengths. */
function safeEqual(a, b) {
	const ha = crypto.createHash('sha256').update(String(a)).digest();
	const hb = crypto.createHash('sha256').update(String(b)).digest();
	return crypto.timingSafeEqual(ha, hb);
}

/** sandbox: { systems, state, rt, limiter, now, baseUrlFor } of createSandbox (sandbox/server.js). */
function createSystemHandler({ systems, state, rt, limiter, now, baseUrlFor }) {
	async function handleSystem(req, res, path, query) {
		const started = performance.now();
		const method = req.method.toUpperCase();
		const sys = systems.find((s) => path === s.prefix || path.startsWith(`${s.prefix}/`));
		const subPath = sys ? path.slice(sys.prefix.length) || '/' : path;
		// The log keeps method, path and query only: never headers, so never a key.
		const entry = {
			seq: ++rt.seq,
			at: new Date().toISOString(),
			system: sys ? sys.name : null,
			method,
			path: subPath,
			query: { ...query },
			status: null,
			faulted: false,
			ms: 0,
		};
		rt.log.push(entry);
		if (rt.log.length > LOG_LIMIT) rt.log.splice(0, rt.log.length - LOG_LIMIT);
		const reply = makeReply(req, res, entry, started);
		try {
			if (!sys)
				return reply.error(404, 'not_found', `No system is mounted at ${path}.`, {
					resource: 'route',
					id: path,
				});

			const fault = decideFault(rt, sys.name, method, subPath, path);
			if (fault) {
				if (fault.latencyMs) await sleep(fault.latencyMs);
				if (fault.afterHandler) {
					entry.faulted = true;
					reply.override = fault; // the handler commits; its response is then lost
				} else if (fault.drop) {
					entry.faulted = true;
					return reply.destroy();
				} else if (fault.status) {
					entry.faulted = true;
					reply.sent = true;
					return reply.writeFault(fault.status, fault.retryAfter);
				}
			}

			const presented = sys.mod.auth(req);
			const key = presented && typeof presented === 'object' ? presented.key : presented;
			if (!key || !sys.mod.keys.some((k) => safeEqual(k, key))) {
				return reply.error(
					401,
					'unauthenticated',
					sys.mod.authHint || 'Missing or invalid API key.',
					undefined,
					sys.mod.authChallenge ? { 'WWW-Authenticate': sys.mod.authChallenge } : undefined,
				);
			}
			const rateKey =
				presented && typeof presented === 'object' && presented.rateKey ? presented.rateKey : key;
			const wait = limiter.take(sys.name, rateKey);
			// Every answer on a limited key says what is left of its quota, so several clients sharing one key
			// can pace themselves before a 429 (rateLimitHeaders: false leaves them out, as a vendor may).
			if (rt.rateLimitHeaders)
				for (const [name, value] of Object.entries(limiter.headers(sys.name, rateKey)))
					res.setHeader(name, value);
			if (wait) {
				return reply.error(
					429,
					'rate_limited',
					`Too many requests; retry after ${wait} s.`,
					{ retry_after_seconds: wait },
					{ 'Retry-After': String(wait) },
				);
			}

			const match = matchRoute(sys.routes, method, subPath);
			if (!match)
				return reply.error(404, 'not_found', `No route ${method} ${subPath}.`, {
					resource: 'route',
					id: subPath,
				});
			if (!match.route) {
				return reply.error(
					405,
					'method_not_allowed',
					`${method} is not allowed on ${subPath}.`,
					{ allowed: match.allowed },
					{ Allow: match.allowed.join(', ') },
				);
			}
			const { body, files } = await readRequestBody(req, match.route);
			const ctx = {
				req,
				res,
				system: sys.name,
				params: match.params,
				query,
				body,
				files,
				state: state[sys.name],
				key,
				strict: rt.strict,
				baseUrl: baseUrlFor(req, sys.prefix),
				now,
				send: reply.send,
				sendRaw: reply.raw,
				error: reply.error,
			};
			const result = await match.route.handler(ctx);
			if (!reply.sent) {
				if (result !== undefined) reply.send(200, result);
				else reply.error(500, 'internal_error', 'The sandbox handler sent no response.');
			}
		} catch (err) {
			reply.fail(err);
		}
		return undefined;
	}
	return handleSystem;
}

module.exports = { createSystemHandler };
