'use strict';

// Request validation for the CASEpeer emulator: NoteWrite, the connection body, and the admin case edit that
// stands in for a CASEpeer user. Every failing field is collected into one 400 validation_failed.

const { FieldErrors } = require('../../lib/http');
const { isDate } = require('../../lib/validate');

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const blank = (v) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

const NOTE_FIELDS = new Set(['text', 'category_id', 'is_critical', 'external_ref']);
const CONNECTION_FIELDS = new Set(['case_status_id']);
const MAX_NOTE_TEXT = 20000;
const MAX_REF = 100;

function requireBodyObject(body) {
	if (!isObject(body))
		new FieldErrors().add('body', 'invalid_format', 'The body must be a JSON object.').throwIfAny();
}

function checkUnknown(errors, body, allowed, prefix = '') {
	for (const key of Object.keys(body))
		if (!allowed.has(key))
			errors.add(`${prefix}${key}`, 'unknown_field', `${prefix}${key} is not a known field.`);
}

/** external_ref: a non-empty string ≤ 100, or null/absent. Returns the value or undefined. */
function checkRef(errors, ref, field = 'external_ref') {
	if (ref === undefined || ref === null) return undefined;
	if (typeof ref !== 'string' || ref === '') {
		errors.add(field, 'invalid_format', `${field} must be a non-empty string or null.`);
		return undefined;
	}
	if (ref.length > MAX_REF) {
		errors.add(field, 'too_long', `At most ${MAX_REF} characters.`);
		return undefined;
	}
	return ref;
}

/** NoteWrite → { text, category, is_critical, external_ref }. */
function validateNoteWrite(body, state, strict) {
	requireBodyObject(body);
	const errors = new FieldErrors();
	if (strict) checkUnknown(errors, body, NOTE_FIELDS);
	const out = {};
	const text = body.text;
	if (text !== undefined && text !== null && typeof text !== 'string')
		errors.add('text', 'invalid_format', 'text must be a string.');
	else if (blank(text)) errors.add('text', 'required', 'text is required and cannot be blank.');
	else if (text.length > MAX_NOTE_TEXT)
		errors.add('text', 'too_long', `At most ${MAX_NOTE_TEXT} characters.`);
	else out.text = text;

	const categoryId = body.category_id;
	if (categoryId === undefined || categoryId === null) {
		out.category = state.note_categories.find((x) => x.is_default && x.active) || null;
	} else if (typeof categoryId !== 'string')
		errors.add('category_id', 'invalid_format', 'category_id must be a string.');
	else {
		out.category = state.note_categories.find((x) => x.id === categoryId && x.active) || null;
		if (!out.category)
			errors.add(
				'category_id',
				'unknown_value',
				`${categoryId} is not an active note category (GET /v1/note-categories).`,
			);
	}

	if (body.is_critical !== undefined && body.is_critical !== null) {
		if (typeof body.is_critical !== 'boolean')
			errors.add('is_critical', 'invalid_format', 'is_critical must be true or false.');
		else out.is_critical = body.is_critical;
	}
	out.external_ref = checkRef(errors, body.external_ref);
	errors.throwIfAny();
	return out;
}

/** PUT …/case-status-connection body: {} or { case_status_id: positive integer | null }. */
function validateConnection(body, strict) {
	if (body === null || body === undefined) return {};
	requireBodyObject(body);
	const errors = new FieldErrors();
	if (strict) checkUnknown(errors, body, CONNECTION_FIELDS);
	const out = {};
	const v = body.case_status_id;
	if (v !== undefined && v !== null) {
		if (!(Number.isInteger(v) && v > 0 && v <= Number.MAX_SAFE_INTEGER))
			errors.add('case_status_id', 'invalid_format', 'case_status_id must be a positive integer.');
		else out.case_status_id = v;
	}
	errors.throwIfAny();
	return out;
}

// ---------------------------------------------------------------- admin edits (a CASEpeer user)

const EDIT_FIELDS = new Set([
	'name',
	'number',
	'practice_area',
	'case_type',
	'incident_date',
	'stage',
	'stage_id',
	'status',
	'status_label',
	'primary_attorney_email',
	'staff_emails',
	'clients',
	'primary_client',
]);
const CREATE_FIELDS = new Set([...EDIT_FIELDS, 'id', 'case_status_connected', 'case_status_id']);
const CLIENT_FIELDS = [
	'first_name',
	'last_name',
	'company_name',
	'cell_phone',
	'email',
	'birth_date',
];
const CLIENT_KEYS = new Set(['id', ...CLIENT_FIELDS]);

function optionalString(errors, body, field, max, out, { nullable = true } = {}) {
	if (body[field] === undefined) return;
	const v = body[field];
	if (v === null && nullable) out[field] = null;
	else if (typeof v !== 'string' || (!nullable && v.trim() === ''))
		errors.add(
			field,
			'invalid_format',
			`${field} must be a ${nullable ? 'string or null' : 'non-empty string'}.`,
		);
	else if (v.length > max) errors.add(field, 'too_long', `At most ${max} characters.`);
	else out[field] = v;
}

function findStaffByEmail(state, email, roles) {
	const wanted = String(email).toLowerCase();
	return (
		state.staff.find(
			(s) => s.email && s.email.toLowerCase() === wanted && (!roles || roles.includes(s.role)),
		) || null
	);
}

/** One client entry: merged onto `base` (an existing client) when given. Phones are kept as entered. */
function clientFields(errors, entry, base, at) {
	if (!isObject(entry)) {
		errors.add(at, 'invalid_format', 'A client must be an object.');
		return null;
	}
	checkUnknown(errors, entry, CLIENT_KEYS, `${at}.`);
	const merged = {};
	for (const f of CLIENT_FIELDS) {
		const v = entry[f] !== undefined ? entry[f] : base ? (base[f] ?? null) : null;
		if (v !== null && typeof v !== 'string')
			errors.add(`${at}.${f}`, 'invalid_format', `${f} must be a string or null.`);
		else if (typeof v === 'string' && v.length > 255)
			errors.add(`${at}.${f}`, 'too_long', 'At most 255 characters.');
		else if (f === 'birth_date' && v !== null && !isDate(v))
			errors.add(`${at}.${f}`, 'invalid_format', 'birth_date must be YYYY-MM-DD.');
		merged[f] = v;
	}
	if (blank(merged.company_name) && blank(merged.first_name) && blank(merged.last_name))
		errors.add(at, 'required', 'A client needs a first/last name or a company name.');
	return merged;
}

/**
 * Admin case edit/create body → resolved fields: { name, number, practice_area, case_type, incident_date,
 * stage: {id,name}, status, status_label, primary_attorney: {id,name,email}|null, staff: [...],
 * clients: [{ base, fields }] } (only the keys the body sets). Unknown fields are always rejected here: these
 * are test helpers, a typo must not pass silently.
 */
function validateCaseEdit(body, state, existing, { create = false } = {}) {
	requireBodyObject(body);
	const errors = new FieldErrors();
	checkUnknown(errors, body, create ? CREATE_FIELDS : EDIT_FIELDS);
	const out = {};
	optionalString(errors, body, 'name', 255, out, { nullable: false });
	if (create && body.name === undefined) errors.add('name', 'required', 'name is required.');
	optionalString(errors, body, 'number', 64, out);
	optionalString(errors, body, 'practice_area', 100, out);
	optionalString(errors, body, 'case_type', 100, out);
	optionalString(errors, body, 'status_label', 100, out, { nullable: false });
	if (body.incident_date !== undefined) {
		if (body.incident_date === null) out.incident_date = null;
		else if (!isDate(body.incident_date))
			errors.add('incident_date', 'invalid_format', 'incident_date must be YYYY-MM-DD or null.');
		else out.incident_date = body.incident_date;
	}

	if (body.stage !== undefined && body.stage_id !== undefined)
		errors.add('stage', 'invalid_value', 'Give stage (a name) or stage_id, not both.');
	else if (body.stage !== undefined || body.stage_id !== undefined) {
		const byId = body.stage_id !== undefined;
		const v = byId ? body.stage_id : body.stage;
		const field = byId ? 'stage_id' : 'stage';
		if (v === null) out.stage = null;
		else {
			const hit = state.stages.find((s) => (byId ? s.id === v : s.name === v));
			if (hit) out.stage = { id: hit.id, name: hit.name };
			else
				errors.add(field, 'unknown_value', `No CASEpeer stage ${JSON.stringify(v)} (exact match).`);
		}
	}

	if (body.status !== undefined) {
		if (body.status === 'open' || body.status === 'closed') out.status = body.status;
		else errors.add('status', 'invalid_value', 'status must be open or closed.');
	}

	if (body.primary_attorney_email !== undefined) {
		const v = body.primary_attorney_email;
		if (v === null) out.primary_attorney = null;
		else if (typeof v !== 'string')
			errors.add('primary_attorney_email', 'invalid_format', 'Must be a string or null.');
		else {
			const s = findStaffByEmail(state, v, ['attorney']);
			if (s)
				out.primary_attorney = { id: s.id, name: `${s.first_name} ${s.last_name}`, email: s.email };
			else errors.add('primary_attorney_email', 'unknown_value', `${v} is no CASEpeer attorney.`);
		}
	}

	if (body.staff_emails !== undefined) {
		const v = body.staff_emails;
		if (v === null) out.staff = [];
		else if (!Array.isArray(v))
			errors.add('staff_emails', 'invalid_format', 'staff_emails must be a list of e-mails.');
		else {
			out.staff = [];
			v.forEach((email, i) => {
				const s = typeof email === 'string' ? findStaffByEmail(state, email) : null;
				if (!s)
					errors.add(
						`staff_emails[${i}]`,
						'unknown_value',
						`${email} is no CASEpeer staff member.`,
					);
				else
					out.staff.push({
						id: s.id,
						name: `${s.first_name} ${s.last_name}`,
						email: s.email,
						role: s.role,
					});
			});
		}
	}

	const current = existing ? existing.clients : [];
	if (body.clients !== undefined && body.primary_client !== undefined)
		errors.add('clients', 'invalid_value', 'Give clients or primary_client, not both.');
	else if (body.clients !== undefined) {
		if (!Array.isArray(body.clients))
			errors.add('clients', 'invalid_format', 'clients must be a list (the first is the primary).');
		else {
			const claimed = new Set();
			out.clients = body.clients.map((entry, i) => {
				let base = null;
				if (isObject(entry) && entry.id !== undefined && entry.id !== null) {
					base = current.find((c) => c.id === entry.id) || null;
					if (!base || claimed.has(entry.id))
						errors.add(
							`clients[${i}].id`,
							'unknown_value',
							`Client ${entry.id} is not on this case (once).`,
						);
					else claimed.add(entry.id);
				}
				return { base, fields: clientFields(errors, entry, base, `clients[${i}]`) };
			});
		}
	} else if (body.primary_client !== undefined) {
		const base = current[0] || null;
		out.clients = [
			{ base, fields: clientFields(errors, body.primary_client, base, 'primary_client') },
			...current.slice(1).map((c) => ({ base: c, fields: null })),
		];
	}

	if (create) {
		if (body.id !== undefined && !(Number.isInteger(body.id) && body.id > 0))
			errors.add('id', 'invalid_format', 'id must be a positive integer.');
		else if (body.id !== undefined && state.cases.some((c) => c.id === body.id))
			errors.add('id', 'invalid_value', `Case ${body.id} already exists.`);
		if (body.case_status_connected !== undefined && typeof body.case_status_connected !== 'boolean')
			errors.add('case_status_connected', 'invalid_format', 'Must be true or false.');
		if (
			body.case_status_id !== undefined &&
			body.case_status_id !== null &&
			!(Number.isInteger(body.case_status_id) && body.case_status_id > 0)
		)
			errors.add('case_status_id', 'invalid_format', 'Must be a positive integer or null.');
	}
	errors.throwIfAny();
	return out;
}

module.exports = { validateNoteWrite, validateConnection, validateCaseEdit, checkRef, isObject };
