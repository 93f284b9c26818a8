import type { IDataObject } from 'n8n-workflow';

import { fileRefusal } from './downloadFile.checks';
import { readCsv } from './downloadFile.csv';
import { readJson } from './downloadFile.json';

/**
 * A file of cases downloaded from Perfect Portal, as One Office's "Open from File" takes it
 * (docs/api/perfect-portal.md#download-files). JSON holds the cases in the download's own shape (GET /v1/cases/{id});
 * CSV holds the same cases one line per client, contact or property, with the case's columns repeated on each line.
 */

export { CASE_COLUMNS, CSV_COLUMNS, LINE_COLUMNS } from './downloadFile.columns';
export { isoTime } from './downloadFile.values';
export { casesToCsv } from './downloadFile.writeCsv';

/** Larger than any real download; a bigger file is refused before it is parsed. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export type FileFormat = 'auto' | 'json' | 'csv';

/** A case read from the file, in the download's shape, with the rows it came from. */
export interface LoadedCase {
	record: IDataObject;
	rows: number[];
}

/** A row (CSV line, or the Nth case of a JSON file) that was not loaded; `row` null when the whole file is. */
export interface Refusal {
	row: number | null;
	caseId: string | null;
	code: string;
	reason: string;
	fix: string;
}

export interface DownloadFile {
	format: 'json' | 'csv';
	/** When the file was downloaded (ISO); every case of the file carries it. */
	downloadDate: string | null;
	cases: LoadedCase[];
	refused: Refusal[];
}

/** JSON or CSV: as chosen, else by the file's extension, else by its first character. */
export function formatOf(fileName: string, text: string, format: FileFormat): 'json' | 'csv' {
	if (format !== 'auto') return format;
	if (/\.json$/i.test(fileName)) return 'json';
	if (/\.csv$/i.test(fileName)) return 'csv';
	return /^\s*[[{]/.test(text.replace(/^\uFEFF/, '')) ? 'json' : 'csv';
}

/** Reads a download file: the cases that load, and each row that does not with the reason and the fix. */
export function readDownloadFile(
	content: Buffer,
	fileName: string,
	format: FileFormat,
	nowMs: number,
): DownloadFile {
	const text = content.toString('utf8').replace(/^\uFEFF/, '');
	const chosen = formatOf(fileName, text, format);
	if (content.length > MAX_FILE_BYTES) {
		return {
			format: chosen,
			downloadDate: null,
			cases: [],
			refused: [
				fileRefusal(
					'unreadable_file',
					`the file is ${content.length} bytes, over the ${MAX_FILE_BYTES} a download file may be`,
				),
			],
		};
	}
	if (!text.trim()) {
		return {
			format: chosen,
			downloadDate: null,
			cases: [],
			refused: [fileRefusal('unreadable_file', 'the file is empty')],
		};
	}
	return chosen === 'json' ? readJson(text, nowMs) : readCsv(text, nowMs);
}
