'use strict';

// Documents: a case's or quote's list, the content download, and the multipart upload.

const { HttpError, FieldErrors, queryList } = require('../../lib/http');
const { readPaging, pageEnvelope } = require('../../lib/paging');
const { guessContentType, contentDisposition } = require('../../lib/files');
const { documentRecord, SEED_FACTS } = require('./seed');
const V = require('./views');
const {
	duplicateRef,
	enumList,
	feedOrder,
	findCase,
	findLead,
	nextId,
	notFound,
	readFeedQuery,
	single,
} = require('./common');

const MAX_FILE_BYTES = 50 * 1024 * 1024;
const MAX_FILE_NAME = 255;
const DOCUMENT_KINDS = ['quote_pdf', 'client_care', 'other'];
const ALLOWED_UPLOAD_TYPES = SEED_FACTS.allowedUploadTypes;

function listCaseDocuments({ state, params, query, send }) {
	const c = findCase(state, params.id);
	const errors = new FieldErrors();
	const p = readPaging(query, errors);
	const keys = readFeedQuery(query, errors, { created: false });
	const kinds = enumList(query, 'kind', DOCUMENT_KINDS, errors);
	const refs = new Set(queryList(query, 'external_ref'));
	errors.throwIfAny();
	const rows = state.documents.filter(
		(d) =>
			d.case_id === c.case_id &&
			(!kinds.size || kinds.has(d.kind)) &&
			(!refs.size || refs.has(d.external_ref)),
	);
	return send(200, pageEnvelope(feedOrder(rows, keys), p, V.documentView));
}

function listQuoteDocuments({ state, params, query, send }) {
	const q = findLead(state, 'quote', params.id);
	const errors = new FieldErrors();
	const p = readPaging(query, errors);
	const kinds = enumList(query, 'kind', DOCUMENT_KINDS, errors);
	const refs = new Set(queryList(query, 'external_ref'));
	errors.throwIfAny();
	const rows = state.documents.filter(
		(d) =>
			d.quote_id === q.id &&
			(!kinds.size || kinds.has(d.kind)) &&
			(!refs.size || refs.has(d.external_ref)),
	);
	return send(200, pageEnvelope(feedOrder(rows, {}), p, V.documentView));
}

function downloadDocument({ state, params, sendRaw }) {
	const d = state.documents.find((x) => x.id === params.id);
	if (!d) throw notFound('document', params.id);
	return sendRaw(200, Buffer.from(d.content_base64 || '', 'base64'), {
		'Content-Type': d.content_type || 'application/octet-stream',
		'Content-Disposition': contentDisposition(d.file_name),
	});
}

/**
 * upload-case-document, upload-quote-document: multipart `file` + kind, description, external_ref. PDF, DOCX, DOC,
 * JPEG, PNG only (else 415).
 */
function upload(target) {
	return ({ state, params, body, files, strict, now, send }) => {
		const owner =
			target === 'case' ? findCase(state, params.id) : findLead(state, 'quote', params.id);
		const ref = single(body.external_ref);
		if (typeof ref === 'string' && ref !== '') {
			const existing = state.documents.find((d) => d.external_ref === ref);
			if (existing) throw duplicateRef(existing.id, ref, 'document');
		}
		const errors = new FieldErrors();
		if (strict)
			for (const k of Object.keys(body))
				if (!['kind', 'external_ref', 'description'].includes(k))
					errors.add(k, 'unknown_field', `${k} is not a known part.`);
		for (const k of ['kind', 'external_ref', 'description'])
			if (Array.isArray(body[k])) errors.add(k, 'invalid_format', `${k} must be sent once.`);
		if (Array.isArray(files.file))
			errors.add('file', 'invalid_format', 'Send one file per upload.');
		const file = single(files.file);
		if (!file) errors.add('file', 'required', 'The multipart part "file" is required.');
		else if (file.data.length === 0) errors.add('file', 'invalid_value', 'The file is empty.');
		const fileName = file ? String(file.filename || '').replace(/^.*[\\/]/, '') : '';
		if (file && !fileName)
			errors.add(
				'file',
				'required',
				'The file part needs a filename (it becomes the document name).',
			);
		else if (fileName.length > MAX_FILE_NAME)
			errors.add('file', 'too_long', `The file name is over ${MAX_FILE_NAME} characters.`);
		const kind = single(body.kind);
		if (kind !== undefined && kind !== '' && !DOCUMENT_KINDS.includes(kind))
			errors.add('kind', 'invalid_value', `kind must be one of ${DOCUMENT_KINDS.join(', ')}.`);
		const description = single(body.description);
		if (description !== undefined && description.length > 2000)
			errors.add('description', 'too_long', 'At most 2000 characters.');
		if (typeof ref === 'string' && ref.length > 100)
			errors.add('external_ref', 'too_long', 'At most 100 characters.');
		errors.throwIfAny();
		const contentType = guessContentType(fileName, file.contentType);
		if (!ALLOWED_UPLOAD_TYPES.includes(contentType.toLowerCase())) {
			throw new HttpError(
				415,
				'unsupported_media_type',
				`Perfect Portal accepts PDF, DOCX, DOC, JPEG and PNG files, not ${contentType}.`,
				{ allowed: ALLOWED_UPLOAD_TYPES.slice() },
			);
		}
		const at = now();
		const record = documentRecord(
			nextId(state, 'document', 'doc_'),
			{
				case_id: target === 'case' ? owner.case_id : owner.converted_case_id,
				quote_id: target === 'quote' ? owner.id : null,
				kind: kind || 'other',
				file_name: fileName,
				content_type: contentType,
				description: description || null,
				external_ref: ref || null,
			},
			file.data,
			at,
		);
		state.documents.push(record);
		return send(201, V.documentView(record));
	};
}

module.exports = {
	MAX_FILE_BYTES,
	ALLOWED_UPLOAD_TYPES,
	listCaseDocuments,
	listQuoteDocuments,
	downloadDocument,
	upload,
};
