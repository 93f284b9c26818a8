'use strict';

// Document helpers shared by contract-style systems (docs/api/README.md#documents).

const crypto = require('node:crypto');

const CONTENT_TYPES = {
	pdf: 'application/pdf',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	gif: 'image/gif',
	heic: 'image/heic',
	txt: 'text/plain',
	csv: 'text/csv',
	doc: 'application/msword',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const sha256Hex = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');

/** The part's own Content-Type unless it is missing or generic, else a guess from the extension. */
function guessContentType(fileName, given) {
	if (given && given.toLowerCase() !== 'application/octet-stream') return given;
	const dot = fileName.lastIndexOf('.');
	return (
		CONTENT_TYPES[dot >= 0 ? fileName.slice(dot + 1).toLowerCase() : ''] ||
		'application/octet-stream'
	);
}

/** `attachment; filename="…"` with an ASCII fallback, plus RFC 5987 filename* when the name is not plain ASCII. */
function contentDisposition(fileName) {
	const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	const header = `attachment; filename="${ascii}"`;
	return ascii === fileName
		? header
		: `${header}; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

module.exports = { sha256Hex, guessContentType, contentDisposition, CONTENT_TYPES };
