import type { IDataObject } from 'n8n-workflow';

import type { Refusal } from './downloadFile';
import { blank, isoTime, textOf } from './downloadFile.values';

// The checks both formats make: each case's status, target and last update, and the file's download date; each
// refusal with its fix.

/** A download date ahead of now by more than this is refused (clocks differ a little). */
const FUTURE_SKEW_MS = 5 * 60 * 1000;

const SAMPLES = 'the sample files perfect-portal-download.json and perfect-portal-download.csv';

export const FIXES = {
	unreadable_file: `Upload the file as Perfect Portal downloaded it: JSON (a list of cases, or {"downloaded_at": …, "cases": […]}) or CSV with a header line, as in ${SAMPLES}.`,
	missing_column:
		'Add a case_id column: the first line of the CSV names the columns, as in perfect-portal-download.csv.',
	missing_download_date:
		'Add downloaded_at (when the file was downloaded from Perfect Portal, e.g. 2025-03-11T08:12:40Z) to the file, or download the cases again.',
	bad_download_date:
		'Put the time the file was downloaded from Perfect Portal, as 2025-03-11T08:12:40Z (a spreadsheet may have reformatted it: keep the column as text), or download the cases again.',
	missing_case_id:
		'Fill in the Case ID as Perfect Portal shows it (e.g. PP-104501), or delete the line.',
	duplicate_case:
		'A case appears once in a file: delete the repeat (the first one is the one read).',
	conflicting_lines:
		'Give every line of the case the same case columns (downloaded_at to updated_at), or download the file again.',
	case_not_open:
		'Only open cases are imported: delete it from the file, or reopen the case in Perfect Portal and download again.',
	not_for_dps:
		'Change the case-management system of the case to DPS One Office in Perfect Portal and download again, or delete it from the file.',
	updated_after_download:
		'The file was edited after the download, or its download date is wrong: download the cases again.',
} as const;

/**
 * A line of the file that is not loaded, before its case is known. Not a shared/problems.ts Problem: it names a
 * line of an uploaded file rather than a field of the node, and becomes an output row while the other lines load;
 * nothing stops the item.
 */
export type LineRefusal = Omit<Refusal, 'caseId'>;

/** The fields of a case every format is checked for: status, case-management system, last update. */
export function checkCase(
	record: IDataObject,
	row: number,
	where: string,
	downloadDate: string | null,
): LineRefusal[] {
	const problems: LineRefusal[] = [];
	const caseId = textOf(record.case_id);
	const status = textOf(record.status);
	if (status === 'completed' || status === 'cancelled') {
		problems.push({
			row,
			code: `case_${status}`,
			reason: `${where}: the case is ${status} in the file (only open cases are imported)`,
			fix: FIXES.case_not_open,
		});
	} else if (status && status !== 'open') {
		problems.push({
			row,
			code: 'bad_value',
			reason: `${where}: 'status' '${status}' is not a case status (open, completed or cancelled)`,
			fix: `Put open in the status of case ${caseId}, or download the cases again.`,
		});
	}
	const target = textOf(record.case_management_target);
	if (target && target !== 'dps_one_office') {
		problems.push({
			row,
			code: 'not_for_dps',
			reason: `${where}: the case is sent to ${target} in Perfect Portal, not to DPS One Office`,
			fix: FIXES.not_for_dps,
		});
	}
	if (!blank(record.updated_at)) {
		const updated = isoTime(String(record.updated_at));
		if (!updated) {
			problems.push({
				row,
				code: 'bad_value',
				reason: `${where}: 'updated_at' '${String(record.updated_at)}' is not a date-time like 2025-03-11T08:12:40Z`,
				fix: 'Correct updated_at as Perfect Portal gave it (a spreadsheet may have reformatted it: keep the column as text), or download the cases again.',
			});
		} else if (downloadDate && updated > downloadDate) {
			problems.push({
				row,
				code: 'updated_after_download',
				reason: `${where}: the case was updated (${updated}) after the file says it was downloaded (${downloadDate})`,
				fix: FIXES.updated_after_download,
			});
		}
	}
	return problems;
}

/** The file's download date: `downloaded_at` when given, else the latest update of its cases. */
export function fileDate(
	given: unknown[],
	updatedAts: unknown[],
	nowMs: number,
): { date: string | null; refusal?: LineRefusal } {
	const stated = given.find((v) => !blank(v));
	if (stated !== undefined) {
		const date = isoTime(String(stated));
		if (!date || Date.parse(date) > nowMs + FUTURE_SKEW_MS) {
			return {
				date: null,
				refusal: {
					row: null,
					code: 'bad_download_date',
					reason: `the file's downloaded_at '${String(stated)}' is ${date ? 'in the future' : 'not a date-time like 2025-03-11T08:12:40Z'}, so a case changed in Perfect Portal since could not be told apart`,
					fix: FIXES.bad_download_date,
				},
			};
		}
		return { date };
	}
	const latest = updatedAts
		.map((v) => isoTime(String(v ?? '')))
		.filter((v): v is string => v !== null)
		.sort()
		.pop();
	if (latest && Date.parse(latest) <= nowMs + FUTURE_SKEW_MS) return { date: latest };
	return {
		date: null,
		refusal: {
			row: null,
			code: 'missing_download_date',
			reason:
				'the file says neither when it was downloaded (downloaded_at) nor when its cases were last updated (updated_at), so a case changed in Perfect Portal since could not be told apart',
			fix: FIXES.missing_download_date,
		},
	};
}

export function fileRefusal(code: keyof typeof FIXES, reason: string): Refusal {
	return { row: null, caseId: null, code, reason, fix: FIXES[code] };
}
