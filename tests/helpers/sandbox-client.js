'use strict';

// The HTTP helpers every sandbox test uses: a client for one system (call/get/post/put/patch/del with that
// system's auth headers), the admin client ({ status, body }) and adminApi (the body alone, for node tests). Both read their base URL lazily: the sandbox starts in beforeAll.

/** How a response body is read: JSON when the server says so, else bytes, text, or null when empty. */
const readers = {
	async jsonOrBytes(res) {
		const type = res.headers.get('content-type') || '';
		return type.includes('json') ? res.json() : Buffer.from(await res.arrayBuffer());
	},
	async jsonOrText(res) {
		const type = res.headers.get('content-type') || '';
		const text = await res.text();
		return type.includes('json') && text ? JSON.parse(text) : text;
	},
	async jsonOrNull(res) {
		const text = await res.text();
		return text ? JSON.parse(text) : null;
	},
};

/**
 * base(): the system's base URL. auth(options, headers): the headers a call adds over its own `headers` (options
 * are the call's, e.g. { key }). read: 'jsonOrBytes' | 'jsonOrText' | 'jsonOrNull'. A string body is sent as it is
 * only when rawStrings; `form` (a FormData) is sent as multipart. An absolute URL is not prefixed with base().
 */
function sandboxClient({ base, auth = () => ({}), read = 'jsonOrBytes', rawStrings = false }) {
	async function call(method, path, options = {}) {
		const { body, headers = {}, form } = options;
		const init = { method, headers: { ...headers, ...auth(options, headers) } };
		if (form) init.body = form;
		else if (body !== undefined) {
			init.body = rawStrings && typeof body === 'string' ? body : JSON.stringify(body);
			init.headers['Content-Type'] = 'application/json';
		}
		const res = await fetch(path.startsWith('http') ? path : base() + path, init);
		return { status: res.status, headers: res.headers, body: await readers[read](res) };
	}
	return {
		call,
		get: (path, opts) => call('GET', path, opts),
		post: (path, body, opts = {}) => call('POST', path, { ...opts, body }),
		put: (path, body, opts = {}) => call('PUT', path, { ...opts, body }),
		patch: (path, body, opts = {}) => call('PATCH', path, { ...opts, body }),
		del: (path, opts) => call('DELETE', path, opts),
	};
}

/** The sandbox's admin API: admin(method, path, body) → { status, body }; base() is its URL, e.g. sb.url. */
function adminClient(base) {
	return async (method, path, body) => {
		const res = await fetch(base() + path, {
			method,
			headers: { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: res.status, body: await res.json() };
	};
}

/**
 * The admin API as the node tests use it: admin(method, route, body) → the answer's parsed body (null when empty);
 * route is under /__admin, e.g. admin('GET', '/state/casepeer'). base() is the sandbox's URL, e.g. sandbox.url.
 */
function adminApi(base) {
	return async (method, route, body) => {
		const res = await fetch(`${base()}/__admin${route}`, {
			method,
			headers: body ? { 'content-type': 'application/json' } : {},
			body: body ? JSON.stringify(body) : undefined,
		});
		const text = await res.text();
		return text ? JSON.parse(text) : null;
	};
}

module.exports = { sandboxClient, adminClient, adminApi };
