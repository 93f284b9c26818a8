'use strict';

// Smokeball's AWS Cognito OAuth2 server as docs/api/smokeball.md#auth describes it: authorize with
// code (+ optional PKCE S256, required for public clients, no `scope`), token endpoint with HTTP Basic client
// auth for authorization_code, refresh_token and client_credentials; access tokens live 60 min, refresh tokens
// 30 days; a refresh answer carries no new refresh token. OAuth errors use RFC 6749 bodies.

const crypto = require('node:crypto');

const ACCESS_TTL_S = 3600;
const REFRESH_TTL_MS = 30 * 86400000;
const CODE_TTL_MS = 5 * 60000;

const randomToken = (prefix) => `${prefix}${crypto.randomBytes(24).toString('base64url')}`;

function oauthError(send, status, error, description) {
	send(status, { error, error_description: description }, { 'Cache-Control': 'no-store' });
}

/** client_id/secret from `Authorization: Basic`, else from the form (public PKCE clients send only client_id). */
function clientFrom(req, form) {
	const m = /^Basic\s+(\S+)\s*$/i.exec(req.headers.authorization || '');
	if (m) {
		const text = Buffer.from(m[1], 'base64').toString('utf8');
		const cut = text.indexOf(':');
		if (cut < 0) return { clientId: text, secret: '', basic: true };
		return {
			clientId: decodeURIComponent(text.slice(0, cut)),
			secret: decodeURIComponent(text.slice(cut + 1)),
			basic: true,
		};
	}
	return { clientId: form.client_id, secret: form.client_secret, basic: false };
}

function issue(state, nowMs, grant) {
	const access = randomToken('sbat_');
	state.oauth.access[access] = { ...grant, expiresMs: nowMs + ACCESS_TTL_S * 1000 };
	const body = { access_token: access, token_type: 'Bearer', expires_in: ACCESS_TTL_S };
	if (grant.grant !== 'client_credentials') {
		// Cognito also returns an id_token; the API does not accept it (deprecated for API calls).
		body.id_token = randomToken('sbid_');
	}
	return body;
}

/** POST /auth/oauth2/token (form body). */
function token({ req, state, rawBody, send }, nowMs) {
	const type = String(req.headers['content-type'] || '')
		.split(';')[0]
		.trim()
		.toLowerCase();
	if (type !== 'application/x-www-form-urlencoded') {
		return oauthError(
			send,
			400,
			'invalid_request',
			'Send the token request as application/x-www-form-urlencoded.',
		);
	}
	const form = Object.fromEntries(new URLSearchParams(rawBody.toString('utf8')));
	const presented = clientFrom(req, form);
	const client = state.clients.find((c) => c.clientId === presented.clientId);
	const confidential = client && client.clientSecret !== null;
	if (!client || (confidential && presented.secret !== client.clientSecret)) {
		return oauthError(send, 401, 'invalid_client', 'Client authentication failed.');
	}
	if (form.client_id && form.client_id !== client.clientId) {
		return oauthError(
			send,
			401,
			'invalid_client',
			'client_id does not match the Basic credentials.',
		);
	}
	const base = { clientId: client.clientId, accountId: client.accountId, userId: client.userId };

	if (form.grant_type === 'client_credentials') {
		if (!confidential || !presented.basic) {
			return oauthError(
				send,
				401,
				'invalid_client',
				'Client credentials need HTTP Basic client auth.',
			);
		}
		return send(200, issue(state, nowMs, { ...base, grant: 'client_credentials' }), {
			'Cache-Control': 'no-store',
		});
	}

	if (form.grant_type === 'authorization_code') {
		const code = state.oauth.codes[form.code];
		delete state.oauth.codes[form.code]; // single use, even when the exchange fails
		if (!code || code.clientId !== client.clientId || code.expiresMs < nowMs) {
			return oauthError(send, 400, 'invalid_grant', 'The code is unknown, used or expired.');
		}
		if (code.redirectUri && form.redirect_uri !== code.redirectUri) {
			return oauthError(
				send,
				400,
				'invalid_grant',
				'redirect_uri does not match the authorize request.',
			);
		}
		if (code.challenge) {
			const verifier = String(form.code_verifier || '');
			const digest = crypto.createHash('sha256').update(verifier).digest('base64url');
			if (digest !== code.challenge)
				return oauthError(send, 400, 'invalid_grant', 'code_verifier does not match.');
		} else if (!confidential) {
			return oauthError(send, 400, 'invalid_request', 'Public clients must use PKCE.');
		}
		const refresh = randomToken('sbrt_');
		state.oauth.refresh[refresh] = { ...base, expiresMs: nowMs + REFRESH_TTL_MS };
		const body = issue(state, nowMs, { ...base, grant: 'authorization_code' });
		return send(200, { ...body, refresh_token: refresh }, { 'Cache-Control': 'no-store' });
	}

	if (form.grant_type === 'refresh_token') {
		const grant = state.oauth.refresh[form.refresh_token];
		if (!grant || grant.clientId !== client.clientId || grant.expiresMs < nowMs) {
			return oauthError(send, 400, 'invalid_grant', 'The refresh token is invalid or expired.');
		}
		// No new refresh_token: the client keeps the old one (docs/api/smokeball.md#readings).
		return send(200, issue(state, nowMs, { ...base, grant: 'authorization_code' }), {
			'Cache-Control': 'no-store',
		});
	}

	return oauthError(
		send,
		400,
		'unsupported_grant_type',
		`grant_type ${form.grant_type} is not supported.`,
	);
}

/**
 * GET /auth/oauth2/authorize: the sandbox has no login page, so it approves at once (as the demo firm's user) and
 * redirects back with the code, which is what n8n's "Connect" button needs.
 */
function authorize({ query, state, send, sendRaw }, nowMs) {
	const client = state.clients.find((c) => c.clientId === query.client_id);
	if (!client) return oauthError(send, 400, 'invalid_client', 'Unknown client_id.');
	if (query.response_type !== 'code')
		return oauthError(send, 400, 'unsupported_response_type', 'Only response_type=code.');
	if (!query.redirect_uri)
		return oauthError(send, 400, 'invalid_request', 'redirect_uri is required.');
	if (query.code_challenge && query.code_challenge_method !== 'S256') {
		return oauthError(send, 400, 'invalid_request', 'Only code_challenge_method=S256 is allowed.');
	}
	const code = randomToken('sbcode_');
	state.oauth.codes[code] = {
		clientId: client.clientId,
		redirectUri: query.redirect_uri,
		challenge: query.code_challenge || null,
		expiresMs: nowMs + CODE_TTL_MS,
	};
	const target = new URL(query.redirect_uri);
	target.searchParams.set('code', code);
	if (query.state) target.searchParams.set('state', query.state);
	return sendRaw(302, Buffer.alloc(0), { Location: target.toString() });
}

/** The grant behind `Authorization: Bearer <access token>`, or null when missing, unknown or expired. */
function grantFor(req, state, nowMs) {
	const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization || '');
	if (!m) return null;
	const grant = state.oauth.access[m[1]];
	if (!grant || grant.expiresMs <= nowMs) return null;
	return grant;
}

/** Admin: every access token expires now (n8n must fetch or refresh a new one). */
function expireAccessTokens(state) {
	for (const grant of Object.values(state.oauth.access)) grant.expiresMs = 0;
}

/** Admin: refresh tokens expire (Smokeball then deletes the account's webhook subscriptions). */
function expireRefreshTokens(state, clientId) {
	for (const grant of Object.values(state.oauth.refresh)) {
		if (!clientId || grant.clientId === clientId) grant.expiresMs = 0;
	}
}

module.exports = {
	token,
	authorize,
	grantFor,
	expireAccessTokens,
	expireRefreshTokens,
	ACCESS_TTL_S,
};
