import type { IDataObject } from 'n8n-workflow';

import type { Problem } from '../shared/problems';
import { checkAddress, Checker, phoneField } from './checker';
import { clean, EMAIL, TENURES, toDateOnly, toMoney } from './formats';

/**
 * Node input → DPS One Office write bodies, checked against the contract's rules before anything is sent, so an
 * operation that writes twice (client, then matter) can refuse bad input while nothing is written yet. The field
 * checks are in checker.ts, the formats in formats.ts (re-exported here for the operations).
 */
export { clean, normalisePostcode, TENURES, toDateOnly, toMoney } from './formats';

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
				'invalid_email',
				`'${email}' is not an e-mail address`,
				'Enter a valid e-mail address.',
			);
	}
	const birth = clean(input.dateOfBirth);
	if (options.client && birth !== undefined) {
		const date = toDateOnly(birth);
		if (!date)
			c.add(
				`${label}Date of Birth`,
				'invalid_date',
				`'${birth}' is not a date`,
				'Enter it as YYYY-MM-DD.',
			);
		else if (date > options.today)
			c.add(
				`${label}Date of Birth`,
				'future_date',
				`${date} is in the future`,
				'Enter the real date of birth.',
			);
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
			c.add(
				'Additional Client Refs',
				'duplicate',
				`lists ${r} twice`,
				'List each joint client once.',
			);
		seen.add(r);
	});
	if (input.additionalClientRefs.length) body.additional_client_refs = input.additionalClientRefs;
	const opened = clean(input.openedOn);
	if (opened !== undefined) {
		const date = toDateOnly(opened);
		if (!date)
			c.add('Opened On', 'invalid_date', `'${opened}' is not a date`, 'Enter it as YYYY-MM-DD.');
		else if (date > today)
			c.add(
				'Opened On',
				'future_date',
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
				c.add(
					`${label}Tenure`,
					'invalid_tenure',
					`'${tenure}' is not a tenure`,
					`Use one of ${TENURES.join(', ')}.`,
				);
		}
		const rawPrice = p.price === undefined || p.price === null ? undefined : clean(p.price);
		if (rawPrice !== undefined) {
			const price = toMoney(p.price as string | number);
			if (price === null)
				c.add(
					`${label}Price`,
					'invalid_amount',
					`'${rawPrice}' is not an amount`,
					'Enter the price as a number of pounds, e.g. 250000 or 250000.00.',
				);
			else property.price = price;
		}
		const currency = clean(p.currency);
		if (currency !== undefined) {
			if (/^[A-Z]{3}$/i.test(currency)) property.currency = currency.toUpperCase();
			else
				c.add(
					`${label}Currency`,
					'invalid_currency',
					`'${currency}' is not a currency code`,
					'Use e.g. GBP.',
				);
		}
		properties.push(property);
	});
	if (properties.length) body.properties = properties;
	return { body, problems: c.problems };
}
