'use strict';

// The shared list conventions (docs/api/README.md#lists, #sync-feeds): `?page=N&per_page=M` with a
// `{ data, meta }` envelope, and keyset sync feeds (`updated_since` inclusive + `after_id`, ascending
// `(updated_at, id)`, ids compared numerically if integer, otherwise byte-wise). Case Status keeps its own
// known paging (systems/case-status); every contract-style system uses these helpers.

const { querySingle } = require('./http');
const { parseTimestamp } = require('./validate');

/** `page` (≥ 1, default 1) and `per_page` (1..max, default 50); a bad value is a 400 field error. */
function readPaging(query, errors, { defaultPerPage = 50, maxPerPage = 200 } = {}) {
	const read = (key, fallback, max) => {
		const raw = querySingle(query, key, errors);
		if (raw === undefined || raw === '') return fallback;
		if (!/^-?\d+$/.test(raw)) {
			errors.add(key, 'invalid_format', `${key} must be an integer.`);
			return fallback;
		}
		const n = Number(raw);
		if (n < 1 || (max && n > max)) {
			errors.add(key, 'out_of_range', max ? `${key} must be 1..${max}.` : `${key} must be ≥ 1.`);
			return fallback;
		}
		return n;
	};
	return { page: read('page', 1, 0), perPage: read('per_page', defaultPerPage, maxPerPage) };
}

/** `{ data, meta: { page, per_page, total, next_page } }`; only the page's rows go through `view`. */
function pageEnvelope(rows, { page, perPage }, view = (x) => x) {
	const total = rows.length;
	const start = (page - 1) * perPage;
	return {
		data: rows.slice(start, start + perPage).map((r) => view(r)),
		meta: { page, per_page: perPage, total, next_page: start + perPage < total ? page + 1 : null },
	};
}

/** Integer ids compare numerically, anything else byte-wise (ids are ASCII, so code units = bytes). */
function compareIds(a, b) {
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	const x = String(a);
	const y = String(b);
	return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * `updated_since` (ISO-8601 UTC, inclusive) and `after_id`. after_id only means something as the second half of
 * the keyset, so without updated_since it is a 400 (a client sending it alone has a cursor bug).
 * integerIds: after_id must be an integer and is returned as a number.
 */
function readKeyset(query, errors, { integerIds = false, field = 'updated_since' } = {}) {
	const rawSince = querySingle(query, field, errors);
	const rawAfter = querySingle(query, 'after_id', errors);
	let since = null;
	let afterId = null;
	if (rawSince !== undefined) {
		since = parseTimestamp(rawSince);
		if (since === null)
			errors.add(
				field,
				'invalid_format',
				`${field} must be an ISO-8601 UTC timestamp ending in Z.`,
			);
	}
	if (rawAfter !== undefined) {
		if (integerIds && !/^\d{1,15}$/.test(rawAfter))
			errors.add('after_id', 'invalid_format', 'after_id must be an integer id.');
		else if (rawAfter === '') errors.add('after_id', 'invalid_format', 'after_id is empty.');
		else afterId = integerIds ? Number(rawAfter) : rawAfter;
		if (rawSince === undefined)
			errors.add(field, 'required', `after_id is only valid together with ${field}.`);
	}
	return { since, afterId };
}

/**
 * Sync-feed order: keeps rows with (ts, id) ≥ (since) / > (since, after_id) and sorts them ascending by
 * (ts, id). since === null keeps every row (still in feed order).
 */
function keysetOrder(rows, { since = null, afterId = null, field = 'updated_at' } = {}) {
	const keyed = [];
	for (const r of rows) {
		const t = Date.parse(r[field]);
		if (since !== null) {
			if (t < since) continue;
			if (t === since && afterId !== null && compareIds(r.id, afterId) <= 0) continue;
		}
		keyed.push([t, r]);
	}
	keyed.sort((a, b) => a[0] - b[0] || compareIds(a[1].id, b[1].id));
	return keyed.map((k) => k[1]);
}

/** `true` / `false` only; anything else is 400 invalid_value. Returns undefined when absent. */
function boolParam(query, key, errors) {
	const raw = querySingle(query, key, errors);
	if (raw === undefined) return undefined;
	if (raw === 'true') return true;
	if (raw === 'false') return false;
	errors.add(key, 'invalid_value', `${key} must be true or false.`);
	return undefined;
}

module.exports = { readPaging, pageEnvelope, compareIds, readKeyset, keysetOrder, boolParam };
