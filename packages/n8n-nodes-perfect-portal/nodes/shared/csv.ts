/** One record of a CSV file: its cells and the line it starts on (the header is line 1). */
export interface CsvRecord {
	line: number;
	cells: string[];
}

/**
 * The separator of a CSV file, read from its header line: a comma, or a semicolon when the header has semicolons
 * and no comma (what a spreadsheet saves in locales whose decimal mark is a comma).
 */
function separatorOf(text: string): string {
	const header = text.slice(0, text.search(/\r?\n|$/));
	return !header.includes(',') && header.includes(';') ? ';' : ',';
}

/**
 * RFC 4180 CSV as spreadsheets write it: quoted cells may hold separators, doubled quotes and line breaks; CRLF or
 * LF line ends; a UTF-8 byte order mark is dropped. A cell toCsv (report.ts) prefixed with "'" so a spreadsheet
 * would not run it as a formula gets its text back.
 */
export function parseCsv(input: string): CsvRecord[] {
	const text = input.replace(/^\uFEFF/, '');
	const separator = separatorOf(text);
	const records: CsvRecord[] = [];
	let cells: string[] = [];
	let cell = '';
	let quoted = false;
	let line = 1;
	let start = 1;
	let cellStarted = false;
	const endCell = () => {
		cells.push(/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);
		cell = '';
		cellStarted = false;
	};
	const endRecord = () => {
		endCell();
		records.push({ line: start, cells });
		cells = [];
	};
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else {
				if (ch === '\n') line++;
				cell += ch;
			}
		} else if (ch === '"' && !cellStarted) {
			quoted = true;
			cellStarted = true;
		} else if (ch === separator) endCell();
		else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && text[i + 1] === '\n') i++;
			endRecord();
			line++;
			start = line;
		} else {
			cell += ch;
			cellStarted = true;
		}
	}
	if (cell !== '' || cells.length) endRecord();
	return records;
}
