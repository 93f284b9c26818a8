'use strict';

// Who may call what: the auth hook the core runs first (partner key, the public OAuth2 and presigned-file
// routes) and the public routes' handlers (oauth.js does the OAuth2 work).

const oauth = require('./oauth');
const { DEMO_API_KEY, CANARY_API_KEY } = require('./seed');

const PUBLIC_KEY = 'sb:public-route'; // what auth() answers for routes that carry no x-api-key
const API_KEYS = [DEMO_API_KEY, CANARY_API_KEY];
const RAW_BODY = Symbol('smokeballRawBody');
const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

/**
 * The core reads every POST/PUT body as JSON before a handler runs, but the token endpoint takes a form and a
 * presigned upload takes raw bytes with an empty Content-Type. auth() runs before that read, so it takes the
 * bytes itself (req[RAW_BODY]) and lets the core see an empty body. A core `rawBody` route flag would be cleaner.
 */
function takeRawBody(req, limit) {
	const on = req.on;
	const chunks = [];
	let size = 0;
	let tooLarge = false;
	req[RAW_BODY] = new Promise((resolve, reject) => {
		on.call(req, 'data', (chunk) => {
			size += chunk.length;
			if (size > limit) {
				tooLarge = true;
				chunks.length = 0;
			} else if (!tooLarge) chunks.push(chunk);
		});
		on.call(req, 'end', () =>
			resolve({ buffer: tooLarge ? null : Buffer.concat(chunks), size, tooLarge }),
		);
		on.call(req, 'error', reject);
	});
	req.on = function patchedOn(event, listener) {
		if (event === 'data') return this;
		if (event === 'end') {
			req[RAW_BODY].then(
				() => listener(),
				() => listener(),
			);
			return this;
		}
		return on.call(this, event, listener);
	};
}

// The core rate-limits every route of a system, but Cognito's endpoints are not behind the API's 5/s partner
// limit: auth requests are spread over ten buckets (about 50/s), which no test or template comes near.
let authBucket = 0;
const nextAuthBucket = () => `oauth:${(authBucket = (authBucket + 1) % 10)}`;

function auth(req) {
	const path = req.url.split('?')[0].replace(/\/+$/, '');
	if (path === '/smokeball/auth/oauth2/token') {
		if (req.method === 'POST') takeRawBody(req, 64 * 1024);
		return { key: PUBLIC_KEY, rateKey: nextAuthBucket() };
	}
	if (path.startsWith('/smokeball/auth/')) return { key: PUBLIC_KEY, rateKey: nextAuthBucket() };
	const file = /^\/smokeball\/files\/([^/]+)\/(upload|download)$/.exec(path);
	if (file) {
		if (req.method === 'PUT') takeRawBody(req, MAX_UPLOAD_BYTES);
		return { key: PUBLIC_KEY, rateKey: `s3:${file[1]}` }; // S3 is not behind the API's rate limit
	}
	const key = req.headers['x-api-key'];
	return key ? { key: String(key), rateKey: String(key) } : null;
}

// ---------------------------------------------------------------- auth routes

async function tokenRoute(ctx) {
	const raw = await ctx.req[RAW_BODY];
	if (!raw || raw.tooLarge)
		return ctx.send(413, { error: 'invalid_request', error_description: 'Body too large.' });
	return oauth.token({ ...ctx, rawBody: raw.buffer }, Date.now());
}

const authorizeRoute = (ctx) => oauth.authorize(ctx, Date.now());

/** Only PUBLIC_KEY reaches the public routes (auth() decides by path), and never an API key. */
const publicRoute = (handler) => (ctx) =>
	ctx.key === PUBLIC_KEY ? handler(ctx) : ctx.send(403, { message: 'Forbidden' });

module.exports = { API_KEYS, RAW_BODY, PUBLIC_KEY, auth, tokenRoute, authorizeRoute, publicRoute };
