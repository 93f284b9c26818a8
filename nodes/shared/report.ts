import type { SyncAction, SyncOutcome } from './model';

/** One outcome row; `changes` lists field names (with before → after where useful). */
export function outcome(
	record: string,
	name: string | null,
	action: SyncAction,
	extra: Partial<Omit<SyncOutcome, 'record' | 'name' | 'action'>> = {},
): SyncOutcome {
	return {
		record,
		name,
		action,
		changes: extra.changes ?? [],
		reason: extra.reason ?? null,
		fix: extra.fix ?? null,
		targetId: extra.targetId ?? null,
		dryRun: extra.dryRun ?? false,
	};
}

function csvCell(value: unknown): string {
	if (value === null || value === undefined) return '';
	const text = Array.isArray(value)
		? value.join('; ')
		: typeof value === 'object'
			? JSON.stringify(value)
			: String(value);
	// Cells a spreadsheet would run as formulas are prefixed, so a CSV of client data cannot execute anything.
	const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
	return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV: CRLF line ends, quotes doubled, a header row from `columns`. */
export function toCsv(rows: Array<Record<string, unknown>>, columns: string[]): string {
	const lines = [columns.map(csvCell).join(',')];
	for (const row of rows) lines.push(columns.map((c) => csvCell(row[c])).join(','));
	return lines.join('\r\n') + '\r\n';
}
