'use strict';

// Request validation for the DPS One Office emulator (docs/api/dps-one-office.md#errors):
// ClientWrite, ContactWrite, MatterWrite and the attach body. Every failing field is collected into one 400
// validation_failed; unknown or inactive app_code / fee_earner / branch / contact_type get one `unknown_value`
// entry per bad field, so a client can show every problem at once.

const { FieldErrors, HttpError } = require('../../lib/http');
const { isDate, isEmail, todayUtc } = require('../../lib/validate');

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

const ADDRESS_FIELDS = new Set([
	'line1',
	'line2',
	'line3',
	'town',
	'county',
	'postcode',
	'country',
]);
const PERSON_FIELDS = [
	'type',
	'title',
	'first_name',
	'last_name',
	'organisation_name',
	'address',
	'phone',
	'mobile',
	'email',
	'external_ref',
	'external_source',
];
const CLIENT_FIELDS = new Set([...PERSON_FIELDS, 'date_of_birth']);
const CONTACT_FIELDS = new Set([...PERSON_FIELDS, 'contact_type']);
const MATTER_FIELDS = new Set([
	'client_ref',
	'additional_client_refs',
	'app_code',
	'fee_earner',
	'branch',
	'matter_details',
	'external_ref',
	'external_source',
	'properties',
	'opened_on',
]);
const PROPERTY_FIELDS = new Set(['address', 'tenure', 'price', 'currency']);
const ATTACH_FIELDS = new Set(['contact_id', 'contact_type', 'reference']);
const TENURES = ['freehold', 'leasehold', 'commonhold', 'unknown'];
const TYPES = ['person', 'organisation'];

// Address line lengths are not in the contract; these are the sandbox's limits.
const MAX_ADDRESS_LINE = 100;
const MAX_MATTER_DETAILS = 255;

/** UK postcode format (outward + inward), checked on the upper-cased text without spaces. */
const UK_POSTCODE = /^(GIR0AA|[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2})$/;
const PHONE = /^[0-9 +()-]+$/;
const MONEY = /^\d{1,13}\.\d{2}$/;

/** `ls14ab` → `LS1 4AB`; null when it is not a UK postcode. */
function normalisePostcode(value) {
	if (typeof value !== 'string') return null;
	const compact = value.replace(/\s+/g, '').toUpperCase();
	if (!UK_POSTCODE.test(compact)) return null;
	return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

/** For comparisons: upper-case, no whitespace (works for any country's format). */
const postcodeKey = (value) =>
	typeof value === 'string' ? value.replace(/\s+/g, '').toUpperCase() : '';

/** For name search: trimmed, whitespace collapsed, case-insensitive. */
const nameKey = (value) =>
	typeof value === 'string' ? value.trim().replace(/\s+/g, ' ').toLowerCase() : '';

function requireBodyObject(body) {
	if (!isObject(body))
		new FieldErrors().add('body', 'invalid_format', 'The body must be a JSON object.').throwIfAny();
}

function checkUnknown(errors, body, allowed, prefix = '') {
	for (const key of Object.keys(body))
		if (!allowed.has(key))
			errors.add(`${prefix}${key}`, 'unknown_field', `${prefix}${key} is not a known field.`);
}

/**
 * A string field: absent/null → undefined (or `required`), blank → `required` when required, else null.
 * Returns the trimmed value.
 */
function text(errors, value, field, { required = false, max } = {}) {
	if (value === undefined || value === null) {
		if (required) errors.add(field, 'required', `${field} is required.`);
		return undefined;
	}
	if (typeof value !== 'string') {
		errors.add(field, 'invalid_format', `${field} must be a string.`);
		return undefined;
	}
	const trimmed = value.trim();
	if (!trimmed) {
		if (required) errors.add(field, 'required', `${field} is required and cannot be blank.`);
		return required ? undefined : null;
	}
	if (max && trimmed.length > max) {
		errors.add(field, 'too_long', `${field} must be at most ${max} characters.`);
		return undefined;
	}
	return trimmed;
}

function phone(errors, value, field) {
	const v = text(errors, value, field, { max: 30 });
	if (v && (!PHONE.test(v) || !/\d/.test(v))) {
		errors.add(field, 'invalid_format', `${field} may hold only digits, spaces and + ( ) -.`);
		return undefined;
	}
	return v;
}

function email(errors, value, field) {
	const v = text(errors, value, field, { max: 254 });
	if (v && !isEmail(v)) {
		errors.add(field, 'invalid_format', `${field} is not a valid e-mail address.`);
		return undefined;
	}
	return v;
}

/** A date that is real and not after today (UTC). */
function pastDate(errors, value, field) {
	if (value === undefined || value === null) return undefined;
	if (!isDate(value)) {
		errors.add(field, 'invalid_format', `${field} must be a date as YYYY-MM-DD.`);
		return undefined;
	}
	if (value > todayUtc()) {
		errors.add(field, 'out_of_range', `${field} cannot be in the future.`);
		return undefined;
	}
	return value;
}

/**
 * Address: line1 and postcode required when `required` (clients, properties) or when an address is given at all
 * for a contact; country ISO alpha-2 (default GB); a GB postcode must be a UK postcode and is normalised.
 */
function address(errors, value, prefix, { required, strict }) {
	if (value === undefined || value === null) {
		if (required) errors.add(prefix, 'required', `${prefix} is required.`);
		return required ? undefined : null;
	}
	if (!isObject(value)) {
		errors.add(prefix, 'invalid_format', `${prefix} must be an object.`);
		return undefined;
	}
	if (strict) checkUnknown(errors, value, ADDRESS_FIELDS, `${prefix}.`);
	const out = {};
	out.line1 = text(errors, value.line1, `${prefix}.line1`, {
		required: true,
		max: MAX_ADDRESS_LINE,
	});
	for (const k of ['line2', 'line3', 'town', 'county'])
		out[k] = text(errors, value[k], `${prefix}.${k}`, { max: MAX_ADDRESS_LINE }) ?? null;
	let country = text(errors, value.country, `${prefix}.country`, { max: 2 });
	if (country && !/^[A-Za-z]{2}$/.test(country)) {
		errors.add(
			`${prefix}.country`,
			'invalid_format',
			'country must be an ISO 3166-1 alpha-2 code.',
		);
		country = undefined;
	}
	out.country = country ? country.toUpperCase() : 'GB';
	const postcode = text(errors, value.postcode, `${prefix}.postcode`, { required: true, max: 10 });
	if (postcode) {
		if (out.country === 'GB') {
			out.postcode = normalisePostcode(postcode);
			if (!out.postcode)
				errors.add(
					`${prefix}.postcode`,
					'invalid_format',
					`${postcode} is not a UK postcode (e.g. LS1 4AB).`,
				);
		} else out.postcode = postcode.toUpperCase();
	}
	return out;
}

function externalRef(errors, body) {
	return {
		external_ref: text(errors, body.external_ref, 'external_ref', { max: 100 }) ?? null,
		external_source: text(errors, body.external_source, 'external_source', { max: 50 }) ?? null,
	};
}

/** Name, address and contact fields shared by clients and contacts (clients also need first_name and address). */
function partyFields(errors, body, { client, strict }) {
	const out = {};
	if (body.type === undefined || body.type === null)
		errors.add('type', 'required', 'type is required (person or organisation).');
	else if (!TYPES.includes(body.type))
		errors.add('type', 'invalid_value', 'type must be person or organisation.');
	else out.type = body.type;
	out.title = text(errors, body.title, 'title', { max: 20 }) ?? null;
	const person = out.type === 'person';
	const organisation = out.type === 'organisation';
	out.first_name =
		text(errors, body.first_name, 'first_name', { max: 100, required: person && client }) ?? null;
	out.last_name = text(errors, body.last_name, 'last_name', { max: 100, required: person }) ?? null;
	out.organisation_name =
		text(errors, body.organisation_name, 'organisation_name', {
			max: 200,
			required: organisation,
		}) ?? null;
	out.address = address(errors, body.address, 'address', { required: client, strict });
	out.phone = phone(errors, body.phone, 'phone') ?? null;
	out.mobile = phone(errors, body.mobile, 'mobile') ?? null;
	out.email = email(errors, body.email, 'email') ?? null;
	Object.assign(out, externalRef(errors, body));
	return out;
}

/** ClientWrite → the client fields (client_ref, display_name and stamps are added by the handler). */
function validateClientWrite(body, strict) {
	requireBodyObject(body);
	const errors = new FieldErrors();
	if (strict) checkUnknown(errors, body, CLIENT_FIELDS);
	const out = partyFields(errors, body, { client: true, strict });
	out.date_of_birth = pastDate(errors, body.date_of_birth, 'date_of_birth') ?? null;
	errors.throwIfAny();
	return out;
}

/** An active lookup entry by code, else one `unknown_value` entry naming the field. */
function lookup(errors, list, value, field, what, endpoint) {
	const code = text(errors, value, field, { required: true, max: 10 });
	if (code === undefined) return undefined;
	const hit = list.find((x) => x.code === code);
	if (!hit || !hit.active) {
		errors.add(
			field,
			'unknown_value',
			hit
				? `${code} is inactive in the ${what} list (GET ${endpoint}).`
				: `${code} is not in the ${what} list (GET ${endpoint}).`,
		);
		return undefined;
	}
	return hit;
}

/** ContactWrite: a person needs last_name, an organisation organisation_name; the address is optional. */
function validateContactWrite(body, state, strict) {
	requireBodyObject(body);
	const errors = new FieldErrors();
	if (strict) checkUnknown(errors, body, CONTACT_FIELDS);
	let type;
	if (typeof body.contact_type === 'string' && body.contact_type.trim().toUpperCase() === 'CLIENT')
		errors.add(
			'contact_type',
			'unknown_value',
			'CLIENT is not a contact type: create clients with POST /v1/clients.',
		);
	else
		type = lookup(
			errors,
			state.contact_types,
			body.contact_type,
			'contact_type',
			'contact type',
			'/v1/contact-types',
		);
	const out = partyFields(errors, body, { client: false, strict });
	errors.throwIfAny();
	return { contact_type: type.code, ...out };
}

function matterLookups(errors, body, state) {
	return {
		app_code: lookup(
			errors,
			state.app_codes,
			body.app_code,
			'app_code',
			'AppCode',
			'/v1/app-codes',
		),
		fee_earner: lookup(
			errors,
			state.fee_earners,
			body.fee_earner,
			'fee_earner',
			'fee earner',
			'/v1/fee-earners',
		),
		branch: lookup(errors, state.branches, body.branch, 'branch', 'branch', '/v1/branches'),
	};
}

function clientRefs(errors, body, state) {
	const exists = (ref) => state.clients.some((c) => c.client_ref === ref);
	const clientRef = text(errors, body.client_ref, 'client_ref', { required: true, max: 20 });
	if (clientRef !== undefined && !exists(clientRef))
		errors.add('client_ref', 'unknown_value', `No client ${clientRef}.`);
	const extra = [];
	const raw = body.additional_client_refs;
	if (raw !== undefined && raw !== null) {
		if (!Array.isArray(raw))
			errors.add(
				'additional_client_refs',
				'invalid_format',
				'additional_client_refs must be a list.',
			);
		else
			raw.forEach((ref, i) => {
				const field = `additional_client_refs[${i}]`;
				if (typeof ref !== 'string' || !ref.trim())
					errors.add(field, 'invalid_format', `${field} must be a client ref.`);
				else if (ref === clientRef)
					errors.add(field, 'invalid_value', `${ref} is already the matter's client_ref.`);
				else if (extra.includes(ref)) errors.add(field, 'invalid_value', `${ref} is listed twice.`);
				else if (!exists(ref)) errors.add(field, 'unknown_value', `No client ${ref}.`);
				else extra.push(ref);
			});
	}
	return { client_ref: clientRef, additional_client_refs: extra };
}

function properties(errors, raw, strict) {
	if (raw === undefined || raw === null) return [];
	if (!Array.isArray(raw)) {
		errors.add('properties', 'invalid_format', 'properties must be a list.');
		return [];
	}
	return raw.map((p, i) => {
		const at = `properties[${i}]`;
		if (!isObject(p)) {
			errors.add(at, 'invalid_format', `${at} must be an object.`);
			return null;
		}
		if (strict) checkUnknown(errors, p, PROPERTY_FIELDS, `${at}.`);
		const out = {
			address: address(errors, p.address, `${at}.address`, { required: true, strict }),
		};
		if (p.tenure === undefined || p.tenure === null) out.tenure = 'unknown';
		else if (!TENURES.includes(p.tenure))
			errors.add(`${at}.tenure`, 'invalid_value', `tenure must be one of ${TENURES.join(', ')}.`);
		else out.tenure = p.tenure;
		if (p.price === undefined || p.price === null) out.price = null;
		else if (typeof p.price !== 'string' || !MONEY.test(p.price))
			errors.add(
				`${at}.price`,
				'invalid_format',
				'price must be a decimal string with 2 decimals, e.g. "250000.00".',
			);
		else out.price = p.price;
		if (p.currency === undefined || p.currency === null) out.currency = 'GBP';
		else if (typeof p.currency !== 'string' || !/^[A-Z]{3}$/.test(p.currency))
			errors.add(`${at}.currency`, 'invalid_format', 'currency must be an ISO 4217 code.');
		else out.currency = p.currency;
		return out;
	});
}

/**
 * MatterWrite → matter fields. 400 lists every bad field; only when the body is otherwise valid is the fee
 * earner's right to the AppCode checked (422 fee_earner_lacks_app_rights).
 */
function validateMatterWrite(body, state, strict) {
	requireBodyObject(body);
	const errors = new FieldErrors();
	if (strict) checkUnknown(errors, body, MATTER_FIELDS);
	const refs = clientRefs(errors, body, state);
	const found = matterLookups(errors, body, state);
	const details = text(errors, body.matter_details, 'matter_details', {
		required: true,
		max: MAX_MATTER_DETAILS,
	});
	const ext = externalRef(errors, body);
	const props = properties(errors, body.properties, strict);
	const openedOn = pastDate(errors, body.opened_on, 'opened_on');
	errors.throwIfAny();
	if (!found.fee_earner.app_codes.includes(found.app_code.code)) {
		throw new HttpError(
			422,
			'fee_earner_lacks_app_rights',
			`User does not have rights to access this matter: fee earner ${found.fee_earner.code} has no rights to AppCode ${found.app_code.code}.`,
			{
				fee_earner: found.fee_earner.code,
				app_code: found.app_code.code,
				allowed_app_codes: found.fee_earner.app_codes.slice(),
			},
		);
	}
	return {
		...refs,
		app_code: found.app_code.code,
		fee_earner: found.fee_earner.code,
		branch: found.branch.code,
		matter_details: details,
		...ext,
		properties: props,
		opened_on: openedOn ?? todayUtc(),
	};
}

/** The attach body's shape (contact_id, contact_type present), before the 409 check. */
function attachKeys(body) {
	if (!isObject(body)) return null;
	const { contact_id: id, contact_type: type } = body;
	return typeof id === 'string' && typeof type === 'string' ? { id, type } : null;
}

/** { contact_id (must exist), contact_type (active), reference? ≤ 50 }. */
function validateAttach(body, state, strict) {
	requireBodyObject(body);
	const errors = new FieldErrors();
	if (strict) checkUnknown(errors, body, ATTACH_FIELDS);
	const id = text(errors, body.contact_id, 'contact_id', { required: true, max: 50 });
	if (id !== undefined && !state.contacts.some((c) => c.contact_id === id))
		errors.add('contact_id', 'unknown_value', `No contact ${id}.`);
	const type = lookup(
		errors,
		state.contact_types,
		body.contact_type,
		'contact_type',
		'contact type',
		'/v1/contact-types',
	);
	const reference = text(errors, body.reference, 'reference', { max: 50 }) ?? null;
	errors.throwIfAny();
	return { contact_id: id, contact_type: type.code, reference };
}

module.exports = {
	validateClientWrite,
	validateContactWrite,
	validateMatterWrite,
	validateAttach,
	attachKeys,
	normalisePostcode,
	postcodeKey,
	nameKey,
	UK_POSTCODE,
};
