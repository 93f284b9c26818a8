// Checks a request against Smokeball's swagger (sandbox/systems/smokeball/openapi.json, the vendor document
// pruned to the paths this pack uses): the method exists on a path template that matches, every query parameter
// is one the operation declares and fits its schema, required parameters are present, path parameters fit their
// schema, the security headers are sent, and the JSON body validates against the request body schema (a DTO's
// `additionalProperties: false` makes unknown fields errors). The schemas are checked by ajv with ajv-formats, NOT
// by the sandbox's own walker (sandbox/systems/smokeball/openapi.js): a gap in one does not pass both.
const Ajv = require('ajv');
const addFormats = require('ajv-formats');
const { fullFormats } = require('ajv-formats/dist/formats');
const spec = require('../../sandbox/systems/smokeball/openapi.json');

/**
 * OpenAPI 3.0 → JSON Schema: ajv reads `nullable` next to a `type` itself; a `nullable` with no `type` (an allOf
 * wrapper around a $ref) becomes anyOf [schema, null].
 */
function toJsonSchema(node) {
	if (Array.isArray(node)) return node.map(toJsonSchema);
	if (!node || typeof node !== 'object') return node;
	const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, toJsonSchema(v)]));
	if (out.nullable !== undefined && out.type === undefined) {
		const { nullable, ...rest } = out;
		return nullable ? { anyOf: [rest, { type: 'null' }] } : rest;
	}
	return out;
}

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
// Smokeball is ASP.NET: its DateTime binder takes an ISO 8601 date alone, or a date-time with or without a zone.
const isoDateTime = fullFormats['iso-date-time'].validate;
const isoDate = fullFormats.date.validate;
ajv.addFormat('date-time', { type: 'string', validate: (s) => isoDateTime(s) || isoDate(s) });
ajv.addSchema(toJsonSchema(spec), 'smokeball');

const compiled = new Map();
/** The ajv validator for the schema at a JSON pointer inside the document. */
function validatorAt(pointer) {
	if (!compiled.has(pointer)) compiled.set(pointer, ajv.getSchema(`smokeball#${pointer}`));
	return compiled.get(pointer);
}
const pointer = (...segments) =>
	segments
		.map((s) => `/${encodeURIComponent(String(s).replace(/~/g, '~0').replace(/\//g, '~1'))}`)
		.join('');

/** ajv errors as { path, message }, in the words the tests read (anyOf's null branch is not reported). */
function problemsOf(validate, value, where) {
	if (validate(value)) return [];
	const at = (instancePath, key) => {
		const parts = instancePath
			.split('/')
			.slice(1)
			.map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
		if (key !== undefined) parts.push(key);
		return parts.reduce(
			(path, p) => (/^\d+$/.test(p) ? `${path}[${p}]` : path ? `${path}.${p}` : p),
			where,
		);
	};
	const out = [];
	for (const e of validate.errors) {
		const p = e.params;
		if (e.keyword === 'anyOf' || (e.keyword === 'type' && p.type === 'null')) continue;
		if (e.keyword === 'required')
			out.push({ path: at(e.instancePath, p.missingProperty), message: 'is required' });
		else if (e.keyword === 'additionalProperties')
			out.push({ path: at(e.instancePath, p.additionalProperty), message: 'is not a known field' });
		else if (e.keyword === 'type')
			out.push({ path: at(e.instancePath), message: `must be ${p.type}` });
		else if (e.keyword === 'enum')
			out.push({
				path: at(e.instancePath),
				message: `must be one of ${JSON.stringify(p.allowedValues)}`,
			});
		else if (e.keyword === 'minLength')
			out.push({ path: at(e.instancePath), message: `must be at least ${p.limit} characters` });
		else if (e.keyword === 'maxLength')
			out.push({ path: at(e.instancePath), message: `must be at most ${p.limit} characters` });
		else if (e.keyword === 'minimum')
			out.push({ path: at(e.instancePath), message: `must be ≥ ${p.limit}` });
		else if (e.keyword === 'maximum')
			out.push({ path: at(e.instancePath), message: `must be ≤ ${p.limit}` });
		else if (e.keyword === 'format')
			out.push({
				path: at(e.instancePath),
				message:
					{ uuid: 'must be a uuid', 'date-time': 'must be an ISO-8601 date-time' }[p.format] ||
					`must match format ${p.format}`,
			});
		else out.push({ path: at(e.instancePath), message: e.message });
	}
	return out;
}

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

/** The JSON type a parameter's schema takes (through a $ref or an allOf wrapper): how to read its string. */
function typeOfParam(schema) {
	let s = schema;
	while (s && !s.type)
		s = s.$ref ? spec.components.schemas[s.$ref.split('/').pop()] : s.allOf && s.allOf[0];
	return s && s.type;
}

/** A path or query string read as its schema's type, then checked by ajv against the schema at `at`. */
function scalarFromString(schema, at, raw, where) {
	const type = typeOfParam(schema);
	let value = raw;
	if (type === 'integer') {
		if (!/^-?\d+$/.test(raw)) return [{ path: where, message: `must be an integer, got '${raw}'` }];
		value = Number(raw);
	} else if (type === 'number') {
		if (raw.trim() === '' || Number.isNaN(Number(raw)))
			return [{ path: where, message: `must be a number, got '${raw}'` }];
		value = Number(raw);
	} else if (type === 'boolean') {
		if (!/^(true|false)$/.test(raw))
			return [{ path: where, message: `must be true or false, got '${raw}'` }];
		value = raw === 'true';
	}
	return problemsOf(validatorAt(at), value, where);
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
	const schemaAt = (p) =>
		pointer('paths', match.template, method, 'parameters', declared.indexOf(p), 'schema');
	for (const p of declared.filter((x) => x.in === 'path')) {
		const value = match.params[p.name];
		if (value === undefined) problems.push(`${label}: path parameter ${p.name} missing`);
		else
			problems.push(
				...scalarFromString(p.schema, schemaAt(p), value, p.name).map(
					(e) => `${label}: ${e.path} ${e.message}`,
				),
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
		if (typeOfParam(p.schema) === 'array') {
			for (const v of values)
				problems.push(
					...scalarFromString(p.schema.items, `${schemaAt(p)}/items`, v, name).map(
						(e) => `${label}: ${e.path} ${e.message}`,
					),
				);
		} else {
			if (values.length > 1)
				problems.push(`${label}: query parameter '${name}' repeated but not an array`);
			problems.push(
				...scalarFromString(p.schema, schemaAt(p), values[0], name).map(
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
				const at = pointer(
					'paths',
					match.template,
					method,
					'requestBody',
					'content',
					'application/json',
					'schema',
				);
				for (const e of problemsOf(validatorAt(at), json, '')) {
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
