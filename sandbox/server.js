'use strict';

// The sandbox core: one HTTP server that mounts every system module under its prefix and adds what all vendors
// share: per-system auth, token-bucket rate limits, deterministic fault injection, an admin API and a request log.
// A system module is a plain object (see systems/case-status/index.js); adding one = one folder + one line in
// systems/index.js. A module's seed(rng, { seed }) also gets the run seed, so a module built from another
// system's seed (CASEpeer from Case Status) can rebuild it and stay consistent. Cross-system bulk data:
// POST /__admin/seed/linked (systems/linked.js).

const http = require('node:http');
const { parseQuery } = require('./lib/http');
const { createRng, deriveSeed } = require('./lib/rng');
const { RateLimiter } = require('./lib/ratelimit');
const { compileRoute, matchRoute } = require('./core/routes');
const { normalizeFaults } = require('./core/faults');
const { validateRateLimits } = require('./core/config');
const { createSystemHandler } = require('./core/system');
const { createAdminHandler } = require('./core/admin');

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
		if ('rateLimits' in cfg) validateRateLimits(cfg.rateLimits, byName);
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

	function baseUrlFor(req, prefix) {
		const host = req.headers.host || `127.0.0.1:${(server.address() || {}).port}`;
		return `http://${host}${prefix}`;
	}

	const handleSystem = createSystemHandler({ systems, state, rt, limiter, now, baseUrlFor });
	const handleAdmin = createAdminHandler({
		systems,
		byName,
		state,
		rt,
		now,
		baseUrlFor,
		reset,
		configure,
		currentConfig,
		requests,
		clearRequests,
	});

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
