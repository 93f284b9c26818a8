import type { IDataObject } from 'n8n-workflow';

// The values of a download file as read from JSON or CSV: dates, amounts, text, blanks.

const ISO_TIME =
	/^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * An ISO 8601 date-time as ISO (UTC); without a zone it is UTC. Null for anything else: "11/03/2025 08:12" is
 * refused rather than read as 3 November.
 */
export function isoTime(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const m = ISO_TIME.exec(value.trim());
	if (!m) return null;
	const zone = m[3] ? m[3].toUpperCase().replace(/^([+-]\d{2})(\d{2})$/, '$1:$2') : 'Z';
	const ms = Date.parse(`${m[1]}T${m[2] ?? '00:00'}${zone}`);
	return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

export const blank = (v: unknown) => v === undefined || v === null || v === '';

export function textOf(value: unknown): string {
	return blank(value) ? '' : String(value).trim();
}

export function isObject(v: unknown): v is IDataObject {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A money amount as the download writes it ("250000.00"); "£250,000" as a spreadsheet shows it is read too. */
export function price(value: unknown): string | null {
	const text = String(value).replace(/[£,\s]/g, '');
	return /^\d+(\.\d{1,2})?$/.test(text) ? Number(text).toFixed(2) : null;
}

export const orNull = (v: string) => (v === '' ? null : v);
