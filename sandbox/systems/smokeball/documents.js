'use strict';

// Matter documents: file records under /matters/{id}/documents/files and the presigned "S3" URLs
// (/smokeball/files/{fileId}/{upload,download}) that carry the bytes.

const crypto = require('node:crypto');
const views = require('./views');
const { RAW_BODY } = require('./auth');
const { badRequest, checkBody, notFound } = require('./errors');
const { matterOr404 } = require('./matters');
const { nowIso } = require('./processing');
const { paged, parseSearch, querySingle, sortBy, termMatches } = require('./query');

const PRESIGN_TTL_MS = 15 * 60000;
const PRESIGN_SECRET = crypto.randomBytes(32); // per process: URLs from another run are invalid, as expired ones

function presign(baseUrl, action, fileId, versionId, nowMs) {
	const expires = nowMs + PRESIGN_TTL_MS;
	const payload = `${action}|${fileId}|${versionId}|${expires}`;
	const sig = crypto.createHmac('sha256', PRESIGN_SECRET).update(payload).digest('hex');
	const url = `${baseUrl}/files/${fileId}/${action}?X-Amz-Version=${encodeURIComponent(versionId)}&X-Amz-Expires=${expires}&X-Amz-Signature=${sig}`;
	return { url, expiry: new Date(expires).toISOString() };
}

function fileOr404(state, matterId, fileId) {
	const f = state.files.find((x) => x.matterId === matterId && x.id === fileId && !x.isDeleted);
	if (!f) throw notFound('File', fileId);
	return f;
}

function listFiles(c) {
	matterOr404(c.state, c.params.matterId);
	const terms = parseSearch(c.query, ['query', 'fileextension']);
	let rows = c.state.files.filter(
		(f) =>
			f.matterId === c.params.matterId &&
			!f.isDeleted &&
			terms.every((t) =>
				t.field === 'query'
					? termMatches({ ...t, value: `*${t.value.replace(/^\*|\*$/g, '')}*` }, [
							f.name,
							`${f.name}${f.fileExtension}`,
						])
					: termMatches(t, [f.fileExtension, f.fileExtension.replace(/^\./, '')]),
			),
	);
	const order = sortBy(c.query, ['dateCreated'], (f) => f.dateCreated);
	if (order) rows = [...rows].sort(order);
	return c.send(
		200,
		paged(
			c,
			rows,
			(f) => views.fileView(c.state, c.api, f),
			`/matters/${c.params.matterId}/documents/files`,
		),
	);
}

function getFile(c) {
	return c.send(
		200,
		views.fileView(c.state, c.api, fileOr404(c.state, c.params.matterId, c.params.fileId)),
	);
}

function addFile(c) {
	const matter = matterOr404(c.state, c.params.matterId);
	const body = checkBody(c, '/matters/{matterId}/documents/files', 'post');
	const dot = body.fileName.lastIndexOf('.');
	if (dot <= 0 || dot === body.fileName.length - 1)
		throw badRequest('fileName must include the file extension, e.g. "court filing.pdf".', {
			fileName: ['needs an extension'],
		});
	const id = crypto.randomUUID();
	const versionId = crypto.randomUUID();
	const stamp = nowIso(c.nowMs);
	c.state.files.push({
		id,
		versionId,
		matterId: matter.id,
		folderId: body.folderId ?? null,
		folderPath: body.folderPath ?? null,
		name: body.fileName.slice(0, dot),
		fileExtension: body.fileName.slice(dot),
		ownerId: body.userId || c.userId,
		dateCreated: body.dateCreated ? new Date(body.dateCreated).toISOString() : stamp,
		dateModified: body.dateModified ? new Date(body.dateModified).toISOString() : stamp,
		sizeBytes: 0,
		additionalData: body.fileAdditionalData || {},
		isUploaded: false,
		isDeleted: false,
		versionMs: c.nowMs,
	});
	const signed = presign(c.baseUrl, 'upload', id, versionId, c.nowMs);
	return c.send(202, { fileId: id, uploadUrl: signed.url, expiry: signed.expiry });
}

/** A new upload URL for an existing file (a new version, or a retry of a failed upload). */
function uploadInfo(c) {
	const f = fileOr404(c.state, c.params.matterId, c.params.fileId);
	const versionId = crypto.randomUUID();
	const signed = presign(c.baseUrl, 'upload', f.id, versionId, c.nowMs);
	return c.send(200, { fileId: f.id, uploadUrl: signed.url, expiry: signed.expiry });
}

function downloadInfo(c) {
	const f = fileOr404(c.state, c.params.matterId, c.params.fileId);
	const blob = c.state.blobs[f.id];
	if (!f.isUploaded || !blob) throw notFound('Uploaded content of file', f.id);
	const versionId = querySingle(c.query, 'versionId');
	if (versionId && versionId !== blob.versionId) throw notFound('Version', versionId);
	const signed = presign(c.baseUrl, 'download', f.id, blob.versionId, c.nowMs);
	return c.send(200, {
		fileId: f.id,
		name: f.name,
		fileExtension: f.fileExtension,
		downloadUrl: signed.url,
		expiry: signed.expiry,
		sizeBytes: f.sizeBytes,
	});
}

/** S3's XML error body. */
function s3Error(sendRaw, status, code, message) {
	const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
	return sendRaw(status, Buffer.from(xml), { 'Content-Type': 'application/xml' });
}

function checkPresigned(c, action) {
	const file = c.state.files.find((f) => f.id === c.params.fileId);
	const version = c.query['X-Amz-Version'];
	const expires = Number(c.query['X-Amz-Expires']);
	const given = String(c.query['X-Amz-Signature'] || '');
	const expected = crypto
		.createHmac('sha256', PRESIGN_SECRET)
		.update(`${action}|${c.params.fileId}|${version}|${expires}`)
		.digest('hex');
	if (
		!file ||
		given.length !== expected.length ||
		!crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected))
	) {
		s3Error(
			c.sendRaw,
			403,
			'SignatureDoesNotMatch',
			'The request signature we calculated does not match the signature you provided.',
		);
		return null;
	}
	if (!(expires > Date.now())) {
		s3Error(c.sendRaw, 403, 'AccessDenied', 'Request has expired');
		return null;
	}
	return { file, version };
}

async function presignedUpload(c) {
	const ok = checkPresigned(c, 'upload');
	if (!ok) return undefined;
	// The URL was signed without a Content-Type: any non-empty one breaks the signature (the swagger's warning).
	const type = c.req.headers['content-type'];
	if (type !== undefined && type.trim() !== '' && type.trim() !== '""') {
		return s3Error(
			c.sendRaw,
			403,
			'SignatureDoesNotMatch',
			`The request signature we calculated does not match the signature you provided (Content-Type '${type}' was not signed).`,
		);
	}
	const { buffer, tooLarge } = await c.req[RAW_BODY];
	if (tooLarge)
		return s3Error(
			c.sendRaw,
			400,
			'EntityTooLarge',
			'Your proposed upload exceeds the maximum allowed size',
		);
	const { file } = ok;
	file.versionId = ok.version;
	file.sizeBytes = buffer.length;
	file.isUploaded = true;
	file.dateModified = nowIso(Date.now());
	file.versionMs = Date.now();
	c.state.blobs[file.id] = { versionId: ok.version, base64: buffer.toString('base64') };
	const etag = crypto.createHash('md5').update(buffer).digest('hex');
	return c.sendRaw(200, Buffer.alloc(0), { ETag: `"${etag}"` });
}

function presignedDownload(c) {
	const ok = checkPresigned(c, 'download');
	if (!ok) return undefined;
	const blob = c.state.blobs[ok.file.id];
	if (!blob || blob.versionId !== ok.version)
		return s3Error(c.sendRaw, 404, 'NoSuchKey', 'The specified key does not exist.');
	const bytes = Buffer.from(blob.base64, 'base64');
	return c.sendRaw(200, bytes, {
		'Content-Type': 'binary/octet-stream',
		ETag: `"${crypto.createHash('md5').update(bytes).digest('hex')}"`,
	});
}

module.exports = {
	listFiles,
	getFile,
	addFile,
	uploadInfo,
	downloadInfo,
	presignedUpload,
	presignedDownload,
};
