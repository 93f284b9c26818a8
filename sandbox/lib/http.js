'use strict';

// Small HTTP helpers shared by the core and every system module. Node built-ins, and busboy for multipart.
const busboy = require('busboy');

/** Thrown anywhere below a handler; the core turns it into the contract error envelope. */
class HttpError extends Error {
	constructor(status, code, message, details, headers) {
		super(message);
		this.status = status;
		this.code = code;
		this.details = details;
		this.headers = headers;
	}
}

/** `{ error: { code, message, details? } }`: the shared contract envelope (docs/api/README.md#errors). */
function errorBody(code, message, details) {
	const error = { code, message };
	if (details !== undefined) error.details = details;
	return { error };
}

function json(res, status, body, headers = {}) {
	const payload = Buffer.from(JSON.stringify(body));
	res.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': payload.length,
		...headers,
	});
	res.end(payload);
}

function sendError(res, status, code, message, details, headers) {
	json(res, status, errorBody(code, message, details), headers);
}

/** Collects every failing field so one 400 `validation_failed` lists them all (contract rule). */
class FieldErrors {
	constructor() {
		this.fields = [];
	}

	add(field, code, message) {
		this.fields.push({ field, code, message });
		return this;
	}

	get any() {
		return this.fields.length > 0;
	}

	throwIfAny(message = 'The request has invalid fields.') {
		if (this.any) throw new HttpError(400, 'validation_failed', message, { fields: this.fields });
	}
}

// ---------------------------------------------------------------- query strings

function decode(text) {
	try {
		return decodeURIComponent(text.replace(/\+/g, ' '));
	} catch {
		return text; // a stray % must not turn a request into a 500
	}
}

/**
 * Parses a raw query string. Keys are decoded, so `page%5Bnumber%5D` and `page[number]` both become the literal
 * key `page[number]` (no qs-style nesting). Repeated keys become arrays, in order.
 */
function parseQuery(raw) {
	const out = Object.create(null);
	if (!raw) return out;
	for (const part of raw.split('&')) {
		if (!part) continue;
		const eq = part.indexOf('=');
		const key = decode(eq < 0 ? part : part.slice(0, eq));
		const value = decode(eq < 0 ? '' : part.slice(eq + 1));
		if (key in out) out[key] = [].concat(out[key], value);
		else out[key] = value;
	}
	return out;
}

/**
 * All values of a list parameter. Besides repeated `key=a&key=b` it accepts `key[]=a` and `key[0]=a`, which is what
 * qs-style serialisers emit, so a client's array encoding never silently drops the filter.
 */
function queryList(query, key) {
	const values = [];
	for (const k of Object.keys(query)) {
		if (
			k === key ||
			k === `${key}[]` ||
			(k.startsWith(`${key}[`) && /^\[\d+\]$/.test(k.slice(key.length)))
		) {
			values.push(...[].concat(query[k]));
		}
	}
	return values;
}

/** A single-valued parameter; repeating it is a client bug worth surfacing (400 invalid_format). */
function querySingle(query, key, errors) {
	const value = query[key];
	if (Array.isArray(value)) {
		errors.add(key, 'invalid_format', `${key} must be given once.`);
		return undefined;
	}
	return value;
}

// ---------------------------------------------------------------- bodies

/**
 * Reads the whole body up to `limit` bytes. Past the limit it keeps draining without storing, so the client can
 * still read our 413 instead of getting a reset mid-upload.
 */
function readBody(req, limit) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		let tooLarge = false;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size > limit) {
				tooLarge = true;
				chunks.length = 0;
			} else if (!tooLarge) chunks.push(chunk);
		});
		req.on('end', () =>
			resolve({ buffer: tooLarge ? null : Buffer.concat(chunks), size, tooLarge }),
		);
		req.on('error', reject);
	});
}

function mediaType(contentType) {
	return String(contentType || '')
		.split(';')[0]
		.trim()
		.toLowerCase();
}

function parseJson(buffer) {
	if (!buffer || buffer.length === 0) return {};
	try {
		return JSON.parse(buffer.toString('utf8'));
	} catch (err) {
		throw new HttpError(400, 'validation_failed', 'The body is not valid JSON.', {
			fields: [{ field: 'body', code: 'invalid_format', message: err.message }],
		});
	}
}

/** Parameters of a header value like `form-data; name="file"; filename="a b.pdf"; filename*=UTF-8''a%20b.pdf`. */
function headerParams(value) {
	const params = Object.create(null);
	const re = /;\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
	let m;
	while ((m = re.exec(value))) {
		const name = m[1].toLowerCase();
		params[name] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3].trim();
	}
	if (params['filename*']) {
		const ext = /^([^']*)'[^']*'(.*)$/.exec(params['filename*']);
		if (ext) params.filename = decode(ext[2]);
	}
	return params;
}

/**
 * multipart/form-data → { fields: {name: string|string[]}, files: {name: {filename, contentType, data}} }, read
 * by busboy, not by this repo's code: the pack's own writer (nodes/shared/multipart.ts) is checked by someone
 * else's reader. A part counts as a file when it has a filename parameter (browsers and undici's FormData always
 * send one); file names are read as UTF-8 and kept whole (handlers strip any path themselves).
 */
function parseMultipart(buffer, contentType) {
	const bad = (message) =>
		new HttpError(400, 'validation_failed', message, {
			fields: [{ field: 'body', code: 'invalid_format', message }],
		});
	if (!headerParams(String(contentType || '')).boundary)
		return Promise.reject(bad('multipart/form-data needs a boundary.'));
	return new Promise((resolve, reject) => {
		const fields = Object.create(null);
		const files = Object.create(null);
		const form = busboy({
			headers: { 'content-type': contentType },
			defParamCharset: 'utf8',
			preservePath: true,
			limits: { fieldSize: Infinity },
		});
		form.on('field', (name, value) => {
			fields[name] = name in fields ? [].concat(fields[name], value) : value;
		});
		form.on('file', (name, stream, info) => {
			const chunks = [];
			stream.on('data', (chunk) => chunks.push(chunk));
			stream.on('end', () => {
				const file = {
					filename: info.filename,
					contentType: info.mimeType || null,
					data: Buffer.concat(chunks),
				};
				files[name] = name in files ? [].concat(files[name], file) : file;
			});
		});
		form.on('error', (err) => reject(bad(`The multipart body is malformed: ${err.message}.`)));
		form.on('close', () => resolve({ fields, files }));
		form.end(buffer);
	});
}

module.exports = {
	HttpError,
	FieldErrors,
	errorBody,
	json,
	sendError,
	parseQuery,
	queryList,
	querySingle,
	readBody,
	mediaType,
	parseJson,
	parseMultipart,
	headerParams,
};
