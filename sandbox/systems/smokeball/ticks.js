'use strict';

// .NET ticks (100 ns since 0001-01-01 UTC): Smokeball's `UpdatedSince`, `lastUpdated`, `versionId` and webhook
// `Timestamp` (docs/api/smokeball.md#ticks). Ticks pass 2^53, so exact strings go through BigInt; numbers are for JSON
// fields, where the API itself sends doubles (its examples end in 00).

const EPOCH_TICKS = BigInt('621355968000000000');
const TICKS_PER_MS = BigInt(10000);

/** epoch ms → ticks as an exact decimal string. */
function ticksString(ms) {
	return (BigInt(Math.floor(ms)) * TICKS_PER_MS + EPOCH_TICKS).toString();
}

/** epoch ms → ticks as a JSON number (rounded to a double, as the API's own values are). */
function ticksNumber(ms) {
	return Number(ticksString(ms));
}

/** ticks (number or digit string) → epoch ms, or null when it is not ticks. */
function msFromTicks(value) {
	const text = String(value ?? '').trim();
	if (!/^\d{1,20}$/.test(text)) return null;
	return Number((BigInt(text) - EPOCH_TICKS) / TICKS_PER_MS);
}

module.exports = { ticksString, ticksNumber, msFromTicks };
