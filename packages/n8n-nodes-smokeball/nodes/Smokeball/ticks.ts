/**
 * .NET ticks (100 ns since 0001-01-01 UTC) are how Smokeball sends `lastUpdated`, `versionId` and the webhook
 * `Timestamp`, and how `UpdatedSince` filters (docs/api/smokeball.md#ticks). They exceed 2^53, so exact values are
 * strings computed with BigInt; a JSON number the API sent is already rounded and converts to the right millisecond.
 */
const EPOCH_TICKS = BigInt('621355968000000000');
const TICKS_PER_MS = BigInt(10000);

/** Ticks (number or digit string) → ISO-8601 UTC, or null when the value is not ticks. */
export function ticksToIso(value: unknown): string | null {
	if (value === null || value === undefined) return null;
	const text =
		typeof value === 'number' ? BigInt(Math.trunc(value)).toString() : String(value).trim();
	if (!/^\d{15,20}$/.test(text)) return null;
	const ms = Number((BigInt(text) - EPOCH_TICKS) / TICKS_PER_MS);
	const date = new Date(ms);
	return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** A date (ISO string, epoch ms or Date) → ticks as an exact decimal string, or null when it is not a date. */
export function isoToTicks(value: string | number | Date): string | null {
	const ms =
		value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
	if (!Number.isFinite(ms)) return null;
	return (BigInt(Math.floor(ms)) * TICKS_PER_MS + EPOCH_TICKS).toString();
}

/** Ticks → epoch ms, or null. */
export function ticksToMs(value: unknown): number | null {
	const iso = ticksToIso(value);
	return iso === null ? null : Date.parse(iso);
}
