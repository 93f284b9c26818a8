'use strict';

// Format checks (docs/api/README.md#formats), shared by the system modules.

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const E164 = /^\+[1-9]\d{7,14}$/;

/** ISO-8601 UTC with `Z` (fraction optional) → epoch ms, or null. Other offsets are rejected on purpose. */
function parseTimestamp(value) {
	if (typeof value !== 'string' || !TIMESTAMP.test(value)) return null;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? null : ms;
}

/** `YYYY-MM-DD` that is a real calendar day. */
function isDate(value) {
	if (typeof value !== 'string' || !DATE.test(value)) return false;
	const d = new Date(`${value}T00:00:00.000Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function isEmail(value) {
	return typeof value === 'string' && value.length <= 254 && EMAIL.test(value);
}

function isE164(value) {
	return typeof value === 'string' && E164.test(value);
}

/** Today's date in UTC, for "not in the future" rules. */
function todayUtc() {
	return new Date().toISOString().slice(0, 10);
}

module.exports = { parseTimestamp, isDate, isEmail, isE164, todayUtc, E164 };
