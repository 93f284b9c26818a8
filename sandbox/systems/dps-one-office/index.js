'use strict';

// DPS One Office emulator: the whole of docs/api/dps-one-office.md. Every request needs
// `Authorization: Bearer <key>` AND `X-DPS-Database` (missing → 400 validation_failed, a database the key may not
// use → 403 database_forbidden); the rate limit is per key + database. Lookup lists are paginated and sorted by
// code; client, contact and matter lists by (updated_at, id) with keyset feeds. Creates are atomic and keyed by
// external_ref (409 duplicate_external_ref with existing_id). Refs as docs/api/dps-one-office.md#refs.

const crypto = require('node:crypto');
const { HttpError, FieldErrors, queryList, querySingle } = require('../../lib/http');
const {
	readPaging,
	pageEnvelope,
	readKeyset,
	keysetOrder,
	boolParam,
} = require('../../lib/paging');
const {
	seed,
	generate,
	clientRecord,
	contactRecord,
	matterRecord,
	displayName,
	nextClientRef,
	nextMatRef,
	nextContactId,
	sequencesFrom,
	SEED_FACTS,
	DEMO_KEY,
	CANARY_KEY,
	DATABASE,
	FIRM_NAME,
} = require('./seed');
const {
	appCodeView,
	feeEarnerView,
	branchView,
	contactTypeView,
	clientView,
	contactView,
	matterView,
	matterContactView,
} = require('./views');
const messy = require('./messy');
const {
	validateClientWrite,
	validateContactWrite,
	validateMatterWrite,
	validateAttach,
	attachKeys,
	postcodeKey,
	nameKey,
} = require('./validate');

const DATABASE_HEADER = 'X-DPS-Database';

// Who a key is (GET /v1/me) and which databases it may use. Database names compare case-insensitively, as SQL
// Server's default collation does.
const KEY_INFO = [
	{ key: DEMO_KEY, user_code: 'WEB', name: 'Web Integration', databases: [DATABASE] },
	{ key: CANARY_KEY, user_code: 'MON', name: 'Canary Monitor', databases: [DATABASE] },
];

// ---------------------------------------------------------------- auth

/** Constant-time comparison; hashing first evens out the lengths. */
function safeEqual(a, b) {
	const ha = crypto.createHash('sha256').update(String(a)).digest();
	const hb = crypto.createHash('sha256').update(String(b)).digest();
	return crypto.timingSafeEqual(ha, hb);
}

const infoFor = (key) => KEY_INFO.find((k) => safeEqual(k.key, key)) || null;

function databaseHeader(req) {
	const raw = req.headers['x-dps-database'];
	return typeof raw === 'string' ? raw.trim() : '';
}

/**
 * A wrong or missing key → null (the core answers 401). With a valid key the database header is checked here, so
 * it applies to every request, unknown routes included: missing → 400, not allowed or not existing → 403 (the two
 * are not told apart). The rate-limit bucket is the key + database.
 */
function auth(req) {
	const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization || '');
	const info = m ? infoFor(m[1]) : null;
	if (!info) return null;
	const database = databaseHeader(req);
	if (!database) {
		new FieldErrors()
			.add(
				DATABASE_HEADER,
				'required',
				`Send the header "${DATABASE_HEADER}: <firm database name>" on every request.`,
			)
			.throwIfAny(`The ${DATABASE_HEADER} header is missing.`);
	}
	if (!info.databases.some((d) => d.toUpperCase() === database.toUpperCase())) {
		throw new HttpError(
			403,
			'database_forbidden',
			'This API key may not use that database, or it does not exist.',
		);
	}
	return { key: m[1], rateKey: `${m[1]}\u0000${database.toUpperCase()}` };
}

// ---------------------------------------------------------------- helpers

const byCode = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/** Keyset order over records whose id lives under `idKey` (client_ref, contact_id, mat_ref). */
function feed(rows, idKey, keyset) {
	const keyed = rows.map((r) => ({ id: r[idKey], updated_at: r.updated_at, r }));
	return keysetOrder(keyed, keyset).map((k) => k.r);
}

function notFound(resource, id) {
	return new HttpError(404, 'not_found', `${resource} ${id} not found.`, { resource, id });
}

function duplicateRef(existingId, value, what) {
	return new HttpError(
		409,
		'duplicate_external_ref',
		`A ${what} with external_ref ${JSON.stringify(value)} already exists.`,
		{ existing_id: existingId, field: 'external_ref', value },
	);
}

function clientOr404(state, ref) {
	const c = state.clients.find((x) => x.client_ref === ref);
	if (!c) throw notFound('client', ref);
	return c;
}

function contactOr404(state, id) {
	const c = state.contacts.find((x) => x.contact_id === id);
	if (!c) throw notFound('contact', id);
	return c;
}

function matterOr404(state, ref) {
	const m = state.matters.find((x) => x.mat_ref === ref);
	if (!m) throw notFound('matter', ref);
	return m;
}

/** A create's external_ref, when it is a usable string (the 409 check runs before validation). */
const refOf = (body) =>
	body &&
	typeof body === 'object' &&
	typeof body.external_ref === 'string' &&
	body.external_ref.trim()
		? body.external_ref.trim()
		: null;

/**
 * The find filters of find-clients and find-contacts: external_ref (repeatable) OR name + postcode, plus the keyset.
 * Returns a predicate. external_ref together with name/postcode → 400; name and postcode must come together.
 */
function partyFilter(query, errors) {
	const refs = new Set(queryList(query, 'external_ref'));
	const name = querySingle(query, 'name', errors);
	const postcode = querySingle(query, 'postcode', errors);
	const byName = name !== undefined || postcode !== undefined;
	if (refs.size && byName) {
		errors.add(
			'external_ref',
			'invalid_value',
			'external_ref and name + postcode are mutually exclusive: send one or the other.',
		);
	} else if (byName) {
		if (name === undefined || !name.trim())
			errors.add('name', 'required', 'name is required together with postcode.');
		if (postcode === undefined || !postcode.trim())
			errors.add('postcode', 'required', 'postcode is required together with name.');
	}
	const wantName = nameKey(name);
	const wantPostcode = postcodeKey(postcode);
	return (r) =>
		(!refs.size || refs.has(r.external_ref)) &&
		(!byName ||
			(nameKey(r.display_name) === wantName &&
				Boolean(r.address) &&
				postcodeKey(r.address.postcode) === wantPostcode));
}

// ---------------------------------------------------------------- me

function me({ req, key, state, send }) {
	const info = infoFor(key);
	const database = databaseHeader(req);
	const canonical = info.databases.find((d) => d.toUpperCase() === database.toUpperCase());
	return send(200, {
		user_code: info.user_code,
		name: info.name,
		database: canonical,
		firm_name: state.firm.name,
	});
}

// ---------------------------------------------------------------- lookups

function lookupList(listKey, view, extra = () => () => true) {
	return ({ state, query, send }) => {
		const errors = new FieldErrors();
		const p = readPaging(query, errors);
		const active = boolParam(query, 'active', errors);
		const keep = extra(query, errors);
		errors.throwIfAny();
		const rows = state[listKey]
			.filter((x) => (active === undefined || x.active === active) && keep(x))
			.sort(byCode);
		return send(200, pageEnvelope(rows, p, view));
	};
}

/** list-fee-earners filters: app_code (the fee earner has rights to one of them), branch (exact); repeatable. */
function feeEarnerFilter(query) {
	const appCodes = queryList(query, 'app_code');
	const branches = new Set(queryList(query, 'branch'));
	return (f) =>
		(!appCodes.length || appCodes.some((c) => f.app_codes.includes(c))) &&
		(!branches.size || branches.has(f.branch));
}

// ---------------------------------------------------------------- clients

function listClients({ state, query, send }) {
	const errors = new FieldErrors();
	const p = readPaging(query, errors);
	const keyset = readKeyset(query, errors);
	const keep = partyFilter(query, errors);
	errors.throwIfAny();
	return send(
		200,
		pageEnvelope(feed(state.clients.filter(keep), 'client_ref', keyset), p, clientView),
	);
}

/** create-client. Order: 409 (a retried create is a success), then 400 with every bad field. */
function createClient({ state, body, strict, now, send }) {
	const ref = refOf(body);
	if (ref) {
		const existing = state.clients.find((c) => c.external_ref === ref);
		if (existing) throw duplicateRef(existing.client_ref, ref, 'client');
	}
	const v = validateClientWrite(body, strict);
	const stamp = now();
	const name = v.type === 'organisation' ? v.organisation_name : v.last_name;
	const record = clientRecord({
		...v,
		client_ref: nextClientRef(state, name),
		created_at: stamp,
		updated_at: stamp,
	});
	state.clients.push(record);
	return send(201, clientView(record));
}

function getClient({ state, params, send }) {
	return send(200, clientView(clientOr404(state, params.ref)));
}

// ---------------------------------------------------------------- contacts

function listContacts({ state, query, send }) {
	const errors = new FieldErrors();
	const p = readPaging(query, errors);
	const keyset = readKeyset(query, errors);
	const keep = partyFilter(query, errors);
	const types = new Set(queryList(query, 'contact_type'));
	errors.throwIfAny();
	const rows = state.contacts.filter((c) => keep(c) && (!types.size || types.has(c.contact_type)));
	return send(200, pageEnvelope(feed(rows, 'contact_id', keyset), p, contactView));
}

function createContact({ state, body, strict, now, send }) {
	const ref = refOf(body);
	if (ref) {
		const existing = state.contacts.find((c) => c.external_ref === ref);
		if (existing) throw duplicateRef(existing.contact_id, ref, 'contact');
	}
	const v = validateContactWrite(body, state, strict);
	const stamp = now();
	const record = contactRecord({
		...v,
		contact_id: nextContactId(state),
		created_at: stamp,
		updated_at: stamp,
	});
	state.contacts.push(record);
	return send(201, contactView(record));
}

function getContact({ state, params, send }) {
	return send(200, contactView(contactOr404(state, params.id)));
}

// ---------------------------------------------------------------- matters

/** find-matters: external_ref and client_ref are repeatable exact-match filters; client_ref matches joint clients. */
function listMatters({ state, query, send }) {
	const errors = new FieldErrors();
	const p = readPaging(query, errors);
	const keyset = readKeyset(query, errors);
	const refs = new Set(queryList(query, 'external_ref'));
	const clients = new Set(queryList(query, 'client_ref'));
	errors.throwIfAny();
	const rows = state.matters.filter(
		(m) =>
			(!refs.size || refs.has(m.external_ref)) &&
			(!clients.size ||
				clients.has(m.client_ref) ||
				m.additional_client_refs.some((r) => clients.has(r))),
	);
	return send(200, pageEnvelope(feed(rows, 'mat_ref', keyset), p, matterView));
}

/**
 * create-matter. Atomic: 409 for a known external_ref, then 400 listing every bad field (unknown or inactive app_code,
 * fee_earner and branch each get their own entry), then 422 fee_earner_lacks_app_rights. Only a fully valid
 * body writes anything, and a matter never touches its client record.
 */
function createMatter({ state, body, strict, now, send }) {
	const ref = refOf(body);
	if (ref) {
		const existing = state.matters.find((m) => m.external_ref === ref);
		if (existing) throw duplicateRef(existing.mat_ref, ref, 'matter');
	}
	const v = validateMatterWrite(body, state, strict);
	const stamp = now();
	const record = matterRecord({
		...v,
		mat_ref: nextMatRef(state, v.client_ref),
		status: 'open',
		contacts: [],
		created_at: stamp,
		updated_at: stamp,
	});
	state.matters.push(record);
	return send(201, matterView(record));
}

function getMatter({ state, params, send }) {
	return send(200, matterView(matterOr404(state, params.ref)));
}

const attachedOrder = (a, b) =>
	a.attached_at < b.attached_at
		? -1
		: a.attached_at > b.attached_at
			? 1
			: a.contact_id < b.contact_id
				? -1
				: a.contact_id > b.contact_id
					? 1
					: 0;

function listMatterContacts({ state, params, query, send }) {
	const m = matterOr404(state, params.ref);
	const errors = new FieldErrors();
	const p = readPaging(query, errors);
	errors.throwIfAny();
	return send(200, pageEnvelope(m.contacts.slice().sort(attachedOrder), p, matterContactView));
}

/**
 * attach-contact. Order: 404 matter, 409 already_attached (same contact and contact type; a retried attach is a
 * success), 400 every bad field, 422 matter_closed. Attaching stamps the matter's updated_at.
 */
function attachContact({ state, params, body, strict, now, send }) {
	const m = matterOr404(state, params.ref);
	const keys = attachKeys(body);
	if (keys) {
		const existing = m.contacts.find(
			(c) => c.contact_id === keys.id && c.contact_type === keys.type,
		);
		if (existing)
			throw new HttpError(
				409,
				'already_attached',
				`Contact ${keys.id} is already attached to ${m.mat_ref} as ${keys.type}.`,
				{ existing_id: existing.contact_id, contact_type: existing.contact_type },
			);
	}
	const v = validateAttach(body, state, strict);
	if (m.status === 'closed')
		throw new HttpError(422, 'matter_closed', `Matter ${m.mat_ref} is closed.`, {
			mat_ref: m.mat_ref,
		});
	const stamp = now();
	const row = { ...v, attached_at: stamp };
	m.contacts.push(row);
	m.updated_at = stamp;
	return send(201, matterContactView(row));
}

// ---------------------------------------------------------------- admin helpers (/__admin/dps-one-office/...)

/** GET /facts — SEED_FACTS over HTTP, for templates that cannot require() them. */
function adminFacts({ send }) {
	return send(200, SEED_FACTS);
}

/** POST /matters/:ref/close and /reopen — a One Office user closes or reopens a matter (idempotent). */
function adminSetStatus(status) {
	return ({ state, params, now, send }) => {
		const m = matterOr404(state, params.ref);
		if (m.status !== status) {
			m.status = status;
			m.updated_at = now();
		}
		return send(200, matterView(m));
	};
}

const LOOKUPS = {
	'app-codes': {
		key: 'app_codes',
		view: appCodeView,
		fields: ['description', 'active', 'is_default'],
	},
	'fee-earners': {
		key: 'fee_earners',
		view: feeEarnerView,
		fields: ['name', 'email', 'branch', 'app_codes', 'active'],
	},
	branches: { key: 'branches', view: branchView, fields: ['name', 'active'] },
	'contact-types': {
		key: 'contact_types',
		view: contactTypeView,
		fields: ['description', 'active'],
	},
};

function lookupOr404(name) {
	const l = LOOKUPS[name];
	if (!l) throw notFound('lookup', name);
	return l;
}

/**
 * PUT /lookups/:list/:code — the firm adds or edits an entry in DPSSQLConfig (e.g. retires a fee earner, adds an
 * AppCode). Body: the entry's fields; an existing entry keeps the fields not sent.
 */
function adminPutLookup({ state, params, body, send }) {
	const l = lookupOr404(params.list);
	const errors = new FieldErrors();
	if (!body || typeof body !== 'object' || Array.isArray(body))
		errors.add('body', 'invalid_format', 'The body must be a JSON object.').throwIfAny();
	for (const k of Object.keys(body))
		if (!l.fields.includes(k))
			errors.add(k, 'unknown_field', `${k} is not a field of ${params.list}.`);
	if (!/^[A-Z0-9]{1,10}$/.test(params.code))
		errors.add('code', 'invalid_format', 'code must be 1–10 upper-case letters or digits.');
	if ('active' in body && typeof body.active !== 'boolean')
		errors.add('active', 'invalid_format', 'active must be true or false.');
	if (
		'app_codes' in body &&
		!(Array.isArray(body.app_codes) && body.app_codes.every((c) => typeof c === 'string'))
	)
		errors.add('app_codes', 'invalid_format', 'app_codes must be a list of codes.');
	errors.throwIfAny();
	const list = state[l.key];
	let entry = list.find((x) => x.code === params.code);
	if (!entry) {
		entry = { code: params.code, active: true };
		if (l.key === 'app_codes') entry.is_default = false;
		if (l.key === 'fee_earners') entry.app_codes = [];
		list.push(entry);
	}
	Object.assign(entry, body);
	return send(200, l.view(entry));
}

// ---------------------------------------------------------------- module

/** PUT /__admin/state: fill what a hand-written state may lack and recompute the ref sequences. */
function normalizeState(input) {
	const base = seed();
	const s = {
		firm: { name: FIRM_NAME, database: DATABASE },
		app_codes: base.app_codes,
		fee_earners: base.fee_earners,
		branches: base.branches,
		contact_types: base.contact_types,
		clients: [],
		contacts: [],
		matters: [],
		...input,
	};
	s.clients = s.clients.map((c) => {
		const r = clientRecord(c);
		if (c.display_name) r.display_name = c.display_name;
		return r;
	});
	s.contacts = s.contacts.map((c) => contactRecord(c));
	s.matters = s.matters.map((m) => matterRecord(m));
	const derived = sequencesFrom(s.clients, s.matters, s.contacts);
	const given = s.sequences || {};
	s.sequences = {
		client: { ...derived.client },
		matter: { ...derived.matter },
		contact: Math.max(derived.contact, Number(given.contact) || 0),
	};
	for (const [k, v] of Object.entries(given.client || {}))
		s.sequences.client[k] = Math.max(s.sequences.client[k] || 0, Number(v) || 0);
	for (const [k, v] of Object.entries(given.matter || {}))
		s.sequences.matter[k] = Math.max(s.sequences.matter[k] || 0, Number(v) || 0);
	return s;
}

module.exports = {
	name: 'dps-one-office',
	prefix: '/dps-one-office',
	demoKey: DEMO_KEY,
	keys: [DEMO_KEY, CANARY_KEY],
	auth,
	authHint:
		'Missing or invalid API key. Send "Authorization: Bearer <key>" and "X-DPS-Database: <database>".',
	authChallenge: 'Bearer',
	rateLimit: { perSecond: 5, burst: 5 },
	seed,
	generate,
	normalizeState,
	SEED_FACTS,
	routes: [
		{ method: 'GET', path: '/v1/me', handler: me },
		{ method: 'GET', path: '/v1/app-codes', handler: lookupList('app_codes', appCodeView) },
		{
			method: 'GET',
			path: '/v1/fee-earners',
			handler: lookupList('fee_earners', feeEarnerView, feeEarnerFilter),
		},
		{ method: 'GET', path: '/v1/branches', handler: lookupList('branches', branchView) },
		{
			method: 'GET',
			path: '/v1/contact-types',
			handler: lookupList('contact_types', contactTypeView),
		},
		{ method: 'GET', path: '/v1/clients', handler: listClients },
		{ method: 'POST', path: '/v1/clients', handler: createClient },
		{ method: 'GET', path: '/v1/clients/:ref', handler: getClient },
		{ method: 'GET', path: '/v1/contacts', handler: listContacts },
		{ method: 'POST', path: '/v1/contacts', handler: createContact },
		{ method: 'GET', path: '/v1/contacts/:id', handler: getContact },
		{ method: 'GET', path: '/v1/matters', handler: listMatters },
		{ method: 'POST', path: '/v1/matters', handler: createMatter },
		{ method: 'GET', path: '/v1/matters/:ref', handler: getMatter },
		{ method: 'GET', path: '/v1/matters/:ref/contacts', handler: listMatterContacts },
		{ method: 'POST', path: '/v1/matters/:ref/contacts', handler: attachContact },
	],
	adminRoutes: [
		{ method: 'GET', path: '/facts', handler: adminFacts },
		{ method: 'POST', path: '/matters/:ref/close', handler: adminSetStatus('closed') },
		{ method: 'POST', path: '/matters/:ref/reopen', handler: adminSetStatus('open') },
		{ method: 'PUT', path: '/lookups/:list/:code', handler: adminPutLookup },
		{ method: 'POST', path: '/messy-firm', handler: messy.adminMessyFirm },
	],
	helpers: { displayName, DATABASE_HEADER },
};
