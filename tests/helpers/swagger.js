// Checks a request against Smokeball's swagger (sandbox/systems/smokeball/openapi.json, the vendor document
// pruned to the paths this pack uses): the method exists on a path template that matches, every query parameter
// is one the operation declares and fits its schema, required parameters are present, path parameters fit their
// schema, the security headers are sent, and the JSON body validates STRICTLY against the request body schema
// (unknown fields are errors). The schema walker (type, nullable, required, properties, additionalProperties,
// enum, items, $ref, allOf, lengths, bounds, formats) is shared with the sandbox: sandbox/systems/smokeball/openapi.js.
const { spec, resolve, validateValue } = require('../../sandbox/systems/smokeball/openapi');

const templates = Object.keys(spec.paths)
	.map((template) => {
		const segments = template.split('/').slice(1);
		return {
			template,
			segments,
			literals: segments.filter((s) => !s.startsWith('{')).length,
		};
	})
	// Literal segments win: /webhooks/types before /webhooks/{id}.
	.sort((a, b) => b.literals - a.literals);

/** Finds the path template for a concrete path: { template, params } or null. */
function matchPath(path) {
	const parts = path.split('/').slice(1);
	for (const t of templates) {
		if (t.segments.length !== parts.length) continue;
		const params = {};
		const ok = t.segments.every((seg, i) => {
			if (seg.startsWith('{')) {
				params[seg.slice(1, -1)] = decodeURIComponent(parts[i]);
				return parts[i] !== '';
			}
			return seg === parts[i];
		});
		if (ok) return { template: t.template, params };
	}
	return null;
}

function scalarFromString(schema, raw, where) {
	const s = resolve(schema);
	const type = s.type || (s.allOf && resolve(s.allOf[0]).type);
	if (type === 'integer') {
		if (!/^-?\d+$/.test(raw)) return [{ path: where, message: `must be an integer, got '${raw}'` }];
		return validateValue(s.allOf ? resolve(s.allOf[0]) : s, Number(raw), where);
	}
	if (type === 'number') {
		if (Number.isNaN(Number(raw)))
			return [{ path: where, message: `must be a number, got '${raw}'` }];
		return validateValue(s, Number(raw), where);
	}
	if (type === 'boolean') {
		return /^(true|false)$/.test(raw)
			? []
			: [{ path: where, message: `must be true or false, got '${raw}'` }];
	}
	return validateValue(s, raw, where);
}

/**
 * request: { method, url, headers, body }. base: the API base URL the node was configured with, INCLUDING the
 * /{accountId} prefix under client credentials (the swagger's paths start after it). Returns a list of problems.
 */
function validateRequest(request, base) {
	const problems = [];
	const url = new URL(request.url);
	const baseUrl = new URL(base);
	const basePath = baseUrl.pathname.replace(/\/+$/, '');
	if (url.origin !== baseUrl.origin || !url.pathname.startsWith(`${basePath}/`)) {
		return [`${request.method} ${request.url}: not under the API base ${base}`];
	}
	const path = url.pathname.slice(basePath.length);
	const match = matchPath(path);
	const method = String(request.method || 'GET').toLowerCase();
	const label = `${method.toUpperCase()} ${path}`;
	if (!match) return [`${label}: no such path in the swagger`];
	const op = spec.paths[match.template][method];
	if (!op) return [`${label}: ${method.toUpperCase()} is not defined on ${match.template}`];

	const declared = op.parameters || [];
	for (const p of declared.filter((x) => x.in === 'path')) {
		const value = match.params[p.name];
		if (value === undefined) problems.push(`${label}: path parameter ${p.name} missing`);
		else
			problems.push(
				...scalarFromString(p.schema, value, p.name).map((e) => `${label}: ${e.path} ${e.message}`),
			);
	}
	const query = {};
	for (const [k, v] of url.searchParams) (query[k] = query[k] || []).push(v);
	for (const [k, v] of Object.entries(request.qs || {})) {
		if (v !== undefined) (query[k] = query[k] || []).push(...[].concat(v).map(String));
	}
	for (const [name, values] of Object.entries(query)) {
		const p = declared.find((x) => x.in === 'query' && x.name === name);
		if (!p) {
			problems.push(
				`${label}: query parameter '${name}' is not declared (declared: ${
					declared
						.filter((x) => x.in === 'query')
						.map((x) => x.name)
						.join(', ') || 'none'
				})`,
			);
			continue;
		}
		const schema = resolve(p.schema);
		if (schema.type === 'array') {
			for (const v of values)
				problems.push(
					...scalarFromString(schema.items, v, name).map((e) => `${label}: ${e.path} ${e.message}`),
				);
		} else {
			if (values.length > 1)
				problems.push(`${label}: query parameter '${name}' repeated but not an array`);
			problems.push(
				...scalarFromString(p.schema, values[0], name).map(
					(e) => `${label}: ${e.path} ${e.message}`,
				),
			);
		}
	}
	for (const p of declared.filter((x) => x.required && x.in === 'query')) {
		if (!query[p.name]) problems.push(`${label}: required query parameter ${p.name} missing`);
	}
	const headers = Object.fromEntries(
		Object.entries(request.headers || {}).map(([k, v]) => [k.toLowerCase(), v]),
	);
	for (const p of declared.filter((x) => x.required && x.in === 'header')) {
		if (headers[p.name.toLowerCase()] === undefined)
			problems.push(`${label}: required header ${p.name} missing`);
	}
	// Security (swagger `security`: api-key AND token).
	if (!headers['x-api-key']) problems.push(`${label}: x-api-key header missing`);
	if (!/^Bearer \S+$/.test(String(headers.authorization || '')))
		problems.push(`${label}: bearer token missing`);

	const body = request.body;
	const hasBody = body !== undefined && body !== null && !(typeof body === 'string' && body === '');
	if (op.requestBody) {
		const type = String(headers['content-type'] || 'application/json')
			.split(';')[0]
			.trim();
		if (hasBody && !Object.keys(op.requestBody.content).includes(type)) {
			problems.push(
				`${label}: content type ${type} is not one of ${Object.keys(op.requestBody.content).join(', ')}`,
			);
		}
		if (op.requestBody.required && !hasBody) problems.push(`${label}: request body required`);
		if (hasBody) {
			let json = body;
			if (Buffer.isBuffer(body) || typeof body === 'string') {
				try {
					json = JSON.parse(body.toString());
				} catch {
					problems.push(`${label}: body is not JSON`);
					json = undefined;
				}
			}
			if (json !== undefined) {
				const schema = op.requestBody.content['application/json'].schema;
				for (const e of validateValue(schema, json, '', { strict: true })) {
					problems.push(`${label}: body${e.path ? `.${e.path}` : ''} ${e.message}`);
				}
			}
		}
	} else if (hasBody) {
		problems.push(`${label}: the operation takes no body`);
	}
	return problems;
}

/** Validates every authenticated request; throws with all problems listed. Returns the number validated. */
function expectRequestsMatchSwagger(requests, base) {
	const api = requests.filter((r) => r.authenticated);
	const problems = api.flatMap((r) => validateRequest(r, base));
	if (problems.length)
		throw new Error(`Requests not matching the Smokeball swagger:\n${problems.join('\n')}`);
	return api.length;
}

module.exports = { validateRequest, expectRequestsMatchSwagger, matchPath };
