'use strict';

// OfficeTools by CARET emulator: the whole of docs/api/officetools.md, i.e. the
// vendor's five-step Portal Migration tool as an API. Every request names its firm in X-Firm-Id (missing → 400,
// a firm the key may not use → 403 firm_forbidden); state holds one record set per firm. Lists use the shared
// `page`/`per_page` envelope and keyset feeds (lib/paging.js). The sandbox clock (clock.js) drives the 30-day
// retention: documents past `retention_expires_at` lose their content (410 on download) and stay listed. Responses
// carry that clock in their Date header, as a server's Date header carries its own.
// At most 2 uploads may be in flight per firm; a third concurrent one gets 429 (uploadSlot).

const { HttpError, FieldErrors, queryList, querySingle } = require('../../lib/http');
const {
	readPaging,
	pageEnvelope,
	readKeyset,
	keysetOrder,
	boolParam,
	compareIds,
} = require('../../lib/paging');
const { sha256Hex, guessContentType, contentDisposition } = require('../../lib/files');
const { parseTimestamp, isDate, isEmail } = require('../../lib/validate');
const { clockNow, stamp, advance, startClock, DAY, HOUR } = require('./clock');
const {
	seed,
	generate,
	contactRecord,
	legacyDocumentRecord,
	workspaceDocumentRecord,
	removeContent,
	contentTypeOf,
	nextId,
	SEED_FACTS,
	DEMO_KEY,
	CANARY_KEY,
	KEY_LABELS,
	FIRM_ID,
	MAX_UPLOADS_IN_FLIGHT,
} = require('./seed');
const {
	firmView,
	firmPortalView,
	legacyDocumentView,
	legacyContactView,
	workspaceClientView,
	workspaceDocumentView,
	portalUserView,
	portalDocumentView,
} = require('./views');

const MiB = 1024 * 1024;
const MAX_FILE_BYTES = 50 * MiB;
const MAX_LOGO_BYTES = 2 * MiB;
const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/svg+xml'];
const LOGO_EXTENSIONS = {
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	svg: 'image/svg+xml',
};
const SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$/;
const COLOR = /^#[0-9A-Fa-f]{6}$/;
const KINDS = ['document', 'invoice'];
const MAX_FOLDER = 100;
const MAX_DISPLAY_NAME = 255;
const MAX_FILE_NAME = 255;
const MAX_RECIPIENTS = 10;
const PASSWORD_DAYS = 90;

// ---------------------------------------------------------------- helpers

const single = (v) => (Array.isArray(v) ? v[0] : v);
const own = (obj, key) => Object.prototype.hasOwnProperty.call(obj, key);
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

function notFound(resource, id) {
	return new HttpError(404, 'not_found', `No ${resource.replace(/_/g, ' ')} ${id}.`, {
		resource,
		id,
	});
}

function find(list, id, resource) {
	const record = list.find((x) => x.id === id);
	if (!record) throw notFound(resource, id);
	return record;
}

function conflict(code, message, existingId, field, value) {
	return new HttpError(409, code, message, { existing_id: existingId, field, value });
}

function rule(code, message, details) {
	return new HttpError(422, code, message, details);
}

function enumList(query, key, allowed, errors) {
	const values = queryList(query, key);
	if (values.some((v) => !allowed.includes(v)))
		errors.add(key, 'invalid_value', `${key} must be one of ${allowed.join(', ')}.`);
	return new Set(values);
}

/** `created_from` / `created_to`: a date (whole UTC day, inclusive) or a UTC timestamp → ms, or null. */
function readBound(query, key, errors, end) {
	const raw = querySingle(query, key, errors);
	if (raw === undefined || raw === '') return null;
	if (isDate(raw)) return Date.parse(`${raw}T00:00:00.000Z`) + (end ? DAY - 1 : 0);
	const ms = parseTimestamp(raw);
	if (ms === null)
		errors.add(key, 'invalid_format', `${key} must be a date (YYYY-MM-DD) or a UTC timestamp.`);
	return ms;
}

const secured = (d) => d.downloaded_to_workspace || d.migrated_to_firm_portal;
const readyForDeletion = (d) => d.content_available && secured(d);

/** The 30-day policy at work: content past `retention_expires_at` is removed; the record stays listed. */
function sweep(state, firm) {
	const now = clockNow(state);
	const removed = [];
	for (const d of firm.legacy_documents) {
		if (
			d.content_available &&
			d.retention_expires_at &&
			Date.parse(d.retention_expires_at) <= now
		) {
			removeContent(d, d.retention_expires_at, 'retention', stamp(state));
			removed.push(d.id);
		}
	}
	return removed;
}

function firmForbidden(firmId) {
	return new HttpError(403, 'firm_forbidden', `This API key may not use firm ${firmId}.`, {
		firm_id: firmId,
	});
}

/** X-Firm-Id on every request: missing → 400 (field X-Firm-Id, required); not this key's firm → 403. */
function resolveFirm(ctx) {
	const raw = ctx.req.headers['x-firm-id'];
	const firmId = typeof raw === 'string' ? raw.trim() : '';
	if (!firmId) {
		new FieldErrors()
			.add('X-Firm-Id', 'required', 'Send the header "X-Firm-Id: <firm id>" with every request.')
			.throwIfAny('The X-Firm-Id header is missing.');
	}
	const firm = own(ctx.state.firms, firmId) ? ctx.state.firms[firmId] : null;
	// An unknown firm reads as forbidden too, so a key cannot probe which firms exist.
	if (!firm || !(firm.api_key_labels || []).includes(KEY_LABELS[ctx.key]))
		throw firmForbidden(firmId);
	sweep(ctx.state, firm);
	return firm;
}

/** HTTP's Date header is the server's clock: here the sandbox clock, so clients see retention time as it runs. */
function dated(ctx) {
	const date = () => ({ Date: new Date(clockNow(ctx.state)).toUTCString() });
	return {
		...ctx,
		send: (status, body, headers) => ctx.send(status, body, { ...date(), ...headers }),
		sendRaw: (status, buffer, headers) => ctx.sendRaw(status, buffer, { ...date(), ...headers }),
	};
}

const withFirm = (handler) => (ctx) => handler({ ...dated(ctx), firm: resolveFirm(ctx) });

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

// Uploads in flight per firm record (module state, not JSON state: a reset starts new records, so new counts).
const inFlight = new WeakMap();

/**
 * Runs an upload inside one of the firm's MAX_UPLOADS_IN_FLIGHT slots, holding it for the configured processing
 * time (settings.upload_processing_ms), so concurrency is observable. No free slot → 429 with Retry-After.
 */
async function uploadSlot(state, firm, work) {
	const busy = inFlight.get(firm) || 0;
	const stats =
		firm.upload_stats || (firm.upload_stats = { total: 0, max_in_flight: 0, refused_in_flight: 0 });
	if (busy >= MAX_UPLOADS_IN_FLIGHT) {
		stats.refused_in_flight++;
		throw new HttpError(
			429,
			'rate_limited',
			`At most ${MAX_UPLOADS_IN_FLIGHT} uploads may be in flight per firm; retry after 1 s.`,
			{ retry_after_seconds: 1, reason: 'uploads_in_flight', max_in_flight: MAX_UPLOADS_IN_FLIGHT },
			{ 'Retry-After': '1' },
		);
	}
	inFlight.set(firm, busy + 1);
	stats.total++;
	stats.max_in_flight = Math.max(stats.max_in_flight, busy + 1);
	try {
		const ms = (state.settings && state.settings.upload_processing_ms) || 0;
		if (ms > 0) await sleep(ms);
		return await work();
	} finally {
		inFlight.set(firm, Math.max(0, (inFlight.get(firm) || 1) - 1));
	}
}

/** Strict mode: every part / field not in `allowed` is a 400 unknown_field. */
function checkUnknown(errors, body, allowed, strict) {
	if (!strict || !isObject(body)) return;
	for (const k of Object.keys(body))
		if (!allowed.includes(k)) errors.add(k, 'unknown_field', `${k} is not a known field.`);
}

/** The multipart `file` part: one, non-empty, named, within the size limit (413 file_too_large). */
function readFile(errors, files, maxBytes) {
	if (Array.isArray(files.file)) {
		errors.add('file', 'invalid_format', 'Send one file per upload.');
		return null;
	}
	const file = files.file;
	if (!file) {
		errors.add('file', 'required', 'The multipart part "file" is required.');
		return null;
	}
	if (file.data.length > maxBytes)
		throw new HttpError(413, 'file_too_large', `The file exceeds ${maxBytes} bytes.`, {
			max_bytes: maxBytes,
		});
	if (file.data.length === 0) errors.add('file', 'invalid_value', 'The file is empty.');
	const fileName = String(file.filename || '').replace(/^.*[\\/]/, '');
	if (!fileName)
		errors.add(
			'file',
			'required',
			'The file part needs a filename (it becomes the document name).',
		);
	else if (fileName.length > MAX_FILE_NAME)
		errors.add('file', 'too_long', `The file name is over ${MAX_FILE_NAME} characters.`);
	return { ...file, fileName };
}

function singleParts(errors, body, names) {
	for (const k of names)
		if (Array.isArray(body[k])) errors.add(k, 'invalid_format', `${k} must be sent once.`);
}

function requireActive(firm) {
	if (firm.firm_portal.status !== 'active')
		throw rule(
			'firm_portal_not_active',
			'Activate the Firm Portal first (POST /v1/firm-portal/activation).',
			{ status: firm.firm_portal.status },
		);
}

const maxUpload = (state) =>
	Math.min(MAX_FILE_BYTES, (state.settings && state.settings.max_upload_bytes) || MAX_FILE_BYTES);

function sendContent(sendRaw, record, base64) {
	return sendRaw(200, Buffer.from(base64 || '', 'base64'), {
		'Content-Type': record.content_type || 'application/octet-stream',
		'Content-Disposition': contentDisposition(record.file_name),
	});
}

// ---------------------------------------------------------------- firm

function getFirm({ firm, send }) {
	return send(200, firmView(firm));
}

// ---------------------------------------------------------------- legacy documents

function listLegacyDocuments({ firm, query, send }) {
	const errors = new FieldErrors();
	const p = readPaging(query, errors);
	const { since, afterId } = readKeyset(query, errors);
	const name = querySingle(query, 'name', errors);
	const from = readBound(query, 'created_from', errors, false);
	const to = readBound(query, 'created_to', errors, true);
	if (from !== null && to !== null && from > to)
		errors.add('created_from', 'out_of_range', 'created_from is after created_to.');
	const contactIds = new Set(queryList(query, 'legacy_contact_id'));
	const clientIds = new Set(queryList(query, 'client_id'));
	const kinds = enumList(query, 'kind', KINDS, errors);
	const downloaded = boolParam(query, 'downloaded_to_workspace', errors);
	const migrated = boolParam(query, 'migrated', errors);
	const available = boolParam(query, 'content_available', errors);
	const ready = boolParam(query, 'ready_for_deletion', errors);
	errors.throwIfAny();
	const needle = name ? name.trim().toLowerCase() : '';
	const contactName = new Map(
		firm.legacy_contacts.map((c) => [c.id, c.display_name.toLowerCase()]),
	);
	const rows = firm.legacy_documents.filter((d) => {
		const created = Date.parse(d.created_at);
		return (
			(!needle ||
				d.file_name.toLowerCase().includes(needle) ||
				(contactName.get(d.legacy_contact_id) || '').includes(needle)) &&
			(from === null || created >= from) &&
			(to === null || created <= to) &&
			(!contactIds.size || contactIds.has(d.legacy_contact_id)) &&
			(!clientIds.size || clientIds.has(d.client_id)) &&
			(!kinds.size || kinds.has(d.kind)) &&
			(downloaded === undefined || Boolean(d.downloaded_to_workspace) === downloaded) &&
			(migrated === undefined || Boolean(d.migrated_to_firm_portal) === migrated) &&
			(available === undefined || Boolean(d.content_available) === available) &&
			(ready === undefined || readyForDeletion(d) === ready)
		);
	});
	return send(200, pageEnvelope(keysetOrder(rows, { since, afterId }), p, legacyDocumentView));
}

function getLegacyDocument({ firm, params, send }) {
	return send(200, legacyDocumentView(find(firm.legacy_documents, params.id, 'legacy_document')));
}

function downloadLegacyDocument({ firm, params, sendRaw }) {
	const d = find(firm.legacy_documents, params.id, 'legacy_document');
	if (!d.content_available) {
		const why =
			d.removal === 'deleted' ? 'was deleted' : 'was removed by the 30-day retention policy';
		throw new HttpError(
			410,
			'content_expired',
			`The content of ${d.id} ${why} on ${d.removed_at}. Use the WorkSpace copy instead.`,
			{
				legacy_document_id: d.id,
				removed_at: d.removed_at,
				workspace_document_id: d.workspace_document_id ?? null,
			},
		);
	}
	return sendContent(sendRaw, d, d.content_base64);
}

/** delete-legacy-document: removes the content only; idempotent; unsecured documents need force=true. */
function deleteLegacyDocument({ state, firm, params, query, sendRaw }) {
	const d = find(firm.legacy_documents, params.id, 'legacy_document');
	const errors = new FieldErrors();
	const force = boolParam(query, 'force', errors);
	errors.throwIfAny();
	if (d.content_available) {
		if (!secured(d) && force !== true) {
			throw rule(
				'document_not_secured',
				`${d.id} is neither in WorkSpace nor on the Firm Portal; send force=true to delete it anyway.`,
				{
					legacy_document_id: d.id,
					downloaded_to_workspace: Boolean(d.downloaded_to_workspace),
					migrated_to_firm_portal: Boolean(d.migrated_to_firm_portal),
				},
			);
		}
		const at = stamp(state);
		removeContent(d, at, 'deleted', at);
	}
	return sendRaw(204, Buffer.alloc(0));
}

// ---------------------------------------------------------------- legacy contacts

function listLegacyContacts({ firm, query, send }) {
	const errors = new FieldErrors();
	const p = readPaging(query, errors);
	const { since, afterId } = readKeyset(query, errors);
	const hidden = boolParam(query, 'hidden', errors);
	const migrated = boolParam(query, 'migrated', errors);
	const emails = new Set(queryList(query, 'email').map((e) => e.toLowerCase()));
	const clientIds = new Set(queryList(query, 'client_id'));
	errors.throwIfAny();
	const rows = firm.legacy_contacts.filter(
		(c) =>
			(hidden === undefined || c.hidden === hidden) &&
			(migrated === undefined || Boolean(c.firm_portal_user_id) === migrated) &&
			(!emails.size || (c.email && emails.has(c.email.toLowerCase()))) &&
			(!clientIds.size || clientIds.has(c.client_id)),
	);
	return send(200, pageEnvelope(keysetOrder(rows, { since, afterId }), p, legacyContactView));
}

function getLegacyContact({ firm, params, send }) {
	return send(200, legacyContactView(find(firm.legacy_contacts, params.id, 'legacy_contact')));
}

// ---------------------------------------------------------------- WorkSpace

const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : compareIds(a.id, b.id));

/** Sorted by name, as the contract says; with updated_since it is a sync feed in (updated_at, id) order. */
function listWorkspaceClients({ firm, query, send }) {
	const errors = new FieldErrors();
	const p = readPaging(query, errors);
	const { since, afterId } = readKeyset(query, errors);
	const name = querySingle(query, 'name', errors);
	errors.throwIfAny();
	const needle = name ? name.trim().toLowerCase() : '';
	const rows = firm.workspace_clients.filter(
		(c) => !needle || c.name.toLowerCase().includes(needle),
	);
	const ordered =
		since === null ? rows.slice().sort(byName) : keysetOrder(rows, { since, afterId });
	return send(200, pageEnvelope(ordered, p, workspaceClientView));
}

function listWorkspaceDocuments({ firm, params, query, send }) {
	const client = find(firm.workspace_clients, params.id, 'workspace_client');
	const errors = new FieldErrors();
	const p = readPaging(query, errors);
	const { since, afterId } = readKeyset(query, errors);
	const folders = new Set(queryList(query, 'folder'));
	const refs = new Set(queryList(query, 'legacy_document_id'));
	errors.throwIfAny();
	const rows = firm.workspace_documents.filter(
		(d) =>
			d.client_id === client.id &&
			(!folders.size || folders.has(d.folder)) &&
			(!refs.size || refs.has(d.legacy_document_id)),
	);
	return send(200, pageEnvelope(keysetOrder(rows, { since, afterId }), p, workspaceDocumentView));
}

/**
 * upload-workspace-document, step 2. Order of checks: 404 client, 409 (the legacy document is already in WorkSpace:
 * a retried upload is a success), 400 fields, 413, 422 owner_mismatch.
 */
function uploadWorkspaceDocument(ctx) {
	const { state, firm, params, body, files, strict, send } = ctx;
	return uploadSlot(state, firm, async () => {
		const client = find(firm.workspace_clients, params.id, 'workspace_client');
		const ref = single(body.legacy_document_id);
		if (typeof ref === 'string' && ref !== '') {
			const existing = firm.workspace_documents.find((w) => w.legacy_document_id === ref);
			if (existing)
				throw conflict(
					'duplicate_legacy_document_id',
					`Legacy document ${ref} is already in WorkSpace as ${existing.id}.`,
					existing.id,
					'legacy_document_id',
					ref,
				);
		}
		const errors = new FieldErrors();
		checkUnknown(errors, body, ['folder', 'legacy_document_id'], strict);
		singleParts(errors, body, ['folder', 'legacy_document_id']);
		const file = readFile(errors, files, maxUpload(state));
		const folderRaw = single(body.folder);
		const folder = typeof folderRaw === 'string' && folderRaw.trim() ? folderRaw.trim() : 'Portal';
		if (folder.length > MAX_FOLDER)
			errors.add('folder', 'too_long', `At most ${MAX_FOLDER} characters.`);
		let legacy = null;
		if (typeof ref === 'string' && ref !== '') {
			legacy = firm.legacy_documents.find((d) => d.id === ref) || null;
			if (!legacy) errors.add('legacy_document_id', 'unknown_value', `No legacy document ${ref}.`);
		}
		errors.throwIfAny();
		if (legacy && !client.legacy_contact_ids.includes(legacy.legacy_contact_id)) {
			throw rule(
				'owner_mismatch',
				`Legacy document ${legacy.id} belongs to contact ${legacy.legacy_contact_id}, who is not a contact of client ${client.id}.`,
				{
					legacy_document_id: legacy.id,
					legacy_contact_id: legacy.legacy_contact_id,
					client_id: client.id,
				},
			);
		}
		const at = stamp(state);
		const record = workspaceDocumentRecord(
			{
				id: nextId(firm, 'wd', 1001),
				client_id: client.id,
				folder,
				file_name: file.fileName,
				content_type: guessContentType(file.fileName, file.contentType),
				legacy_document_id: legacy ? legacy.id : null,
				created_at: at,
			},
			file.data,
		);
		firm.workspace_documents.push(record);
		if (legacy) {
			legacy.downloaded_to_workspace = true;
			legacy.downloaded_to_workspace_at = at;
			legacy.workspace_document_id = record.id;
			legacy.updated_at = at;
		}
		return send(201, workspaceDocumentView(record));
	});
}

function downloadWorkspaceDocument({ firm, params, sendRaw }) {
	const d = find(firm.workspace_documents, params.id, 'workspace_document');
	return sendContent(sendRaw, d, d.content_base64);
}

// ---------------------------------------------------------------- Firm Portal

function getFirmPortal({ firm, baseUrl, send }) {
	return send(200, firmPortalView(firm, baseUrl));
}

/** Why a subdomain cannot be used by `firm`, or null when it can. */
function subdomainProblem(state, firm, subdomain) {
	if (!SUBDOMAIN.test(subdomain)) return 'invalid_format';
	if ((state.reserved_subdomains || []).includes(subdomain)) return 'reserved';
	if (firm.firm_portal.subdomain === subdomain) return 'in_use_by_this_firm';
	if ((state.taken_subdomains || []).includes(subdomain)) return 'taken';
	for (const other of Object.values(state.firms))
		if (other !== firm && other.firm_portal.subdomain === subdomain) return 'taken';
	return null;
}

/** check-subdomain: "Verify Link". */
function subdomainAvailability({ state, firm, query, send }) {
	const errors = new FieldErrors();
	const subdomain = querySingle(query, 'subdomain', errors);
	if (!errors.any && (subdomain === undefined || subdomain === ''))
		errors.add('subdomain', 'required', 'subdomain is required.');
	errors.throwIfAny();
	const reason = subdomainProblem(state, firm, subdomain);
	return send(200, { subdomain, available: reason === null, reason });
}

function checkDisplayName(errors, value, field = 'display_name', { required }) {
	if (value === undefined || value === null) {
		if (required) errors.add(field, 'required', `${field} is required.`);
		return;
	}
	if (typeof value !== 'string' || !value.trim())
		errors.add(field, 'invalid_format', `${field} must be a non-empty string.`);
	else if (value.length > 100) errors.add(field, 'too_long', `${field} is over 100 characters.`);
}

function checkColor(errors, value) {
	if (value === undefined || value === null) return;
	if (typeof value !== 'string' || !COLOR.test(value))
		errors.add('primary_color', 'invalid_format', 'primary_color must be #RRGGBB.');
}

function mustBeTrue(errors, body, field) {
	if (body[field] === undefined)
		errors.add(field, 'required', `${field} is required and must be true.`);
	else if (body[field] !== true) errors.add(field, 'invalid_value', `${field} must be true.`);
}

/**
 * activate-firm-portal, step 1: the only call without undo. Reroutes every current portal user at once and
 * stops old-portal uploads. 409 already_active first (a retried activation is a success), then 400, then 422.
 */
function activateFirmPortal({ state, firm, body, strict, send, baseUrl }) {
	const portal = firm.firm_portal;
	if (portal.status === 'active')
		throw conflict(
			'already_active',
			`The Firm Portal is already active at ${portal.subdomain}.`,
			portal.subdomain,
			'subdomain',
			portal.subdomain,
		);
	const errors = new FieldErrors();
	if (!isObject(body))
		errors.add('body', 'invalid_format', 'The body must be a JSON object.').throwIfAny();
	checkUnknown(
		errors,
		body,
		[
			'subdomain',
			'accept_terms',
			'acknowledge_user_reroute',
			'display_name',
			'primary_color',
			'notification_recipients',
		],
		strict,
	);
	if (body.subdomain === undefined || body.subdomain === null || body.subdomain === '')
		errors.add('subdomain', 'required', 'subdomain is required.');
	else if (typeof body.subdomain !== 'string' || !SUBDOMAIN.test(body.subdomain))
		errors.add(
			'subdomain',
			'invalid_format',
			'Lower-case letters, digits and inner hyphens, 3–63 characters.',
		);
	mustBeTrue(errors, body, 'accept_terms');
	mustBeTrue(errors, body, 'acknowledge_user_reroute');
	checkDisplayName(errors, body.display_name, 'display_name', { required: true });
	checkColor(errors, body.primary_color);
	const recipients = body.notification_recipients;
	if (recipients !== undefined && recipients !== null) {
		if (!Array.isArray(recipients))
			errors.add(
				'notification_recipients',
				'invalid_format',
				'notification_recipients must be a list.',
			);
		else {
			if (recipients.length > MAX_RECIPIENTS)
				errors.add(
					'notification_recipients',
					'out_of_range',
					`At most ${MAX_RECIPIENTS} recipients.`,
				);
			recipients.forEach((r, i) => {
				if (!isEmail(r))
					errors.add(
						`notification_recipients[${i}]`,
						'invalid_format',
						'Not a valid e-mail address.',
					);
			});
		}
	}
	errors.throwIfAny();
	const reason = subdomainProblem(state, firm, body.subdomain);
	if (reason)
		throw rule(
			'subdomain_unavailable',
			`The subdomain ${body.subdomain} is not available (${reason}).`,
			{
				subdomain: body.subdomain,
				reason,
			},
		);
	const at = stamp(state);
	Object.assign(portal, {
		status: 'active',
		subdomain: body.subdomain,
		activated_at: at,
		legacy_users_rerouted: true,
		branding: {
			display_name: body.display_name.trim(),
			primary_color: body.primary_color ?? null,
			logo: null,
		},
		notification_recipients: Array.isArray(recipients) ? recipients.slice() : [],
		updated_at: at,
	});
	return send(201, firmPortalView(firm, baseUrl));
}

function updateBranding({ state, firm, body, strict, send, baseUrl }) {
	requireActive(firm);
	const errors = new FieldErrors();
	if (!isObject(body))
		errors.add('body', 'invalid_format', 'The body must be a JSON object.').throwIfAny();
	checkUnknown(errors, body, ['display_name', 'primary_color'], strict);
	checkDisplayName(errors, body.display_name, 'display_name', { required: false });
	checkColor(errors, body.primary_color);
	errors.throwIfAny();
	const branding = firm.firm_portal.branding;
	const next = { ...branding };
	if (body.display_name !== undefined && body.display_name !== null)
		next.display_name = body.display_name.trim();
	if (body.primary_color !== undefined) next.primary_color = body.primary_color;
	if (
		next.display_name !== branding.display_name ||
		next.primary_color !== branding.primary_color
	) {
		firm.firm_portal.branding = next;
		firm.firm_portal.updated_at = stamp(state);
	}
	return send(200, firmPortalView(firm, baseUrl));
}

/** upload-logo: PNG, JPEG or SVG up to 2 MiB (the core answers 413 above it). Idempotent PUT. */
function uploadLogo(ctx) {
	const { state, firm, body, files, strict, send, baseUrl } = ctx;
	return uploadSlot(state, firm, async () => {
		requireActive(firm);
		const errors = new FieldErrors();
		checkUnknown(errors, body, [], strict);
		const file = readFile(errors, files, MAX_LOGO_BYTES);
		errors.throwIfAny();
		const ext = file.fileName.slice(file.fileName.lastIndexOf('.') + 1).toLowerCase();
		const given = String(file.contentType || '')
			.split(';')[0]
			.trim()
			.toLowerCase();
		const type = LOGO_TYPES.includes(given) ? given : LOGO_EXTENSIONS[ext];
		if (!type)
			throw new HttpError(415, 'unsupported_media_type', 'The logo must be PNG, JPEG or SVG.', {
				allowed: LOGO_TYPES,
			});
		const logo = {
			file_name: file.fileName,
			content_type: type,
			size_bytes: file.data.length,
			sha256: sha256Hex(file.data),
		};
		const current = firm.firm_portal.branding.logo;
		if (!current || current.sha256 !== logo.sha256 || current.file_name !== logo.file_name) {
			firm.firm_portal.branding = {
				...firm.firm_portal.branding,
				logo: { ...logo, content_base64: file.data.toString('base64') },
			};
			firm.firm_portal.updated_at = stamp(state);
		}
		return send(200, firmPortalView(firm, baseUrl));
	});
}

// ---------------------------------------------------------------- portal users

/**
 * create-portal-user, step 3: creates the user from the legacy contact and sends the welcome e-mail (recorded
 * in the firm's `welcome_emails`). Checks: 422 not active, 400, 409 duplicate, 422 hidden / e-mail, 409 e-mail.
 */
function createPortalUser({ state, firm, body, strict, send, baseUrl }) {
	requireActive(firm);
	const errors = new FieldErrors();
	if (!isObject(body))
		errors.add('body', 'invalid_format', 'The body must be a JSON object.').throwIfAny();
	checkUnknown(errors, body, ['legacy_contact_id'], strict);
	const id = body.legacy_contact_id;
	let contact = null;
	if (id === undefined || id === null || id === '')
		errors.add('legacy_contact_id', 'required', 'legacy_contact_id is required.');
	else if (typeof id !== 'string')
		errors.add('legacy_contact_id', 'invalid_format', 'legacy_contact_id must be a string.');
	else {
		contact = firm.legacy_contacts.find((c) => c.id === id) || null;
		if (!contact) errors.add('legacy_contact_id', 'unknown_value', `No legacy contact ${id}.`);
	}
	errors.throwIfAny();
	const existing = firm.portal_users.find((u) => u.legacy_contact_id === contact.id);
	if (existing)
		throw conflict(
			'duplicate_legacy_contact_id',
			`Legacy contact ${contact.id} is already portal user ${existing.id}.`,
			existing.id,
			'legacy_contact_id',
			contact.id,
		);
	if (contact.hidden)
		throw rule(
			'contact_hidden',
			`Legacy contact ${contact.id} is hidden; hidden contacts are not synced.`,
			{
				legacy_contact_id: contact.id,
			},
		);
	if (!isEmail(contact.email))
		throw rule(
			'contact_email_invalid',
			`Legacy contact ${contact.id} has no valid e-mail address.`,
			{
				legacy_contact_id: contact.id,
				email: contact.email ?? null,
			},
		);
	const email = contact.email.toLowerCase();
	const sameEmail = firm.portal_users.find((u) => u.email.toLowerCase() === email);
	if (sameEmail)
		throw conflict(
			'email_in_use',
			`Portal user ${sameEmail.id} already has the e-mail ${contact.email}.`,
			sameEmail.id,
			'email',
			contact.email,
		);
	const at = stamp(state);
	const user = {
		id: nextId(firm, 'pu', 1001),
		legacy_contact_id: contact.id,
		client_id: contact.client_id ?? null,
		email: contact.email,
		first_name: contact.first_name,
		last_name: contact.last_name,
		status: 'invited',
		welcome_email_sent_at: at,
		mfa_enabled: false,
		password_expires_at: null,
		last_login_at: null,
		created_at: at,
		updated_at: at,
	};
	firm.portal_users.push(user);
	contact.firm_portal_user_id = user.id;
	contact.updated_at = at;
	const portal = firmPortalView(firm, baseUrl);
	firm.welcome_emails.push({
		id: nextId(firm, 'we', 1001),
		user_id: user.id,
		legacy_contact_id: contact.id,
		to: contact.email,
		subject: `Welcome to ${portal.branding.display_name || firm.name}`,
		subdomain: portal.subdomain,
		portal_url: portal.portal_url,
		sent_at: at,
	});
	return send(201, portalUserView(user));
}

function listPortalUsers({ firm, query, send }) {
	const errors = new FieldErrors();
	const p = readPaging(query, errors);
	const { since, afterId } = readKeyset(query, errors);
	const contactIds = new Set(queryList(query, 'legacy_contact_id'));
	const emails = new Set(queryList(query, 'email').map((e) => e.toLowerCase()));
	const clientIds = new Set(queryList(query, 'client_id'));
	errors.throwIfAny();
	const rows = firm.portal_users.filter(
		(u) =>
			(!contactIds.size || contactIds.has(u.legacy_contact_id)) &&
			(!emails.size || emails.has(u.email.toLowerCase())) &&
			(!clientIds.size || clientIds.has(u.client_id)),
	);
	return send(200, pageEnvelope(keysetOrder(rows, { since, afterId }), p, portalUserView));
}

function getPortalUser({ firm, params, send }) {
	return send(200, portalUserView(find(firm.portal_users, params.id, 'portal_user')));
}

// ---------------------------------------------------------------- portal documents

/**
 * upload-portal-document, step 4. Checks: 422 not active, 409 already_uploaded (a retry is a success), 400 fields,
 * 413, 422 invoice / user_disabled / owner_mismatch. Records whether the bytes match the legacy sha256.
 */
function uploadPortalDocument(ctx) {
	const { state, firm, body, files, strict, send } = ctx;
	return uploadSlot(state, firm, async () => {
		requireActive(firm);
		const ref = single(body.legacy_document_id);
		if (typeof ref === 'string' && ref !== '') {
			const existing = firm.portal_documents.find((d) => d.legacy_document_id === ref);
			if (existing)
				throw conflict(
					'already_uploaded',
					`Legacy document ${ref} is already on the Firm Portal as ${existing.id}.`,
					existing.id,
					'legacy_document_id',
					ref,
				);
		}
		const errors = new FieldErrors();
		const names = ['user_id', 'client_id', 'legacy_document_id', 'display_name'];
		checkUnknown(errors, body, names, strict);
		singleParts(errors, body, names);
		const userId = single(body.user_id) || null;
		const clientId = single(body.client_id) || null;
		let user = null;
		let client = null;
		if (!userId && !clientId) errors.add('user_id', 'required', 'Give user_id or client_id.');
		else if (userId && clientId)
			errors.add('client_id', 'invalid_value', 'Give user_id or client_id, not both.');
		else if (userId) {
			user = firm.portal_users.find((u) => u.id === userId) || null;
			if (!user) errors.add('user_id', 'unknown_value', `No portal user ${userId}.`);
		} else {
			client = firm.workspace_clients.find((c) => c.id === clientId) || null;
			if (!client) errors.add('client_id', 'unknown_value', `No client ${clientId}.`);
		}
		let legacy = null;
		if (typeof ref === 'string' && ref !== '') {
			legacy = firm.legacy_documents.find((d) => d.id === ref) || null;
			if (!legacy) errors.add('legacy_document_id', 'unknown_value', `No legacy document ${ref}.`);
		}
		const displayRaw = single(body.display_name);
		if (typeof displayRaw === 'string' && displayRaw.length > MAX_DISPLAY_NAME)
			errors.add('display_name', 'too_long', `At most ${MAX_DISPLAY_NAME} characters.`);
		const file = readFile(errors, files, maxUpload(state));
		errors.throwIfAny();
		if (legacy && legacy.kind === 'invoice')
			throw rule(
				'invoice_not_migratable',
				`${legacy.id} is an invoice; invoices cannot be migrated.`,
				{
					legacy_document_id: legacy.id,
				},
			);
		if (user && user.status === 'disabled')
			throw rule('user_disabled', `Portal user ${user.id} is disabled.`, { user_id: user.id });
		if (legacy) {
			const mismatch = user
				? legacy.legacy_contact_id !== user.legacy_contact_id
				: legacy.client_id !== client.id;
			if (mismatch)
				throw rule(
					'owner_mismatch',
					user
						? `Legacy document ${legacy.id} belongs to contact ${legacy.legacy_contact_id}, not to user ${user.id}'s contact ${user.legacy_contact_id}.`
						: `Legacy document ${legacy.id} belongs to client ${legacy.client_id}, not ${client.id}.`,
					{
						legacy_document_id: legacy.id,
						legacy_contact_id: legacy.legacy_contact_id,
						legacy_client_id: legacy.client_id,
						user_id: user ? user.id : null,
						client_id: client ? client.id : null,
					},
				);
		}
		const at = stamp(state);
		const sha256 = sha256Hex(file.data);
		const record = {
			id: nextId(firm, 'pd', 1001),
			user_id: user ? user.id : null,
			client_id: client ? client.id : null,
			legacy_document_id: legacy ? legacy.id : null,
			display_name:
				typeof displayRaw === 'string' && displayRaw.trim() ? displayRaw.trim() : file.fileName,
			file_name: file.fileName,
			content_type: guessContentType(file.fileName, file.contentType),
			size_bytes: file.data.length,
			sha256,
			sha256_matches_legacy: legacy ? legacy.sha256 === sha256 : null,
			created_at: at,
			updated_at: at,
			content_base64: file.data.toString('base64'),
		};
		firm.portal_documents.push(record);
		if (legacy) {
			legacy.migrated_to_firm_portal = true;
			legacy.firm_portal_document_id = record.id;
			legacy.updated_at = at;
		}
		return send(201, portalDocumentView(record));
	});
}

function listPortalDocuments({ firm, query, send }) {
	const errors = new FieldErrors();
	const p = readPaging(query, errors);
	const { since, afterId } = readKeyset(query, errors);
	const userIds = new Set(queryList(query, 'user_id'));
	const clientIds = new Set(queryList(query, 'client_id'));
	const refs = new Set(queryList(query, 'legacy_document_id'));
	errors.throwIfAny();
	const rows = firm.portal_documents.filter(
		(d) =>
			(!userIds.size || userIds.has(d.user_id)) &&
			(!clientIds.size || clientIds.has(d.client_id)) &&
			(!refs.size || refs.has(d.legacy_document_id)),
	);
	return send(200, pageEnvelope(keysetOrder(rows, { since, afterId }), p, portalDocumentView));
}

function downloadPortalDocument({ firm, params, sendRaw }) {
	const d = find(firm.portal_documents, params.id, 'portal_document');
	return sendContent(sendRaw, d, d.content_base64);
}

// ---------------------------------------------------------------- admin helpers (/__admin/officetools/...)

function adminFirm(state, id) {
	const firmId = id || FIRM_ID;
	if (!own(state.firms, firmId)) throw notFound('firm', firmId);
	return state.firms[firmId];
}

function sweepAll(state) {
	const removed = [];
	for (const firm of Object.values(state.firms))
		for (const id of sweep(state, firm)) removed.push({ firm_id: firm.firm_id, id });
	return removed;
}

function clockView(state) {
	return {
		now: new Date(clockNow(state)).toISOString(),
		seed_now: state.clock.seed_now,
		advanced_ms: state.clock.advanced_ms,
	};
}

/** GET /__admin/officetools/clock */
function adminGetClock({ state, send }) {
	return send(200, clockView(state));
}

/**
 * POST /__admin/officetools/clock { advance_days?, advance_hours?, advance_ms? } — moves the sandbox clock forward
 * and applies the retention policy at once; answers the documents it removed.
 */
function adminAdvanceClock({ state, body, send }) {
	const errors = new FieldErrors();
	const amounts = { advance_days: DAY, advance_hours: HOUR, advance_ms: 1 };
	let ms = 0;
	for (const [key, unit] of Object.entries(amounts)) {
		const v = body[key];
		if (v === undefined) continue;
		if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
			errors.add(key, 'invalid_value', `${key} must be a number ≥ 0.`);
		else ms += v * unit;
	}
	errors.throwIfAny();
	advance(state, ms);
	const removed = sweepAll(state);
	return send(200, { ...clockView(state), removed });
}

/** POST /__admin/officetools/settings { upload_processing_ms?, max_upload_bytes? } */
function adminSettings({ state, body, send }) {
	const errors = new FieldErrors();
	const s = state.settings || (state.settings = {});
	if (
		body.upload_processing_ms !== undefined &&
		!(
			Number.isInteger(body.upload_processing_ms) &&
			body.upload_processing_ms >= 0 &&
			body.upload_processing_ms <= 60000
		)
	)
		errors.add('upload_processing_ms', 'out_of_range', 'upload_processing_ms must be 0..60000.');
	if (
		body.max_upload_bytes !== undefined &&
		!(
			Number.isInteger(body.max_upload_bytes) &&
			body.max_upload_bytes >= 1 &&
			body.max_upload_bytes <= MAX_FILE_BYTES
		)
	)
		errors.add(
			'max_upload_bytes',
			'out_of_range',
			`max_upload_bytes must be 1..${MAX_FILE_BYTES}.`,
		);
	errors.throwIfAny();
	if (body.upload_processing_ms !== undefined) s.upload_processing_ms = body.upload_processing_ms;
	if (body.max_upload_bytes !== undefined) s.max_upload_bytes = body.max_upload_bytes;
	return send(200, { ...s });
}

/** GET /__admin/officetools/welcome-emails?firm_id= — the welcome e-mails Sync Contact sent. */
function adminWelcomeEmails({ state, query, send }) {
	const firmId = single(query.firm_id);
	const firms = firmId ? [adminFirm(state, firmId)] : Object.values(state.firms);
	return send(
		200,
		firms.flatMap((f) => f.welcome_emails.map((e) => ({ firm_id: f.firm_id, ...e }))),
	);
}

/**
 * POST /__admin/officetools/legacy-documents { firm_id?, legacy_contact_id, file_name, text? | content_base64?,
 * kind?, uploaded_by? } — someone uploads to the old portal now. After activation the old portal takes no uploads
 * (docs/api/officetools.md#what-is-known-about-the-migration): 422 legacy_portal_closed.
 */
function adminAddLegacyDocument({ state, body, send }) {
	const firm = adminFirm(state, body.firm_id);
	const errors = new FieldErrors();
	const contact = firm.legacy_contacts.find((c) => c.id === body.legacy_contact_id);
	if (!contact) errors.add('legacy_contact_id', 'unknown_value', 'No such legacy contact.');
	if (typeof body.file_name !== 'string' || !body.file_name.trim())
		errors.add('file_name', 'required', 'file_name is required.');
	if (body.kind !== undefined && !KINDS.includes(body.kind))
		errors.add('kind', 'invalid_value', `kind must be one of ${KINDS.join(', ')}.`);
	const bytes =
		typeof body.content_base64 === 'string'
			? Buffer.from(body.content_base64, 'base64')
			: Buffer.from(typeof body.text === 'string' ? body.text : `Uploaded ${body.file_name}\n`);
	if (!bytes.length) errors.add('content_base64', 'invalid_value', 'The file is empty.');
	errors.throwIfAny();
	if (firm.firm_portal.status === 'active')
		throw rule(
			'legacy_portal_closed',
			'The Firm Portal is active: the old portal takes no uploads.',
			{
				firm_id: firm.firm_id,
			},
		);
	const at = stamp(state);
	const doc = legacyDocumentRecord(
		{
			id: nextId(firm, 'ld', 1001),
			legacy_contact_id: contact.id,
			client_id: contact.client_id,
			kind: body.kind,
			file_name: body.file_name.trim(),
			content_type: contentTypeOf(body.file_name.trim()),
			uploaded_by: body.uploaded_by === 'staff' ? 'staff' : 'client',
			created_at: at,
		},
		bytes,
		firm.legacy_portal.retention_policy,
	);
	firm.legacy_documents.push(doc);
	return send(201, legacyDocumentView(doc));
}

/**
 * PATCH /__admin/officetools/users/:id { firm_id?, login?: true, status?, mfa_enabled? } — the user logs in for
 * the first time (rerouted, sets a password: active, expires in 90 days), or staff disable them.
 */
function adminEditUser({ state, params, body, send }) {
	const firm = adminFirm(state, body.firm_id);
	const user = find(firm.portal_users, params.id, 'portal_user');
	const errors = new FieldErrors();
	if (body.status !== undefined && !['invited', 'active', 'disabled'].includes(body.status))
		errors.add('status', 'invalid_value', 'status must be invited, active or disabled.');
	if (body.mfa_enabled !== undefined && typeof body.mfa_enabled !== 'boolean')
		errors.add('mfa_enabled', 'invalid_format', 'mfa_enabled must be a boolean.');
	errors.throwIfAny();
	const at = stamp(state);
	if (body.login === true) {
		user.last_login_at = at;
		if (user.status === 'invited') {
			user.status = 'active';
			user.password_expires_at = new Date(Date.parse(at) + PASSWORD_DAYS * DAY).toISOString();
		}
	}
	if (body.status !== undefined) user.status = body.status;
	if (body.mfa_enabled !== undefined) user.mfa_enabled = body.mfa_enabled;
	user.updated_at = at;
	return send(200, portalUserView(user));
}

/** GET /__admin/officetools/facts — SEED_FACTS over HTTP, for workflow templates that cannot require() them. */
function adminFacts({ send }) {
	return send(200, SEED_FACTS);
}

// ---------------------------------------------------------------- module

function auth(req) {
	const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization || '');
	return m ? m[1] : null;
}

/** PUT /__admin/state: fill what a hand-written state may lack. */
function normalizeState(input) {
	const s = {
		settings: { upload_processing_ms: 0, max_upload_bytes: MAX_FILE_BYTES },
		taken_subdomains: ['taken'],
		reserved_subdomains: ['admin', 'api', 'mail', 'portal', 'www'],
		firms: {},
		...input,
	};
	if (!isObject(s.clock)) s.clock = startClock();
	for (const [id, f] of Object.entries(s.firms)) {
		for (const key of [
			'workspace_clients',
			'legacy_contacts',
			'legacy_documents',
			'workspace_documents',
			'portal_users',
			'portal_documents',
			'welcome_emails',
		])
			if (!Array.isArray(f[key])) f[key] = [];
		f.firm_id = f.firm_id || id;
		f.api_key_labels = f.api_key_labels || ['demo', 'canary'];
		f.next_ids = f.next_ids || {};
		f.legacy_contacts = f.legacy_contacts.map((c) => contactRecord(c));
	}
	return s;
}

const route = (method, path, handler, extra = {}) => ({
	method,
	path,
	handler: withFirm(handler),
	...extra,
});

module.exports = {
	name: 'officetools',
	prefix: '/officetools',
	demoKey: DEMO_KEY,
	keys: [DEMO_KEY, CANARY_KEY],
	auth,
	authHint:
		'Missing or invalid OfficeTools API key. Send "Authorization: Bearer <api key>" and "X-Firm-Id: <firm id>".',
	authChallenge: 'Bearer',
	rateLimit: { perSecond: 5, burst: 5 },
	seed,
	generate,
	normalizeState,
	SEED_FACTS,
	routes: [
		route('GET', '/v1/firm', getFirm),
		route('GET', '/v1/legacy-portal/documents', listLegacyDocuments),
		route('GET', '/v1/legacy-portal/documents/:id', getLegacyDocument),
		route('GET', '/v1/legacy-portal/documents/:id/content', downloadLegacyDocument),
		route('DELETE', '/v1/legacy-portal/documents/:id', deleteLegacyDocument),
		route('GET', '/v1/legacy-portal/contacts', listLegacyContacts),
		route('GET', '/v1/legacy-portal/contacts/:id', getLegacyContact),
		route('GET', '/v1/workspace/clients', listWorkspaceClients),
		route('GET', '/v1/workspace/clients/:id/documents', listWorkspaceDocuments),
		route('POST', '/v1/workspace/clients/:id/documents', uploadWorkspaceDocument, {
			upload: { maxFileBytes: MAX_FILE_BYTES },
		}),
		route('GET', '/v1/workspace/documents/:id/content', downloadWorkspaceDocument),
		route('GET', '/v1/firm-portal', getFirmPortal),
		route('GET', '/v1/firm-portal/subdomain-availability', subdomainAvailability),
		route('POST', '/v1/firm-portal/activation', activateFirmPortal),
		route('PATCH', '/v1/firm-portal/branding', updateBranding),
		route('PUT', '/v1/firm-portal/branding/logo', uploadLogo, {
			upload: { maxFileBytes: MAX_LOGO_BYTES },
		}),
		route('POST', '/v1/firm-portal/users', createPortalUser),
		route('GET', '/v1/firm-portal/users', listPortalUsers),
		route('GET', '/v1/firm-portal/users/:id', getPortalUser),
		route('POST', '/v1/firm-portal/documents', uploadPortalDocument, {
			upload: { maxFileBytes: MAX_FILE_BYTES },
		}),
		route('GET', '/v1/firm-portal/documents', listPortalDocuments),
		route('GET', '/v1/firm-portal/documents/:id/content', downloadPortalDocument),
	],
	adminRoutes: [
		{ method: 'GET', path: '/facts', handler: adminFacts },
		{ method: 'GET', path: '/clock', handler: adminGetClock },
		{ method: 'POST', path: '/clock', handler: adminAdvanceClock },
		{ method: 'POST', path: '/settings', handler: adminSettings },
		{ method: 'GET', path: '/welcome-emails', handler: adminWelcomeEmails },
		{ method: 'POST', path: '/legacy-documents', handler: adminAddLegacyDocument },
		{ method: 'PATCH', path: '/users/:id', handler: adminEditUser },
	],
	helpers: { MAX_FILE_BYTES, MAX_LOGO_BYTES, sweep },
};
