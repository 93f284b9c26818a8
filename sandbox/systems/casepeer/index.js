'use strict';

// CASEpeer emulator: the whole of docs/api/casepeer.md. Lists use the shared
// `page`/`per_page` envelope and keyset feeds (lib/paging.js). Internal case records keep the Case shape plus
// an internal `extra` ({deleted_at, merged_into_id}); responses go through views.js. The seed is built from the
// Case Status seed (seed.js), so both systems describe the same demo firm.

const { HttpError, FieldErrors, queryList, querySingle } = require('../../lib/http');
const {
	readPaging,
	pageEnvelope,
	readKeyset,
	keysetOrder,
	boolParam,
} = require('../../lib/paging');
const { guessContentType, contentDisposition } = require('../../lib/files');
const {
	seed,
	generate,
	caseRecord,
	documentRecord,
	SEED_FACTS,
	DEMO_KEY,
	CANARY_KEY,
	LAST_SYNC_AT,
	FIRST_CASE_ID,
} = require('./seed');
const {
	caseView,
	stageView,
	staffView,
	noteCategoryView,
	noteView,
	documentView,
} = require('./views');
const { messyCasePeer } = require('./messy');
const { validateNoteWrite, validateConnection, validateCaseEdit, checkRef } = require('./validate');

const MAX_FILE_BYTES = 50 * 1024 * 1024;
const STATUSES = ['open', 'closed'];
const ROLES = ['attorney', 'paralegal', 'case_manager', 'staff'];
const MAX_FOLDER = 100;
const MAX_DESCRIPTION = 2000;
const MAX_FILE_NAME = 255;

// Who a key is. The label is what /v1/me reports; the author is stamped on notes the key writes.
const KEY_INFO = {
	[DEMO_KEY]: {
		label: 'Case Status',
		author: { id: 'api_case_status', name: 'Case Status Integration' },
	},
	[CANARY_KEY]: { label: 'Canary', author: { id: 'api_canary', name: 'Canary Monitor' } },
};

// ---------------------------------------------------------------- helpers

const isGone = (c) => Boolean(c.extra && (c.extra.deleted_at || c.extra.merged_into_id));
const view = (state) => (c) => caseView(c, state.firm.host);

/** case_id path segment: a positive integer, else 400 invalid_format. */
function parseCaseId(raw, field = 'case_id') {
	if (!/^[1-9]\d{0,14}$/.test(String(raw))) {
		new FieldErrors()
			.add(
				field,
				'invalid_format',
				`${field} must be a positive integer (the number after /case/).`,
			)
			.throwIfAny();
	}
	return Number(raw);
}

function caseNotFound(raw) {
	return new HttpError(404, 'not_found', `Case ${raw} not found.`, { resource: 'case', id: raw });
}

/** The case record, deleted/merged ones included (writes turn those into 422). */
function anyCase(state, raw) {
	const id = parseCaseId(raw);
	const c = state.cases.find((x) => x.id === id);
	if (!c) throw caseNotFound(raw);
	return c;
}

/** A case that reads can see: deleted and merged cases are gone for reads (404). */
function liveCase(state, raw) {
	const c = anyCase(state, raw);
	if (isGone(c)) throw caseNotFound(raw);
	return c;
}

/** 422 case_not_writable for a deleted or merged case. */
function assertWritable(c) {
	if (!isGone(c)) return;
	const reason = c.extra.merged_into_id ? 'merged' : 'deleted';
	throw new HttpError(
		422,
		'case_not_writable',
		`Case ${c.id} was ${reason}; it takes no new writes.`,
		{
			case_id: c.id,
			reason,
			merged_into_id: c.extra.merged_into_id ?? null,
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

function enumList(query, key, allowed, errors) {
	const values = queryList(query, key);
	if (values.some((v) => !allowed.includes(v)))
		errors.add(key, 'invalid_value', `${key} must be one of ${allowed.join(', ')}.`);
	return new Set(values);
}

function caseIdList(query, key, errors) {
	const values = queryList(query, key);
	if (values.some((v) => !/^[1-9]\d{0,14}$/.test(v)))
		errors.add(key, 'invalid_format', `${key} values must be positive integers.`);
	return new Set(values.filter((v) => /^[1-9]\d{0,14}$/.test(v)).map(Number));
}

const byName = (a, b) =>
	a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

const single = (v) => (Array.isArray(v) ? v[0] : v);

// ---------------------------------------------------------------- me

function me({ state, key, send }) {
	const info = KEY_INFO[key] || { label: 'API key' };
	return send(200, {
		firm_name: state.firm.name,
		firm_host: state.firm.host,
		key_label: info.label,
		integration: 'case_status',
	});
}

// ---------------------------------------------------------------- cases

/**
 * Staff keep saving cases while an integration reads the list: with churn on, every list read of cases saves
 * `perRead` other cases (their updated_at moves to now) after the page was taken, as a real CASEpeer would between
 * two page requests. A reader that pages by number then skips cases; one that reads by keyset does not.
 */
function churn(state, now) {
	const c = state.churn;
	if (!c || !c.perRead) return;
	const live = state.cases.filter((x) => !isGone(x) && x.case_status_connected);
	for (let k = 0; k < c.perRead && live.length; k++) {
		c.seed = (c.seed * 1103515245 + 12345) % 2147483648;
		const kase = live[c.seed % live.length];
		kase.updated_at = now();
		c.saved++;
	}
}

function listCases({ state, query, send, now }) {
	const errors = new FieldErrors();
	const p = readPaging(query, errors);
	const { since, afterId } = readKeyset(query, errors, { integerIds: true });
	const statuses = enumList(query, 'status', STATUSES, errors);
	const connected = boolParam(query, 'case_status_connected', errors);
	const areas = new Set(queryList(query, 'practice_area'));
	const stageIds = new Set(queryList(query, 'stage_id'));
	errors.throwIfAny();
	const rows = state.cases.filter(
		(c) =>
			!isGone(c) &&
			(!statuses.size || statuses.has(c.status)) &&
			(connected === undefined || c.case_status_connected === connected) &&
			(!areas.size || areas.has(c.practice_area)) &&
			(!stageIds.size || (c.stage && stageIds.has(c.stage.id))),
	);
	const page = pageEnvelope(keysetOrder(rows, { since, afterId }), p, view(state));
	churn(state, now);
	return send(200, page);
}

function getCase({ state, params, send }) {
	return send(200, caseView(liveCase(state, params.id), state.firm.host));
}

/** connect-case: idempotent; an already-set flag changes only case_status_id, and only when one is sent. */
function connect({ state, params, body, strict, now, send }) {
	const c = anyCase(state, params.id);
	assertWritable(c);
	const v = validateConnection(body, strict);
	let changed = false;
	if (!c.case_status_connected) {
		c.case_status_connected = true;
		c.case_status_connected_at = null; // stamped below
		changed = true;
	}
	if (v.case_status_id !== undefined && v.case_status_id !== c.case_status_id) {
		c.case_status_id = v.case_status_id;
		changed = true;
	}
	if (changed) {
		const at = now();
		if (c.case_status_connected_at === null) c.case_status_connected_at = at;
		c.updated_at = at;
	}
	return send(200, caseView(c, state.firm.host));
}

/** disconnect-case: idempotent. case_status_id is kept: Case Status's id for the case if it is connected again. */
function disconnect({ state, params, now, send }) {
	const c = anyCase(state, params.id);
	assertWritable(c);
	if (c.case_status_connected) {
		c.case_status_connected = false;
		c.case_status_connected_at = null;
		c.updated_at = now();
	}
	return send(200, caseView(c, state.firm.host));
}

// ---------------------------------------------------------------- lookups

function listStages({ state, query, send }) {
	const errors = new FieldErrors();
	const p = readPaging(query, errors);
	const area = querySingle(query, 'practice_area', errors);
	const active = boolParam(query, 'active', errors);
	errors.throwIfAny();
	const rows = state.stages
		.filter(
			(s) =>
				(area === undefined || s.practice_area === null || s.practice_area === area) &&
				(active === undefined || s.active === active),
		)
		.sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1));
	return send(200, pageEnvelope(rows, p, stageView));
}

function listStaff({ state, query, send }) {
	const errors = new FieldErrors();
	const p = readPaging(query, errors);
	const roles = enumList(query, 'role', ROLES, errors);
	const emails = new Set(queryList(query, 'email').map((e) => e.toLowerCase()));
	const active = boolParam(query, 'active', errors);
	errors.throwIfAny();
	const rows = state.staff
		.filter(
			(s) =>
				(!roles.size || roles.has(s.role)) &&
				(!emails.size || (s.email && emails.has(s.email.toLowerCase()))) &&
				(active === undefined || s.active === active),
		)
		.map((s) => ({ ...s, name: `${s.first_name} ${s.last_name}` }))
		.sort(byName);
	return send(200, pageEnvelope(rows, p, staffView));
}

function listNoteCategories({ state, query, send }) {
	const errors = new FieldErrors();
	const p = readPaging(query, errors);
	const active = boolParam(query, 'active', errors);
	errors.throwIfAny();
	const rows = state.note_categories
		.filter((x) => active === undefined || x.active === active)
		.sort(byName);
	return send(200, pageEnvelope(rows, p, noteCategoryView));
}

// ---------------------------------------------------------------- notes

function listNotes({ state, params, query, send }) {
	const c = liveCase(state, params.id);
	const errors = new FieldErrors();
	const p = readPaging(query, errors);
	const { since, afterId } = readKeyset(query, errors);
	const categories = new Set(queryList(query, 'category_id'));
	const refs = new Set(queryList(query, 'external_ref'));
	errors.throwIfAny();
	const rows = state.notes.filter(
		(n) =>
			n.case_id === c.id &&
			(!categories.size || categories.has(n.category_id)) &&
			(!refs.size || refs.has(n.external_ref)),
	);
	return send(200, pageEnvelope(keysetOrder(rows, { since, afterId }), p, noteView));
}

/** Stores a validated note on a case, as its author wrote it at `at`. */
function addNote(state, c, v, author, at) {
	const note = {
		id: `n_${state.next_ids.note++}`,
		case_id: c.id,
		text: v.text,
		category_id: v.category ? v.category.id : null,
		is_critical: v.is_critical ?? false,
		external_ref: v.external_ref ?? null,
		author,
		created_at: at,
		updated_at: at,
	};
	state.notes.push(note);
	return note;
}

/**
 * create-case-note. Order of checks: 400 bad path id, 404, 409 (a retried create is a success, even if the case has
 * since gone), 422 deleted/merged, 400 body. Closed cases accept notes. The case's updated_at does not change.
 */
function createNote({ state, params, body, key, strict, now, send }) {
	const c = anyCase(state, params.id);
	if (
		body &&
		typeof body === 'object' &&
		typeof body.external_ref === 'string' &&
		body.external_ref
	) {
		const existing = state.notes.find((n) => n.external_ref === body.external_ref);
		if (existing) throw duplicateRef(existing.id, body.external_ref, 'note');
	}
	assertWritable(c);
	const v = validateNoteWrite(body, state, strict);
	const note = addNote(state, c, v, (KEY_INFO[key] || {}).author || null, now());
	return send(201, noteView(note));
}

// ---------------------------------------------------------------- documents

function documentRows(state, query, errors, { caseId } = {}) {
	const p = readPaging(query, errors);
	const { since, afterId } = readKeyset(query, errors);
	const caseIds = caseId === undefined ? caseIdList(query, 'case_id', errors) : new Set([caseId]);
	const refs = new Set(queryList(query, 'external_ref'));
	errors.throwIfAny();
	const gone = new Set(state.cases.filter(isGone).map((c) => c.id));
	const rows = state.documents.filter(
		(d) =>
			!gone.has(d.case_id) &&
			(!caseIds.size || caseIds.has(d.case_id)) &&
			(!refs.size || refs.has(d.external_ref)),
	);
	return pageEnvelope(keysetOrder(rows, { since, afterId }), p, documentView);
}

function listDocuments({ state, query, send }) {
	return send(200, documentRows(state, query, new FieldErrors()));
}

function listCaseDocuments({ state, params, query, send }) {
	const c = liveCase(state, params.id);
	return send(200, documentRows(state, query, new FieldErrors(), { caseId: c.id }));
}

function downloadDocument({ state, params, sendRaw }) {
	const d = state.documents.find((x) => x.id === params.id);
	const c = d && state.cases.find((x) => x.id === d.case_id);
	if (!d || !c || isGone(c))
		throw new HttpError(404, 'not_found', `Document ${params.id} not found.`, {
			resource: 'document',
			id: params.id,
		});
	return sendRaw(200, Buffer.from(d.content_base64 || '', 'base64'), {
		'Content-Type': d.content_type || 'application/octet-stream',
		'Content-Disposition': contentDisposition(d.file_name),
	});
}

/** upload-document: multipart `file` (its filename is the document name) + folder, external_ref, description. */
function uploadDocument({ state, params, body, files, strict, now, send }) {
	const c = anyCase(state, params.id);
	const ref = single(body.external_ref);
	if (typeof ref === 'string' && ref !== '') {
		const existing = state.documents.find((d) => d.external_ref === ref);
		if (existing) throw duplicateRef(existing.id, ref, 'document');
	}
	assertWritable(c);
	const errors = new FieldErrors();
	if (strict)
		for (const k of Object.keys(body))
			if (!['folder', 'external_ref', 'description'].includes(k))
				errors.add(k, 'unknown_field', `${k} is not a known part.`);
	for (const k of ['folder', 'external_ref', 'description'])
		if (Array.isArray(body[k])) errors.add(k, 'invalid_format', `${k} must be sent once.`);
	if (Array.isArray(files.file)) errors.add('file', 'invalid_format', 'Send one file per upload.');
	const file = single(files.file);
	if (!file) errors.add('file', 'required', 'The multipart part "file" is required.');
	else if (file.data.length === 0) errors.add('file', 'invalid_value', 'The file is empty.');
	const fileName = file ? String(file.filename || '').replace(/^.*[\\/]/, '') : '';
	if (file && !fileName)
		errors.add(
			'file',
			'required',
			'The file part needs a filename (it becomes the document name).',
		);
	else if (fileName.length > MAX_FILE_NAME)
		errors.add('file', 'too_long', `The file name is over ${MAX_FILE_NAME} characters.`);
	const folder = single(body.folder);
	if (folder !== undefined && folder.length > MAX_FOLDER)
		errors.add('folder', 'too_long', `At most ${MAX_FOLDER} characters.`);
	const description = single(body.description);
	if (description !== undefined && description.length > MAX_DESCRIPTION)
		errors.add('description', 'too_long', `At most ${MAX_DESCRIPTION} characters.`);
	checkRef(errors, ref === '' ? null : ref);
	errors.throwIfAny();
	const folderName = folder && folder.trim() ? folder.trim() : null;
	if (folderName && !state.folders.includes(folderName)) state.folders.push(folderName); // unknown → created
	const record = documentRecord(
		`d_${state.next_ids.document++}`,
		c.id,
		fileName,
		guessContentType(fileName, file.contentType),
		file.data,
		now(),
		{ folder: folderName, description: description || null, external_ref: ref || null },
	);
	state.documents.push(record);
	return send(201, documentView(record));
}

// ---------------------------------------------------------------- admin helpers (/__admin/casepeer/...)

function clientsFrom(state, resolved) {
	return resolved.map(({ base, fields }, k) => {
		const client = fields ? { id: base ? base.id : null, ...fields } : { ...base };
		client.is_primary = k === 0;
		return client;
	});
}

/** Applies resolved edit fields to a copy of `c`; stamps nothing. */
function applyEdit(c, v, state) {
	const next = { ...c };
	for (const k of [
		'name',
		'number',
		'practice_area',
		'case_type',
		'incident_date',
		'stage',
		'status',
		'status_label',
		'primary_attorney',
		'staff',
	])
		if (v[k] !== undefined) next[k] = v[k];
	if (v.clients) next.clients = clientsFrom(state, v.clients);
	return next;
}

/** Stamps what a real CASEpeer save stamps: updated_at, and stage_updated_at / closed_at / status_label. */
function stampEdit(before, next, at, v) {
	next.updated_at = at;
	const stageOf = (x) => (x.stage ? x.stage.id : null);
	if (stageOf(before) !== stageOf(next)) next.stage_updated_at = next.stage ? at : null;
	if (before.status !== next.status) {
		next.closed_at = next.status === 'closed' ? at : null;
		if (v.status_label === undefined)
			next.status_label = next.status === 'closed' ? 'Closed' : 'Open';
	}
}

/**
 * PATCH /__admin/casepeer/cases/:id — a CASEpeer user edits the case: { stage | stage_id, status, status_label,
 * name, number, practice_area, case_type, incident_date, primary_attorney_email, staff_emails,
 * clients | primary_client }. A save that changes nothing stamps nothing.
 */
function adminEditCase({ state, params, body, now, send }) {
	const c = liveCase(state, params.id);
	const v = validateCaseEdit(body, state, c);
	const next = applyEdit(c, v, state);
	const host = state.firm.host;
	if (JSON.stringify(caseView(next, host)) === JSON.stringify(caseView(c, host)))
		return send(200, caseView(c, host));
	for (const client of next.clients)
		if (client.id === null) client.id = `cl_${state.next_ids.client++}`;
	stampEdit(c, next, now(), v);
	Object.assign(c, next);
	return send(200, caseView(c, host));
}

/**
 * POST /__admin/casepeer/cases — a CASEpeer user creates a case (not connected unless told): the edit fields
 * plus id?, case_status_connected?, case_status_id?. Default stage: the first active one.
 */
function adminCreateCase({ state, body, now, send }) {
	const v = validateCaseEdit(body, state, null, { create: true });
	const at = now();
	let id = body.id;
	if (id === undefined) {
		id = Math.max(state.next_ids.case, FIRST_CASE_ID);
		while (state.cases.some((c) => c.id === id)) id++;
	}
	state.next_ids.case = Math.max(state.next_ids.case, id + 1);
	const firstStage = state.stages
		.filter((s) => s.active)
		.sort((a, b) => a.position - b.position)[0];
	const stage =
		v.stage !== undefined
			? v.stage
			: firstStage
				? { id: firstStage.id, name: firstStage.name }
				: null;
	const status = v.status || 'open';
	const record = caseRecord({
		...v,
		id,
		stage,
		stage_updated_at: stage ? at : null,
		status,
		status_label: v.status_label ?? (status === 'closed' ? 'Closed' : 'Open'),
		clients: v.clients ? clientsFrom(state, v.clients) : [],
		case_status_connected: body.case_status_connected === true,
		case_status_connected_at: body.case_status_connected === true ? at : null,
		case_status_id: body.case_status_id ?? null,
		created_at: at,
		updated_at: at,
		closed_at: status === 'closed' ? at : null,
	});
	for (const client of record.clients)
		if (client.id === null) client.id = `cl_${state.next_ids.client++}`;
	state.cases.push(record);
	return send(201, caseView(record, state.firm.host));
}

/** DELETE /__admin/casepeer/cases/:id — soft delete: reads 404, writes 422 case_not_writable. */
function adminDeleteCase({ state, params, now, send }) {
	const c = anyCase(state, params.id);
	if (!c.extra.deleted_at) {
		const at = now();
		c.extra.deleted_at = at;
		c.updated_at = at;
	}
	return send(200, { ok: true, id: c.id, deleted_at: c.extra.deleted_at });
}

/**
 * POST /__admin/casepeer/cases/:id/merge { into_id } — the case is merged into another: its notes and
 * documents move there (and get a new updated_at, so their feeds show the move); the merged case then reads as
 * 404 and refuses writes with 422.
 */
function adminMergeCase({ state, params, body, now, send }) {
	const c = liveCase(state, params.id);
	const intoRaw = body && body.into_id;
	if (!Number.isInteger(intoRaw) || intoRaw < 1)
		new FieldErrors().add('into_id', 'invalid_format', 'into_id must be a case id.').throwIfAny();
	const into = liveCase(state, String(intoRaw));
	if (into.id === c.id)
		new FieldErrors()
			.add('into_id', 'invalid_value', 'A case cannot be merged into itself.')
			.throwIfAny();
	const at = now();
	c.extra.merged_into_id = into.id;
	c.updated_at = at;
	let notes = 0;
	let documents = 0;
	for (const n of state.notes)
		if (n.case_id === c.id) {
			n.case_id = into.id;
			n.updated_at = at;
			notes++;
		}
	for (const d of state.documents)
		if (d.case_id === c.id) {
			d.case_id = into.id;
			d.updated_at = at;
			documents++;
		}
	return send(200, { ok: true, id: c.id, merged_into_id: into.id, moved: { notes, documents } });
}

/** POST /__admin/casepeer/churn { perRead } — see churn(); 0 turns it off. Answers how many saves it made so far. */
function adminChurn({ state, body, send }) {
	const perRead = body && body.perRead;
	if (!Number.isInteger(perRead) || perRead < 0)
		new FieldErrors()
			.add('perRead', 'invalid_format', 'perRead must be an integer ≥ 0.')
			.throwIfAny();
	state.churn = {
		perRead,
		seed: (state.churn && state.churn.seed) || 7,
		saved: (state.churn && state.churn.saved) || 0,
	};
	return send(200, state.churn);
}

/** POST /__admin/casepeer/cases/:id/notes { text, category_id? } — a staff member writes a note in CASEpeer. */
function adminStaffNote({ state, params, body, now, send }) {
	const c = liveCase(state, params.id);
	const v = validateNoteWrite(body, state, false);
	const author = c.primary_attorney
		? { id: c.primary_attorney.id, name: c.primary_attorney.name }
		: null;
	return send(201, noteView(addNote(state, c, v, author, now())));
}

/** GET /__admin/casepeer/facts — SEED_FACTS over HTTP, for workflow templates that cannot require() them. */
function adminFacts({ send }) {
	return send(200, SEED_FACTS);
}

// ---------------------------------------------------------------- module

function auth(req) {
	const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization || '');
	return m ? m[1] : null;
}

/** PUT /__admin/state: fill what a hand-written state may lack so ids keep increasing. */
function normalizeState(input) {
	const s = {
		firm: { name: 'Sandbox Firm', host: SEED_FACTS.firmHost },
		stages: [],
		staff: [],
		note_categories: [],
		folders: [],
		cases: [],
		notes: [],
		documents: [],
		...input,
	};
	s.firm = { name: 'Sandbox Firm', host: SEED_FACTS.firmHost, ...s.firm };
	const numberAfter = (list, prefix, start) =>
		list.reduce((m, x) => {
			const n = Number(String(x.id).slice(prefix.length));
			return Number.isInteger(n) ? Math.max(m, n + 1) : m;
		}, start);
	const floor = {
		case: s.cases.reduce((m, c) => Math.max(m, Number(c.id) + 1 || 0), FIRST_CASE_ID),
		client: numberAfter(
			s.cases.flatMap((c) => c.clients || []),
			'cl_',
			1,
		),
		note: numberAfter(s.notes, 'n_', 88401),
		document: numberAfter(s.documents, 'd_', 5516),
	};
	s.next_ids = { ...(s.next_ids || {}) };
	for (const [k, v] of Object.entries(floor))
		s.next_ids[k] = Math.max(Number(s.next_ids[k]) || 0, v);
	s.cases = s.cases.map((c) => caseRecord(c));
	return s;
}

module.exports = {
	name: 'casepeer',
	prefix: '/casepeer',
	demoKey: DEMO_KEY,
	keys: [DEMO_KEY, CANARY_KEY],
	auth,
	authHint: 'Missing or invalid CASEpeer Key. Send the header "Authorization: Bearer <key>".',
	authChallenge: 'Bearer',
	rateLimit: { perSecond: 10, burst: 10 },
	seed,
	generate,
	normalizeState,
	SEED_FACTS,
	routes: [
		{ method: 'GET', path: '/v1/me', handler: me },
		{ method: 'GET', path: '/v1/cases', handler: listCases },
		{ method: 'GET', path: '/v1/cases/:id', handler: getCase },
		{ method: 'PUT', path: '/v1/cases/:id/case-status-connection', handler: connect },
		{ method: 'DELETE', path: '/v1/cases/:id/case-status-connection', handler: disconnect },
		{ method: 'GET', path: '/v1/stages', handler: listStages },
		{ method: 'GET', path: '/v1/staff', handler: listStaff },
		{ method: 'GET', path: '/v1/note-categories', handler: listNoteCategories },
		{ method: 'GET', path: '/v1/cases/:id/notes', handler: listNotes },
		{ method: 'POST', path: '/v1/cases/:id/notes', handler: createNote },
		{ method: 'GET', path: '/v1/documents', handler: listDocuments },
		{ method: 'GET', path: '/v1/cases/:id/documents', handler: listCaseDocuments },
		{ method: 'GET', path: '/v1/documents/:id/content', handler: downloadDocument },
		{
			method: 'POST',
			path: '/v1/cases/:id/documents',
			handler: uploadDocument,
			upload: { maxFileBytes: MAX_FILE_BYTES },
		},
	],
	adminRoutes: [
		{ method: 'GET', path: '/facts', handler: adminFacts },
		{ method: 'POST', path: '/churn', handler: adminChurn },
		{ method: 'POST', path: '/cases/:id/notes', handler: adminStaffNote },
		{ method: 'POST', path: '/messy', handler: ({ state, now }) => messyCasePeer(state, now) },
		{ method: 'POST', path: '/cases', handler: adminCreateCase },
		{ method: 'PATCH', path: '/cases/:id', handler: adminEditCase },
		{ method: 'DELETE', path: '/cases/:id', handler: adminDeleteCase },
		{ method: 'POST', path: '/cases/:id/merge', handler: adminMergeCase },
	],
	helpers: { MAX_FILE_BYTES, LAST_SYNC_AT },
};
