import type { IDataObject } from 'n8n-workflow';

import { parseCsv } from '../shared/csv';
import type { DownloadFile } from './downloadFile';
import { checkCase, fileDate, fileRefusal, FIXES, type LineRefusal } from './downloadFile.checks';
import { CASE_COLUMNS, CSV_COLUMNS } from './downloadFile.columns';
import { isoTime, orNull, price } from './downloadFile.values';

// A CSV download file: one line per client, contact or property, the case's columns repeated on each line.

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
): { record: IDataObject; problems: LineRefusal[] } {
	const first = lines[0].values;
	const caseId = first.case_id;
	const problems: LineRefusal[] = [];
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

/** The cases of a CSV download file (lines grouped by case_id), and each line refused with its reason and fix. */
export function readCsv(text: string, nowMs: number): DownloadFile {
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
