'use strict';

// The admin API (no auth, never faulted, not logged): reset, config, state, seeds, the request log, and each
// module's own test helpers under /__admin/<system>/.

const { performance } = require('node:perf_hooks');
const { HttpError, FieldErrors, readBody, parseJson } = require('../lib/http');
const { createRng, deriveSeed } = require('../lib/rng');
const { generateLinked } = require('../systems/linked');
const { compileRoute, matchRoute } = require('./routes');
const { makeReply } = require('./reply');
const { MiB } = require('./body');

const ADMIN_LIMIT = 512 * MiB; // PUT /__admin/state may carry a bulk-generated state

/** sandbox: what createSandbox (sandbox/server.js) holds and does, for the admin routes. */
function createAdminHandler(sandbox) {
	const { systems, byName, state, rt, now, baseUrlFor } = sandbox;
	const { reset, configure, currentConfig, requests, clearRequests } = sandbox;

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
	return handleAdmin;
}

module.exports = { createAdminHandler };
