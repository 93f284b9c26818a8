import type { IDataObject } from 'n8n-workflow';

import { clean, normalisePostcode, PHONE } from './formats';
import type { Problem } from '../shared/problems';
import type { AddressInput } from './mapping';

/** Collects the problems of one write body, field by field (mapping.ts's checkParty and checkMatter). */
export class Checker {
	problems: Problem[] = [];

	add(field: string, code: string, message: string, fix: string): void {
		this.problems.push({ field, code, message, fix });
	}

	text(
		value: unknown,
		field: string,
		options: { required?: boolean; max?: number; fix?: string } = {},
	): string | undefined {
		const text = clean(value);
		if (text === undefined) {
			if (options.required)
				this.add(
					field,
					'empty',
					'is empty',
					options.fix ?? `Enter the ${field}; DPS One Office needs it.`,
				);
			return undefined;
		}
		if (options.max && text.length > options.max) {
			this.add(
				field,
				'too_long',
				`is longer than ${options.max} characters`,
				`Shorten the ${field} to ${options.max} characters.`,
			);
			return undefined;
		}
		return text;
	}
}

/** Address → contract Address; line 1 and postcode are required where `required`. */
export function checkAddress(
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
			'invalid_country',
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
					'invalid_postcode',
					`'${postcode}' is not a UK postcode`,
					'Enter a UK postcode such as LS1 4AB, or set Country for an address outside the UK.',
				);
		} else out.postcode = postcode.toUpperCase();
	}
	return out;
}

/** A phone or mobile number: digits, spaces and + ( ) - only. */
export function phoneField(c: Checker, value: unknown, field: string): string | undefined {
	const v = c.text(value, field, { max: 30 });
	if (v !== undefined && (!PHONE.test(v) || !/\d/.test(v))) {
		c.add(
			field,
			'invalid_phone',
			`'${v}' is not a phone number`,
			'Use digits, spaces and + ( ) - only, e.g. 07700 900123.',
		);
		return undefined;
	}
	return v;
}
