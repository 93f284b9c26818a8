'use strict';

// Smokeball's own OpenAPI document (openapi.json: the vendor swagger pruned to the paths this pack uses, schemas
// unchanged) and a small JSON-schema walker for the subset it uses: $ref, allOf, type, nullable, required,
// properties, additionalProperties, items, enum, minLength/maxLength, minimum/maximum, format date-time/uuid.
// The sandbox validates request bodies with it the way ASP.NET model binding does (unknown fields ignored unless
// strict). The tests check every request the node sends with ajv instead (tests/helpers/swagger.js), so a gap in
// this walker cannot pass both.

const spec = require('./openapi.json');

const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function resolve(schema, root = spec) {
	let s = schema;
	while (s && s.$ref) {
		const name = s.$ref.split('/').pop();
		s = root.components.schemas[name];
		if (!s) throw new Error(`Unknown schema ${name}`);
	}
	return s;
}

function typeOf(value) {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (Number.isInteger(value)) return 'integer';
	return typeof value;
}

/**
 * Validates `value` against `schema`; returns a list of { path, message }. options.strict: additionalProperties
 * false is enforced (unknown fields are errors).
 */
function validateValue(schema, value, path = '', options = {}, root = spec) {
	const errors = [];
	const s = resolve(schema, root);
	if (!s) return errors;
	if (value === null || value === undefined) {
		if (value === null && !s.nullable && s.type) {
			// allOf wrappers carry nullable themselves; a bare $ref target decides by its own flag.
			errors.push({ path, message: 'must not be null' });
		}
		return errors;
	}
	if (s.allOf) {
		for (const part of s.allOf) errors.push(...validateValue(part, value, path, options, root));
	}
	const t = typeOf(value);
	if (s.type) {
		const ok =
			s.type === t ||
			(s.type === 'number' && t === 'integer') ||
			(s.type === 'integer' && t === 'integer');
		if (!ok) {
			errors.push({ path, message: `must be ${s.type}, got ${t}` });
			return errors;
		}
	}
	if (s.enum && !s.enum.includes(value))
		errors.push({ path, message: `must be one of ${JSON.stringify(s.enum)}` });
	if (t === 'string') {
		if (s.minLength !== undefined && value.length < s.minLength)
			errors.push({ path, message: `must be at least ${s.minLength} characters` });
		if (s.maxLength !== undefined && value.length > s.maxLength)
			errors.push({ path, message: `must be at most ${s.maxLength} characters` });
		if (s.format === 'date-time' && !DATE_TIME.test(value))
			errors.push({ path, message: 'must be an ISO-8601 date-time' });
		if (s.format === 'uuid' && !UUID.test(value)) errors.push({ path, message: 'must be a uuid' });
	}
	if (t === 'integer' || t === 'number') {
		if (s.minimum !== undefined && value < s.minimum)
			errors.push({ path, message: `must be ≥ ${s.minimum}` });
		if (s.maximum !== undefined && value > s.maximum)
			errors.push({ path, message: `must be ≤ ${s.maximum}` });
	}
	if (t === 'array' && s.items) {
		value.forEach((item, i) =>
			errors.push(...validateValue(s.items, item, `${path}[${i}]`, options, root)),
		);
	}
	if (t === 'object' && (s.properties || s.additionalProperties !== undefined || s.required)) {
		const props = s.properties || {};
		for (const key of s.required || []) {
			if (value[key] === undefined) errors.push({ path: join(path, key), message: 'is required' });
		}
		for (const [key, v] of Object.entries(value)) {
			if (props[key]) errors.push(...validateValue(props[key], v, join(path, key), options, root));
			else if (s.additionalProperties === false) {
				if (options.strict) errors.push({ path: join(path, key), message: 'is not a known field' });
			} else if (s.additionalProperties && typeof s.additionalProperties === 'object') {
				errors.push(...validateValue(s.additionalProperties, v, join(path, key), options, root));
			}
		}
	}
	return errors;
}

function join(path, key) {
	return path ? `${path}.${key}` : key;
}

/** The request body schema of an operation (its application/json content). */
function bodySchema(path, method, root = spec) {
	const op = root.paths[path] && root.paths[path][method.toLowerCase()];
	const content = op && op.requestBody && op.requestBody.content;
	return content ? content['application/json'].schema : null;
}

/** Property names of a component schema: the fields a DTO may carry. */
function fieldsOf(name, root = spec) {
	return Object.keys(root.components.schemas[name].properties || {});
}

module.exports = { spec, resolve, validateValue, bodySchema, fieldsOf, typeOf };
