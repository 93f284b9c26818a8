'use strict';

// The wrapper every /api route runs through (bearer token, /{accountId} rule, UserId, RequestId, queued
// writes applied first, ProblemDetails) and apiRoutes(), which mounts a swagger path twice.

const oauth = require('./oauth');
const { API_KEYS } = require('./auth');
const { Problem, badRequest } = require('./errors');
const { applyDue } = require('./processing');

const PROBLEM_HEADERS = { 'Content-Type': 'application/problem+json; charset=utf-8' };

/**
 * Every API route: x-api-key already checked by the core; here the bearer token, the /{accountId} rule, the
 * UserId header, RequestId echo, queued writes applied first, ProblemDetails for errors.
 */
function api(handler) {
	return async (ctx) => {
		const nowMs = Date.now();
		const state = ctx.state;
		applyDue(state, nowMs);
		const requestId = ctx.req.headers.requestid ? String(ctx.req.headers.requestid) : null;
		const echo = requestId ? { RequestId: requestId } : {};
		const send = (status, body, headers = {}) => ctx.send(status, body, { ...echo, ...headers });
		if (!API_KEYS.includes(ctx.key)) return send(403, { message: 'Forbidden' });
		const grant = oauth.grantFor(ctx.req, state, nowMs);
		if (!grant) return send(401, { message: 'Unauthorized' }, { 'WWW-Authenticate': 'Bearer' });
		const { accountId, ...params } = ctx.params;
		try {
			if (grant.grant === 'client_credentials') {
				if (accountId === undefined) {
					throw new Problem(
						403,
						'Forbidden',
						'Requests made with client credentials must be prefixed with the account id: /{accountId}/....',
					);
				}
				if (accountId !== grant.accountId)
					throw new Problem(403, 'Forbidden', `The client has no access to account ${accountId}.`);
			} else if (accountId !== undefined) {
				throw new Problem(
					404,
					'Not Found',
					'The /{accountId} prefix is only used with client credentials.',
				);
			}
			let userId = grant.userId;
			const asUser = ctx.req.headers.userid;
			if (asUser) {
				if (!state.staff.some((s) => s.userId === asUser && s.enabled))
					throw badRequest(`UserId ${asUser} is not an active user of this firm.`);
				userId = String(asUser);
			}
			const c = {
				...ctx,
				params,
				send,
				grant,
				userId,
				requestId,
				nowMs,
				api: `${ctx.baseUrl}/api${accountId === undefined ? '' : `/${accountId}`}`,
			};
			return await handler(c);
		} catch (error) {
			if (error instanceof Problem) return send(error.status, error.body, PROBLEM_HEADERS);
			throw error;
		}
	};
}

// ---------------------------------------------------------------- routes

/** Each swagger path is served twice: as is (authorization code) and under /{accountId} (client credentials). */
function apiRoutes(list) {
	const out = [];
	for (const [method, path, handler] of list) {
		const local = path.replace(/\{(\w+)\}/g, ':$1');
		const wrapped = api(handler);
		out.push({ method, path: `/api${local}`, handler: wrapped, swagger: path });
		out.push({ method, path: `/api/:accountId${local}`, handler: wrapped, swagger: path });
	}
	return out;
}
module.exports = { api, apiRoutes };
