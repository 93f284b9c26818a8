'use strict';

// What every Perfect Portal route module uses: who a key is, the error answers, list and feed query parsing,
// and record lookups.

const { HttpError, queryList, querySingle } = require('../../lib/http');
const { readKeyset, compareIds } = require('../../lib/paging');
const { parseTimestamp } = require('../../lib/validate');
const { DEMO_KEY, CANARY_KEY } = require('./seed');
const { FUTURE_SKEW_MS } = require('./validate');

// Who a key is: /v1/me reports it, and writes are attributed to the key's service user.
const KEY_INFO = {
	[DEMO_KEY]: {
		user: { id: 'usr_api_1', name: 'Legal Sync Integration', email: 'integration@reyeskhan.co.uk' },
		scopes: [
			'cases:read',
			'cases:write',
			'leads:read',
			'leads:convert',
			'contacts:write',
			'documents:write',
		],
	},
	[CANARY_KEY]: {
		user: { id: 'usr_api_2', name: 'Canary Monitor', email: 'canary@reyeskhan.co.uk' },
		scopes: ['cases:read'],
	},
};
const apiUser = (key) => (KEY_INFO[key] || KEY_INFO[DEMO_KEY]).user;

const single = (v) => (Array.isArray(v) ? v[0] : v);

function notFound(resource, id) {
	return new HttpError(
		404,
		'not_found',
		`${resource[0].toUpperCase()}${resource.slice(1)} ${id} not found.`,
		{
			resource,
			id,
		},
	);
}

function duplicateRef(existingId, value, what) {
	return new HttpError(
		409,
		'duplicate_external_ref',
		`A ${what} with external_ref ${JSON.stringify(value)} already exists.`,
		{ existing_id: existingId, field: 'external_ref', value },
	);
}

/** Values of a list filter, repeated or comma-separated ("status takes a comma-separated list"). */
function listValues(query, key) {
	return queryList(query, key)
		.flatMap((v) => String(v).split(','))
		.map((v) => v.trim())
		.filter(Boolean);
}

function enumList(query, key, allowed, errors) {
	const values = listValues(query, key);
	if (values.some((v) => !allowed.includes(v)))
		errors.add(key, 'invalid_value', `${key} must be one of ${allowed.join(', ')}.`);
	return new Set(values);
}

/** An ISO-Z timestamp filter, no more than 5 minutes in the future. */
function timeParam(query, key, errors, nowMs) {
	const raw = querySingle(query, key, errors);
	if (raw === undefined) return null;
	const ms = parseTimestamp(raw);
	if (ms === null) {
		errors.add(key, 'invalid_format', `${key} must be an ISO-8601 UTC timestamp ending in Z.`);
		return null;
	}
	if (ms > nowMs + FUTURE_SKEW_MS) {
		errors.add(key, 'out_of_range', `${key} is more than 5 minutes in the future.`);
		return null;
	}
	return ms;
}

/** updated_since (+ after_id) and created_since, as every feed list takes them. */
function readFeedQuery(query, errors, { created = true } = {}) {
	const nowMs = Date.now();
	const { since, afterId } = readKeyset(query, errors);
	if (since !== null && since > nowMs + FUTURE_SKEW_MS)
		errors.add(
			'updated_since',
			'out_of_range',
			'updated_since is more than 5 minutes in the future.',
		);
	const createdSince = created ? timeParam(query, 'created_since', errors, nowMs) : null;
	return { since, afterId, createdSince };
}

/**
 * Feed order: rows with (updated_at, id) ≥ since / > (since, after_id), created_at ≥ created_since, sorted by
 * (updated_at, id).
 */
function feedOrder(
	rows,
	{ since = null, afterId = null, createdSince = null },
	idOf = (r) => r.id,
) {
	const keyed = [];
	for (const r of rows) {
		const t = Date.parse(r.updated_at);
		if (since !== null) {
			if (t < since) continue;
			if (t === since && afterId !== null && compareIds(idOf(r), afterId) <= 0) continue;
		}
		if (createdSince !== null && Date.parse(r.created_at) < createdSince) continue;
		keyed.push([t, r]);
	}
	keyed.sort((a, b) => a[0] - b[0] || compareIds(idOf(a[1]), idOf(b[1])));
	return keyed.map((k) => k[1]);
}

const byName = (a, b) =>
	a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

function findCase(state, id) {
	const c = state.cases.find((x) => x.case_id === id);
	if (!c) throw notFound('case', id);
	return c;
}

function findLead(state, kind, id) {
	const l = state.leads.find((x) => x.id === id && x.kind === kind);
	if (!l) throw notFound(kind === 'quote' ? 'quote' : 'lead', id);
	return l;
}

function assertCaseOpenForWrites(c) {
	if (c.status === 'cancelled')
		throw new HttpError(422, 'case_not_open', `Case ${c.case_id} is cancelled.`, {
			case_id: c.case_id,
			status: c.status,
		});
}

const nextId = (state, key, prefix) => `${prefix}${state.next_ids[key]++}`;

module.exports = {
	KEY_INFO,
	notFound,
	readFeedQuery,
	feedOrder,
	byName,
	apiUser,
	enumList,
	findCase,
	assertCaseOpenForWrites,
	nextId,
	findLead,
	duplicateRef,
	single,
};
