'use strict';

// Request validation for the Perfect Portal emulator: ContactWrite, ReferrerWrite, KeyStageSet, Completion,
// CaseManagementLink and Conversion (docs/api/perfect-portal.md). Every failing field goes into one 400
// validation_failed; business rules (422) are checked by the handlers after this.

const { FieldErrors, HttpError } = require('../../lib/http');
const { parseTimestamp, isDate, isEmail } = require('../../lib/validate');

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const blank = (v) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const MONEY = /^\d{1,12}\.\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const TARGETS = ['dps_one_office', 'smokeball', 'leap', 'other'];
const FUTURE_SKEW_MS = 5 * 60 * 1000;

function requireBodyObject(body) {
	if (!isObject(body))
		new FieldErrors().add('body', 'invalid_format', 'The body must be a JSON object.').throwIfAny();
}

function checkUnknown(errors, body, allowed, prefix = '') {
	for (const key of Object.keys(body))
		if (!allowed.has(key))
			errors.add(`${prefix}${key}`, 'unknown_field', `${prefix}${key} is not a known field.`);
}

/** An optional string ≤ max (null allowed). Returns the value, null, or undefined when absent. */
function optString(errors, body, key, max, field = key) {
	const v = body[key];
	if (v === undefined) return undefined;
	if (v === null) return null;
	if (typeof v !== 'string') {
		errors.add(field, 'invalid_format', `${field} must be a string or null.`);
		return undefined;
	}
	if (v.length > max) {
		errors.add(field, 'too_long', `At most ${max} characters.`);
		return undefined;
	}
	return v;
}

const ADDRESS_FIELDS = new Set([
	'line1',
	'line2',
	'line3',
	'town',
	'county',
	'postcode',
	'country',
]);

/** Address | null; line1 required; country ISO 3166-1 alpha-2 (default GB). */
function checkAddress(errors, value, field, strict) {
	if (value === undefined) return undefined;
	if (value === null) return null;
	if (!isObject(value)) {
		errors.add(field, 'invalid_format', `${field} must be an object or null.`);
		return undefined;
	}
	if (strict) checkUnknown(errors, value, ADDRESS_FIELDS, `${field}.`);
	const out = {};
	if (blank(value.line1)) errors.add(`${field}.line1`, 'required', 'line1 is required.');
	for (const key of ADDRESS_FIELDS) {
		if (key === 'country') continue;
		const v = optString(errors, value, key, 100, `${field}.${key}`);
		out[key] = v === undefined ? null : v;
	}
	const country = value.country;
	if (country === undefined || country === null) out.country = 'GB';
	else if (typeof country !== 'string' || !/^[A-Z]{2}$/.test(country))
		errors.add(`${field}.country`, 'invalid_format', 'country must be an ISO 3166-1 alpha-2 code.');
	else out.country = country;
	return out;
}

const CONTACT_FIELDS = new Set([
	'type',
	'title',
	'first_name',
	'last_name',
	'company_name',
	'address',
	'phone',
	'mobile',
	'email',
	'external_ref',
	'external_system',
]);

/**
 * ContactWrite. `current` = the stored contact for a PATCH (rules are checked on the merged result). Returns
 * the fields to store.
 */
function validateContactWrite(body, strict, current = null) {
	requireBodyObject(body);
	const errors = new FieldErrors();
	if (strict) checkUnknown(errors, body, CONTACT_FIELDS);
	const out = {};
	if (body.type !== undefined) {
		if (!['person', 'organisation'].includes(body.type))
			errors.add('type', 'invalid_value', 'type must be person or organisation.');
		else out.type = body.type;
	} else if (!current) errors.add('type', 'required', 'type is required.');
	for (const [key, max] of [
		['title', 20],
		['first_name', 100],
		['last_name', 100],
		['company_name', 200],
		['phone', 30],
		['mobile', 30],
		['email', 254],
		['external_ref', 100],
		['external_system', 50],
	]) {
		const v = optString(errors, body, key, max);
		if (v !== undefined) out[key] = v === '' ? null : v;
	}
	const address = checkAddress(errors, body.address, 'address', strict);
	if (address !== undefined) out.address = address;
	if (out.email && !isEmail(out.email))
		errors.add('email', 'invalid_format', 'email must be a valid e-mail address.');

	const merged = { ...(current || {}), ...out };
	if (merged.type === 'person' && blank(merged.last_name))
		errors.add('last_name', 'required', 'A person needs last_name.');
	if (merged.type === 'organisation' && blank(merged.company_name))
		errors.add('company_name', 'required', 'An organisation needs company_name.');
	if (blank(merged.email) && blank(merged.phone) && blank(merged.mobile))
		errors.add('email', 'required', 'Give at least one of email, phone or mobile.');
	errors.throwIfAny();
	return out;
}

const REFERRER_FIELDS = new Set([
	'name',
	'contact_name',
	'email',
	'phone',
	'address',
	'active',
	'external_ref',
]);

function validateReferrerWrite(body, strict, current = null) {
	requireBodyObject(body);
	const errors = new FieldErrors();
	if (strict) checkUnknown(errors, body, REFERRER_FIELDS);
	const out = {};
	if (body.name !== undefined || !current) {
		if (blank(body.name)) errors.add('name', 'required', 'name is required.');
		else if (typeof body.name !== 'string')
			errors.add('name', 'invalid_format', 'name must be a string.');
		else if (body.name.length > 200) errors.add('name', 'too_long', 'At most 200 characters.');
		else out.name = body.name.trim();
	}
	for (const [key, max] of [
		['contact_name', 200],
		['email', 254],
		['phone', 30],
		['external_ref', 100],
	]) {
		const v = optString(errors, body, key, max);
		if (v !== undefined) out[key] = v === '' ? null : v;
	}
	if (out.email && !isEmail(out.email))
		errors.add('email', 'invalid_format', 'email must be a valid e-mail address.');
	const address = checkAddress(errors, body.address, 'address', strict);
	if (address !== undefined) out.address = address;
	if (body.active !== undefined) {
		if (typeof body.active !== 'boolean')
			errors.add('active', 'invalid_format', 'active must be true or false.');
		else out.active = body.active;
	}
	errors.throwIfAny();
	return out;
}

const KEY_STAGE_SET_FIELDS = new Set(['key_stage_id', 'reached_at', 'note']);

/** KeyStageSet → { stage, reached_at (ms | undefined), note }. */
function validateKeyStageSet(body, state, strict, nowMs) {
	requireBodyObject(body);
	const errors = new FieldErrors();
	if (strict) checkUnknown(errors, body, KEY_STAGE_SET_FIELDS);
	const out = {};
	if (blank(body.key_stage_id)) errors.add('key_stage_id', 'required', 'key_stage_id is required.');
	else if (typeof body.key_stage_id !== 'string')
		errors.add('key_stage_id', 'invalid_format', 'key_stage_id must be a string.');
	else {
		out.stage = state.key_stages.find((k) => k.id === body.key_stage_id && k.active);
		if (!out.stage)
			errors.add(
				'key_stage_id',
				'unknown_value',
				`${body.key_stage_id} is not an active key stage (GET /v1/key-stages).`,
			);
	}
	if (body.reached_at !== undefined && body.reached_at !== null) {
		const ms = parseTimestamp(body.reached_at);
		if (ms === null)
			errors.add(
				'reached_at',
				'invalid_format',
				'reached_at must be an ISO-8601 UTC timestamp ending in Z.',
			);
		else if (ms > nowMs + FUTURE_SKEW_MS)
			errors.add('reached_at', 'out_of_range', 'reached_at must not be in the future.');
		else out.reached_at = ms;
	}
	const note = optString(errors, body, 'note', 1000);
	out.note = note === undefined || note === '' ? null : note;
	errors.throwIfAny();
	return out;
}

const COMPLETION_FIELDS = new Set([
	'status',
	'exchange_date',
	'completion_date',
	'completion_time',
	'purchase_price',
	'deposit_amount',
	'mortgage_advance',
	'lender_name',
	'notes',
]);

/**
 * Completion (PUT replaces every writable field; omitted → null, status → pending). 400 for formats and
 * completion_date < exchange_date; the status/date rule is assertCompletionConsistent (422).
 */
function validateCompletion(body, strict) {
	requireBodyObject(body);
	const errors = new FieldErrors();
	if (strict) checkUnknown(errors, body, new Set([...COMPLETION_FIELDS, 'updated_at']));
	const out = {};
	const status = body.status === undefined || body.status === null ? 'pending' : body.status;
	if (!['pending', 'exchanged', 'completed'].includes(status))
		errors.add('status', 'invalid_value', 'status must be pending, exchanged or completed.');
	out.status = status;
	for (const key of ['exchange_date', 'completion_date']) {
		const v = body[key];
		if (v === undefined || v === null) out[key] = null;
		else if (!isDate(v)) errors.add(key, 'invalid_format', `${key} must be a date YYYY-MM-DD.`);
		else out[key] = v;
	}
	const time = body.completion_time;
	if (time === undefined || time === null) out.completion_time = null;
	else if (typeof time !== 'string' || !TIME.test(time))
		errors.add('completion_time', 'invalid_format', 'completion_time must be HH:MM (24 h).');
	else out.completion_time = time;
	for (const key of ['purchase_price', 'deposit_amount', 'mortgage_advance']) {
		const v = body[key];
		if (v === undefined || v === null) out[key] = null;
		else if (typeof v !== 'string' || !MONEY.test(v))
			errors.add(
				key,
				'invalid_format',
				`${key} must be a decimal string with 2 places, e.g. "1250.00", ≥ 0.`,
			);
		else out[key] = v;
	}
	const lender = optString(errors, body, 'lender_name', 200);
	out.lender_name = lender === undefined ? null : lender;
	const notes = optString(errors, body, 'notes', 2000);
	out.notes = notes === undefined ? null : notes;
	if (out.exchange_date && out.completion_date && out.completion_date < out.exchange_date)
		errors.add(
			'completion_date',
			'out_of_range',
			'completion_date must not be before exchange_date.',
		);
	errors.throwIfAny();
	return out;
}

/** 422 completion_incomplete when the status is inconsistent with its dates (checked after case_not_open). */
function assertCompletionConsistent(value) {
	const missing =
		(value.status === 'exchanged' && !value.exchange_date && 'exchange_date') ||
		(value.status === 'completed' && !value.completion_date && 'completion_date') ||
		null;
	if (missing) {
		throw new HttpError(422, 'completion_incomplete', `status ${value.status} needs ${missing}.`, {
			status: value.status,
			missing,
		});
	}
}

const LINK_FIELDS = new Set(['system', 'matter_ref', 'client_refs', 'matter_url', 'replace']);

function validateLink(body, strict) {
	requireBodyObject(body);
	const errors = new FieldErrors();
	if (strict) checkUnknown(errors, body, LINK_FIELDS);
	const out = {};
	if (blank(body.system)) errors.add('system', 'required', 'system is required.');
	else if (!TARGETS.includes(body.system))
		errors.add('system', 'invalid_value', `system must be one of ${TARGETS.join(', ')}.`);
	else out.system = body.system;
	if (blank(body.matter_ref)) errors.add('matter_ref', 'required', 'matter_ref is required.');
	else if (typeof body.matter_ref !== 'string')
		errors.add('matter_ref', 'invalid_format', 'matter_ref must be a string.');
	else if (body.matter_ref.length > 50)
		errors.add('matter_ref', 'too_long', 'At most 50 characters.');
	else out.matter_ref = body.matter_ref;
	if (body.client_refs === undefined || body.client_refs === null) out.client_refs = [];
	else if (
		!Array.isArray(body.client_refs) ||
		!body.client_refs.every((r) => typeof r === 'string' && r !== '' && r.length <= 50)
	)
		errors.add('client_refs', 'invalid_format', 'client_refs must be a list of non-empty strings.');
	else out.client_refs = body.client_refs.slice();
	const url = optString(errors, body, 'matter_url', 2000);
	out.matter_url = url === undefined || url === '' ? null : url;
	if (body.replace !== undefined && typeof body.replace !== 'boolean')
		errors.add('replace', 'invalid_format', 'replace must be true or false.');
	out.replace = body.replace === true;
	errors.throwIfAny();
	return out;
}

const CONVERSION_FIELDS = new Set([
	'person_responsible_id',
	'conversion_notes',
	'case_management_target',
	'app_code',
	'branch_id',
]);

/** Conversion → { staff, branch, conversion_notes, case_management_target, app_code }. */
function validateConversion(body, state, strict) {
	requireBodyObject(body);
	const errors = new FieldErrors();
	if (strict) checkUnknown(errors, body, CONVERSION_FIELDS);
	const out = {};
	if (blank(body.person_responsible_id))
		errors.add('person_responsible_id', 'required', 'person_responsible_id is required.');
	else {
		out.staff = state.staff.find((s) => s.id === body.person_responsible_id && s.active);
		if (!out.staff)
			errors.add(
				'person_responsible_id',
				'unknown_value',
				`${body.person_responsible_id} is not an active staff member (GET /v1/staff).`,
			);
	}
	const notes = optString(errors, body, 'conversion_notes', 5000);
	out.conversion_notes = notes === undefined || notes === '' ? null : notes;
	const target = body.case_management_target;
	if (target === undefined || target === null) out.case_management_target = null;
	else if (!TARGETS.includes(target))
		errors.add(
			'case_management_target',
			'invalid_value',
			`case_management_target must be one of ${TARGETS.join(', ')} or null.`,
		);
	else out.case_management_target = target;
	const app = optString(errors, body, 'app_code', 10);
	if (app !== undefined && app !== null && app !== '') out.app_code = app;
	if (body.branch_id !== undefined && body.branch_id !== null) {
		out.branch = state.branches.find((b) => b.id === body.branch_id && b.active);
		if (!out.branch)
			errors.add(
				'branch_id',
				'unknown_value',
				`${body.branch_id} is not an active branch (GET /v1/branches).`,
			);
	}
	errors.throwIfAny();
	return out;
}

module.exports = {
	validateContactWrite,
	validateReferrerWrite,
	validateKeyStageSet,
	validateCompletion,
	assertCompletionConsistent,
	validateLink,
	validateConversion,
	checkAddress,
	TARGETS,
	FUTURE_SKEW_MS,
};
