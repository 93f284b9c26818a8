/** The formats DPS One Office stores: UK postcodes, dates, amounts; used by the checkers (checker.ts, mapping.ts). */

/** UK postcode format (outward + inward), on the upper-cased text without spaces. */
const UK_POSTCODE = /^(GIR0AA|[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2})$/;
export const PHONE = /^[0-9 +()-]+$/;
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
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
