import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { z } from 'zod';

import { inputError } from './errors';

export { z };

/** E.164: "+" then 8 to 15 digits, no leading zero. */
export const E164 = /^\+[1-9]\d{7,14}$/;

/**
 * Normalises a phone typed as people type it ("(555) 201-7788", "555.201.7788", "+44 7700 900123") to E.164.
 * National numbers get the default country code (US/Canada "1" unless told otherwise); returns null if it
 * cannot be a valid number rather than guessing.
 */
export function toE164(raw: unknown, defaultCountryCode = '1'): string | null {
	if (typeof raw !== 'string' && typeof raw !== 'number') return null;
	const text = String(raw).trim();
	if (!text) return null;
	const extensionless = text.split(/\s*(?:x|ext\.?|#)\s*\d+$/i)[0];
	const digits = extensionless.replace(/\D/g, '');
	let candidate: string;
	if (extensionless.startsWith('+')) candidate = `+${digits}`;
	else if (extensionless.startsWith('00')) candidate = `+${digits.slice(2)}`;
	else if (defaultCountryCode === '1' && digits.length === 11 && digits.startsWith('1'))
		candidate = `+${digits}`;
	else if (defaultCountryCode === '1' && digits.length === 10) candidate = `+1${digits}`;
	else if (defaultCountryCode !== '1' && digits.startsWith('0'))
		candidate = `+${defaultCountryCode}${digits.slice(1)}`;
	else return null;
	return E164.test(candidate) ? candidate : null;
}

export const email = z.string().trim().email();
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');
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
 * every failing field and how to fix it. Nothing has been written yet when this throws.
 */
export function parseInput<T extends z.ZodTypeAny>(
	node: INode,
	schema: T,
	value: unknown,
	itemIndex: number,
	options: { field?: string; fix?: string } = {},
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
	const fix =
		(options.fix ??
			`Correct '${field}' in item ${itemIndex} (or the expression that fills it) and run again.`) +
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
	const value = String(ctx.getNodeParameter(parameter, itemIndex, '') ?? '').trim();
	if (!value) throw inputError(ctx.getNode(), label, 'is empty', fix, itemIndex);
	return value;
}
