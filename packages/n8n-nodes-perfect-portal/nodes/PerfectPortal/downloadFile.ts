import type { IDataObject } from 'n8n-workflow';

import { parseCsv } from '../shared/csv';
import { toCsv } from '../shared/report';

/**
 * A file of cases downloaded from Perfect Portal, as One Office's "Open from File" takes it
 * (docs/api/perfect-portal.md#download-files). JSON holds the cases in the download's own shape (GET /v1/cases/{id});
 * CSV holds the same cases one line per client, contact or property, with the case's columns repeated on each line.
 */

/** The case's columns, the same on every line of the case. */
export const CASE_COLUMNS = [
	'downloaded_at',
	'case_id',
	'status',
	'case_management_target',
	'work_type',
	'app_code',
	'fee_earner_code',
	'fee_earner_name',
	'branch_code',
	'branch_name',
	'matter_details',
	'dps_mat_ref',
	'dps_client_ref',
	'updated_at',
] as const;

/** What one line adds: a party (`record` party) or a property (`record` property), or nothing (a case alone). */
export const LINE_COLUMNS = [
	'record',
	'party_id',
	'contact_id',
	'party_type',
	'is_primary',
	'title',
	'first_name',
	'last_name',
	'company_name',
	'phone',
	'mobile',
	'email',
	'property_id',
	'tenure',
	'price',
	'transaction_type',
	'address_line1',
	'address_line2',
	'town',
	'county',
	'postcode',
	'country',
] as const;

export const CSV_COLUMNS: string[] = [...CASE_COLUMNS, ...LINE_COLUMNS];

/** Larger than any real download; a bigger file is refused before it is parsed. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** A download date ahead of now by more than this is refused (clocks differ a little). */
const FUTURE_SKEW_MS = 5 * 60 * 1000;

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

const SAMPLES = 'the sample files perfect-portal-download.json and perfect-portal-download.csv';

const FIXES = {
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

type Problem = Omit<Refusal, 'caseId'>;

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

const blank = (v: unknown) => v === undefined || v === null || v === '';

function textOf(value: unknown): string {
	return blank(value) ? '' : String(value).trim();
}

/** The fields of a case every format is checked for: status, case-management system, last update. */
function checkCase(
	record: IDataObject,
	row: number,
	where: string,
	downloadDate: string | null,
): Problem[] {
	const problems: Problem[] = [];
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
function fileDate(
	given: unknown[],
	updatedAts: unknown[],
	nowMs: number,
): { date: string | null; refusal?: Problem } {
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

function fileRefusal(code: keyof typeof FIXES, reason: string): Refusal {
	return { row: null, caseId: null, code, reason, fix: FIXES[code] };
}

// ---------------------------------------------------------------------------------------------------- JSON

function isObject(v: unknown): v is IDataObject {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parties and properties hold the fields the review tables read, with the types they read them as. */
function checkJsonParts(record: IDataObject, row: number, where: string): Problem[] {
	const problems: Problem[] = [];
	const bad = (field: string, what: string, fix: string) =>
		problems.push({ row, code: 'bad_value', reason: `${where}: '${field}' ${what}`, fix });
	const redownload = 'Download the cases from Perfect Portal again and upload that file.';
	for (const field of ['fee_earner', 'branch', 'case_management_link']) {
		if (!blank(record[field]) && !isObject(record[field]))
			bad(field, 'is not an object', redownload);
	}
	for (const field of ['clients_contacts', 'properties']) {
		if (!blank(record[field]) && !Array.isArray(record[field]))
			bad(field, 'is not a list', redownload);
	}
	const parties = Array.isArray(record.clients_contacts) ? record.clients_contacts : [];
	parties.forEach((p, i) => {
		const field = `clients_contacts[${i}]`;
		if (!isObject(p)) {
			bad(field, 'is not an object', redownload);
			return;
		}
		if (!textOf(p.type))
			bad(
				`${field}.type`,
				'is empty',
				'Give the party its type (client, estate_agent, lender, other_side_solicitor, introducer, …).',
			);
		if (!blank(p.is_primary) && typeof p.is_primary !== 'boolean')
			bad(`${field}.is_primary`, `'${String(p.is_primary)}' is not true or false`, redownload);
		if (!blank(p.address) && !isObject(p.address))
			bad(`${field}.address`, 'is not an object', redownload);
	});
	const properties = Array.isArray(record.properties) ? record.properties : [];
	properties.forEach((p, i) => {
		const field = `properties[${i}]`;
		if (!isObject(p)) {
			bad(field, 'is not an object', redownload);
			return;
		}
		if (!blank(p.price) && price(p.price) === null)
			bad(`${field}.price`, `'${String(p.price)}' is not an amount`, 'Put the price as 250000.00.');
		if (!blank(p.address) && !isObject(p.address))
			bad(`${field}.address`, 'is not an object', redownload);
	});
	return problems;
}

function readJson(text: string, nowMs: number): DownloadFile {
	const out: DownloadFile = { format: 'json', downloadDate: null, cases: [], refused: [] };
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		out.refused.push(
			fileRefusal('unreadable_file', `the file is not valid JSON (${(error as Error).message})`),
		);
		return out;
	}
	let cases: unknown[];
	let stated: unknown;
	if (Array.isArray(parsed)) cases = parsed;
	else if (isObject(parsed) && Array.isArray(parsed.cases)) {
		cases = parsed.cases;
		stated = parsed.downloaded_at;
	} else if (isObject(parsed) && !blank(parsed.case_id)) cases = [parsed];
	else {
		out.refused.push(
			fileRefusal(
				'unreadable_file',
				'the JSON holds no cases: a download is a list of cases, or {"downloaded_at": …, "cases": […]}',
			),
		);
		return out;
	}
	if (!cases.length) {
		out.refused.push(fileRefusal('unreadable_file', 'the file holds no case'));
		return out;
	}
	const date = fileDate(
		[stated],
		cases.map((c) => (isObject(c) ? c.updated_at : undefined)),
		nowMs,
	);
	if (date.refusal) {
		out.refused.push({ ...date.refusal, caseId: null });
		return out;
	}
	out.downloadDate = date.date;
	const seen = new Set<string>();
	cases.forEach((c, i) => {
		const row = i + 1;
		const where = `case ${row} of the file`;
		if (!isObject(c)) {
			out.refused.push({
				row,
				caseId: null,
				code: 'bad_value',
				reason: `${where} is not an object`,
				fix: 'Download the cases from Perfect Portal again and upload that file.',
			});
			return;
		}
		const caseId = textOf(c.case_id);
		if (!caseId) {
			out.refused.push({
				row,
				caseId: null,
				code: 'missing_case_id',
				reason: `${where} has no case_id`,
				fix: FIXES.missing_case_id,
			});
			return;
		}
		const named = `${where} (${caseId})`;
		if (seen.has(caseId)) {
			out.refused.push({
				row,
				caseId,
				code: 'duplicate_case',
				reason: `${named}: the case is already in the file`,
				fix: FIXES.duplicate_case,
			});
			return;
		}
		seen.add(caseId);
		const problems = [
			...checkCase(c, row, named, out.downloadDate),
			...checkJsonParts(c, row, named),
		];
		if (problems.length) out.refused.push(...problems.map((p) => ({ ...p, caseId })));
		else out.cases.push({ record: { ...c, case_id: caseId }, rows: [row] });
	});
	return out;
}

// ---------------------------------------------------------------------------------------------------- CSV

type Line = { line: number; values: Record<string, string> };

const BOOLEAN: Record<string, boolean> = {
	true: true,
	yes: true,
	y: true,
	'1': true,
	false: false,
	no: false,
	n: false,
	'0': false,
	'': false,
};

/** A money amount as the download writes it ("250000.00"); "£250,000" as a spreadsheet shows it is read too. */
function price(value: unknown): string | null {
	const text = String(value).replace(/[£,\s]/g, '');
	return /^\d+(\.\d{1,2})?$/.test(text) ? Number(text).toFixed(2) : null;
}

const orNull = (v: string) => (v === '' ? null : v);

function addressOf(v: Record<string, string>): IDataObject | null {
	const address = {
		line1: orNull(v.address_line1),
		line2: orNull(v.address_line2),
		town: orNull(v.town),
		county: orNull(v.county),
		postcode: orNull(v.postcode),
		country: orNull(v.country),
	};
	return Object.values(address).some((x) => x !== null) ? address : null;
}

/** One case from its lines: the case's columns from its first line, a party or property from each line. */
function caseFromLines(
	lines: Line[],
	downloadDate: string | null,
): { record: IDataObject; problems: Problem[] } {
	const first = lines[0].values;
	const caseId = first.case_id;
	const problems: Problem[] = [];
	for (const l of lines.slice(1)) {
		const differs = CASE_COLUMNS.filter((c) => l.values[c] !== first[c]);
		if (differs.length) {
			problems.push({
				row: l.line,
				code: 'conflicting_lines',
				reason: `line ${l.line} (case ${caseId}): ${differs.map((c) => `'${c}' '${l.values[c]}'`).join(', ')} differ${differs.length === 1 ? 's' : ''} from line ${lines[0].line} (${differs.map((c) => `'${first[c]}'`).join(', ')})`,
				fix: FIXES.conflicting_lines,
			});
		}
	}
	const party = (v: Record<string, string>, line: number): IDataObject | null => {
		if (!v.party_type) {
			problems.push({
				row: line,
				code: 'bad_value',
				reason: `line ${line} (case ${caseId}): 'party_type' is empty`,
				fix: 'Put the party type (client, estate_agent, lender, other_side_solicitor, introducer, …), or delete the line.',
			});
			return null;
		}
		const primary = BOOLEAN[v.is_primary.toLowerCase()];
		if (primary === undefined) {
			problems.push({
				row: line,
				code: 'bad_value',
				reason: `line ${line} (case ${caseId}): 'is_primary' '${v.is_primary}' is not yes or no`,
				fix: 'Put true or false (yes or no) in is_primary.',
			});
		}
		const isOrg = Boolean(v.company_name) && !v.last_name;
		return {
			id: orNull(v.party_id),
			contact_id: orNull(v.contact_id),
			type: v.party_type,
			is_primary: primary === true,
			title: orNull(v.title),
			first_name: orNull(v.first_name),
			last_name: orNull(v.last_name),
			company_name: orNull(v.company_name),
			name: isOrg
				? v.company_name
				: [v.title, v.first_name, v.last_name].filter(Boolean).join(' ') || null,
			address: addressOf(v),
			phone: orNull(v.phone),
			mobile: orNull(v.mobile),
			email: orNull(v.email),
		};
	};
	const property = (v: Record<string, string>, line: number): IDataObject => {
		const amount = v.price === '' ? null : price(v.price);
		if (v.price !== '' && amount === null) {
			problems.push({
				row: line,
				code: 'bad_value',
				reason: `line ${line} (case ${caseId}): 'price' '${v.price}' is not an amount`,
				fix: 'Put the price as 250000.00 (no letters), or leave it empty when not known.',
			});
		}
		return {
			id: orNull(v.property_id),
			address: addressOf(v),
			tenure: orNull(v.tenure),
			price: amount,
			transaction_type: orNull(v.transaction_type),
		};
	};
	const parties: IDataObject[] = [];
	const properties: IDataObject[] = [];
	for (const { line, values } of lines) {
		const kind = values.record.toLowerCase();
		if (kind === 'party') {
			const p = party(values, line);
			if (p) parties.push(p);
		} else if (kind === 'property') properties.push(property(values, line));
		else if (kind !== '') {
			problems.push({
				row: line,
				code: 'bad_value',
				reason: `line ${line} (case ${caseId}): 'record' '${values.record}' is not party or property`,
				fix: 'Put party (a client or contact) or property in record, or leave it empty on a line that only names the case.',
			});
		}
	}
	const record: IDataObject = {
		case_id: caseId,
		status: orNull(first.status),
		case_management_target: orNull(first.case_management_target),
		work_type: orNull(first.work_type),
		app_code: orNull(first.app_code),
		fee_earner:
			first.fee_earner_code || first.fee_earner_name
				? { code: orNull(first.fee_earner_code), name: orNull(first.fee_earner_name) }
				: null,
		branch:
			first.branch_code || first.branch_name
				? { code: orNull(first.branch_code), name: orNull(first.branch_name) }
				: null,
		matter_details: first.matter_details,
		clients_contacts: parties,
		properties,
		case_management_link: first.dps_mat_ref
			? {
					system: 'dps_one_office',
					matter_ref: first.dps_mat_ref,
					client_refs: first.dps_client_ref.split(/\s*[,;]\s*/).filter(Boolean),
				}
			: null,
		updated_at: orNull(first.updated_at),
	};
	if (first.downloaded_at && isoTime(first.downloaded_at) !== downloadDate) {
		problems.push({
			row: lines[0].line,
			code: 'bad_value',
			reason: `line ${lines[0].line} (case ${caseId}): 'downloaded_at' '${first.downloaded_at}' is not the file's download date (${downloadDate}); one file is one download`,
			fix: 'Upload each download as a file of its own.',
		});
	}
	problems.unshift(
		...checkCase(record, lines[0].line, `line ${lines[0].line} (case ${caseId})`, downloadDate),
	);
	if (record.updated_at)
		record.updated_at = isoTime(String(record.updated_at)) ?? record.updated_at;
	return { record, problems };
}

function readCsv(text: string, nowMs: number): DownloadFile {
	const out: DownloadFile = { format: 'csv', downloadDate: null, cases: [], refused: [] };
	const [header, ...records] = parseCsv(text);
	const names = (header?.cells ?? []).map((c) =>
		c
			.trim()
			.toLowerCase()
			.replace(/[\s-]+/g, '_'),
	);
	if (!names.some(Boolean)) {
		out.refused.push(fileRefusal('unreadable_file', 'the file is empty'));
		return out;
	}
	if (!names.includes('case_id')) {
		out.refused.push(
			fileRefusal(
				'missing_column',
				`the CSV has no case_id column (its first line names: ${names.filter(Boolean).join(', ').slice(0, 300)})`,
			),
		);
		return out;
	}
	const lines: Line[] = records
		.filter((r) => r.cells.some((c) => c.trim() !== ''))
		.map((r) => ({
			line: r.line,
			values: Object.fromEntries(
				CSV_COLUMNS.map((c) => {
					const at = names.indexOf(c);
					return [c, at < 0 ? '' : (r.cells[at] ?? '').trim()];
				}),
			),
		}));
	if (!lines.length) {
		out.refused.push(
			fileRefusal('unreadable_file', 'the file holds no case (only its header line)'),
		);
		return out;
	}
	const date = fileDate(
		lines.map((l) => l.values.downloaded_at),
		lines.map((l) => l.values.updated_at),
		nowMs,
	);
	if (date.refusal) {
		out.refused.push({ ...date.refusal, caseId: null });
		return out;
	}
	out.downloadDate = date.date;
	const byCase = new Map<string, Line[]>();
	for (const l of lines) {
		const caseId = l.values.case_id;
		if (!caseId) {
			out.refused.push({
				row: l.line,
				caseId: null,
				code: 'missing_case_id',
				reason: `line ${l.line} has no case_id`,
				fix: FIXES.missing_case_id,
			});
			continue;
		}
		byCase.set(caseId, [...(byCase.get(caseId) ?? []), l]);
	}
	for (const [caseId, caseLines] of byCase) {
		const { record, problems } = caseFromLines(caseLines, out.downloadDate);
		if (problems.length) out.refused.push(...problems.map((p) => ({ ...p, caseId })));
		else out.cases.push({ record, rows: caseLines.map((l) => l.line) });
	}
	out.refused.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
	return out;
}

// ---------------------------------------------------------------------------------------------------- both

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

/** The CSV lines of cases in the download's shape: what a firm's CSV download holds (and the sample file). */
export function casesToCsv(cases: IDataObject[], downloadedAt: string): string {
	const rows: Array<Record<string, unknown>> = [];
	for (const c of cases) {
		const feeEarner = (c.fee_earner ?? {}) as IDataObject;
		const branch = (c.branch ?? {}) as IDataObject;
		const link = c.case_management_link as IDataObject | null | undefined;
		const dps = link?.system === 'dps_one_office';
		const base = {
			downloaded_at: downloadedAt,
			case_id: c.case_id,
			status: c.status,
			case_management_target: c.case_management_target,
			work_type: c.work_type,
			app_code: c.app_code,
			fee_earner_code: feeEarner.code,
			fee_earner_name: feeEarner.name,
			branch_code: branch.code,
			branch_name: branch.name,
			matter_details: c.matter_details,
			dps_mat_ref: dps ? link.matter_ref : '',
			dps_client_ref: dps ? ((link.client_refs as string[]) ?? []).join(', ') : '',
			updated_at: c.updated_at,
		};
		const address = (a: IDataObject | null | undefined) => ({
			address_line1: a?.line1,
			address_line2: a?.line2,
			town: a?.town,
			county: a?.county,
			postcode: a?.postcode,
			country: a?.country,
		});
		const parties = (c.clients_contacts ?? []) as IDataObject[];
		const properties = (c.properties ?? []) as IDataObject[];
		for (const p of parties) {
			rows.push({
				...base,
				record: 'party',
				party_id: p.id,
				contact_id: p.contact_id,
				party_type: p.type,
				is_primary: p.is_primary === true,
				title: p.title,
				first_name: p.first_name,
				last_name: p.last_name,
				company_name: p.company_name,
				phone: p.phone,
				mobile: p.mobile,
				email: p.email,
				...address(p.address as IDataObject | null),
			});
		}
		for (const p of properties) {
			rows.push({
				...base,
				record: 'property',
				property_id: p.id,
				tenure: p.tenure,
				price: p.price,
				transaction_type: p.transaction_type,
				...address(p.address as IDataObject | null),
			});
		}
		if (!parties.length && !properties.length) rows.push({ ...base, record: '' });
	}
	return toCsv(rows, CSV_COLUMNS);
}
