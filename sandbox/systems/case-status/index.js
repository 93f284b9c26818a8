'use strict';

// Case Status emulator: the whole of docs/api/case-status.md. The known reads keep the Airbyte connector's
// exact shapes; the rest follows the modelled endpoints. Internal case records keep the modelled Case shape plus an
// internal `extra` (report-only data); responses go through views.js.

const { HttpError, FieldErrors, queryList, querySingle } = require('../../lib/http');
const { parseTimestamp, isE164 } = require('../../lib/validate');
const {
	seed,
	generate,
	makeFile,
	makeClient,
	fullName,
	SEED_FACTS,
	DEMO_KEY,
	CANARY_KEY,
} = require('./seed');
const { caseView, messageView, fileView, reportRow, firmRow, engagementIndex } = require('./views');
const { validateCaseWrite, validateMessageWrite, isObject } = require('./validate');
const { messyCaseStatus } = require('../casepeer/messy');

const MAX_FILE_BYTES = 50 * 1024 * 1024;
const STATUSES = ['open', 'on_hold', 'closed'];
const MESSAGE_TYPES = ['sent', 'received'];
const ROLES = ['attorney', 'paralegal', 'case_manager', 'admin'];
const CONTENT_TYPES = {
	pdf: 'application/pdf',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	gif: 'image/gif',
	heic: 'image/heic',
	txt: 'text/plain',
	csv: 'text/csv',
	doc: 'application/msword',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

// ---------------------------------------------------------------- query helpers

/** page[number] from 1 and size (1..max), as the known streams page. */
function paging(query, errors, defaultSize = 10, maxSize = 100) {
	const read = (key, fallback, max) => {
		const raw = querySingle(query, key, errors);
		if (raw === undefined || raw === '') return fallback;
		if (!/^\d+$/.test(raw)) {
			errors.add(key, 'invalid_format', `${key} must be a positive integer.`);
			return fallback;
		}
		const n = Number(raw);
		if (n < 1 || (max && n > max))
			errors.add(key, 'out_of_range', max ? `${key} must be 1..${max}.` : `${key} must be ≥ 1.`);
		return n;
	};
	return { page: read('page[number]', 1, 0), size: read('size', defaultSize, maxSize) };
}

function pageOf(rows, { page, size }) {
	return rows.slice((page - 1) * size, page * size);
}

function timestampParam(query, key, errors) {
	const raw = querySingle(query, key, errors);
	if (raw === undefined) return null;
	const ms = parseTimestamp(raw);
	if (ms === null)
		errors.add(key, 'invalid_format', `${key} must be an ISO-8601 UTC timestamp ending in Z.`);
	return ms;
}

function intParam(query, key, errors) {
	const raw = querySingle(query, key, errors);
	if (raw === undefined) return null;
	if (!/^-?\d+$/.test(raw)) {
		errors.add(key, 'invalid_format', `${key} must be an integer.`);
		return null;
	}
	return Number(raw);
}

function intList(query, key, errors) {
	const values = queryList(query, key);
	const bad = values.filter((v) => !/^\d+$/.test(v));
	if (bad.length) errors.add(key, 'invalid_format', `${key} values must be integers.`);
	return new Set(values.filter((v) => /^\d+$/.test(v)).map(Number));
}

function enumList(query, key, allowed, errors) {
	const values = queryList(query, key);
	if (values.some((v) => !allowed.includes(v)))
		errors.add(key, 'invalid_value', `${key} must be one of ${allowed.join(', ')}.`);
	return new Set(values);
}

/**
 * Incremental filters (docs/api/case-status.md#incremental-filters): a since-timestamp is inclusive; with after_id it
 * becomes the keyset (ts, id) > (since, after_id). after_id alone = id > after_id. Order: by (ts, id) when a
 * since-timestamp is given, else by id.
 */
function incremental(rows, tsField, since, afterId) {
	if (since !== null) {
		const keyed = [];
		for (const r of rows) {
			const t = Date.parse(r[tsField]);
			if (afterId === null ? t >= since : t > since || (t === since && r.id > afterId))
				keyed.push([t, r]);
		}
		keyed.sort((a, b) => a[0] - b[0] || a[1].id - b[1].id);
		return keyed.map((k) => k[1]);
	}
	const out = afterId === null ? rows.slice() : rows.filter((r) => r.id > afterId);
	return out.sort((a, b) => a.id - b.id);
}

// ---------------------------------------------------------------- state helpers

const isDeleted = (c) => Boolean(c.extra && c.extra.deleted_at);

function caseMap(state) {
	return new Map(state.cases.map((c) => [c.id, c]));
}

/** Path ids are numeric internal ids; anything else, or a deleted case, is simply not found. */
function liveCase(state, rawId) {
	const id = /^\d+$/.test(rawId) ? Number(rawId) : NaN;
	const c = state.cases.find((x) => x.id === id);
	if (!c || isDeleted(c))
		throw new HttpError(404, 'not_found', `Case ${rawId} not found.`, {
			resource: 'case',
			id: rawId,
		});
	return c;
}

function emptyApp() {
	return {
		device_type: null,
		last_opened: null,
		last_used_web_app: null,
		last_used_ios_app: null,
		last_used_android_app: null,
		mobile_os_version: null,
		mobile_app_version: null,
	};
}

function defaultExtra() {
	return {
		deleted_at: null,
		case_manager_ids: [],
		review_sent_at: null,
		target_language: 'en',
		most_recent_nps: null,
		activities_login: 0,
		activities_engagement: 0,
		checklist_items: 0,
		checklist_items_completed: 0,
	};
}

function duplicate(code, existingId, field, value, what) {
	return new HttpError(
		409,
		code,
		`A ${what} with ${field} ${JSON.stringify(value)} already exists.`,
		{ existing_id: existingId, field, value },
	);
}

function nextId(state, kind) {
	return state.next_ids[kind]++;
}

function guessContentType(fileName, given) {
	if (given && given.toLowerCase() !== 'application/octet-stream') return given;
	const dot = fileName.lastIndexOf('.');
	return (
		CONTENT_TYPES[dot >= 0 ? fileName.slice(dot + 1).toLowerCase() : ''] ||
		'application/octet-stream'
	);
}

/** `attachment; filename="…"` with an ASCII fallback, plus RFC 5987 filename* when the name is not plain ASCII. */
function contentDisposition(fileName) {
	const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	const header = `attachment; filename="${ascii}"`;
	return ascii === fileName
		? header
		: `${header}; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

// ---------------------------------------------------------------- handlers: known reads

function reportingCases({ state, query, send }) {
	const errors = new FieldErrors();
	const p = paging(query, errors);
	errors.throwIfAny();
	const usersById = new Map(state.users.map((u) => [u.id, u]));
	const engagement = engagementIndex(state);
	// The report lists every case, deleted ones too: that is what its "Case Deleted At" column is for.
	const rows = pageOf(
		state.cases.slice().sort((a, b) => a.id - b.id),
		p,
	);
	return send(200, { results: rows.map((c) => reportRow(c, usersById, engagement)) });
}

function reportingFirm({ state, query, send }) {
	const errors = new FieldErrors();
	const p = paging(query, errors);
	errors.throwIfAny();
	return send(200, { results: pageOf([firmRow(state)], p) });
}

/** list-messages: the known stream plus created_since / after_id / integration_id / case_id / type / external_ref. */
function listMessages({ state, query, send }) {
	const errors = new FieldErrors();
	const p = paging(query, errors);
	const since = timestampParam(query, 'created_since', errors);
	const afterId = intParam(query, 'after_id', errors);
	const integrationIds = new Set(queryList(query, 'integration_id'));
	const caseIds = intList(query, 'case_id', errors);
	const types = enumList(query, 'type', MESSAGE_TYPES, errors);
	const refs = new Set(queryList(query, 'external_ref'));
	errors.throwIfAny();
	const cases = caseMap(state);
	const rows = state.messages.filter((m) => {
		if (caseIds.size && !caseIds.has(m.case_id)) return false;
		if (types.size && !types.has(m.type)) return false;
		if (refs.size && !refs.has(m.external_ref)) return false;
		if (integrationIds.size) {
			const c = cases.get(m.case_id);
			if (!c || !integrationIds.has(c.integration_id)) return false;
		}
		return true;
	});
	return send(
		200,
		pageOf(incremental(rows, 'created_at', since, afterId), p).map((m) => messageView(m, cases)),
	);
}

/** list-files: the known file stream plus updated_since / after_id / integration_id / case_id / external_ref. */
function listFiles({ state, query, send, baseUrl }) {
	const errors = new FieldErrors();
	const p = paging(query, errors);
	const since = timestampParam(query, 'updated_since', errors);
	const afterId = intParam(query, 'after_id', errors);
	const integrationIds = new Set(queryList(query, 'integration_id'));
	const caseIds = intList(query, 'case_id', errors);
	const refs = new Set(queryList(query, 'external_ref'));
	errors.throwIfAny();
	const cases = caseMap(state);
	const rows = state.files.filter((f) => {
		if (caseIds.size && !caseIds.has(f.case_id)) return false;
		if (refs.size && !refs.has(f.external_ref)) return false;
		if (integrationIds.size) {
			const c = cases.get(f.case_id);
			if (!c || !integrationIds.has(c.integration_id)) return false;
		}
		return true;
	});
	return send(
		200,
		pageOf(incremental(rows, 'updated_at', since, afterId), p).map((f) =>
			fileView(f, cases, baseUrl),
		),
	);
}

// ---------------------------------------------------------------- handlers: cases

/** list-cases: find or list cases. Deleted cases are invisible here (and 404 on detail). */
function listCases({ state, query, send }) {
	const errors = new FieldErrors();
	const p = paging(query, errors);
	const since = timestampParam(query, 'updated_since', errors);
	const afterId = intParam(query, 'after_id', errors);
	const integrationIds = new Set(queryList(query, 'integration_id'));
	const readableIds = new Set(queryList(query, 'readable_id'));
	const statuses = enumList(query, 'status', STATUSES, errors);
	errors.throwIfAny();
	const rows = state.cases.filter(
		(c) =>
			!isDeleted(c) &&
			(!integrationIds.size || integrationIds.has(c.integration_id)) &&
			(!readableIds.size || readableIds.has(c.readable_id)) &&
			(!statuses.size || statuses.has(c.status)),
	);
	return send(200, pageOf(incremental(rows, 'updated_at', since, afterId), p).map(caseView));
}

function getCase({ state, params, send }) {
	return send(200, caseView(liveCase(state, params.id)));
}

/** create-case: an existing integration_id wins over any other error, so a retried create reads as success. */
function createCase({ state, body, strict, now, send }) {
	if (isObject(body) && typeof body.integration_id === 'string') {
		const existing = state.cases.find(
			(c) => !isDeleted(c) && c.integration_id === body.integration_id,
		);
		if (existing)
			throw duplicate(
				'duplicate_integration_id',
				existing.id,
				'integration_id',
				body.integration_id,
				'case',
			);
	}
	const v = validateCaseWrite(body, state, { mode: 'create', strict });
	const at = now();
	const record = {
		id: nextId(state, 'case'),
		integration_id: v.integration_id,
		readable_id: v.readable_id,
		name: v.name,
		status: 'open',
		practice_area: v.practice_area ?? null,
		stage: v.stage ?? null,
		primary_attorney: v.primary_attorney,
		attorneys: v.attorneys ?? [],
		clients: v.clients.map((c) => ({ id: nextId(state, 'client'), ...c.fields, app: emptyApp() })),
		incident_date: v.incident_date ?? null,
		description: v.description ?? null,
		created_at: at,
		updated_at: at,
		closed_at: null,
		activated_at: null, // the contract does not activate cases
		extra: defaultExtra(),
	};
	state.cases.push(record);
	return send(201, caseView(record));
}

/**
 * update-case. Builds the would-be record and compares its API view with the current one: no difference = no write and
 * no updated_at bump (a same-stage PATCH must not trigger the client NPS survey).
 */
function patchCase({ state, params, body, strict, now, send }) {
	const c = liveCase(state, params.id);
	if (c.status === 'closed') {
		throw new HttpError(422, 'case_closed', `Case ${c.id} is closed; reopen it first.`, {
			case_id: c.id,
			status: c.status,
		});
	}
	const v = validateCaseWrite(body, state, { mode: 'patch', existing: c, strict });
	const next = { ...c };
	for (const key of [
		'readable_id',
		'name',
		'status',
		'practice_area',
		'stage',
		'primary_attorney',
		'attorneys',
		'incident_date',
		'description',
	]) {
		if (v[key] !== undefined) next[key] = v[key];
	}
	if (v.clients) {
		next.clients = v.clients.map(({ base, fields }) =>
			base ? { ...base, ...fields, id: base.id } : { id: null, ...fields, app: emptyApp() },
		);
	}
	if (JSON.stringify(caseView(next)) === JSON.stringify(caseView(c))) return send(200, caseView(c));
	for (const client of next.clients) if (client.id === null) client.id = nextId(state, 'client');
	next.updated_at = now();
	Object.assign(c, next); // in place, so references held elsewhere (and the array order) stay valid
	return send(200, caseView(c));
}

/** close-case: idempotent; closing a closed case changes nothing (closed_at included). */
function closeCase({ state, params, body, strict, now, send }) {
	const c = liveCase(state, params.id);
	const errors = new FieldErrors();
	if (!isObject(body)) errors.add('body', 'invalid_format', 'The body must be a JSON object.');
	else {
		if (strict)
			for (const k of Object.keys(body))
				if (k !== 'closed_at') errors.add(k, 'unknown_field', `${k} is not a known field.`);
		if (
			body.closed_at !== undefined &&
			body.closed_at !== null &&
			parseTimestamp(body.closed_at) === null
		) {
			errors.add(
				'closed_at',
				'invalid_format',
				'closed_at must be an ISO-8601 UTC timestamp ending in Z.',
			);
		}
	}
	errors.throwIfAny();
	if (c.status === 'closed') return send(200, caseView(c));
	const at = now();
	c.status = 'closed';
	c.closed_at = body.closed_at ? new Date(parseTimestamp(body.closed_at)).toISOString() : at;
	c.updated_at = at;
	return send(200, caseView(c));
}

/** reopen-case: idempotent; reopening an open or on-hold case changes nothing. */
function reopenCase({ state, params, now, send }) {
	const c = liveCase(state, params.id);
	if (c.status !== 'closed') return send(200, caseView(c));
	c.status = 'open';
	c.closed_at = null;
	c.updated_at = now();
	return send(200, caseView(c));
}

// ---------------------------------------------------------------- handlers: lookups

function listStages({ state, query, send }) {
	const errors = new FieldErrors();
	const p = paging(query, errors);
	errors.throwIfAny();
	const rows = state.stages.slice().sort((a, b) => a.position - b.position || a.id - b.id);
	return send(
		200,
		pageOf(rows, p).map((s) => ({
			id: s.id,
			display_name: s.display_name,
			position: s.position,
			integration_mappings: [...(s.integration_mappings || [])],
		})),
	);
}

function listPracticeAreas({ state, query, send }) {
	const errors = new FieldErrors();
	const p = paging(query, errors);
	errors.throwIfAny();
	const rows = state.practice_areas.slice().sort((a, b) => a.id - b.id);
	return send(
		200,
		pageOf(rows, p).map((x) => ({
			id: x.id,
			display_name: x.display_name,
			integration_mappings: [...(x.integration_mappings || [])],
		})),
	);
}

function listUsers({ state, query, send }) {
	const errors = new FieldErrors();
	const p = paging(query, errors);
	const emails = new Set(queryList(query, 'email').map((e) => e.toLowerCase()));
	const roles = enumList(query, 'role', ROLES, errors);
	const active = querySingle(query, 'active', errors);
	if (active !== undefined && active !== 'true' && active !== 'false')
		errors.add('active', 'invalid_value', 'active must be true or false.');
	errors.throwIfAny();
	const rows = state.users
		.filter(
			(u) =>
				(!emails.size || emails.has(String(u.email).toLowerCase())) &&
				(!roles.size || roles.has(u.role)) &&
				(active === undefined || u.active === (active === 'true')),
		)
		.sort((a, b) => a.id - b.id);
	return send(
		200,
		pageOf(rows, p).map((u) => ({
			id: u.id,
			email: u.email,
			first_name: u.first_name,
			last_name: u.last_name,
			role: u.role,
			active: u.active,
		})),
	);
}

// ---------------------------------------------------------------- handlers: messages and files

/** send-message. Order of checks: 404, then 409 (a retried send is a success), then 422 closed, then 400. */
function sendMessage({ state, params, body, strict, now, send }) {
	const c = liveCase(state, params.id);
	if (isObject(body) && typeof body.external_ref === 'string' && body.external_ref !== '') {
		const existing = state.messages.find((m) => m.external_ref === body.external_ref);
		if (existing)
			throw duplicate(
				'duplicate_external_ref',
				existing.id,
				'external_ref',
				body.external_ref,
				'message',
			);
	}
	if (c.status === 'closed')
		throw new HttpError(422, 'case_closed', `Case ${c.id} is closed; messages cannot be sent.`, {
			case_id: c.id,
			status: c.status,
		});
	const v = validateMessageWrite(body, state, c, strict);
	const at = now();
	const message = {
		id: nextId(state, 'message'),
		type: 'sent',
		content: v.content,
		sent_at: at,
		created_at: at,
		case_id: c.id,
		sender_name: `${v.sender.first_name} ${v.sender.last_name}`,
		sender_email: v.sender.email,
		external_ref: v.external_ref ?? null,
	};
	state.messages.push(message);
	return send(201, messageView(message, caseMap(state)));
}

function single(value) {
	return Array.isArray(value) ? value[0] : value;
}

/** upload-file: multipart upload; the core already enforced the 50 MiB limit (413) and the media type (415). */
function uploadFile({ state, params, body, files, strict, now, send, baseUrl }) {
	const c = liveCase(state, params.id);
	const ref = single(body.external_ref);
	if (typeof ref === 'string' && ref !== '') {
		const existing = state.files.find((f) => f.external_ref === ref);
		if (existing)
			throw duplicate('duplicate_external_ref', existing.id, 'external_ref', ref, 'file');
	}
	const errors = new FieldErrors();
	if (strict)
		for (const k of Object.keys(body))
			if (!['file_name', 'external_ref'].includes(k))
				errors.add(k, 'unknown_field', `${k} is not a known part.`);
	for (const k of ['file', 'file_name', 'external_ref']) {
		if (Array.isArray(k === 'file' ? files[k] : body[k]))
			errors.add(k, 'invalid_format', `${k} must be sent once.`);
	}
	const file = single(files.file);
	if (!file) errors.add('file', 'required', 'The multipart part "file" is required.');
	else if (file.data.length === 0) errors.add('file', 'invalid_value', 'The file is empty.');
	const fileName = (single(body.file_name) || (file && file.filename) || '').replace(
		/^.*[\\/]/,
		'',
	);
	if (file && !fileName)
		errors.add('file_name', 'required', 'Give file_name or a filename on the file part.');
	else if (fileName.length > 255) errors.add('file_name', 'too_long', 'At most 255 characters.');
	if (ref !== undefined && ref !== '' && ref.length > 100)
		errors.add('external_ref', 'too_long', 'At most 100 characters.');
	errors.throwIfAny();
	const record = makeFile(
		nextId(state, 'file'),
		c.id,
		fileName,
		guessContentType(fileName, file.contentType),
		file.data,
		now(),
		{
			direction: 'sent',
			external_ref: ref || null,
		},
	);
	state.files.push(record);
	return send(201, fileView(record, caseMap(state), baseUrl));
}

/** download-file: the bytes with Content-Type, Content-Length and Content-Disposition. */
function downloadFile({ state, params, sendRaw }) {
	const id = /^\d+$/.test(params.id) ? Number(params.id) : NaN;
	const f = state.files.find((x) => x.id === id);
	const c = f && state.cases.find((x) => x.id === f.case_id);
	if (!f || (c && isDeleted(c)))
		throw new HttpError(404, 'not_found', `File ${params.id} not found.`, {
			resource: 'file',
			id: params.id,
		});
	const bytes = Buffer.from(f.content_base64 || '', 'base64');
	return sendRaw(200, bytes, {
		'Content-Type': f.content_type || 'application/octet-stream',
		'Content-Disposition': contentDisposition(f.file_name),
	});
}

// ---------------------------------------------------------------- test-only admin helpers (/__admin/case-status/...)

function caseFromAdminBody(state, body) {
	requireObject(body);
	const c =
		body.case_id !== undefined
			? state.cases.find((x) => x.id === Number(body.case_id))
			: body.integration_id !== undefined
				? state.cases.find((x) => !isDeleted(x) && x.integration_id === String(body.integration_id))
				: null;
	if (!c)
		throw new HttpError(404, 'not_found', 'Give case_id or integration_id of an existing case.', {
			resource: 'case',
			id: body.case_id ?? body.integration_id ?? null,
		});
	return c;
}

function requireObject(body) {
	if (!isObject(body))
		new FieldErrors().add('body', 'invalid_format', 'The body must be a JSON object.').throwIfAny();
}

/**
 * "Simulating client replies": a `received` message from the case's primary client. created_at is always now
 * (even if sent_at is given) so created_since cursors behave as with live traffic.
 */
function adminClientMessage({ state, body, now, send }) {
	const c = caseFromAdminBody(state, body);
	const errors = new FieldErrors();
	if (typeof body.content !== 'string' || body.content.trim() === '')
		errors.add('content', 'required', 'content is required.');
	if (body.sent_at !== undefined && parseTimestamp(body.sent_at) === null)
		errors.add('sent_at', 'invalid_format', 'sent_at must be an ISO-8601 UTC timestamp.');
	errors.throwIfAny();
	const client = c.clients[0] || {};
	const at = now();
	const message = {
		id: nextId(state, 'message'),
		type: 'received',
		content: body.content,
		sent_at: body.sent_at ? new Date(parseTimestamp(body.sent_at)).toISOString() : at,
		created_at: at,
		case_id: c.id,
		sender_name: body.sender_name ?? (client.id ? fullName(client) : null),
		sender_email: body.sender_email ?? client.email ?? null,
		external_ref: body.external_ref ?? null,
	};
	state.messages.push(message);
	return send(201, messageView(message, caseMap(state)));
}

/** A client-uploaded document (direction received): { case_id|integration_id, file_name, content | content_base64, content_type? }. */
function adminClientFile({ state, body, now, send, baseUrl }) {
	const c = caseFromAdminBody(state, body);
	const errors = new FieldErrors();
	if (typeof body.file_name !== 'string' || !body.file_name)
		errors.add('file_name', 'required', 'file_name is required.');
	const bytes =
		typeof body.content_base64 === 'string'
			? Buffer.from(body.content_base64, 'base64')
			: typeof body.content === 'string'
				? Buffer.from(body.content, 'utf8')
				: null;
	if (!bytes || !bytes.length)
		errors.add('content', 'required', 'Give content (utf-8) or content_base64, not empty.');
	errors.throwIfAny();
	const record = makeFile(
		nextId(state, 'file'),
		c.id,
		body.file_name,
		guessContentType(body.file_name, body.content_type),
		bytes,
		now(),
		{
			direction: 'received',
			external_ref: body.external_ref ?? null,
		},
	);
	state.files.push(record);
	return send(201, fileView(record, caseMap(state), baseUrl));
}

function adminSettings({ state, body, send }) {
	requireObject(body);
	if (body.require_practice_area_and_stage !== undefined) {
		if (typeof body.require_practice_area_and_stage !== 'boolean') {
			new FieldErrors()
				.add('require_practice_area_and_stage', 'invalid_format', 'Must be a boolean.')
				.throwIfAny();
		}
		state.settings.require_practice_area_and_stage = body.require_practice_area_and_stage;
	}
	return send(200, state.settings);
}

// ---------------------------------------------------------------- module

function auth(req) {
	const m = /^ApiKey\s+(\S+)\s*$/i.exec(req.headers.authorization || '');
	return m ? m[1] : null;
}

/** PUT /__admin/state: fill what a hand-written state may lack so ids keep increasing. */
function normalizeState(input) {
	const s = {
		firm: {},
		settings: {},
		users: [],
		stages: [],
		practice_areas: [],
		cases: [],
		messages: [],
		files: [],
		...input,
	};
	s.settings = { require_practice_area_and_stage: true, ...s.settings };
	const max = (list, start) => list.reduce((m, x) => Math.max(m, Number(x.id) || 0), start - 1) + 1;
	const clients = s.cases.flatMap((c) => c.clients || []);
	const floor = {
		case: max(s.cases, 5001),
		client: max(clients, 7001),
		message: max(s.messages, 90001),
		file: max(s.files, 30001),
	};
	s.next_ids = { ...(s.next_ids || {}) };
	for (const [k, v] of Object.entries(floor))
		s.next_ids[k] = Math.max(Number(s.next_ids[k]) || 0, v);
	for (const c of s.cases) {
		c.extra = { ...defaultExtra(), ...(c.extra || {}) };
		c.attorneys = c.attorneys || [];
		c.clients = (c.clients || []).map((cl) => ({
			...cl,
			app: { ...emptyApp(), ...(cl.app || {}) },
		}));
	}
	return s;
}

module.exports = {
	name: 'case-status',
	prefix: '/case-status',
	demoKey: DEMO_KEY,
	keys: [DEMO_KEY, CANARY_KEY],
	auth,
	authHint: 'Missing or invalid API key. Send the header "Authorization: ApiKey <key>".',
	authChallenge: 'ApiKey',
	rateLimit: { perSecond: 5, burst: 5 },
	seed,
	generate,
	normalizeState,
	SEED_FACTS,
	routes: [
		{ method: 'GET', path: '/reporting/cases', handler: reportingCases },
		{ method: 'GET', path: '/reporting/firm', handler: reportingFirm },
		{ method: 'GET', path: '/v1/api/messages', handler: listMessages },
		{ method: 'GET', path: '/v1/api/files', handler: listFiles },
		{ method: 'GET', path: '/v1/api/files/:id/content', handler: downloadFile },
		{ method: 'GET', path: '/v1/api/cases', handler: listCases },
		{ method: 'POST', path: '/v1/api/cases', handler: createCase },
		{ method: 'GET', path: '/v1/api/cases/:id', handler: getCase },
		{ method: 'PATCH', path: '/v1/api/cases/:id', handler: patchCase },
		{ method: 'POST', path: '/v1/api/cases/:id/close', handler: closeCase },
		{ method: 'POST', path: '/v1/api/cases/:id/reopen', handler: reopenCase },
		{ method: 'POST', path: '/v1/api/cases/:id/messages', handler: sendMessage },
		{
			method: 'POST',
			path: '/v1/api/cases/:id/files',
			handler: uploadFile,
			upload: { maxFileBytes: MAX_FILE_BYTES },
		},
		{ method: 'GET', path: '/v1/api/stages', handler: listStages },
		{ method: 'GET', path: '/v1/api/practice-areas', handler: listPracticeAreas },
		{ method: 'GET', path: '/v1/api/users', handler: listUsers },
	],
	adminRoutes: [
		{ method: 'POST', path: '/messages', handler: adminClientMessage },
		{ method: 'POST', path: '/files', handler: adminClientFile },
		{ method: 'PATCH', path: '/settings', handler: adminSettings },
		{
			method: 'POST',
			path: '/messy',
			handler: ({ state, now }) => messyCaseStatus(state, now, { emptyApp, defaultExtra }),
		},
	],
	// Exposed for tests and other modules' fixtures.
	helpers: { makeClient, isE164, MAX_FILE_BYTES },
};
