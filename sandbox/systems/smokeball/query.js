'use strict';

// Query-string helpers shared by the list routes: ASP.NET-style binding, Search=, sorting and paging.

const { msFromTicks } = require('./ticks');
const { badRequest } = require('./errors');

/** ASP.NET binds query names case-insensitively. */
function queryValues(query, name) {
	const lower = name.toLowerCase();
	const values = [];
	for (const [k, v] of Object.entries(query)) {
		if (k.toLowerCase() === lower || k.toLowerCase() === `${lower}[]`) values.push(...[].concat(v));
	}
	return values;
}

function querySingle(query, name) {
	const values = queryValues(query, name);
	return values.length ? values[values.length - 1] : undefined;
}

function queryInt(query, name, { min, max, fallback }) {
	const raw = querySingle(query, name);
	if (raw === undefined || raw === '') return fallback;
	if (!/^-?\d+$/.test(raw))
		throw badRequest(`${name} must be an integer.`, { [name]: ['must be an integer'] });
	const n = Number(raw);
	if (n < min || (max !== undefined && n > max))
		throw badRequest(`${name} must be between ${min} and ${max ?? '∞'}.`, {
			[name]: ['out of range'],
		});
	return n;
}

function queryBool(query, name) {
	const raw = querySingle(query, name);
	if (raw === undefined || raw === '') return undefined;
	if (/^true$/i.test(raw)) return true;
	if (/^false$/i.test(raw)) return false;
	throw badRequest(`${name} must be true or false.`, { [name]: ['must be a boolean'] });
}

/** UpdatedSince (ticks) or LastUpdated (date-time), never both (swagger GET /matters). */
function querySince(query, { allowBoth = false } = {}) {
	const ticks = querySingle(query, 'UpdatedSince');
	const date = querySingle(query, 'LastUpdated');
	if (ticks !== undefined && date !== undefined && !allowBoth)
		throw badRequest('UpdatedSince cannot be used in conjunction with LastUpdated.');
	if (ticks !== undefined && ticks !== '') {
		const ms = msFromTicks(ticks);
		if (ms === null)
			throw badRequest('UpdatedSince must be .NET ticks.', { UpdatedSince: ['invalid'] });
		return ms;
	}
	if (date !== undefined && date !== '') {
		const ms = Date.parse(date);
		if (Number.isNaN(ms))
			throw badRequest('LastUpdated must be a date-time.', { LastUpdated: ['invalid'] });
		return ms;
	}
	return null;
}

/** `Search=field<op>value` (docs/api/smokeball.md#search): ops : :! :> :>= :< :<=, `*` wildcard, case-insensitive. */
function parseSearch(query, fields) {
	return queryValues(query, 'Search')
		.filter((t) => t !== '')
		.map((term) => {
			const m = /^([A-Za-z]+)(:!|:>=|:<=|:>|:<|:)(.*)$/.exec(term);
			if (!m || !fields.includes(m[1].toLowerCase())) {
				throw badRequest(
					`Search term '${term}' is not valid. Available fields: ${fields.join(', ')}.`,
					{
						Search: ['invalid term'],
					},
				);
			}
			return { field: m[1].toLowerCase(), op: m[2], value: m[3] };
		});
}

function wildcard(pattern) {
	const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
	return new RegExp(`^${escaped}$`, 'i');
}

function termMatches(term, candidates) {
	const values = candidates.filter((v) => v !== null && v !== undefined && v !== '').map(String);
	switch (term.op) {
		case ':':
			return values.some((v) => wildcard(term.value).test(v));
		case ':!':
			return !values.some((v) => wildcard(term.value).test(v));
		default: {
			const cmp = (v) => v.toLowerCase().localeCompare(term.value.toLowerCase());
			const test = {
				':>': (c) => c > 0,
				':>=': (c) => c >= 0,
				':<': (c) => c < 0,
				':<=': (c) => c <= 0,
			}[term.op];
			return values.some((v) => test(cmp(v)));
		}
	}
}

/** `asc(status),desc(lastUpdated)` → comparator over the allowed fields. */
function sortBy(query, allowed, keyOf) {
	const raw = querySingle(query, 'Sort');
	if (!raw) return null;
	const specs = raw.split(',').map((part) => {
		const m = /^\s*(asc|desc)\((\w+)\)\s*$/i.exec(part) || /^\s*(\w+)\s*$/.exec(part);
		const dir = m && m.length === 3 ? m[1].toLowerCase() : 'asc';
		const field = m ? m[m.length - 1] : null;
		if (!field || !allowed.includes(field)) {
			throw badRequest(`Sort '${part}' is not valid. Available fields: ${allowed.join(', ')}.`, {
				Sort: ['invalid'],
			});
		}
		return { field, dir };
	});
	return (a, b) => {
		for (const s of specs) {
			const x = keyOf(a, s.field);
			const y = keyOf(b, s.field);
			const c = x < y ? -1 : x > y ? 1 : 0;
			if (c) return s.dir === 'desc' ? -c : c;
		}
		return 0;
	};
}

/** The paged collection envelope (e.g. MatterPagedCollection): Offset ≥ 0, Limit 1..500 (default 500). */
function paged(c, rows, view, path) {
	const offset = queryInt(c.query, 'Offset', { min: 0, max: 2147483647, fallback: 0 });
	const limit = queryInt(c.query, 'Limit', { min: 1, max: 500, fallback: 500 });
	const href = `${c.api}${path}`;
	const at = (o) => ({ href: `${href}?offset=${o}&limit=${limit}` });
	const size = rows.length;
	const lastOffset = size === 0 ? 0 : Math.floor((size - 1) / limit) * limit;
	return {
		href,
		offset,
		limit,
		size,
		first: at(0),
		...(offset > 0 ? { previous: at(Math.max(0, offset - limit)) } : {}),
		...(offset + limit < size ? { next: at(offset + limit) } : {}),
		last: at(lastOffset),
		value: rows.slice(offset, offset + limit).map(view),
	};
}

module.exports = {
	queryValues,
	querySingle,
	queryBool,
	querySince,
	sortBy,
	paged,
	parseSearch,
	termMatches,
};
