import { clock } from './clock';

/** A text field or a file of a multipart/form-data body. */
export type MultipartPart =
	| { name: string; value: string }
	| { name: string; data: Buffer; fileName: string; contentType?: string | null };

const CRLF = '\r\n';

/** Quotes a header parameter value: no line breaks, quotes and backslashes escaped. */
function quoted(value: string): string {
	return `"${value.replace(/[\r\n]+/g, ' ').replace(/(["\\])/g, '\\$1')}"`;
}

/** RFC 5987 ext-value for names outside printable ASCII: UTF-8''percent-encoded. */
function extValue(value: string): string {
	return `UTF-8''${encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

function disposition(name: string, fileName?: string): string {
	let header = `Content-Disposition: form-data; name=${quoted(name)}`;
	if (fileName !== undefined) {
		const ascii = fileName.replace(/[^\x20-\x7e]/g, '_');
		header += `; filename=${quoted(ascii)}`;
		if (ascii !== fileName) header += `; filename*=${extValue(fileName)}`;
	}
	return header;
}

function randomBoundary(): string {
	let token = '';
	while (token.length < 24) token += Math.floor(clock.random() * 36 ** 6).toString(36);
	return `----n8nFormBoundary${token.slice(0, 24)}`;
}

/**
 * Builds a multipart/form-data body as one Buffer, with a boundary that occurs in none of the parts.
 * Send `body` with the header `Content-Type: <contentType>`.
 */
export function buildMultipart(
	parts: MultipartPart[],
	boundary?: string,
): { body: Buffer; contentType: string; boundary: string } {
	const payloads = parts.map((p) => ('data' in p ? p.data : Buffer.from(p.value, 'utf8')));
	let chosen = boundary ?? randomBoundary();
	while (payloads.some((data) => data.includes(chosen))) chosen = randomBoundary();

	const chunks: Buffer[] = [];
	parts.forEach((part, index) => {
		const headers = [`--${chosen}`];
		if ('data' in part) {
			headers.push(disposition(part.name, part.fileName));
			headers.push(`Content-Type: ${part.contentType || 'application/octet-stream'}`);
		} else {
			headers.push(disposition(part.name));
		}
		chunks.push(Buffer.from(headers.join(CRLF) + CRLF + CRLF, 'utf8'));
		chunks.push(payloads[index]);
		chunks.push(Buffer.from(CRLF, 'utf8'));
	});
	chunks.push(Buffer.from(`--${chosen}--${CRLF}`, 'utf8'));
	return {
		body: Buffer.concat(chunks),
		contentType: `multipart/form-data; boundary=${chosen}`,
		boundary: chosen,
	};
}

/** The file name a Content-Disposition header gives (filename* preferred, as RFC 6266 says), or null. */
export function fileNameFromDisposition(header: string | undefined | null): string | null {
	if (!header) return null;
	const ext = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
	if (ext) {
		try {
			const name = decodeURIComponent(ext[2].trim().replace(/^"|"$/g, ''));
			if (name) return name;
		} catch {
			// A malformed ext-value: fall back to the plain parameter below.
		}
	}
	const plain = /(?:^|;)\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/i.exec(header);
	if (!plain) return null;
	const name = plain[1] !== undefined ? plain[1].replace(/\\(.)/g, '$1') : plain[2].trim();
	return name || null;
}
