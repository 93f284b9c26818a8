'use strict';

// Builds the seed's documents (bytes + sha256): a quote PDF on every quote (on the case too once converted),
// client care letters on the cases CLIENT_CARE_LETTERS names (plan-cases.js), a contract pack and a photo.

const { CLIENT_CARE_LETTERS } = require('./plan-cases');
const { MINUTE, iso, feeTotals, documentRecord } = require('./records');

/** Tiny but well-formed files: a PDF, a DOCX (zip magic) and a JPEG. */
function pdfBytes(title, lines) {
	return Buffer.from(
		`%PDF-1.4\n% Perfect Portal sandbox document\n% ${title}\n${lines.map((l) => `% ${l}`).join('\n')}\n%%EOF\n`,
	);
}

function docxBytes(title, rng) {
	return Buffer.concat([
		Buffer.from([0x50, 0x4b, 0x03, 0x04]),
		Buffer.from(`word/document.xml ${title} ${rng.int(100000, 999999)}`),
	]);
}

function jpegBytes(rng) {
	const body = Buffer.from(Array.from({ length: 96 }, () => rng.int(0, 255)));
	return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), body, Buffer.from([0xff, 0xd9])]);
}

/** Pushes every document to b.documents, after the cases and leads exist. */
function buildDocuments(b) {
	const { rng, ids, leads, cases, documents } = b;
	for (const lead of leads) {
		if (lead.kind !== 'quote') continue;
		const bytes = pdfBytes(`Quote ${lead.reference}`, [
			`${lead.work_type} for ${lead.clients_contacts[0].name}`,
			`Total ${feeTotals(lead.fees).total} GBP`,
		]);
		documents.push(
			documentRecord(
				ids.document(),
				{
					case_id: lead.converted_case_id,
					quote_id: lead.id,
					kind: 'quote_pdf',
					file_name: `Quote ${lead.reference}.pdf`,
					content_type: 'application/pdf',
					description: `Quote ${lead.reference}`,
				},
				bytes,
				iso(Date.parse(lead.created_at) + 10 * MINUTE),
			),
		);
	}
	for (const i of CLIENT_CARE_LETTERS) {
		const c = cases[i];
		documents.push(
			documentRecord(
				ids.document(),
				{
					case_id: c.case_id,
					kind: 'client_care',
					file_name: 'Client Care Letter.pdf',
					content_type: 'application/pdf',
					description: `Client care letter for ${c.case_id}`,
				},
				pdfBytes('Client Care Letter', [c.matter_details]),
				iso(Date.parse(c.created_at) + 30 * MINUTE),
			),
		);
	}
	documents.push(
		documentRecord(
			ids.document(),
			{
				case_id: cases[0].case_id,
				kind: 'other',
				file_name: 'Contract Pack.docx',
				content_type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
				external_ref: 'sb:document:55001',
			},
			docxBytes('Contract Pack', rng),
			iso(Date.parse(cases[0].created_at) + 40 * MINUTE),
		),
		documentRecord(
			ids.document(),
			{
				case_id: cases[1].case_id,
				kind: 'other',
				file_name: 'Accident Photo.jpg',
				content_type: 'image/jpeg',
			},
			jpegBytes(rng),
			iso(Date.parse(cases[1].created_at) + 45 * MINUTE),
		),
	);
}

module.exports = { buildDocuments, pdfBytes };
