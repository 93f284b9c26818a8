import type { IDataObject } from 'n8n-workflow';

import type { DownloadFile } from './downloadFile';
import { checkCase, fileDate, fileRefusal, FIXES, type LineRefusal } from './downloadFile.checks';
import { blank, isObject, price, textOf } from './downloadFile.values';

// A JSON download file: a list of cases in the download's own shape (GET /v1/cases/{id}), or {downloaded_at, cases}.

/** Parties and properties hold the fields the review tables read, with the types they read them as. */
function checkJsonParts(record: IDataObject, row: number, where: string): LineRefusal[] {
	const problems: LineRefusal[] = [];
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

/** The cases of a JSON download file, and each case refused with its reason and fix. */
export function readJson(text: string, nowMs: number): DownloadFile {
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
