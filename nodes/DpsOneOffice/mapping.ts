import type { IDataObject } from 'n8n-workflow';

/**
 * Node input → DPS One Office write bodies, checked against the contract's rules before anything is sent, so an
 * operation that writes twice (client, then matter) can refuse bad input while nothing is written yet.
 */

/** One thing wrong with an item's input: the field as the node shows it, what is wrong and how to fix it. */
export interface Problem {
	field: string;
	message: string;
	fix: string;
}

export interface AddressInput {
	line1?: string;
	line2?: string;
	line3?: string;
	town?: string;
	county?: string;
	postcode?: string;
	country?: string;
}

export interface PartyInput {
	type: string;
	title?: string;
	firstName?: string;
	lastName?: string;
	organisationName?: string;
	address: AddressInput;
	phone?: string;
	mobile?: string;
	email?: string;
	dateOfBirth?: string;
	externalRef?: string;
	externalSource?: string;
}

export interface PropertyInput {
	address: AddressInput;
	tenure?: string;
	price?: string | number;
	currency?: string;
}

export interface MatterInput {
	appCode: string;
	feeEarner: string;
	branch: string;
	matterDetails: string;
	externalRef?: string;
	externalSource?: string;
	additionalClientRefs: string[];
	openedOn?: string;
	properties: PropertyInput[];
}

/** UK postcode format (outward + inward), on the upper-cased text without spaces. */
const UK_POSTCODE = /^(GIR0AA|[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2})$/;
const PHONE = /^[0-9 +()-]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const TENURES = ['freehold', 'leasehold', 'commonhold', 'unknown'];

/** `ls14ab` → `LS1 4AB`, as DPS stores it; null when it is not a UK postcode. */
export function normalisePostcode(value: string): string | null {
	const compact = value.replace(/\s+/g, '').toUpperCase();
	if (!UK_POSTCODE.test(compact)) return null;
	return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

/** Trimmed text, or undefined when empty. */
export function clean(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	const text = String(value).trim();
	return text ? text : undefined;
}

function isRealDate(value: string): boolean {
	if (!DATE.test(value)) return false;
	const d = new Date(`${value}T00:00:00.000Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** A date parameter (n8n dateTime or typed text) as YYYY-MM-DD, or null when it is not a date. */
export function toDateOnly(value: string): string | null {
	const head = value.slice(0, 10);
	return isRealDate(head) ? head : null;
}

/** "250000", 250000, "250,000.5" → "250000.00"; null when not a non-negative amount. */
export function toMoney(value: string | number): string | null {
	const text = typeof value === 'number' ? String(value) : value.replace(/[,£\s]/g, '');
	if (!/^\d+(\.\d+)?$/.test(text)) return null;
	const amount = Number(text);
	return Number.isFinite(amount) && amount >= 0 ? amount.toFixed(2) : null;
}

class Checker {
	problems: Problem[] = [];

	add(field: string, message: string, fix: string): void {
		this.problems.push({ field, message, fix });
	}

	text(
		value: unknown,
		field: string,
		options: { required?: boolean; max?: number; fix?: string } = {},
	): string | undefined {
		const text = clean(value);
		if (text === undefined) {
			if (options.required)
				this.add(field, 'is empty', options.fix ?? `Enter the ${field}; DPS One Office needs it.`);
			return undefined;
		}
		if (options.max && text.length > options.max) {
			this.add(
				field,
				`is longer than ${options.max} characters`,
				`Shorten the ${field} to ${options.max} characters.`,
			);
			return undefined;
		}
		return text;
	}
}

/** Address → contract Address; line 1 and postcode are required where `required`. */
function checkAddress(
	c: Checker,
	a: AddressInput,
	label: string,
	required: boolean,
): IDataObject | undefined {
	const given = Object.values(a).some((v) => clean(v) !== undefined);
	if (!given && !required) return undefined;
	const out: IDataObject = {};
	out.line1 = c.text(a.line1, `${label}Address Line 1`, { required: true, max: 100 });
	for (const [key, name] of [
		['line2', 'Address Line 2'],
		['line3', 'Address Line 3'],
		['town', 'Town'],
		['county', 'County'],
	] as const) {
		const v = c.text(a[key], `${label}${name}`, { max: 100 });
		if (v !== undefined) out[key] = v;
	}
	const country = (clean(a.country) ?? 'GB').toUpperCase();
	if (!/^[A-Z]{2}$/.test(country)) {
		c.add(
			`${label}Country`,
			`'${country}' is not a two-letter country code`,
			'Use an ISO 3166-1 alpha-2 code such as GB.',
		);
	}
	out.country = country;
	const postcode = c.text(a.postcode, `${label}Postcode`, { required: true, max: 10 });
	if (postcode !== undefined) {
		if (country === 'GB') {
			const normalised = normalisePostcode(postcode);
			if (normalised) out.postcode = normalised;
			else
				c.add(
					`${label}Postcode`,
					`'${postcode}' is not a UK postcode`,
					'Enter a UK postcode such as LS1 4AB, or set Country for an address outside the UK.',
				);
		} else out.postcode = postcode.toUpperCase();
	}
	return out;
}

function phoneField(c: Checker, value: unknown, field: string): string | undefined {
	const v = c.text(value, field, { max: 30 });
	if (v !== undefined && (!PHONE.test(v) || !/\d/.test(v))) {
		c.add(
			field,
			`'${v}' is not a phone number`,
			'Use digits, spaces and + ( ) - only, e.g. 07700 900123.',
		);
		return undefined;
	}
	return v;
}

/**
 * A client (ClientWrite) or a contact (ContactWrite, without contact_type) from node input. `label` prefixes field
 * names in problems ("Client " on Matter › Create). Clients need first and last name (or the organisation name)
 * and an address; contacts need a last name (or the organisation name).
 */
export function checkParty(
	input: PartyInput,
	options: { client: boolean; label?: string; today: string },
): { body: IDataObject; problems: Problem[] } {
	const c = new Checker();
	const label = options.label ?? '';
	const body: IDataObject = {};
	const type = input.type === 'organisation' ? 'organisation' : 'person';
	body.type = type;
	const title = c.text(input.title, `${label}Title`, { max: 20 });
	if (title !== undefined) body.title = title;
	if (type === 'person') {
		const first = c.text(input.firstName, `${label}First Name`, {
			required: options.client,
			max: 100,
		});
		if (first !== undefined) body.first_name = first;
		body.last_name = c.text(input.lastName, `${label}Last Name`, { required: true, max: 100 });
	} else {
		body.organisation_name = c.text(input.organisationName, `${label}Organisation Name`, {
			required: true,
			max: 200,
		});
	}
	const address = checkAddress(c, input.address, label, options.client);
	if (address) body.address = address;
	const phone = phoneField(c, input.phone, `${label}Phone`);
	if (phone !== undefined) body.phone = phone;
	const mobile = phoneField(c, input.mobile, `${label}Mobile`);
	if (mobile !== undefined) body.mobile = mobile;
	const email = c.text(input.email, `${label}Email`, { max: 254 });
	if (email !== undefined) {
		if (EMAIL.test(email)) body.email = email;
		else
			c.add(
				`${label}Email`,
				`'${email}' is not an e-mail address`,
				'Enter a valid e-mail address.',
			);
	}
	const birth = clean(input.dateOfBirth);
	if (options.client && birth !== undefined) {
		const date = toDateOnly(birth);
		if (!date)
			c.add(`${label}Date of Birth`, `'${birth}' is not a date`, 'Enter it as YYYY-MM-DD.');
		else if (date > options.today)
			c.add(`${label}Date of Birth`, `${date} is in the future`, 'Enter the real date of birth.');
		else body.date_of_birth = date;
	}
	const ref = c.text(input.externalRef, `${label}External Reference`, { max: 100 });
	if (ref !== undefined) body.external_ref = ref;
	const source = c.text(input.externalSource, `${label}External Source`, { max: 50 });
	if (source !== undefined) body.external_source = source;
	return { body, problems: c.problems };
}

/**
 * The matter's own fields (MatterWrite without client_ref): required codes present, Matter Details 1–255, dates
 * not in the future, properties with line 1 + UK postcode, tenure and price. The codes are checked against the
 * firm's lists separately (lookups.ts), because that needs the API.
 */
export function checkMatter(
	input: MatterInput,
	today: string,
): { body: IDataObject; problems: Problem[] } {
	const c = new Checker();
	const body: IDataObject = {};
	body.app_code = c.text(input.appCode, 'AppCode', {
		required: true,
		max: 10,
		fix: 'Enter the AppCode (work type), e.g. CP.',
	});
	body.fee_earner = c.text(input.feeEarner, 'Fee Earner', {
		required: true,
		max: 10,
		fix: "Enter the fee earner's DPS user code, e.g. JSM.",
	});
	body.branch = c.text(input.branch, 'Branch', {
		required: true,
		max: 10,
		fix: 'Enter the branch code, e.g. LDS.',
	});
	body.matter_details = c.text(input.matterDetails, 'Matter Details', {
		required: true,
		max: 255,
		fix: 'Describe the matter, e.g. "Purchase of 1 High St, Leeds".',
	});
	const ref = c.text(input.externalRef, 'External Reference', { max: 100 });
	if (ref !== undefined) body.external_ref = ref;
	const source = c.text(input.externalSource, 'External Source', { max: 50 });
	if (source !== undefined) body.external_source = source;
	const seen = new Set<string>();
	input.additionalClientRefs.forEach((r) => {
		if (seen.has(r))
			c.add('Additional Client Refs', `lists ${r} twice`, 'List each joint client once.');
		seen.add(r);
	});
	if (input.additionalClientRefs.length) body.additional_client_refs = input.additionalClientRefs;
	const opened = clean(input.openedOn);
	if (opened !== undefined) {
		const date = toDateOnly(opened);
		if (!date) c.add('Opened On', `'${opened}' is not a date`, 'Enter it as YYYY-MM-DD.');
		else if (date > today)
			c.add(
				'Opened On',
				`${date} is in the future`,
				'Leave it empty for today, or use a past date.',
			);
		else body.opened_on = date;
	}
	const properties: IDataObject[] = [];
	input.properties.forEach((p, i) => {
		const label = `Property ${i + 1} › `;
		const property: IDataObject = { address: checkAddress(c, p.address, label, true) };
		const tenure = clean(p.tenure);
		if (tenure !== undefined) {
			if (TENURES.includes(tenure)) property.tenure = tenure;
			else
				c.add(`${label}Tenure`, `'${tenure}' is not a tenure`, `Use one of ${TENURES.join(', ')}.`);
		}
		const rawPrice = p.price === undefined || p.price === null ? undefined : clean(p.price);
		if (rawPrice !== undefined) {
			const price = toMoney(p.price as string | number);
			if (price === null)
				c.add(
					`${label}Price`,
					`'${rawPrice}' is not an amount`,
					'Enter the price as a number of pounds, e.g. 250000 or 250000.00.',
				);
			else property.price = price;
		}
		const currency = clean(p.currency);
		if (currency !== undefined) {
			if (/^[A-Z]{3}$/i.test(currency)) property.currency = currency.toUpperCase();
			else c.add(`${label}Currency`, `'${currency}' is not a currency code`, 'Use e.g. GBP.');
		}
		properties.push(property);
	});
	if (properties.length) body.properties = properties;
	return { body, problems: c.problems };
}
