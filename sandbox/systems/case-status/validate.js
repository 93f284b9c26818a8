'use strict';

// CaseWrite / MessageWrite validation (docs/api/case-status.md#errors). Every failing field is collected,
// so one 400 carries every import-blocking reason.

const { FieldErrors } = require('../../lib/http');
const { isDate, isEmail, isE164, todayUtc } = require('../../lib/validate');
const { userSummary } = require('./views');

const CREATE_FIELDS = new Set([
	'integration_id',
	'readable_id',
	'name',
	'practice_area',
	'stage',
	'primary_attorney_email',
	'additional_attorney_emails',
	'clients',
	'incident_date',
	'description',
]);
const PATCH_FIELDS = new Set([...CREATE_FIELDS, 'status']);
const CLIENT_FIELDS = [
	'first_name',
	'last_name',
	'company_name',
	'cell_phone',
	'email',
	'birth_date',
];
const CLIENT_KEYS = new Set(['id', ...CLIENT_FIELDS]);

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const blank = (v) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** An active user with one of `roles`, matched case-insensitively by e-mail. */
function findUser(state, email, roles) {
	const wanted = String(email).toLowerCase();
	return (
		state.users.find(
			(u) => u.active && roles.includes(u.role) && String(u.email).toLowerCase() === wanted,
		) || null
	);
}

/** Byte-exact match against display_name or any integration mapping (no trimming, case-sensitive). */
function matchLookup(list, value) {
	return (
		list.find((x) => x.display_name === value || (x.integration_mappings || []).includes(value)) ||
		null
	);
}

function checkUnknown(errors, body, allowed, prefix = '') {
	for (const key of Object.keys(body)) {
		if (!allowed.has(key))
			errors.add(`${prefix}${key}`, 'unknown_field', `${prefix}${key} is not a known field.`);
	}
}

function requireBodyObject(body) {
	if (!isObject(body))
		new FieldErrors().add('body', 'invalid_format', 'The body must be a JSON object.').throwIfAny();
}

/**
 * Clients: in a PATCH an entry with `id` updates that client (omitted fields keep their value, null clears);
 * an entry without `id` whose cell_phone equals an unclaimed existing client's is treated as that client, so a
 * sync that never learned client ids still gets a no-op. Other entries are new clients. Left-out clients detach.
 */
function validateClients(errors, input, existing, strict) {
	if (input === undefined || input === null || (Array.isArray(input) && input.length === 0)) {
		errors.add('clients', 'required', 'At least one client is required.');
		return null;
	}
	if (!Array.isArray(input)) {
		errors.add('clients', 'invalid_format', 'clients must be a list.');
		return null;
	}
	if (input.length > 10) errors.add('clients', 'too_long', 'At most 10 clients.');
	const bases = input.map(() => null);
	const claimed = new Set();
	input.forEach((entry, i) => {
		if (!isObject(entry) || entry.id === undefined || entry.id === null || !existing) return;
		const base = existing.find((c) => c.id === entry.id);
		if (!base)
			errors.add(`clients[${i}].id`, 'unknown_value', `Client ${entry.id} is not on this case.`);
		else if (claimed.has(base.id))
			errors.add(`clients[${i}].id`, 'invalid_value', `Client ${entry.id} is listed twice.`);
		else {
			claimed.add(base.id);
			bases[i] = base;
		}
	});
	if (existing) {
		input.forEach((entry, i) => {
			if (
				!isObject(entry) ||
				(entry.id !== undefined && entry.id !== null) ||
				typeof entry.cell_phone !== 'string'
			)
				return;
			const base = existing.find((c) => !claimed.has(c.id) && c.cell_phone === entry.cell_phone);
			if (base) {
				claimed.add(base.id);
				bases[i] = base;
			}
		});
	}
	const today = todayUtc();
	return input.map((entry, i) => {
		const at = `clients[${i}]`;
		if (!isObject(entry)) {
			errors.add(at, 'invalid_format', 'A client must be an object.');
			return null;
		}
		if (strict) checkUnknown(errors, entry, CLIENT_KEYS, `${at}.`);
		const base = bases[i];
		const merged = {};
		for (const f of CLIENT_FIELDS)
			merged[f] = entry[f] !== undefined ? entry[f] : base ? (base[f] ?? null) : null;

		if (merged.company_name !== null && typeof merged.company_name !== 'string')
			errors.add(`${at}.company_name`, 'invalid_format', 'company_name must be a string or null.');
		else if (typeof merged.company_name === 'string' && merged.company_name.length > 255)
			errors.add(`${at}.company_name`, 'too_long', 'At most 255 characters.');
		const hasCompany = typeof merged.company_name === 'string' && merged.company_name.trim() !== '';
		for (const f of ['first_name', 'last_name']) {
			const v = merged[f];
			if (blank(v)) {
				if (!hasCompany)
					errors.add(`${at}.${f}`, 'required', `${f} is required unless company_name is given.`);
				merged[f] = blank(v) ? null : v;
			} else if (typeof v !== 'string')
				errors.add(`${at}.${f}`, 'invalid_format', `${f} must be a string.`);
			else if (v.length > 100) errors.add(`${at}.${f}`, 'too_long', 'At most 100 characters.');
		}
		if (!isE164(merged.cell_phone)) {
			errors.add(
				`${at}.cell_phone`,
				'invalid_cell_phone',
				'A valid cell phone in E.164 form (e.g. +15552017788) is required.',
			);
		}
		if (merged.email !== null && !isEmail(merged.email))
			errors.add(`${at}.email`, 'invalid_format', 'email must be a valid e-mail address or null.');
		if (merged.birth_date !== null) {
			if (!isDate(merged.birth_date))
				errors.add(`${at}.birth_date`, 'invalid_format', 'birth_date must be YYYY-MM-DD.');
			else if (merged.birth_date > today)
				errors.add(`${at}.birth_date`, 'out_of_range', 'birth_date is in the future.');
		}
		return { base, fields: merged };
	});
}

/**
 * mode 'create' or 'patch' (with `existing`). Returns only the fields the body sets, resolved:
 * { integration_id, readable_id, name, practice_area, stage, primary_attorney, attorneys, clients:[{base, fields}],
 *   incident_date, description, status }. Throws 400 validation_failed listing every failing field.
 */
function validateCaseWrite(body, state, { mode, existing = null, strict = false }) {
	requireBodyObject(body);
	const create = mode === 'create';
	const errors = new FieldErrors();
	const out = {};
	const sets = (k) => create || body[k] !== undefined;
	if (strict) checkUnknown(errors, body, create ? CREATE_FIELDS : PATCH_FIELDS);

	for (const [field, max] of [
		['integration_id', 64],
		['readable_id', 64],
		['name', 255],
	]) {
		if (!sets(field)) continue;
		const v = body[field];
		if (!create && field === 'integration_id') {
			if (v !== existing.integration_id)
				errors.add(field, 'invalid_value', 'integration_id cannot change after create.');
			continue;
		}
		if (blank(v)) errors.add(field, 'required', `${field} is required.`);
		else if (typeof v !== 'string')
			errors.add(field, 'invalid_format', `${field} must be a string.`);
		else if (v.length > max) errors.add(field, 'too_long', `At most ${max} characters.`);
		else out[field] = v;
	}

	const required = !state.settings || state.settings.require_practice_area_and_stage !== false;
	for (const [field, list, code, label] of [
		['practice_area', state.practice_areas, 'unknown_practice_area', 'practice area'],
		['stage', state.stages, 'unknown_stage', 'stage'],
	]) {
		if (!sets(field)) continue;
		const v = body[field];
		if (v === undefined || v === null || v === '') {
			if (required)
				errors.add(field, 'required', `${field} is required by this firm's integration settings.`);
			else out[field] = null;
		} else if (typeof v !== 'string')
			errors.add(field, 'invalid_format', `${field} must be a string.`);
		else {
			const hit = matchLookup(list, v);
			if (hit) out[field] = { id: hit.id, display_name: hit.display_name };
			else
				errors.add(
					field,
					code,
					`"${v}" matches no ${label} display name or integration mapping exactly.`,
				);
		}
	}

	let primaryEmail =
		existing && existing.primary_attorney ? existing.primary_attorney.email.toLowerCase() : null;
	if (sets('primary_attorney_email')) {
		const v = body.primary_attorney_email;
		if (blank(v))
			errors.add('primary_attorney_email', 'required', 'primary_attorney_email is required.');
		else if (typeof v !== 'string')
			errors.add(
				'primary_attorney_email',
				'invalid_format',
				'primary_attorney_email must be a string.',
			);
		else {
			primaryEmail = v.toLowerCase();
			const user = findUser(state, v, ['attorney']);
			if (user) out.primary_attorney = userSummary(user);
			else
				errors.add(
					'primary_attorney_email',
					'attorney_not_found',
					`${v} is not an active attorney user in Case Status.`,
				);
		}
	}

	if (sets('additional_attorney_emails')) {
		const v = body.additional_attorney_emails;
		if (v === undefined || v === null) out.attorneys = [];
		else if (!Array.isArray(v))
			errors.add(
				'additional_attorney_emails',
				'invalid_format',
				'additional_attorney_emails must be a list.',
			);
		else {
			if (v.length > 10)
				errors.add('additional_attorney_emails', 'too_long', 'At most 10 additional attorneys.');
			const seen = new Set();
			const list = [];
			v.forEach((email, i) => {
				const at = `additional_attorney_emails[${i}]`;
				if (typeof email !== 'string' || email === '')
					return errors.add(at, 'invalid_format', 'Each entry must be an e-mail string.');
				const low = email.toLowerCase();
				if (seen.has(low)) return errors.add(at, 'invalid_value', `${email} is listed twice.`);
				seen.add(low);
				if (low === primaryEmail)
					return errors.add(at, 'invalid_value', `${email} is the primary attorney.`);
				const user = findUser(state, email, ['attorney', 'paralegal']);
				if (!user)
					return errors.add(
						at,
						'user_not_found',
						`${email} is not an active attorney or paralegal user.`,
					);
				list.push(userSummary(user));
				return undefined;
			});
			out.attorneys = list;
		}
	} else if (!create && out.primary_attorney) {
		// A new primary who was an additional attorney leaves that list: Case.attorneys never repeats the primary.
		out.attorneys = existing.attorneys.filter((a) => a.id !== out.primary_attorney.id);
	}

	if (sets('clients')) {
		const clients = validateClients(errors, body.clients, create ? null : existing.clients, strict);
		if (clients) out.clients = clients;
	}

	if (body.incident_date !== undefined && body.incident_date !== null) {
		const v = body.incident_date;
		if (!isDate(v))
			errors.add('incident_date', 'invalid_format', 'incident_date must be YYYY-MM-DD.');
		else if (v > todayUtc())
			errors.add('incident_date', 'out_of_range', 'incident_date cannot be in the future.');
		else out.incident_date = v;
	} else if (sets('incident_date')) out.incident_date = null;

	if (body.description !== undefined && body.description !== null) {
		const v = body.description;
		if (typeof v !== 'string')
			errors.add('description', 'invalid_format', 'description must be a string or null.');
		else if (v.length > 5000) errors.add('description', 'too_long', 'At most 5000 characters.');
		else out.description = v;
	} else if (sets('description')) out.description = null;

	if (!create && body.status !== undefined) {
		if (body.status === 'open' || body.status === 'on_hold') out.status = body.status;
		else if (body.status === 'closed')
			errors.add('status', 'invalid_value', 'Close a case with POST /v1/api/cases/{id}/close.');
		else errors.add('status', 'invalid_value', 'status must be open or on_hold.');
	}

	errors.throwIfAny();
	return out;
}

/** MessageWrite (send-message) → { content, sender (User), external_ref }. */
function validateMessageWrite(body, state, theCase, strict) {
	requireBodyObject(body);
	const errors = new FieldErrors();
	if (strict) checkUnknown(errors, body, new Set(['content', 'sender_email', 'external_ref']));
	const out = {};
	const content = body.content;
	if (typeof content === 'string' && content.trim() !== '') {
		if (content.length > 5000) errors.add('content', 'too_long', 'At most 5000 characters.');
		else out.content = content;
	} else if (content === undefined || content === null || typeof content === 'string')
		errors.add('content', 'required', 'content is required and cannot be blank.');
	else errors.add('content', 'invalid_format', 'content must be a string.');

	if (body.sender_email === undefined || body.sender_email === null || body.sender_email === '') {
		// Default sender: the case's primary attorney (docs/api/case-status.md#send-message).
		const id = theCase.primary_attorney && theCase.primary_attorney.id;
		out.sender = state.users.find((u) => u.id === id) || theCase.primary_attorney;
	} else if (typeof body.sender_email !== 'string')
		errors.add('sender_email', 'invalid_format', 'sender_email must be a string or null.');
	else {
		out.sender = findUser(state, body.sender_email, ['attorney', 'paralegal', 'case_manager']);
		if (!out.sender)
			errors.add(
				'sender_email',
				'user_not_found',
				`${body.sender_email} is not an active attorney, paralegal or case manager user.`,
			);
	}

	const ref = body.external_ref;
	if (ref !== undefined && ref !== null) {
		if (typeof ref !== 'string' || ref === '')
			errors.add(
				'external_ref',
				'invalid_format',
				'external_ref must be a non-empty string or null.',
			);
		else if (ref.length > 100) errors.add('external_ref', 'too_long', 'At most 100 characters.');
		else out.external_ref = ref;
	}
	errors.throwIfAny();
	return out;
}

module.exports = { validateCaseWrite, validateMessageWrite, findUser, matchLookup, isObject };
