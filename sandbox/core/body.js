'use strict';

// A request's body: JSON (10 MiB at most), or multipart/form-data on a route that takes an upload (its own limit).

const { HttpError, readBody, mediaType, parseJson, parseMultipart } = require('../lib/http');

const MiB = 1024 * 1024;
const JSON_LIMIT = 10 * MiB;
const MULTIPART_OVERHEAD = 1 * MiB; // room for part headers and metadata fields around the file

async function readRequestBody(req, route) {
	if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(req.method)) return { body: {}, files: {} };
	const contentType = req.headers['content-type'];
	const type = mediaType(contentType);
	if (route.upload) {
		const max = route.upload.maxFileBytes;
		if (type !== 'multipart/form-data') {
			throw new HttpError(415, 'unsupported_media_type', 'Send the file as multipart/form-data.', {
				allowed: ['multipart/form-data'],
			});
		}
		const { buffer, tooLarge } = await readBody(req, max + MULTIPART_OVERHEAD);
		if (tooLarge)
			throw new HttpError(413, 'file_too_large', `The file exceeds ${max} bytes.`, {
				max_bytes: max,
			});
		const { fields, files } = await parseMultipart(buffer, contentType);
		for (const file of Object.values(files).flat()) {
			if (file.data.length > max)
				throw new HttpError(413, 'file_too_large', `The file exceeds ${max} bytes.`, {
					max_bytes: max,
				});
		}
		return { body: fields, files };
	}
	const { buffer, tooLarge } = await readBody(req, JSON_LIMIT);
	if (tooLarge)
		throw new HttpError(413, 'payload_too_large', `The body exceeds ${JSON_LIMIT} bytes.`, {
			max_bytes: JSON_LIMIT,
		});
	if (buffer.length === 0) return { body: {}, files: {} };
	if (type && type !== 'application/json' && !type.endsWith('+json')) {
		throw new HttpError(415, 'unsupported_media_type', 'Send a JSON body.', {
			allowed: ['application/json'],
		});
	}
	return { body: parseJson(buffer), files: {} };
}

module.exports = { readRequestBody, MiB };
