'use strict';

// Smokeball emulator, following Smokeball's own swagger (openapi.json, pruned from smokeballdev/api-docs) and
// guides (docs/api/smokeball.md), not the modelled conventions of docs/api/README.md:
//   /smokeball/auth/oauth2/{authorize,token}   Cognito-style OAuth2 (oauth.js)
//   /smokeball/api[/{accountId}]/...            the API: x-api-key AND a bearer token on every request; the
//                                               /{accountId} prefix is required under client credentials and
//                                               refused otherwise; 5 requests/s, burst 5, per partner key
//   /smokeball/files/{fileId}/{upload,download} presigned "S3" URLs the API hands out (no auth headers; a
//                                               signature in the query; uploads need an empty Content-Type)
// Writes the swagger marks 202 answer a Link {id, href} (+ Location) and are applied after
// settings.processingDelayMs (docs/api/smokeball.md#asynchronous-writes); a write that fails then is
// reported through the `error` webhook. Webhooks are signed and delivered at least once (webhooks.js). Errors are
// RFC 7807 ProblemDetails; a missing or bad token is API Gateway's 401 {message}.

const crypto = require('node:crypto');
const { HttpError } = require('../../lib/http');
const oauth = require('./oauth');
const { EVENT_TYPES, deliver, emit } = require('./webhooks');
const { validateValue, bodySchema } = require('./openapi');
const { msFromTicks, ticksString } = require('./ticks');
const views = require('./views');
const { layoutRoutes } = require('./layouts');
const messy = require('./messy');
const { seed, guid, SEED_FACTS, DEMO_API_KEY, CANARY_API_KEY } = require('./seed');

const PUBLIC_KEY = 'sb:public-route'; // what auth() answers for routes that carry no x-api-key
const API_KEYS = [DEMO_API_KEY, CANARY_API_KEY];
const RAW_BODY = Symbol('smokeballRawBody');
const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
const PRESIGN_TTL_MS = 15 * 60000;
const PRESIGN_SECRET = crypto.randomBytes(32); // per process: URLs from another run are invalid, as expired ones
const PROBLEM_HEADERS = { 'Content-Type': 'application/problem+json; charset=utf-8' };
const MATTER_STATUSES = ['Open', 'Pending', 'Closed', 'Deleted', 'Cancelled'];
const CONTACT_TYPES = ['Staff', 'Person', 'Organisation', 'GroupOfPeople', 'Trust'];

// ---------------------------------------------------------------- errors

/** RFC 7807 ProblemDetails (swagger components.schemas.ProblemDetails). */
class Problem extends Error {
	constructor(status, title, detail, errors) {
		super(detail || title);
		this.status = status;
		this.body = {
			type: `https://httpstatuses.io/${status}`,
			title,
			status,
			...(detail ? { detail } : {}),
			...(errors ? { errors } : {}),
		};
	}
}

const notFound = (what, id) => new Problem(404, 'Not Found', `${what} ${id} does not exist.`);
const badRequest = (detail, errors) =>
	new Problem(
		400,
		errors ? 'One or more validation errors occurred.' : 'Bad Request',
		detail,
		errors,
	);

/** ASP.NET-style validation problem from schema errors: { "clientIds": ["is required"] }. */
function validationProblem(list) {
	const errors = {};
	for (const e of list) (errors[e.path || 'body'] = errors[e.path || 'body'] || []).push(e.message);
	return badRequest(list.map((e) => `${e.path || 'body'} ${e.message}`).join('; '), errors);
}

function checkBody(ctx, path, method) {
	const body = ctx.body;
	if (!body || typeof body !== 'object' || Array.isArray(body))
		throw badRequest('The request body must be a JSON object.');
	const errors = validateValue(bodySchema(path, method), body, '', { strict: ctx.strict });
	if (errors.length) throw validationProblem(errors);
	return body;
}

// ---------------------------------------------------------------- auth hook and raw bodies

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

// ---------------------------------------------------------------- query helpers

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

// ---------------------------------------------------------------- eventual consistency

/** Queues a write; it is applied after the processing delay (and on the next request after that). */
function enqueue(c, op) {
	const state = c.state;
	const entry = {
		id: crypto.randomUUID(),
		applyAtMs: c.nowMs + state.settings.processingDelayMs,
		requestId: c.requestId,
		op: { ...op, userId: c.userId },
	};
	state.pending.push(entry);
	if (state.settings.processingDelayMs <= 0) applyDue(state, c.nowMs);
	else setTimeout(() => applyDue(state, Date.now()), state.settings.processingDelayMs + 5).unref();
}

function accepted(c, path, id, body) {
	const href = `${c.api}${path}/${id}`;
	return c.send(
		202,
		body === undefined ? { id, href } : body,
		body === undefined ? { Location: href } : {},
	);
}

const liveContact = (state, id) => state.contacts.find((x) => x.id === id && !x.isDeleted);
const findStaff = (state, id) => state.staff.find((s) => s.id === id);
const nowIso = (ms) => new Date(ms).toISOString();

function matterPayload(state, m) {
	return {
		id: m.id,
		externalSystemId: m.externalSystemId,
		number: m.number,
		title: views.matterTitle(state, m),
		matterType: { id: m.matterTypeId, relation: 'matterType' },
		clients: m.clientIds.map((id) => ({ id, relation: 'client' })),
		description: m.description,
		status: m.status,
		isLead: m.isLead,
	};
}

/** Checks the ids a matter write names; returns a message for the `error` webhook, or null. */
function matterRefsProblem(state, m) {
	for (const id of [...m.clientIds, ...m.otherSideIds]) {
		if (!liveContact(state, id))
			return `Contact ${id} does not belong to account ${state.firm.accountId}.`;
	}
	if (m.referrerId && !liveContact(state, m.referrerId))
		return `Referrer ${m.referrerId} does not belong to account ${state.firm.accountId}.`;
	for (const key of [
		'personResponsibleStaffId',
		'personAssistingStaffId',
		'originatingStaffId',
		'supervisorStaffId',
	]) {
		if (m[key] && !findStaff(state, m[key]))
			return `Staff ${m[key]} does not belong to account ${state.firm.accountId}.`;
	}
	return null;
}

const APPLY = {
	createMatter(state, op, nowMs) {
		const m = { ...op.record, versionMs: nowMs };
		const problem = matterRefsProblem(state, m);
		if (problem) return { error: problem, resourceName: 'matter', resourceId: m.id };
		state.matters.push(m);
		return { events: [['matter.created', matterPayload(state, m)]] };
	},
	updateMatter(state, op, nowMs) {
		const m = state.matters.find((x) => x.id === op.id);
		if (!m)
			return { error: `Matter ${op.id} was not found.`, resourceName: 'matter', resourceId: op.id };
		const next = { ...m, ...op.changes, versionMs: nowMs };
		const problem = matterRefsProblem(state, next);
		if (problem) return { error: problem, resourceName: 'matter', resourceId: m.id };
		const wasClosed = m.status === 'Closed';
		const converted = m.isLead && next.isLead === false;
		Object.assign(m, next);
		const events = [['matter.updated', matterPayload(state, m)]];
		if (!wasClosed && m.status === 'Closed')
			events.push(['matter.closed', matterPayload(state, m)]);
		if (converted) events.push(['matter.converted', matterPayload(state, m)]);
		return { events };
	},
	createContact(state, op, nowMs) {
		const contact = { ...op.record, versionMs: nowMs };
		state.contacts.push(contact);
		return {
			events: [['contact.created', { id: contact.id, externalSystemId: contact.externalSystemId }]],
		};
	},
	updateContact(state, op, nowMs) {
		const contact = state.contacts.find((x) => x.id === op.id);
		if (!contact)
			return {
				error: `Contact ${op.id} was not found.`,
				resourceName: 'contact',
				resourceId: op.id,
			};
		const restored = contact.isDeleted && op.changes.isDeleted === false;
		Object.assign(contact, op.changes, { versionMs: nowMs });
		const payload = { id: contact.id, externalSystemId: contact.externalSystemId };
		return { events: [[restored ? 'contact.restored' : 'contact.updated', payload]] };
	},
	createMemo(state, op, nowMs) {
		const memo = {
			...op.record,
			createdDate: op.record.createdDate || nowIso(nowMs),
			versionMs: nowMs,
		};
		if (memo.createdByUserId && !state.staff.some((s) => s.userId === memo.createdByUserId)) {
			return {
				error: `User ${memo.createdByUserId} is not a user of this firm.`,
				resourceName: 'memo',
				resourceId: memo.id,
			};
		}
		state.memos.push(memo);
		return {
			events: [['memo.created', { id: memo.id, matterId: memo.matterId, title: memo.title }]],
		};
	},
	createFee(state, op, nowMs) {
		const fee = { ...op.record, createdMs: nowMs, versionMs: nowMs };
		if (!fee.staffId) {
			const me = state.staff.find((s) => s.userId === op.userId);
			if (!me) {
				return {
					error: 'StaffId was not provided and no staff member matches the calling user.',
					resourceName: 'fee',
					resourceId: fee.id,
				};
			}
			fee.staffId = me.id;
		} else if (!findStaff(state, fee.staffId)) {
			return {
				error: `Staff ${fee.staffId} does not belong to account ${state.firm.accountId}.`,
				resourceName: 'fee',
				resourceId: fee.id,
			};
		}
		state.fees.push(fee);
		return { events: [['fee.created', { id: fee.id, matterId: fee.matterId }]] };
	},
	createExpense(state, op, nowMs) {
		const expense = { ...op.record, versionMs: nowMs };
		if (!expense.staffId) {
			const owner = state.staff.find((s) => s.userId === op.userId) || state.staff[0];
			expense.staffId = owner.id;
		} else if (!findStaff(state, expense.staffId)) {
			return {
				error: `Staff ${expense.staffId} does not belong to account ${state.firm.accountId}.`,
				resourceName: 'expense',
				resourceId: expense.id,
			};
		}
		state.expenses.push(expense);
		return { events: [['expense.created', { id: expense.id, matterId: expense.matterId }]] };
	},
	sendPortalMessage(state, op, nowMs) {
		state.portalMessages.push({ ...op.record, sentAt: nowIso(nowMs) });
		return { events: [] };
	},
};

/** Applies every queued write whose time has come, in order, and sends the events they cause. */
function applyDue(state, nowMs, { all = false } = {}) {
	while (state.pending.length && (all || state.pending[0].applyAtMs <= nowMs)) {
		const entry = state.pending.shift();
		const result = APPLY[entry.op.kind](state, entry.op, Date.now());
		const events = result.error
			? [
					[
						'error',
						{
							message: result.error,
							resourceName: result.resourceName,
							resourceId: result.resourceId,
						},
					],
				]
			: result.events;
		if (result.error) entry.op.failed = result.error;
		for (const [type, payload] of events) {
			emit(state, { type, payload, requestId: entry.requestId, source: 'API' }, Date.now).catch(
				() => undefined,
			);
		}
	}
}

// ---------------------------------------------------------------- the API wrapper

/**
 * Every API route: x-api-key already checked by the core; here the bearer token, the /{accountId} rule, the
 * UserId header, RequestId echo, queued writes applied first, ProblemDetails for errors.
 */
function api(handler) {
	return async (ctx) => {
		const nowMs = Date.now();
		const state = ctx.state;
		applyDue(state, nowMs);
		const requestId = ctx.req.headers.requestid ? String(ctx.req.headers.requestid) : null;
		const echo = requestId ? { RequestId: requestId } : {};
		const send = (status, body, headers = {}) => ctx.send(status, body, { ...echo, ...headers });
		if (!API_KEYS.includes(ctx.key)) return send(403, { message: 'Forbidden' });
		const grant = oauth.grantFor(ctx.req, state, nowMs);
		if (!grant) return send(401, { message: 'Unauthorized' }, { 'WWW-Authenticate': 'Bearer' });
		const { accountId, ...params } = ctx.params;
		try {
			if (grant.grant === 'client_credentials') {
				if (accountId === undefined) {
					throw new Problem(
						403,
						'Forbidden',
						'Requests made with client credentials must be prefixed with the account id: /{accountId}/....',
					);
				}
				if (accountId !== grant.accountId)
					throw new Problem(403, 'Forbidden', `The client has no access to account ${accountId}.`);
			} else if (accountId !== undefined) {
				throw new Problem(
					404,
					'Not Found',
					'The /{accountId} prefix is only used with client credentials.',
				);
			}
			let userId = grant.userId;
			const asUser = ctx.req.headers.userid;
			if (asUser) {
				if (!state.staff.some((s) => s.userId === asUser && s.enabled))
					throw badRequest(`UserId ${asUser} is not an active user of this firm.`);
				userId = String(asUser);
			}
			const c = {
				...ctx,
				params,
				send,
				grant,
				userId,
				requestId,
				nowMs,
				api: `${ctx.baseUrl}/api${accountId === undefined ? '' : `/${accountId}`}`,
			};
			return await handler(c);
		} catch (error) {
			if (error instanceof Problem) return send(error.status, error.body, PROBLEM_HEADERS);
			throw error;
		}
	};
}

// ---------------------------------------------------------------- matters

function matterOr404(state, id) {
	const m = state.matters.find((x) => x.id === id);
	if (!m) throw notFound('Matter', id);
	return m;
}

function listMatters(c) {
	const { state, query } = c;
	const since = querySince(query);
	const search = (querySingle(query, 'Search') || '').trim().toLowerCase();
	const typeId = querySingle(query, 'MatterTypeId');
	const contactId = querySingle(query, 'ContactId');
	const statuses = queryValues(query, 'Status')
		.flatMap((s) => s.split(','))
		.map((s) => s.trim())
		.filter(Boolean);
	const unknownStatus = statuses.find(
		(s) => !MATTER_STATUSES.some((x) => x.toLowerCase() === s.toLowerCase()),
	);
	if (unknownStatus)
		throw badRequest(
			`Status '${unknownStatus}' is not valid. Possible values: ${MATTER_STATUSES.join(', ')}.`,
			{ Status: ['invalid'] },
		);
	const isLead = queryBool(query, 'IsLead');
	const typeParam = querySingle(query, 'Type');
	let kinds = ['Matters'];
	if (typeParam) {
		kinds = typeParam.split(',').map((s) => s.trim());
		if (!kinds.every((k) => k === 'Matters' || k === 'Leads'))
			throw badRequest("Type must be 'Matters', 'Leads' or 'Matters,Leads'.", {
				Type: ['invalid'],
			});
	} else if (isLead === true) kinds = ['Leads'];
	const fields = (querySingle(query, 'Fields') || '').split(',').map((s) => s.trim());
	const nameOf = (id) => {
		const x = state.contacts.find((k) => k.id === id);
		if (!x) return '';
		return x.person
			? `${x.person.firstName || ''} ${x.person.lastName || ''}`
			: (x.company && x.company.name) || '';
	};
	let rows = state.matters.filter((m) => {
		if (!kinds.includes(m.isLead ? 'Leads' : 'Matters')) return false;
		if (since !== null && m.versionMs < since) return false;
		if (typeId && m.matterTypeId.toLowerCase() !== typeId.toLowerCase()) return false;
		if (contactId && ![...m.clientIds, ...m.otherSideIds].includes(contactId)) return false;
		if (statuses.length && !statuses.some((s) => s.toLowerCase() === m.status.toLowerCase()))
			return false;
		if (search) {
			const hay = [
				m.number,
				m.description,
				...m.clientIds.map(nameOf),
				...m.otherSideIds.map(nameOf),
			]
				.join(' ')
				.toLowerCase();
			if (!hay.includes(search)) return false;
		}
		return true;
	});
	const order = sortBy(query, ['status', 'lastUpdated'], (m, f) =>
		f === 'status' ? m.status : m.versionMs,
	);
	if (order) rows = [...rows].sort(order);
	return c.send(
		200,
		paged(c, rows, (m) => views.matterView(state, c.api, m, fields), '/matters'),
	);
}

function getMatter(c) {
	return c.send(200, views.matterView(c.state, c.api, matterOr404(c.state, c.params.matterId)));
}

function matterTypeOr400(state, id, field = 'matterTypeId') {
	const type = state.matterTypes.find((t) => t.id.toLowerCase() === String(id).toLowerCase());
	if (!type || type.isDeleted)
		throw badRequest(`Matter type ${id} does not exist.`, { [field]: ['unknown matter type'] });
	return type;
}

const DATE_FIELDS = ['openedDate', 'closedDate', 'leadOpenedDate', 'leadClosedDate', 'dateOpened'];

function normaliseDates(body) {
	for (const f of DATE_FIELDS)
		if (body[f]) body[f] = new Date(body[f]).toISOString().replace('.000Z', 'Z');
}

function createMatter(c) {
	const body = checkBody(c, '/matters', 'post');
	normaliseDates(body);
	const missing = {};
	if (!body.matterTypeId) missing.matterTypeId = ['is required'];
	if (!Array.isArray(body.clientIds) || !body.clientIds.length)
		missing.clientIds = ['at least one client is required'];
	if (!body.status) missing.status = ['is required'];
	if (Object.keys(missing).length)
		throw badRequest('A mandatory field (client, matter type, status) is missing.', missing);
	if (!MATTER_STATUSES.includes(body.status))
		throw badRequest(`status must be one of ${MATTER_STATUSES.join(', ')}.`, {
			status: ['invalid'],
		});
	const type = matterTypeOr400(c.state, body.matterTypeId);
	const isLead = body.isLead === true;
	if (isLead !== (type.type === 1)) {
		throw badRequest(
			isLead
				? 'Creating a lead needs a lead matter type (Type = 1).'
				: 'A lead matter type needs isLead: true.',
			{ matterTypeId: ['does not match isLead'] },
		);
	}
	// otherSideRole is not checked: the other side's roles are not among the type's representative options.
	if (body.clientRole && !type.representativeOptions.includes(body.clientRole)) {
		throw badRequest(`clientRole must be one of ${type.representativeOptions.join(', ')}.`, {
			clientRole: ['not a representative option'],
		});
	}
	if (body.clientRole && body.otherSideRole && body.clientRole === body.otherSideRole)
		throw badRequest('clientRole and otherSideRole cannot be identical.');
	const id = crypto.randomUUID();
	const opened = body.openedDate || body.dateOpened || nowIso(c.nowMs).replace(/\.\d+Z$/, 'Z');
	const record = {
		id,
		externalSystemId: body.externalSystemId ?? null,
		number: body.number ?? null,
		matterTypeId: type.id,
		clientIds: body.clientIds,
		otherSideIds: body.otherSideIds || [],
		clientRole: body.clientRole || type.representativeOptions[0],
		otherSideRole: body.otherSideRole ?? null,
		description: body.description ?? null,
		status: body.status,
		openedDate: isLead ? null : opened,
		closedDate: body.closedDate ?? (body.status === 'Closed' ? opened : null),
		isLead,
		leadOpenedDate: isLead ? body.leadOpenedDate || opened : null,
		leadClosedDate: isLead ? (body.leadClosedDate ?? null) : null,
		leadClosedReason: isLead ? (body.leadClosedReason ?? null) : null,
		referralType: body.referralType ?? null,
		referrerId: body.referrerId ?? null,
		personResponsibleStaffId: body.personResponsibleStaffId ?? null,
		personAssistingStaffId: body.personAssistingStaffId ?? null,
		originatingStaffId: body.originatingStaffId ?? null,
		supervisorStaffId: body.supervisorStaffId ?? null,
		clientCode: body.clientCode ?? null,
		tags: [],
	};
	enqueue(c, { kind: 'createMatter', record });
	return accepted(c, '/matters', id);
}

const MATTER_WRITABLE = [
	'externalSystemId',
	'number',
	'matterTypeId',
	'clientIds',
	'otherSideIds',
	'clientRole',
	'otherSideRole',
	'description',
	'status',
	'openedDate',
	'closedDate',
	'leadOpenedDate',
	'leadClosedDate',
	'leadClosedReason',
	'referralType',
	'referrerId',
	'personResponsibleStaffId',
	'personAssistingStaffId',
	'originatingStaffId',
	'supervisorStaffId',
	'clientCode',
	'isLead',
];

/** PUT and PATCH share the rules; `patch` allows clientIds/otherSideIds and lead conversion (swagger). */
function updateMatter(c, patch) {
	const m = matterOr404(c.state, c.params.matterId);
	const body = checkBody(c, '/matters/{matterId}', patch ? 'patch' : 'put');
	normaliseDates(body);
	if (body.dateOpened && !body.openedDate) body.openedDate = body.dateOpened;
	const changes = {};
	for (const key of MATTER_WRITABLE) if (body[key] !== undefined) changes[key] = body[key];
	if (changes.status !== undefined && !MATTER_STATUSES.includes(changes.status))
		throw badRequest(`status must be one of ${MATTER_STATUSES.join(', ')}.`, {
			status: ['invalid'],
		});
	if (!m.isLead && changes.isLead === true)
		throw badRequest('A Matter cannot be converted back to a Lead.');
	const converting = m.isLead && changes.isLead === false;
	if (!patch) {
		const same = (a, b) => JSON.stringify(a || []) === JSON.stringify(b || []);
		if (
			(changes.clientIds && !same(changes.clientIds, m.clientIds)) ||
			(changes.otherSideIds && !same(changes.otherSideIds, m.otherSideIds))
		)
			throw badRequest('clientIds and otherSideIds cannot be modified with PUT; use PATCH.');
		if (converting) throw badRequest('Convert a Lead to a Matter with PATCH.');
	}
	const typeChanging =
		changes.matterTypeId !== undefined &&
		changes.matterTypeId.toLowerCase() !== m.matterTypeId.toLowerCase();
	if (typeChanging || converting) {
		const type = matterTypeOr400(c.state, changes.matterTypeId ?? m.matterTypeId);
		const willBeLead = converting ? false : m.isLead;
		if (willBeLead !== (type.type === 1)) {
			throw badRequest(
				converting
					? 'Converting a Lead needs a matter type of Type 0 (Matter Type).'
					: 'The matter type does not fit the record (lead vs matter).',
				{ matterTypeId: ['does not match isLead'] },
			);
		}
		if (patch && !changes.clientRole)
			throw badRequest('clientRole is required when converting a Lead or changing the type.', {
				clientRole: ['is required'],
			});
		if (changes.clientRole && !type.representativeOptions.includes(changes.clientRole))
			throw badRequest(`clientRole must be one of ${type.representativeOptions.join(', ')}.`, {
				clientRole: ['not a representative option'],
			});
		changes.matterTypeId = type.id;
	} else if (patch && changes.clientRole !== undefined && changes.clientRole !== m.clientRole) {
		throw badRequest(
			'clientRole cannot be updated, unless converting a Lead to a Matter or changing the type.',
			{ clientRole: ['cannot be updated'] },
		);
	}
	if (converting) {
		changes.openedDate = changes.openedDate || nowIso(c.nowMs).replace(/\.\d+Z$/, 'Z');
		changes.leadClosedDate = m.leadClosedDate;
	}
	if (
		changes.status === 'Closed' &&
		m.status !== 'Closed' &&
		!changes.closedDate &&
		!(m.isLead && !converting)
	)
		changes.closedDate = nowIso(c.nowMs).replace(/\.\d+Z$/, 'Z');
	enqueue(c, { kind: 'updateMatter', id: m.id, changes });
	return accepted(c, '/matters', m.id);
}

function deleteMatter(c) {
	const m = matterOr404(c.state, c.params.matterId);
	enqueue(c, { kind: 'updateMatter', id: m.id, changes: { status: 'Deleted' } });
	return accepted(c, '/matters', m.id);
}

// ---------------------------------------------------------------- contacts

const contactOr404 = (state, id) => {
	const contact = state.contacts.find((x) => x.id === id);
	if (!contact) throw notFound('Contact', id);
	return contact;
};

function contactKind(contact) {
	if (contact.person) return 'Person';
	if (contact.company) return 'Organisation';
	if (contact.trust) return 'Trust';
	return 'GroupOfPeople';
}

const phoneText = (p) => (p ? `${p.areaCode || ''}${p.number || ''}`.replace(/\s+/g, '') : null);

function searchValues(contact, field) {
	const p = contact.person;
	const co = contact.company;
	if (field === 'email') return [p && p.email, co && co.email];
	if (field === 'phone')
		return [
			p && phoneText(p.phone),
			p && phoneText(p.cell),
			p && phoneText(p.phone2),
			co && phoneText(co.phone),
		];
	return [
		p && [p.firstName, p.middleName, p.lastName].filter(Boolean).join(' '),
		p && [p.firstName, p.lastName].filter(Boolean).join(' '),
		p && p.lastName,
		p && p.firstName,
		co && co.name,
	];
}

function listContacts(c) {
	const { state, query } = c;
	const since = querySince(query);
	const excludeDeleted = queryBool(query, 'ExcludeDeletedContacts') === true;
	const types = queryValues(query, 'Type')
		.flatMap((t) => t.split(','))
		.map((t) => t.trim())
		.filter(Boolean);
	const badType = types.find((t) => !CONTACT_TYPES.includes(t));
	if (badType)
		throw badRequest(
			`Type '${badType}' is not valid. Possible values: ${CONTACT_TYPES.join(', ')}.`,
			{ Type: ['invalid'] },
		);
	const terms = parseSearch(query, ['email', 'phone', 'name']).map((t) =>
		t.field === 'phone' ? { ...t, value: t.value.replace(/\s+/g, '') } : t,
	);
	let rows = state.contacts.filter((x) => {
		if (excludeDeleted && x.isDeleted) return false;
		if (since !== null && x.versionMs < since) return false;
		if (types.length && !types.includes(contactKind(x))) return false;
		return terms.every((t) => termMatches(t, searchValues(x, t.field)));
	});
	const order = sortBy(query, ['lastUpdated'], (x) => x.versionMs);
	if (order) rows = [...rows].sort(order);
	return c.send(
		200,
		paged(c, rows, (x) => views.contactView(state, c.api, x), '/contacts'),
	);
}

function getContact(c) {
	return c.send(200, views.contactView(c.state, c.api, contactOr404(c.state, c.params.id)));
}

function contactDetails(body) {
	const kinds = ['person', 'company', 'trust', 'groupOfPeople'].filter((k) => body[k]);
	if (kinds.length > 1)
		throw badRequest('A contact is either a person, a company, a trust or a group of people.');
	if (body.person && !body.person.firstName && !body.person.lastName)
		throw badRequest('A person needs a first or last name.', {
			'person.lastName': ['is required'],
		});
	if (body.company && !body.company.name)
		throw badRequest('A company needs a name.', { 'company.name': ['is required'] });
	return kinds[0] || null;
}

function createContact(c) {
	const body = checkBody(c, '/contacts', 'post');
	const kind = contactDetails(body);
	if (!kind)
		throw badRequest('Give the contact a person, company, trust or groupOfPeople.', {
			person: ['is required'],
		});
	const id = crypto.randomUUID();
	const record = {
		id,
		externalSystemId: body.externalSystemId ?? null,
		person: body.person || null,
		company: body.company || null,
		...(body.trust ? { trust: body.trust } : {}),
		...(body.groupOfPeople ? { groupOfPeople: body.groupOfPeople } : {}),
		isDeleted: false,
		tags: [],
	};
	enqueue(c, { kind: 'createContact', record });
	return accepted(c, '/contacts', id);
}

function updateContact(c) {
	const contact = contactOr404(c.state, c.params.id);
	const body = checkBody(c, '/contacts/{id}', 'put');
	const kind = contactDetails(body);
	if (kind && contactKind({ [kind]: true }) !== contactKind(contact))
		throw badRequest('A contact cannot change between person, company, trust and group of people.');
	const changes = {};
	for (const key of [
		'externalSystemId',
		'person',
		'company',
		'trust',
		'groupOfPeople',
		'isDeleted',
	]) {
		if (body[key] !== undefined) changes[key] = body[key];
	}
	enqueue(c, { kind: 'updateContact', id: contact.id, changes });
	return accepted(c, '/contacts', contact.id);
}

// ---------------------------------------------------------------- staff, users, matter types, stages

function listStaff(c) {
	const { state, query } = c;
	const terms = parseSearch(query, ['email', 'name']);
	const fields = (querySingle(query, 'Fields') || '').split(',').map((s) => s.trim());
	const rows = state.staff.filter((s) =>
		terms.every((t) =>
			termMatches(
				t,
				t.field === 'email' ? [s.email] : [`${s.firstName} ${s.lastName}`, s.firstName, s.lastName],
			),
		),
	);
	return c.send(
		200,
		paged(c, rows, (s) => views.staffView(state, c.api, s, fields), '/staff'),
	);
}

function getStaff(c) {
	const s = c.state.staff.find((x) => x.id === c.params.id);
	if (!s) throw notFound('Staff', c.params.id);
	return c.send(200, views.staffView(c.state, c.api, s, ['rate']));
}

function listFirmUsers(c) {
	return c.send(
		200,
		c.state.staff.filter((s) => s.userId).map((s) => views.firmUserView(c.state, c.api, s)),
	);
}

function listMatterTypes(c) {
	const { state, query } = c;
	const name = (querySingle(query, 'Name') || '').toLowerCase();
	const location = querySingle(query, 'Location');
	const category = querySingle(query, 'Category');
	const type = querySingle(query, 'Type');
	if (type !== undefined && type !== '' && !['0', '1'].includes(type))
		throw badRequest('Type must be 0 (Matter Type) or 1 (Lead Type).', { Type: ['invalid'] });
	const rows = state.matterTypes.filter(
		(t) =>
			(!name || t.name.toLowerCase().includes(name)) &&
			(!location || t.location.toLowerCase() === location.toLowerCase()) &&
			(!category || t.category.toLowerCase() === category.toLowerCase()) &&
			(type === undefined || type === '' || t.type === Number(type)),
	);
	return c.send(
		200,
		paged(c, rows, (t) => views.matterTypeView(state, c.api, t), '/mattertypes'),
	);
}

function getMatterType(c) {
	const t = c.state.matterTypes.find((x) => x.id.toLowerCase() === c.params.id.toLowerCase());
	if (!t) throw notFound('Matter type', c.params.id);
	return c.send(200, views.matterTypeView(c.state, c.api, t));
}

function listStageSets(c) {
	const since = querySince(c.query, { allowBoth: true });
	const rows = c.state.stageSets.filter((s) => since === null || s.versionMs >= since);
	return c.send(
		200,
		paged(c, rows, (s) => views.stageSetView(c.state, c.api, s), '/stagesets'),
	);
}

function getStageSet(c) {
	const set = c.state.stageSets.find((s) => s.id === c.params.id);
	if (!set) throw notFound('Stage set', c.params.id);
	return c.send(200, views.stageSetView(c.state, c.api, set));
}

function getStage(c) {
	const set = c.state.stageSets.find((s) => s.id === c.params.stageSetId);
	const stage = set && set.stages.find((s) => s.id === c.params.id);
	if (!stage) throw notFound('Stage', c.params.id);
	return c.send(200, views.stageView(c.api, set, stage));
}

function listMatterStages(c) {
	const since = querySince(c.query, { allowBoth: true });
	const rows = c.state.matterStages.filter((s) => since === null || s.versionMs >= since);
	return c.send(
		200,
		paged(c, rows, (s) => views.matterStageView(c.state, c.api, s), '/stages'),
	);
}

function getMatterStage(c) {
	matterOr404(c.state, c.params.matterId);
	const ms = c.state.matterStages.find((s) => s.matterId === c.params.matterId);
	if (!ms) throw notFound('Matter stage information for matter', c.params.matterId);
	return c.send(200, views.matterStageView(c.state, c.api, ms));
}

// ---------------------------------------------------------------- memos, fees, expenses

function listMemos(c) {
	matterOr404(c.state, c.params.matterId);
	const rows = c.state.memos.filter((m) => m.matterId === c.params.matterId);
	return c.send(
		200,
		paged(c, rows, (m) => views.memoView(c.state, c.api, m), `/matters/${c.params.matterId}/memos`),
	);
}

function getMemo(c) {
	const memo = c.state.memos.find((m) => m.matterId === c.params.matterId && m.id === c.params.id);
	if (!memo) throw notFound('Memo', c.params.id);
	return c.send(200, views.memoView(c.state, c.api, memo));
}

const stripRtf = (text) =>
	/^\{\\rtf/.test(text)
		? text
				.replace(/\\par[d]?/g, '\n')
				.replace(/\{\\[^{}]*\}|\\[a-z]+-?\d* ?|[{}]/gi, '')
				.trim()
		: text;

function createMemo(c) {
	const matter = matterOr404(c.state, c.params.matterId);
	const body = checkBody(c, '/matters/{matterId}/memos', 'post');
	const id = crypto.randomUUID();
	const userId = body.userId || c.userId;
	const record = {
		id,
		matterId: matter.id,
		title: body.title,
		text: body.text,
		plainText: stripRtf(body.text),
		createdDate: body.createdDateUtc ? new Date(body.createdDateUtc).toISOString() : null,
		createdByUserId: userId,
		updatedByUserId: userId,
		isDeleted: false,
	};
	enqueue(c, { kind: 'createMemo', record });
	return accepted(c, `/matters/${matter.id}/memos`, id);
}

function listFees(c) {
	matterOr404(c.state, c.params.matterId);
	const since = querySince(c.query);
	const rows = c.state.fees.filter(
		(f) => f.matterId === c.params.matterId && (since === null || f.versionMs >= since),
	);
	return c.send(
		200,
		paged(c, rows, (f) => views.feeView(c.state, c.api, f), `/matters/${c.params.matterId}/fees`),
	);
}

function getFee(c) {
	const fee = c.state.fees.find((f) => f.matterId === c.params.matterId && f.id === c.params.id);
	if (!fee) throw notFound('Fee', c.params.id);
	return c.send(200, views.feeView(c.state, c.api, fee));
}

const dateOnlyIso = (value) => new Date(value).toISOString().replace('.000Z', 'Z');

function createFee(c) {
	const matter = matterOr404(c.state, c.params.matterId);
	const body = checkBody(c, '/matters/{matterId}/fees', 'post');
	if (body.isWrittenOff && body.isBillable === false)
		throw badRequest('isWrittenOff is only allowed when isBillable is true.');
	const feeType = body.feeType ?? 0;
	if (feeType === 1 && !(body.duration > 0))
		throw badRequest('A time fee needs a duration in minutes.', {
			duration: ['is required for feeType 1'],
		});
	const id = crypto.randomUUID();
	const record = {
		id,
		matterId: matter.id,
		staffId: body.staffId ?? null,
		createdByUserId: c.userId,
		invoiceId: body.invoiceId ?? null,
		activityCode: body.activityCode ?? null,
		subject: body.subject,
		description: body.description ?? null,
		feeDate: dateOnlyIso(body.feeDate),
		feeType,
		finalized: body.finalized ?? false,
		isWrittenOff: body.isWrittenOff ?? false,
		isBillable: body.isBillable ?? true,
		isInvoicedExternally: body.isInvoicedExternally ?? false,
		tax: body.tax ?? 0,
		taxInclusive: body.taxInclusive ?? false,
		taxExempt: body.taxExempt ?? false,
		taxOutOfScope: body.taxOutOfScope ?? false,
		duration: body.duration ?? 0,
		durationWorked: body.durationWorked ?? null,
		rate: body.rate ?? 0,
		isDeleted: false,
	};
	enqueue(c, { kind: 'createFee', record });
	return accepted(c, `/matters/${matter.id}/fees`, id);
}

function listExpenses(c) {
	matterOr404(c.state, c.params.matterId);
	const since = querySince(c.query);
	const rows = c.state.expenses.filter(
		(e) => e.matterId === c.params.matterId && (since === null || e.versionMs >= since),
	);
	return c.send(
		200,
		paged(
			c,
			rows,
			(e) => views.expenseView(c.state, c.api, e),
			`/matters/${c.params.matterId}/expenses`,
		),
	);
}

function getExpense(c) {
	const expense = c.state.expenses.find(
		(e) => e.matterId === c.params.matterId && e.id === c.params.id,
	);
	if (!expense) throw notFound('Expense', c.params.id);
	return c.send(200, views.expenseView(c.state, c.api, expense));
}

function createExpense(c) {
	const matter = matterOr404(c.state, c.params.matterId);
	const body = checkBody(c, '/matters/{matterId}/expenses', 'post');
	if (body.price !== undefined && Math.round(body.price * 100) !== body.price * 100)
		throw badRequest('price is limited to 2 decimal places.', { price: ['too many decimals'] });
	if (body.costType !== undefined && !['Hard', 'Soft'].includes(body.costType))
		throw badRequest("costType must be 'Hard' or 'Soft'.", { costType: ['invalid'] });
	if (body.isWrittenOff && body.isBillable === false)
		throw badRequest('isWrittenOff is only allowed when isBillable is true.');
	const id = crypto.randomUUID();
	const record = {
		id,
		matterId: matter.id,
		staffId: body.staffId ?? null,
		createdByUserId: c.userId,
		invoiceId: body.invoiceId ?? null,
		origin: 'API',
		activityCode: body.activityCode ?? null,
		subject: body.subject ?? null,
		description: body.description ?? null,
		expenseDate: dateOnlyIso(body.expenseDate || c.nowMs),
		costType: body.costType ?? 'Hard',
		quantity: body.quantity ?? 1,
		price: body.price ?? 0,
		tax: body.tax ?? 0,
		outputTax: body.outputTax ?? 0,
		taxInclusive: body.taxInclusive ?? false,
		taxZeroRated: body.taxZeroRated ?? false,
		taxOutOfScope: body.taxOutOfScope ?? false,
		taxExempt: body.taxExempt ?? false,
		finalized: body.finalized ?? false,
		isWrittenOff: body.isWrittenOff ?? false,
		isBillable: body.isBillable ?? true,
		isInvoicedExternally: body.isInvoicedExternally ?? false,
		isDeleted: false,
	};
	enqueue(c, { kind: 'createExpense', record });
	return accepted(c, `/matters/${matter.id}/expenses`, id);
}

// ---------------------------------------------------------------- documents and presigned URLs

function presign(baseUrl, action, fileId, versionId, nowMs) {
	const expires = nowMs + PRESIGN_TTL_MS;
	const payload = `${action}|${fileId}|${versionId}|${expires}`;
	const sig = crypto.createHmac('sha256', PRESIGN_SECRET).update(payload).digest('hex');
	const url = `${baseUrl}/files/${fileId}/${action}?X-Amz-Version=${encodeURIComponent(versionId)}&X-Amz-Expires=${expires}&X-Amz-Signature=${sig}`;
	return { url, expiry: new Date(expires).toISOString() };
}

function fileOr404(state, matterId, fileId) {
	const f = state.files.find((x) => x.matterId === matterId && x.id === fileId && !x.isDeleted);
	if (!f) throw notFound('File', fileId);
	return f;
}

function listFiles(c) {
	matterOr404(c.state, c.params.matterId);
	const terms = parseSearch(c.query, ['query', 'fileextension']);
	let rows = c.state.files.filter(
		(f) =>
			f.matterId === c.params.matterId &&
			!f.isDeleted &&
			terms.every((t) =>
				t.field === 'query'
					? termMatches({ ...t, value: `*${t.value.replace(/^\*|\*$/g, '')}*` }, [
							f.name,
							`${f.name}${f.fileExtension}`,
						])
					: termMatches(t, [f.fileExtension, f.fileExtension.replace(/^\./, '')]),
			),
	);
	const order = sortBy(c.query, ['dateCreated'], (f) => f.dateCreated);
	if (order) rows = [...rows].sort(order);
	return c.send(
		200,
		paged(
			c,
			rows,
			(f) => views.fileView(c.state, c.api, f),
			`/matters/${c.params.matterId}/documents/files`,
		),
	);
}

function getFile(c) {
	return c.send(
		200,
		views.fileView(c.state, c.api, fileOr404(c.state, c.params.matterId, c.params.fileId)),
	);
}

function addFile(c) {
	const matter = matterOr404(c.state, c.params.matterId);
	const body = checkBody(c, '/matters/{matterId}/documents/files', 'post');
	const dot = body.fileName.lastIndexOf('.');
	if (dot <= 0 || dot === body.fileName.length - 1)
		throw badRequest('fileName must include the file extension, e.g. "court filing.pdf".', {
			fileName: ['needs an extension'],
		});
	const id = crypto.randomUUID();
	const versionId = crypto.randomUUID();
	const stamp = nowIso(c.nowMs);
	c.state.files.push({
		id,
		versionId,
		matterId: matter.id,
		folderId: body.folderId ?? null,
		folderPath: body.folderPath ?? null,
		name: body.fileName.slice(0, dot),
		fileExtension: body.fileName.slice(dot),
		ownerId: body.userId || c.userId,
		dateCreated: body.dateCreated ? new Date(body.dateCreated).toISOString() : stamp,
		dateModified: body.dateModified ? new Date(body.dateModified).toISOString() : stamp,
		sizeBytes: 0,
		additionalData: body.fileAdditionalData || {},
		isUploaded: false,
		isDeleted: false,
		versionMs: c.nowMs,
	});
	const signed = presign(c.baseUrl, 'upload', id, versionId, c.nowMs);
	return c.send(202, { fileId: id, uploadUrl: signed.url, expiry: signed.expiry });
}

/** A new upload URL for an existing file (a new version, or a retry of a failed upload). */
function uploadInfo(c) {
	const f = fileOr404(c.state, c.params.matterId, c.params.fileId);
	const versionId = crypto.randomUUID();
	const signed = presign(c.baseUrl, 'upload', f.id, versionId, c.nowMs);
	return c.send(200, { fileId: f.id, uploadUrl: signed.url, expiry: signed.expiry });
}

function downloadInfo(c) {
	const f = fileOr404(c.state, c.params.matterId, c.params.fileId);
	const blob = c.state.blobs[f.id];
	if (!f.isUploaded || !blob) throw notFound('Uploaded content of file', f.id);
	const versionId = querySingle(c.query, 'versionId');
	if (versionId && versionId !== blob.versionId) throw notFound('Version', versionId);
	const signed = presign(c.baseUrl, 'download', f.id, blob.versionId, c.nowMs);
	return c.send(200, {
		fileId: f.id,
		name: f.name,
		fileExtension: f.fileExtension,
		downloadUrl: signed.url,
		expiry: signed.expiry,
		sizeBytes: f.sizeBytes,
	});
}

/** S3's XML error body. */
function s3Error(sendRaw, status, code, message) {
	const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
	return sendRaw(status, Buffer.from(xml), { 'Content-Type': 'application/xml' });
}

function checkPresigned(c, action) {
	const file = c.state.files.find((f) => f.id === c.params.fileId);
	const version = c.query['X-Amz-Version'];
	const expires = Number(c.query['X-Amz-Expires']);
	const given = String(c.query['X-Amz-Signature'] || '');
	const expected = crypto
		.createHmac('sha256', PRESIGN_SECRET)
		.update(`${action}|${c.params.fileId}|${version}|${expires}`)
		.digest('hex');
	if (
		!file ||
		given.length !== expected.length ||
		!crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected))
	) {
		s3Error(
			c.sendRaw,
			403,
			'SignatureDoesNotMatch',
			'The request signature we calculated does not match the signature you provided.',
		);
		return null;
	}
	if (!(expires > Date.now())) {
		s3Error(c.sendRaw, 403, 'AccessDenied', 'Request has expired');
		return null;
	}
	return { file, version };
}

async function presignedUpload(c) {
	const ok = checkPresigned(c, 'upload');
	if (!ok) return undefined;
	// The URL was signed without a Content-Type: any non-empty one breaks the signature (the swagger's warning).
	const type = c.req.headers['content-type'];
	if (type !== undefined && type.trim() !== '' && type.trim() !== '""') {
		return s3Error(
			c.sendRaw,
			403,
			'SignatureDoesNotMatch',
			`The request signature we calculated does not match the signature you provided (Content-Type '${type}' was not signed).`,
		);
	}
	const { buffer, tooLarge } = await c.req[RAW_BODY];
	if (tooLarge)
		return s3Error(
			c.sendRaw,
			400,
			'EntityTooLarge',
			'Your proposed upload exceeds the maximum allowed size',
		);
	const { file } = ok;
	file.versionId = ok.version;
	file.sizeBytes = buffer.length;
	file.isUploaded = true;
	file.dateModified = nowIso(Date.now());
	file.versionMs = Date.now();
	c.state.blobs[file.id] = { versionId: ok.version, base64: buffer.toString('base64') };
	const etag = crypto.createHash('md5').update(buffer).digest('hex');
	return c.sendRaw(200, Buffer.alloc(0), { ETag: `"${etag}"` });
}

function presignedDownload(c) {
	const ok = checkPresigned(c, 'download');
	if (!ok) return undefined;
	const blob = c.state.blobs[ok.file.id];
	if (!blob || blob.versionId !== ok.version)
		return s3Error(c.sendRaw, 404, 'NoSuchKey', 'The specified key does not exist.');
	const bytes = Buffer.from(blob.base64, 'base64');
	return c.sendRaw(200, bytes, {
		'Content-Type': 'binary/octet-stream',
		ETag: `"${crypto.createHash('md5').update(bytes).digest('hex')}"`,
	});
}

// ---------------------------------------------------------------- client portal

function sendPortalMessage(c) {
	const matter = matterOr404(c.state, c.params.matterId);
	const body = checkBody(c, '/matters/{matterId}/portal/messages', 'post');
	if (body.contactId && !matter.clientIds.includes(body.contactId)) {
		throw badRequest(`Contact ${body.contactId} is not a client on matter ${matter.id}.`, {
			contactId: ['not a client of the matter'],
		});
	}
	const record = {
		id: crypto.randomUUID(),
		matterId: matter.id,
		contactId: body.contactId ?? matter.clientIds[0],
		message: body.message,
		requireMFA: body.requireMFA ?? false,
		sentByUserId: c.req.headers.userid
			? c.userId
			: c.grant.grant === 'client_credentials'
				? null
				: c.userId,
		requestId: c.requestId,
	};
	enqueue(c, { kind: 'sendPortalMessage', record });
	return c.sendRaw(202, Buffer.alloc(0), c.requestId ? { RequestId: c.requestId } : {});
}

// ---------------------------------------------------------------- webhooks

function subscriptionOr404(c) {
	const s = c.state.webhooks.find((w) => w.id === c.params.id && w.clientId === c.grant.clientId);
	if (!s) throw notFound('Webhook subscription', c.params.id);
	return s;
}

function checkSubscription(c, body, existing) {
	const errors = {};
	const url = body.eventNotificationUrl ?? (existing && existing.eventNotificationUrl);
	if (!url || !/^https?:\/\/[^\s]+$/i.test(url))
		errors.eventNotificationUrl = ['must be an absolute http(s) URL'];
	const types = body.eventTypes ?? (existing && existing.eventTypes);
	if (!Array.isArray(types) || !types.length)
		errors.eventTypes = ['at least one event type is required'];
	else {
		const unknown = types.filter((t) => !EVENT_TYPES.includes(t));
		if (unknown.length)
			errors.eventTypes = [`unknown event types: ${unknown.join(', ')} (see GET /webhooks/types)`];
	}
	if (Object.keys(errors).length) throw badRequest('The webhook subscription is invalid.', errors);
	return { url, types: [...new Set(types)] };
}

function listWebhookTypes(c) {
	return c.send(200, { href: `${c.api}/webhooks/types`, value: EVENT_TYPES });
}

function listWebhooks(c) {
	const rows = c.state.webhooks.filter((w) => w.clientId === c.grant.clientId);
	return c.send(
		200,
		paged(c, rows, (w) => views.subscriptionView(c.state, c.api, w), '/webhooks'),
	);
}

function createWebhook(c) {
	const body = checkBody(c, '/webhooks', 'post');
	const { url, types } = checkSubscription(c, body);
	const stamp = nowIso(c.nowMs);
	const sub = {
		id: crypto.randomUUID(),
		accountId: c.grant.accountId,
		clientId: c.grant.clientId,
		name: body.name ?? null,
		eventTypes: types,
		eventNotificationUrl: url,
		key: body.key ?? null,
		createdDateUtc: stamp,
		updatedDateUtc: stamp,
	};
	c.state.webhooks.push(sub);
	return c.send(200, views.subscriptionView(c.state, c.api, sub));
}

function getWebhook(c) {
	return c.send(200, views.subscriptionView(c.state, c.api, subscriptionOr404(c)));
}

function updateWebhook(c) {
	const sub = subscriptionOr404(c);
	const body = checkBody(c, '/webhooks/{id}', 'put');
	const { url, types } = checkSubscription(c, body, sub);
	Object.assign(sub, {
		eventNotificationUrl: url,
		eventTypes: types,
		name: body.name ?? sub.name,
		key: body.key !== undefined ? body.key : sub.key,
		updatedDateUtc: nowIso(c.nowMs),
	});
	return c.send(200, views.subscriptionView(c.state, c.api, sub));
}

function deleteWebhook(c) {
	const sub = subscriptionOr404(c);
	c.state.webhooks.splice(c.state.webhooks.indexOf(sub), 1);
	return c.sendRaw(200, Buffer.alloc(0));
}

async function notifyWebhook(c) {
	const sub = subscriptionOr404(c);
	await deliver(
		c.state,
		sub,
		{ type: 'noop', payload: {}, requestId: c.requestId, source: 'API' },
		Date.now,
	);
	return c.sendRaw(200, Buffer.alloc(0));
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

// ---------------------------------------------------------------- admin (test helpers under /__admin/smokeball)

function adminFireEvent({ state, body }) {
	if (!body || typeof body.type !== 'string')
		throw new HttpError(400, 'validation_failed', 'Give {type, payload?}.');
	let payload = body.payload;
	if (!payload && body.matterId) {
		const m = state.matters.find((x) => x.id === body.matterId);
		if (!m) throw new HttpError(404, 'not_found', `No matter ${body.matterId}.`);
		payload = matterPayload(state, m);
	}
	return emit(
		state,
		{
			type: body.type,
			payload: payload || {},
			requestId: body.requestId,
			source: body.source || 'Smokeball',
		},
		Date.now,
		{ copies: body.copies || 1, subscriptionId: body.subscriptionId },
	).then((deliveries) => ({ deliveries }));
}

/** A user moves a matter to another stage in Smokeball (the API cannot), which sends matterstage.updated. */
function adminSetStage({ state, params, body }) {
	const m = state.matters.find((x) => x.id === params.id);
	if (!m) throw new HttpError(404, 'not_found', `No matter ${params.id}.`);
	const type = state.matterTypes.find((t) => t.id === m.matterTypeId);
	const set = state.stageSets.find((s) => s.id === (body.stageSetId || (type && type.stageSetId)));
	const stage = set && set.stages.find((s) => s.id === body.stageId || s.name === body.stageName);
	if (!stage)
		throw new HttpError(
			400,
			'validation_failed',
			"Give stageId or stageName of the matter type's stage set.",
		);
	let ms = state.matterStages.find((x) => x.matterId === m.id);
	if (!ms) {
		ms = {
			id: guid(`matterstage:${m.id}`),
			matterId: m.id,
			stageSetId: set.id,
			stageId: stage.id,
			versionMs: 0,
		};
		state.matterStages.push(ms);
	}
	Object.assign(ms, { stageSetId: set.id, stageId: stage.id, versionMs: Date.now() });
	const payload = {
		id: ms.id,
		matter: { id: m.id, relation: 'matter' },
		stageSet: { id: set.id, relation: 'stageSet' },
		stage: { id: stage.id, name: stage.name },
	};
	return emit(state, { type: 'matterstage.updated', payload, source: 'Smokeball' }, Date.now).then(
		(deliveries) => ({ matterStage: ms, deliveries }),
	);
}

/** As Smokeball does when the refresh token expires or access is revoked (changelog 2025-05-30). */
function adminExpireSubscriptions({ state, body }) {
	const clientId = body && body.clientId;
	const before = state.webhooks.length;
	state.webhooks = state.webhooks.filter((w) => clientId && w.clientId !== clientId);
	oauth.expireRefreshTokens(state, clientId);
	return { deleted: before - state.webhooks.length };
}

function adminExpireTokens({ state }) {
	oauth.expireAccessTokens(state);
	return { ok: true };
}

function adminProcessing({ state, body }) {
	if (body && body.delayMs !== undefined) {
		if (!(Number.isInteger(body.delayMs) && body.delayMs >= 0))
			throw new HttpError(400, 'validation_failed', 'delayMs must be an integer ≥ 0.');
		state.settings.processingDelayMs = body.delayMs;
	}
	return { processingDelayMs: state.settings.processingDelayMs, pending: state.pending.length };
}

function adminFlush({ state }) {
	const count = state.pending.length;
	applyDue(state, Date.now(), { all: true });
	return { applied: count };
}

/** PUT /__admin/state: fill what a hand-written state may lack. */
function normalizeState(input) {
	const base = seed();
	const s = { ...base, ...input };
	s.settings = { ...base.settings, ...(input.settings || {}) };
	s.oauth = { codes: {}, access: {}, refresh: {}, ...(input.oauth || {}) };
	return s;
}

// ---------------------------------------------------------------- routes

/** Each swagger path is served twice: as is (authorization code) and under /{accountId} (client credentials). */
function apiRoutes(list) {
	const out = [];
	for (const [method, path, handler] of list) {
		const local = path.replace(/\{(\w+)\}/g, ':$1');
		const wrapped = api(handler);
		out.push({ method, path: `/api${local}`, handler: wrapped, swagger: path });
		out.push({ method, path: `/api/:accountId${local}`, handler: wrapped, swagger: path });
	}
	return out;
}

// ---------------------------------------------------------------- referral types (read only in the API)

const referralTypeView = (api, t) => ({
	href: `${api}/referraltypes/${t.id}`,
	id: t.id,
	name: t.name,
	isDeleted: t.isDeleted === true,
});

function listReferralTypes(c) {
	return c.send(200, {
		href: `${c.api}/referraltypes`,
		value: (c.state.referralTypes || []).map((t) => referralTypeView(c.api, t)),
	});
}

function getReferralType(c) {
	const t = (c.state.referralTypes || []).find((x) => x.id === c.params.id);
	if (!t) throw notFound('Referral type', c.params.id);
	return c.send(200, referralTypeView(c.api, t));
}

const LAYOUTS = layoutRoutes({
	queryBool,
	paged,
	notFound,
	badRequest,
	matterOr404,
	checkBody,
	enqueue,
	accepted,
});
Object.assign(APPLY, LAYOUTS.apply);

const API = [
	...LAYOUTS.routes,
	['GET', '/referraltypes', listReferralTypes],
	['GET', '/referraltypes/{id}', getReferralType],
	['GET', '/matters', listMatters],
	['POST', '/matters', createMatter],
	['GET', '/matters/{matterId}', getMatter],
	['PUT', '/matters/{matterId}', (c) => updateMatter(c, false)],
	['PATCH', '/matters/{matterId}', (c) => updateMatter(c, true)],
	['DELETE', '/matters/{matterId}', deleteMatter],
	['GET', '/matters/{matterId}/stages', getMatterStage],
	['GET', '/matters/{matterId}/memos', listMemos],
	['POST', '/matters/{matterId}/memos', createMemo],
	['GET', '/matters/{matterId}/memos/{id}', getMemo],
	['GET', '/matters/{matterId}/fees', listFees],
	['POST', '/matters/{matterId}/fees', createFee],
	['GET', '/matters/{matterId}/fees/{id}', getFee],
	['GET', '/matters/{matterId}/expenses', listExpenses],
	['POST', '/matters/{matterId}/expenses', createExpense],
	['GET', '/matters/{matterId}/expenses/{id}', getExpense],
	['GET', '/matters/{matterId}/documents/files', listFiles],
	['POST', '/matters/{matterId}/documents/files', addFile],
	['GET', '/matters/{matterId}/documents/files/{fileId}', getFile],
	['GET', '/matters/{matterId}/documents/files/{fileId}/download', downloadInfo],
	['GET', '/matters/{matterId}/documents/files/{fileId}/upload', uploadInfo],
	['POST', '/matters/{matterId}/portal/messages', sendPortalMessage],
	['GET', '/contacts', listContacts],
	['POST', '/contacts', createContact],
	['GET', '/contacts/{id}', getContact],
	['PUT', '/contacts/{id}', updateContact],
	['GET', '/staff', listStaff],
	['GET', '/staff/{id}', getStaff],
	['GET', '/firmusers', listFirmUsers],
	['GET', '/mattertypes', listMatterTypes],
	['GET', '/mattertypes/{id}', getMatterType],
	['GET', '/stages', listMatterStages],
	['GET', '/stagesets', listStageSets],
	['GET', '/stagesets/{id}', getStageSet],
	['GET', '/stagesets/{stageSetId}/stages/{id}', getStage],
	['GET', '/webhooks/types', listWebhookTypes],
	['GET', '/webhooks', listWebhooks],
	['POST', '/webhooks', createWebhook],
	['GET', '/webhooks/{id}', getWebhook],
	['PUT', '/webhooks/{id}', updateWebhook],
	['DELETE', '/webhooks/{id}', deleteWebhook],
	['POST', '/webhooks/{id}/notify', notifyWebhook],
];

module.exports = {
	name: 'smokeball',
	prefix: '/smokeball',
	demoKey: DEMO_API_KEY,
	keys: [...API_KEYS, PUBLIC_KEY],
	auth,
	authHint:
		'Missing or invalid partner API key. Send "x-api-key: <key>" and "Authorization: Bearer <access token>" on every request.',
	rateLimit: { perSecond: 5, burst: 5 },
	seed,
	normalizeState,
	SEED_FACTS,
	routes: [
		{ method: 'POST', path: '/auth/oauth2/token', handler: publicRoute(tokenRoute) },
		{ method: 'GET', path: '/auth/oauth2/authorize', handler: publicRoute(authorizeRoute) },
		{ method: 'PUT', path: '/files/:fileId/upload', handler: publicRoute(presignedUpload) },
		{ method: 'GET', path: '/files/:fileId/download', handler: publicRoute(presignedDownload) },
		...apiRoutes(API),
	],
	adminRoutes: [
		{ method: 'GET', path: '/facts', handler: () => SEED_FACTS },
		{ method: 'POST', path: '/messy-firm', handler: messy.adminMessyFirm },
		{ method: 'POST', path: '/events', handler: adminFireEvent },
		{ method: 'POST', path: '/matters/:id/stage', handler: adminSetStage },
		{ method: 'POST', path: '/subscriptions/expire', handler: adminExpireSubscriptions },
		{ method: 'POST', path: '/tokens/expire', handler: adminExpireTokens },
		{ method: 'POST', path: '/processing', handler: adminProcessing },
		{ method: 'POST', path: '/processing/flush', handler: adminFlush },
		{ method: 'GET', path: '/deliveries', handler: ({ state }) => state.deliveries },
		{ method: 'GET', path: '/portal-messages', handler: ({ state }) => state.portalMessages },
	],
	helpers: {
		EVENT_TYPES,
		ticksString,
		API_ROUTES: API.map(([method, path]) => ({ method, path })),
	},
};
