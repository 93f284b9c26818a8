'use strict';

// The sandbox core: one HTTP server that mounts every system module under its prefix and adds what all vendors
// share: per-system auth, token-bucket rate limits, deterministic fault injection, an admin API and a request log.
// A system module is a plain object (see systems/case-status/index.js); adding one = one folder + one line in
// systems/index.js. A module's seed(rng, { seed }) also gets the run seed, so a module built from another
// system's seed (CASEpeer from Case Status) can rebuild it and stay consistent. Cross-system bulk data:
// POST /__admin/seed/linked (systems/linked.js).

const http = require('node:http');
const crypto = require('node:crypto');
const { performance } = require('node:perf_hooks');
const {
	HttpError,
	FieldErrors,
	errorBody,
	json,
	parseQuery,
	readBody,
	mediaType,
	parseJson,
	parseMultipart,
} = require('./lib/http');
const { createRng, deriveSeed } = require('./lib/rng');
const { RateLimiter } = require('./lib/ratelimit');
const { generateLinked } = require('./systems/linked');

const MiB = 1024 * 1024;
const JSON_LIMIT = 10 * MiB;
const ADMIN_LIMIT = 512 * MiB; // PUT /__admin/state may carry a bulk-generated state
const MULTIPART_OVERHEAD = 1 * MiB; // room for part headers and metadata fields around the file
const LOG_LIMIT = 50000; // oldest entries go first; seq keeps counting
const DEFAULT_FAULT_STATUSES = [500, 502, 503, 429];

// ---------------------------------------------------------------- routing

function escapeRe(text) {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** '/v1/api/cases/:id' → { re, names }. Params match one path segment. */
function compileRoute(route) {
	const names = [];
	const source = route.path
		.split('/')
		.map((seg) => {
			if (seg.startsWith(':')) {
				names.push(seg.slice(1));
				return '([^/]+)';
			}
			return escapeRe(seg);
		})
		.join('/');
	return { ...route, method: route.method.toUpperCase(), re: new RegExp(`^${source}$`), names };
}

/** → { route, params } | { allowed: [methods] } when only the method is wrong | null. */
function matchRoute(routes, method, path) {
	const allowed = [];
	for (const route of routes) {
		const m = route.re.exec(path);
		if (!m) continue;
		if (route.method !== method) {
			allowed.push(route.method);
			continue;
		}
		const params = {};
		route.names.forEach((name, i) => {
			try {
				params[name] = decodeURIComponent(m[i + 1]);
			} catch {
				params[name] = m[i + 1];
			}
		});
		return { route, params };
	}
	return allowed.length ? { allowed } : null;
}

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

// ---------------------------------------------------------------- faults

function isRate(v) {
	return typeof v === 'number' && v >= 0 && v <= 1;
}

function isStatus(v) {
	return Number.isInteger(v) && v >= 400 && v <= 599;
}

function isLatency(v) {
	if (typeof v === 'number') return v >= 0;
	return (
		Array.isArray(v) &&
		v.length === 2 &&
		v.every((n) => typeof n === 'number' && n >= 0) &&
		v[0] <= v[1]
	);
}

/** Validates a fault config (400 validation_failed listing every bad field) and fills defaults. */
function normalizeFaults(input, systemNames) {
	if (input === null || input === undefined || input === false) return null;
	const errors = new FieldErrors();
	if (typeof input !== 'object' || Array.isArray(input)) {
		errors.add('faults', 'invalid_format', 'faults must be an object or null.').throwIfAny();
	}
	const f = input;
	if (f.errorRate !== undefined && !isRate(f.errorRate))
		errors.add('faults.errorRate', 'out_of_range', 'errorRate must be 0..1.');
	if (f.dropRate !== undefined && !isRate(f.dropRate))
		errors.add('faults.dropRate', 'out_of_range', 'dropRate must be 0..1.');
	if (
		f.statuses !== undefined &&
		!(Array.isArray(f.statuses) && f.statuses.length && f.statuses.every(isStatus))
	) {
		errors.add(
			'faults.statuses',
			'invalid_value',
			'statuses must be a non-empty list of 4xx/5xx codes.',
		);
	}
	if (f.latencyMs !== undefined && f.latencyMs !== null && !isLatency(f.latencyMs)) {
		errors.add('faults.latencyMs', 'invalid_value', 'latencyMs must be a number or [min, max].');
	}
	if (
		f.retryAfterSeconds !== undefined &&
		!(Number.isInteger(f.retryAfterSeconds) && f.retryAfterSeconds >= 0)
	) {
		errors.add(
			'faults.retryAfterSeconds',
			'invalid_value',
			'retryAfterSeconds must be an integer ≥ 0.',
		);
	}
	for (const listName of ['systems', 'methods']) {
		const list = f[listName];
		if (
			list !== undefined &&
			list !== null &&
			!(Array.isArray(list) && list.every((s) => typeof s === 'string'))
		) {
			errors.add(`faults.${listName}`, 'invalid_format', `${listName} must be a list of strings.`);
		}
	}
	(f.systems || []).forEach((s, i) => {
		if (typeof s === 'string' && !systemNames.includes(s)) {
			errors.add(`faults.systems[${i}]`, 'unknown_value', `No system named ${s}.`);
		}
	});
	const script = f.script === undefined || f.script === null ? [] : f.script;
	if (!Array.isArray(script))
		errors.add('faults.script', 'invalid_format', 'script must be a list of steps.');
	const steps = Array.isArray(script) ? script : [];
	steps.forEach((step, i) => {
		const at = `faults.script[${i}]`;
		if (!step || typeof step !== 'object')
			return errors.add(at, 'invalid_format', 'A step must be an object.');
		if (step.status !== undefined && !isStatus(step.status))
			errors.add(`${at}.status`, 'invalid_value', 'status must be 4xx/5xx.');
		if (step.latencyMs !== undefined && !isLatency(step.latencyMs))
			errors.add(`${at}.latencyMs`, 'invalid_value', 'latencyMs must be a number or [min, max].');
		if (
			step.status === undefined &&
			!step.drop &&
			!step.afterHandler &&
			step.latencyMs === undefined
		) {
			errors.add(at, 'required', 'A step needs status, drop, afterHandler or latencyMs.');
		}
		if (step.match !== undefined && (typeof step.match !== 'object' || step.match === null)) {
			errors.add(`${at}.match`, 'invalid_format', 'match must be {system?, method?, pathPrefix?}.');
		}
		return undefined;
	});
	errors.throwIfAny('The fault configuration is invalid.');
	return {
		errorRate: f.errorRate ?? 0,
		dropRate: f.dropRate ?? 0,
		statuses: f.statuses ?? DEFAULT_FAULT_STATUSES,
		latencyMs: f.latencyMs ?? null,
		retryAfterSeconds: f.retryAfterSeconds ?? 1,
		systems: f.systems ?? null,
		methods: f.methods ? f.methods.map((m) => m.toUpperCase()) : null,
		script: steps.map((s) => ({ ...s })),
	};
}

function latencyFrom(spec, r) {
	if (spec === null || spec === undefined) return 0;
	if (typeof spec === 'number') return spec;
	return Math.round(spec[0] + r * (spec[1] - spec[0]));
}

/** The injected error response: codes follow docs/api/README.md#errors. */
function faultError(status, retryAfter) {
	const headers = {};
	const details = { injected: true };
	let code = 'injected_fault';
	if (status === 429) {
		code = 'rate_limited';
		details.retry_after_seconds = retryAfter;
		headers['Retry-After'] = String(retryAfter);
	} else if (status === 503) {
		code = 'unavailable';
		headers['Retry-After'] = String(retryAfter);
	} else if (status === 502 || status === 504) code = 'unavailable';
	else if (status >= 500) code = 'internal_error';
	return { body: errorBody(code, `Injected fault: HTTP ${status} (sandbox).`, details), headers };
}

// ---------------------------------------------------------------- the sandbox

/**
 * Builds the sandbox without listening.
 * options: { rateLimit = true (| false | {system: {perSecond, burst}|false}), faults = null, seed = 1,
 *            strict = false (reject unknown request fields), rateLimitHeaders = true (RateLimit-* on limited
 *            answers), systems = require('./systems'), clock = Date.now (ms; rate limits and write stamps follow it) }
 */
function createSandbox(options = {}) {
	const modules = options.systems || require('./systems');
	const defaults = {
		seed: options.seed ?? 1,
		rateLimit: options.rateLimit ?? true,
		faults: options.faults ?? null,
		strict: Boolean(options.strict),
		rateLimitHeaders: options.rateLimitHeaders ?? true,
	};
	const systems = modules.map((mod) => ({
		mod,
		name: mod.name,
		prefix: mod.prefix,
		routes: mod.routes.map(compileRoute),
		adminRoutes: (mod.adminRoutes || []).map(compileRoute),
	}));
	const systemNames = systems.map((s) => s.name);
	const byName = new Map(systems.map((s) => [s.name, s]));

	// `state` is a stable container: reset swaps its members, so references to `sandbox.state` stay live.
	const state = {};
	const rt = {
		seed: defaults.seed,
		faults: null,
		script: [],
		faultRng: null,
		log: [],
		seq: 0,
		strict: false,
		rateLimitHeaders: true,
		generated: {},
	};
	// The real clock, unless a suite runs in its own time (the bench's note relay skips the idle waits): rate limits
	// and write stamps both follow it.
	const clockMs = options.clock || Date.now;
	const limiter = new RateLimiter(
		Object.fromEntries(systems.map((s) => [s.name, s.mod.rateLimit || null])),
		defaults.rateLimit,
		clockMs,
	);

	// Write stamps never go backwards, so (updated_at, id) keysets stay monotonic.
	let lastMs = 0;
	function now() {
		lastMs = Math.max(clockMs(), lastMs);
		return new Date(lastMs).toISOString();
	}

	function setFaults(input) {
		rt.faults = normalizeFaults(input, systemNames);
		rt.script = rt.faults ? rt.faults.script.slice() : [];
		rt.faultRng = createRng(deriveSeed(rt.seed, 'faults'));
	}

	function reset({ seed } = {}) {
		rt.seed = seed ?? defaults.seed;
		for (const s of systems)
			state[s.name] = s.mod.seed(createRng(deriveSeed(rt.seed, s.name)), { seed: rt.seed });
		rt.generated = {};
		rt.log = [];
		rt.seq = 0;
		rt.strict = defaults.strict;
		rt.rateLimitHeaders = defaults.rateLimitHeaders;
		limiter.configure(defaults.rateLimit);
		setFaults(null);
	}

	function validateRateLimits(value) {
		const errors = new FieldErrors();
		if (value === true || value === false) return;
		if (!value || typeof value !== 'object' || Array.isArray(value)) {
			errors.add(
				'rateLimits',
				'invalid_format',
				'rateLimits must be true, false or {system: {perSecond, burst} | false | null}.',
			);
		} else {
			for (const [name, limit] of Object.entries(value)) {
				const at = `rateLimits.${name}`;
				if (!byName.has(name)) errors.add(at, 'unknown_value', `No system named ${name}.`);
				else if (limit === false || limit === null) continue;
				else if (
					!limit ||
					!(limit.perSecond > 0) ||
					!(Number.isInteger(limit.burst) && limit.burst >= 1)
				) {
					errors.add(
						at,
						'invalid_value',
						'Give {perSecond > 0, burst ≥ 1 (integer)}, false or null.',
					);
				}
			}
		}
		errors.throwIfAny('The rate-limit configuration is invalid.');
	}

	function currentConfig() {
		return {
			seed: rt.seed,
			strict: rt.strict,
			rateLimitHeaders: rt.rateLimitHeaders,
			rateLimits: limiter.effective(),
			faults: rt.faults && { ...rt.faults, script: rt.script },
		};
	}

	/** { rateLimits?, faults?, strict?, rateLimitHeaders? } — keys left out stay as they are. */
	function configure(cfg = {}) {
		if ('rateLimits' in cfg) validateRateLimits(cfg.rateLimits);
		if ('faults' in cfg) setFaults(cfg.faults); // validates before touching anything else
		if ('rateLimits' in cfg) limiter.configure(cfg.rateLimits);
		if ('strict' in cfg) rt.strict = Boolean(cfg.strict);
		if ('rateLimitHeaders' in cfg) rt.rateLimitHeaders = Boolean(cfg.rateLimitHeaders);
		return currentConfig();
	}

	function requests(filter = {}) {
		return rt.log.filter(
			(e) =>
				(!filter.system || e.system === filter.system) &&
				(!filter.method || e.method === String(filter.method).toUpperCase()) &&
				(!filter.pathPrefix || (e.path || '').startsWith(filter.pathPrefix)),
		);
	}

	function clearRequests() {
		rt.log = [];
	}

	/**
	 * Picks this request's fault. Scripted steps win: the first queued step whose match fits is consumed (steps
	 * without match use the global systems/methods filter). Otherwise random faults draw a fixed count of numbers
	 * per request, so the sequence is reproducible whatever the outcomes.
	 */
	function decideFault(system, method, subPath, fullPath) {
		const f = rt.faults;
		if (!f) return null;
		const globalMatch =
			(!f.systems || f.systems.includes(system)) && (!f.methods || f.methods.includes(method));
		const idx = rt.script.findIndex((step) => {
			const m = step.match;
			if (!m) return globalMatch;
			return (
				(!m.system || m.system === system) &&
				(!m.method || String(m.method).toUpperCase() === method) &&
				(!m.pathPrefix || subPath.startsWith(m.pathPrefix) || fullPath.startsWith(m.pathPrefix))
			);
		});
		if (idx >= 0) {
			const [step] = rt.script.splice(idx, 1);
			return {
				latencyMs: latencyFrom(step.latencyMs, rt.faultRng()),
				status: step.status,
				retryAfter: step.retryAfter ?? f.retryAfterSeconds,
				drop: Boolean(step.drop || (step.afterHandler && step.status === undefined)),
				afterHandler: Boolean(step.afterHandler),
			};
		}
		if (!globalMatch || (!f.errorRate && !f.dropRate && !f.latencyMs)) return null;
		const [rDrop, rError, rStatus, rLatency] = [
			rt.faultRng(),
			rt.faultRng(),
			rt.faultRng(),
			rt.faultRng(),
		];
		const latencyMs = latencyFrom(f.latencyMs, rLatency);
		if (rDrop < f.dropRate) return { latencyMs, drop: true };
		if (rError < f.errorRate) {
			return {
				latencyMs,
				status: f.statuses[Math.floor(rStatus * f.statuses.length)],
				retryAfter: f.retryAfterSeconds,
			};
		}
		return latencyMs ? { latencyMs } : null;
	}

	/** One place that writes a response (or drops the connection) and completes the log entry. */
	function makeReply(req, res, entry, started) {
		const reply = {
			sent: false,
			override: null, // an afterHandler fault that replaces whatever the handler sends
			finish(status) {
				if (entry) {
					entry.status = status;
					entry.ms = Math.round(performance.now() - started);
				}
			},
			take() {
				if (reply.sent) return false;
				reply.sent = true;
				if (!reply.override) return true;
				const fault = reply.override;
				reply.override = null;
				if (fault.drop) reply.destroy();
				else reply.writeFault(fault.status, fault.retryAfter);
				return false;
			},
			destroy() {
				reply.sent = true;
				if (entry) entry.dropped = true;
				reply.finish(null);
				req.socket.destroy(); // a reset without any response bytes
			},
			writeFault(status, retryAfter) {
				const { body, headers } = faultError(status, retryAfter);
				json(res, status, body, headers);
				reply.finish(status);
			},
			send(status, body, headers) {
				if (!reply.take()) return;
				json(res, status, body, headers);
				reply.finish(status);
			},
			raw(status, buffer, headers = {}) {
				if (!reply.take()) return;
				res.writeHead(status, { 'Content-Length': buffer.length, ...headers });
				res.end(buffer);
				reply.finish(status);
			},
			error(status, code, message, details, headers) {
				reply.send(status, errorBody(code, message, details), headers);
			},
			fail(err) {
				if (err instanceof HttpError)
					return reply.error(err.status, err.code, err.message, err.details, err.headers);
				// Log the stack (never headers) so a handler bug is visible, and answer like a real 500.
				process.stderr.write(`[sandbox] handler error: ${err && err.stack ? err.stack : err}\n`);
				return reply.error(500, 'internal_error', 'Unexpected sandbox error.');
			},
		};
		return reply;
	}

	async function readRequestBody(req, route) {
		if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(req.method)) return { body: {}, files: {} };
		const contentType = req.headers['content-type'];
		const type = mediaType(contentType);
		if (route.upload) {
			const max = route.upload.maxFileBytes;
			if (type !== 'multipart/form-data') {
				throw new HttpError(
					415,
					'unsupported_media_type',
					'Send the file as multipart/form-data.',
					{ allowed: ['multipart/form-data'] },
				);
			}
			const { buffer, tooLarge } = await readBody(req, max + MULTIPART_OVERHEAD);
			if (tooLarge)
				throw new HttpError(413, 'file_too_large', `The file exceeds ${max} bytes.`, {
					max_bytes: max,
				});
			const { fields, files } = await parseMultipart(buffer, contentType);
			for (const file of Object.values(files).flat()) {
				if (file.data.length > max)
					throw new HttpError(413, 'file_too_large', `The file exceeds ${max} bytes.`, {
						max_bytes: max,
					});
			}
			return { body: fields, files };
		}
		const { buffer, tooLarge } = await readBody(req, JSON_LIMIT);
		if (tooLarge)
			throw new HttpError(413, 'payload_too_large', `The body exceeds ${JSON_LIMIT} bytes.`, {
				max_bytes: JSON_LIMIT,
			});
		if (buffer.length === 0) return { body: {}, files: {} };
		if (type && type !== 'application/json' && !type.endsWith('+json')) {
			throw new HttpError(415, 'unsupported_media_type', 'Send a JSON body.', {
				allowed: ['application/json'],
			});
		}
		return { body: parseJson(buffer), files: {} };
	}

	function baseUrlFor(req, prefix) {
		const host = req.headers.host || `127.0.0.1:${(server.address() || {}).port}`;
		return `http://${host}${prefix}`;
	}

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

			const fault = decideFault(sys.name, method, subPath, path);
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

	// ------------------------------------------------------------ admin (no auth, never faulted, not logged)

	function systemOr404(name) {
		const sys = byName.get(name);
		if (!sys)
			throw new HttpError(404, 'not_found', `No system named ${name}.`, {
				resource: 'system',
				id: name,
			});
		return sys;
	}

	const adminRoutes = [
		{
			method: 'GET',
			path: '/__admin',
			handler: ({ req }) => ({
				systems: systems.map((s) => ({
					name: s.name,
					prefix: s.prefix,
					base_url: baseUrlFor(req, s.prefix),
					demo_key: s.mod.demoKey ?? null,
				})),
				config: currentConfig(),
			}),
		},
		{
			method: 'POST',
			path: '/__admin/reset',
			handler: ({ body }) => {
				if (body.seed !== undefined && !Number.isInteger(body.seed)) {
					new FieldErrors().add('seed', 'invalid_format', 'seed must be an integer.').throwIfAny();
				}
				reset({ seed: body.seed });
				return { ok: true, seed: rt.seed };
			},
		},
		{ method: 'GET', path: '/__admin/config', handler: () => currentConfig() },
		{ method: 'POST', path: '/__admin/config', handler: ({ body }) => configure(body) },
		{
			method: 'GET',
			path: '/__admin/state/:system',
			handler: ({ params }) => state[systemOr404(params.system).name],
		},
		{
			method: 'PUT',
			path: '/__admin/state/:system',
			handler: ({ params, body }) => {
				const sys = systemOr404(params.system);
				if (!body || typeof body !== 'object' || Array.isArray(body)) {
					new FieldErrors()
						.add('body', 'invalid_format', 'The state must be a JSON object.')
						.throwIfAny();
				}
				state[sys.name] = sys.mod.normalizeState ? sys.mod.normalizeState(body) : body;
				return { ok: true, system: sys.name };
			},
		},
		{
			// Before /__admin/seed/:system, which would otherwise take "linked" for a system name.
			method: 'POST',
			path: '/__admin/seed/linked',
			handler: ({ body }) => {
				const n = (rt.generated.linked = (rt.generated.linked || 0) + 1);
				return generateLinked(state, createRng(deriveSeed(rt.seed, `linked:generate:${n}`)), body);
			},
		},
		{
			method: 'POST',
			path: '/__admin/seed/:system',
			handler: ({ params, body }) => {
				const sys = systemOr404(params.system);
				if (!sys.mod.generate)
					throw new HttpError(404, 'not_found', `${sys.name} has no bulk generator.`, {
						resource: 'generator',
						id: sys.name,
					});
				// Each call gets its own derived stream, so repeated calls after a reset repeat exactly.
				const n = (rt.generated[sys.name] = (rt.generated[sys.name] || 0) + 1);
				const rng = createRng(deriveSeed(rt.seed, `${sys.name}:generate:${n}`));
				return { system: sys.name, ...sys.mod.generate(state[sys.name], rng, body) };
			},
		},
		{ method: 'GET', path: '/__admin/requests', handler: ({ query }) => requests(query) },
		{
			method: 'DELETE',
			path: '/__admin/requests',
			handler: () => {
				clearRequests();
				return { ok: true };
			},
		},
	].map(compileRoute);

	async function handleAdmin(req, res, path, query) {
		const reply = makeReply(req, res, null, performance.now());
		try {
			const method = req.method.toUpperCase();
			let match = matchRoute(adminRoutes, method, path);
			let sys = null;
			if (!match || !match.route) {
				// Test-only helpers of a module live under /__admin/<system>/...
				sys = systems.find((s) => path.startsWith(`/__admin/${s.name}/`));
				if (sys)
					match = matchRoute(sys.adminRoutes, method, path.slice(`/__admin/${sys.name}`.length));
			}
			if (!match)
				return reply.error(404, 'not_found', `No admin route ${method} ${path}.`, {
					resource: 'route',
					id: path,
				});
			if (!match.route)
				return reply.error(405, 'method_not_allowed', `${method} is not allowed on ${path}.`, {
					allowed: match.allowed,
				});
			let body = {};
			if (['POST', 'PUT', 'PATCH'].includes(method)) {
				const read = await readBody(req, ADMIN_LIMIT);
				if (read.tooLarge)
					throw new HttpError(413, 'payload_too_large', 'The admin body is too large.', {
						max_bytes: ADMIN_LIMIT,
					});
				body = parseJson(read.buffer);
				if (body === null) body = {};
			}
			const ctx = {
				req,
				res,
				params: match.params,
				query,
				body,
				state: sys ? state[sys.name] : state,
				strict: rt.strict,
				baseUrl: sys ? baseUrlFor(req, sys.prefix) : baseUrlFor(req, ''),
				now,
				send: reply.send,
				sendRaw: reply.raw,
				error: reply.error,
			};
			const result = await match.route.handler(ctx);
			if (!reply.sent) reply.send(200, result === undefined ? { ok: true } : result);
		} catch (err) {
			reply.fail(err);
		}
		return undefined;
	}

	function handle(req, res) {
		const q = req.url.indexOf('?');
		const rawPath = q < 0 ? req.url : req.url.slice(0, q);
		const query = parseQuery(q < 0 ? '' : req.url.slice(q + 1));
		const path = rawPath.replace(/\/+$/, '') || '/'; // a trailing slash names the same resource
		if (path === '/__admin' || path.startsWith('/__admin/'))
			return handleAdmin(req, res, path, query);
		return handleSystem(req, res, path, query);
	}

	const server = http.createServer((req, res) => {
		handle(req, res).catch((err) => {
			process.stderr.write(`[sandbox] ${err && err.stack ? err.stack : err}\n`);
			if (!res.headersSent) res.destroy();
		});
	});

	reset();
	if (defaults.faults) setFaults(defaults.faults);

	return {
		server,
		state,
		reset,
		configure,
		config: currentConfig,
		requests,
		clearRequests,
		now,
		systems: systems.map((s) => ({
			name: s.name,
			prefix: s.prefix,
			demoKey: s.mod.demoKey ?? null,
		})),
	};
}

/**
 * Starts the sandbox. Resolves to { url, port, host, close(), state, reset(), configure(), requests(),
 * clearRequests(), systems: {name: baseUrl}, server }. port 0 picks a free port.
 */
async function startSandbox(options = {}) {
	const { port = 0, host = '127.0.0.1' } = options;
	const sandbox = createSandbox(options);
	await new Promise((resolve, reject) => {
		sandbox.server.once('error', reject);
		sandbox.server.listen(port, host, () => {
			sandbox.server.off('error', reject);
			resolve();
		});
	});
	const actualPort = sandbox.server.address().port;
	const url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
	let closing = null;
	return {
		url,
		port: actualPort,
		host,
		state: sandbox.state,
		reset: sandbox.reset,
		configure: sandbox.configure,
		config: sandbox.config,
		requests: sandbox.requests,
		clearRequests: sandbox.clearRequests,
		systems: Object.fromEntries(sandbox.systems.map((s) => [s.name, url + s.prefix])),
		demoKeys: Object.fromEntries(sandbox.systems.map((s) => [s.name, s.demoKey])),
		server: sandbox.server,
		close() {
			if (!closing) {
				closing = new Promise((resolve) => sandbox.server.close(() => resolve()));
				sandbox.server.closeAllConnections(); // keep-alive sockets would otherwise hold close() open
			}
			return closing;
		},
	};
}

module.exports = { createSandbox, startSandbox, compileRoute, matchRoute, normalizeFaults };
