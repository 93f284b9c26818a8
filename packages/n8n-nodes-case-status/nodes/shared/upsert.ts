/**
 * Compare-before-write: a sync only writes what differs, because some writes have side effects people see
 * (a Case Status stage change sends the client a survey).
 */

function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value && typeof value === 'object') {
		const keys = Object.keys(value as Record<string, unknown>).sort();
		return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
	}
	return JSON.stringify(value ?? null);
}

export function sameValue(a: unknown, b: unknown): boolean {
	return canonicalJson(a) === canonicalJson(b);
}

/** The fields of `desired` whose values differ from `current` (fields absent from `desired` are left alone). */
export function changedFields<T extends object>(current: T, desired: Partial<T>): Array<keyof T> {
	return (Object.keys(desired) as Array<keyof T>).filter(
		(key) => desired[key] !== undefined && !sameValue(current[key], desired[key]),
	);
}

/** Splits a list into chunks, e.g. ids for bulk lookups that fit in one URL. */
export function chunk<T>(list: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
	return out;
}
