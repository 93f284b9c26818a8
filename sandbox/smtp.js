'use strict';

// A local SMTP sink: accepts every message n8n's Send Email node sends and keeps it in memory, so templates
// that email a report (the manual sync's CSV) run on a laptop with no mail server, and tests can read the mail.
// Plain SMTP on loopback only: no STARTTLS or AUTH is advertised, AUTH is accepted if a client insists.

const net = require('node:net');

function parseMail(raw) {
	const [head] = raw.split(/\r?\n\r?\n/);
	const header = (name) => {
		const m = new RegExp(`^${name}:\\s*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(head);
		return m ? m[1].replace(/\r?\n[ \t]+/g, ' ').trim() : null;
	};
	return { subject: header('Subject'), from: header('From'), to: header('To') };
}

/** Attachments of a MIME message: [{ filename, contentType, content: Buffer }]. Enough for base64 parts. */
function attachments(raw) {
	const boundaries = [...raw.matchAll(/boundary="?([^";\r\n]+)"?/gi)].map((m) => m[1]);
	const out = [];
	for (const boundary of boundaries) {
		for (const part of raw.split(`--${boundary}`)) {
			const name = /filename="?([^";\r\n]+)"?/i.exec(part);
			if (!name) continue;
			const [headers, ...body] = part.split(/\r?\n\r?\n/);
			const type = /Content-Type:\s*([^;\r\n]+)/i.exec(headers);
			const base64 = /Content-Transfer-Encoding:\s*base64/i.test(headers);
			const text = body.join('\n\n').replace(/\r?\n$/, '');
			out.push({
				filename: name[1],
				contentType: type ? type[1].trim() : null,
				content: base64 ? Buffer.from(text.replace(/\s+/g, ''), 'base64') : Buffer.from(text),
			});
		}
	}
	return out;
}

function startSmtpSink({ port = 0, host = '127.0.0.1' } = {}) {
	const messages = [];
	const sockets = new Set();
	const server = net.createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => socket.destroy());
		socket.setEncoding('utf8');
		const reply = (line) => socket.write(`${line}\r\n`);
		let buffer = '';
		let envelope = { from: null, to: [] };
		let data = null; // lines of the message while in DATA

		reply('220 legal-sync sandbox SMTP ready');
		socket.on('data', (chunk) => {
			buffer += chunk;
			let i;
			while ((i = buffer.indexOf('\r\n')) >= 0) {
				const line = buffer.slice(0, i);
				buffer = buffer.slice(i + 2);
				if (data) {
					if (line === '.') {
						const raw = data.join('\r\n');
						messages.push({ ...parseMail(raw), ...envelope, raw, attachments: attachments(raw), receivedAt: new Date().toISOString() });
						data = null;
						envelope = { from: null, to: [] };
						reply('250 OK: queued');
					} else {
						data.push(line.startsWith('..') ? line.slice(1) : line);
					}
					continue;
				}
				const verb = line.slice(0, 4).toUpperCase();
				if (verb === 'EHLO') {
					reply('250-legal-sync sandbox');
					reply('250 8BITMIME');
				} else if (verb === 'HELO') reply('250 legal-sync sandbox');
				else if (verb === 'MAIL') {
					envelope.from = (/<([^>]*)>/.exec(line) || [])[1] ?? null;
					reply('250 OK');
				} else if (verb === 'RCPT') {
					envelope.to.push((/<([^>]*)>/.exec(line) || [])[1] ?? null);
					reply('250 OK');
				} else if (verb === 'DATA') {
					data = [];
					reply('354 End data with <CR><LF>.<CR><LF>');
				} else if (verb === 'AUTH') reply('235 Authentication succeeded');
				else if (verb === 'QUIT') {
					reply('221 Bye');
					socket.end();
				} else if (verb === 'RSET') {
					envelope = { from: null, to: [] };
					reply('250 OK');
				} else reply('250 OK');
			}
		});
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			resolve({
				port: server.address().port,
				host,
				messages,
				clear: () => messages.splice(0),
				close: () =>
					new Promise((done) => {
						for (const s of sockets) s.destroy();
						server.close(() => done());
					}),
			});
		});
	});
}

module.exports = { startSmtpSink, attachments };
