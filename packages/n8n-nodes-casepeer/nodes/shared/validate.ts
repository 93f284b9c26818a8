import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { z } from 'zod';

import { inputError } from './errors';

export { z };

/** E.164: "+" then 8 to 15 digits, no leading zero. */
export const E164 = /^\+[1-9]\d{7,14}$/;

/** Why a typed number cannot be a client's cell phone, in words a person fixes it with. */
export interface PhoneProblem {
	code: 'missing_cell_phone' | 'invalid_cell_phone' | 'not_a_cell_phone';
	message: string;
}

// Labels that say the number IS a cell phone ("Cell: …", "Mobile …"); any other word (Home, Office, Work, Fax…) says
// it is not.
const CELL_LABEL = /^\s*(?:cell(?:ular)?(?: ?phone)?|mobile(?: ?phone)?|mob|m|c)\s*[:.-]?\s*/i;
const EXTENSION = /(?:\s*(?:x|ext\.?|extension|#)\s*\d+\s*)$/i;
// Outside the US and Canada (where mobile and landline numbers look alike) a few countries' mobile ranges: a
// number outside them is a landline or a service number, so it cannot receive the login SMS.
const MOBILE_RANGES: Record<string, RegExp> = {
	'44': /^7(?:[1-57-9]|624)/, // United Kingdom (7624: Isle of Man)
	'353': /^8[3-9]/, // Ireland
	'61': /^4/, // Australia
	'64': /^2/, // New Zealand
	'33': /^[67]/, // France
	'34': /^[67]/, // Spain
	'49': /^1[5-7]/, // Germany
};

function nationalCandidate(digits: string, defaultCountryCode: string): string | null {
	if (defaultCountryCode === '1') {
		if (digits.length === 11 && digits.startsWith('1')) return `+${digits}`;
		return digits.length === 10 ? `+1${digits}` : null;
	}
	return digits.startsWith('0') ? `+${defaultCountryCode}${digits.slice(1)}` : null;
}

/** The country calling code an E.164 number starts with, among those MOBILE_RANGES knows. */
function knownCountry(e164: string): string | undefined {
	return Object.keys(MOBILE_RANGES).find((cc) => e164.startsWith(`+${cc}`));
}

/**
 * Reads a client's cell phone as people type it ("(555) 201-7788", "555.201.7788", "+44 7700 900123") as E.164, or
 * says why it is not one: empty; a label other than cell/mobile ("Home: …", "Office …"); an extension; more than
 * one number; a landline where the country's mobile ranges are known; not a phone number. National numbers get the
 * default country code (US/Canada "1" unless told otherwise). Nothing is guessed.
 */
export function readCellPhone(
	raw: unknown,
	defaultCountryCode = '1',
): { e164: string } | { problem: PhoneProblem } {
	const typed = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
	if (!typed)
		return { problem: { code: 'missing_cell_phone', message: 'the client has no cell phone' } };
	const quoted = `"${typed}"`;
	const unlabelled = typed.replace(CELL_LABEL, '');
	if (/[/,;&]|\bor\b/i.test(unlabelled)) {
		return {
			problem: { code: 'not_a_cell_phone', message: `${quoted} holds more than one number` },
		};
	}
	const label = /[a-z]{2,}|^[a-z]\b/i.exec(unlabelled.replace(EXTENSION, ''));
	if (label) {
		return {
			problem: {
				code: 'not_a_cell_phone',
				message: `${quoted} is labelled "${label[0]}", so it is not a cell phone`,
			},
		};
	}
	if (EXTENSION.test(unlabelled)) {
		return {
			problem: {
				code: 'not_a_cell_phone',
				message: `${quoted} has an extension, so it is an office line, not a cell phone`,
			},
		};
	}
	const digits = unlabelled.replace(/\D/g, '');
	let candidate: string | null;
	if (unlabelled.startsWith('+')) candidate = `+${digits}`;
	else if (unlabelled.startsWith('00')) candidate = `+${digits.slice(2)}`;
	else candidate = nationalCandidate(digits, defaultCountryCode);
	if (!candidate || !E164.test(candidate) || /[^\d\s().+-]/.test(unlabelled)) {
		return {
			problem: {
				code: 'invalid_cell_phone',
				message: `${quoted} is not a valid cell phone number`,
			},
		};
	}
	const country = knownCountry(candidate);
	if (country && !MOBILE_RANGES[country].test(candidate.slice(country.length + 1))) {
		return {
			problem: {
				code: 'not_a_cell_phone',
				message: `${quoted} is a landline (+${country} mobile numbers start otherwise), so it cannot receive a login text`,
			},
		};
	}
	return { e164: candidate };
}

/** The E.164 form of a typed cell phone, or null when it is not one (readCellPhone says why). */
export function toE164(raw: unknown, defaultCountryCode = '1'): string | null {
	const read = readCellPhone(raw, defaultCountryCode);
	return 'e164' in read ? read.e164 : null;
}

export const email = z.string().trim().email();
/** Text that must not be empty, trimmed: "'Title' is empty". */
export const filled = z.string().trim().min(1, 'is empty');
export const isoTimestamp = z
	.string()
	.refine((v) => !Number.isNaN(Date.parse(v)), 'must be a date-time such as 2025-03-14T09:30:00Z');

/** The path of the first failing field as people read it: clients[0].cell_phone. */
function fieldPath(path: Array<string | number>, prefix?: string): string {
	let out = prefix ?? '';
	for (const part of path) {
		out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
	}
	return out || '(input)';
}

/**
 * Parses input with a zod schema and, if it does not fit, throws a NodeOperationError naming the item,
 * every failing field and how to fix it. Nothing has been written yet when this throws. `fix` is one fix, or one
 * per top-level key (the key being the field as the node labels it).
 */
export function parseInput<T extends z.ZodTypeAny>(
	node: INode,
	schema: T,
	value: unknown,
	itemIndex: number,
	options: { field?: string; fix?: string | Record<string, string> } = {},
): z.infer<T> {
	const result = schema.safeParse(value);
	if (result.success) return result.data;
	const issues = result.error.issues;
	const first = issues[0];
	const field = fieldPath(first.path, options.field);
	const others = issues
		.slice(1)
		.map((i) => `'${fieldPath(i.path, options.field)}' ${i.message}`)
		.join('; ');
	const given =
		typeof options.fix === 'string' ? options.fix : options.fix?.[String(first.path[0])];
	const fix =
		(given ?? `Correct '${field}' (or the expression that fills it) and run again.`) +
		(others ? ` Also: ${others}.` : '');
	return (() => {
		throw inputError(node, field, first.message, fix, itemIndex);
	})();
}

/** A required text parameter, trimmed; refused when empty, naming the field and saying how to fill it. */
export function readRequired(
	ctx: IExecuteFunctions,
	parameter: string,
	label: string,
	itemIndex: number,
	fix: string,
): string {
	const value = String(ctx.getNodeParameter(parameter, itemIndex, '') ?? '');
	return parseInput(ctx.getNode(), filled, value, itemIndex, { field: label, fix });
}
