// The SMTP sink speaks enough SMTP for a real client: checked here with a raw socket conversation.
const net = require('node:net');
const { startSmtpSink } = require('../../sandbox/smtp');

function converse(port, lines) {
	return new Promise((resolve, reject) => {
		const socket = net.connect(port, '127.0.0.1');
		let transcript = '';
		let sent = false;
		socket.setEncoding('utf8');
		socket.on('data', (d) => {
			transcript += d;
			if (!sent) {
				sent = true;
				socket.write(lines.join('\r\n') + '\r\n');
			}
		});
		socket.on('end', () => resolve(transcript));
		socket.on('error', reject);
	});
}

test('accepts a message with a base64 CSV attachment and keeps it for tests to read', async () => {
	const sink = await startSmtpSink();
	const csv = 'integration_id,action\r\n27891,unchanged\r\n';
	const transcript = await converse(sink.port, [
		'EHLO client',
		'MAIL FROM:<n8n@firm.com>',
		'RCPT TO:<ops@firm.com>',
		'DATA',
		'From: n8n@firm.com',
		'To: ops@firm.com',
		'Subject: Case Status sync results',
		'Content-Type: multipart/mixed; boundary="b1"',
		'',
		'--b1',
		'Content-Type: text/plain',
		'',
		'25 cases',
		'--b1',
		'Content-Type: text/csv; name="results.csv"',
		'Content-Transfer-Encoding: base64',
		'Content-Disposition: attachment; filename="results.csv"',
		'',
		Buffer.from(csv).toString('base64'),
		'--b1--',
		'.',
		'QUIT',
	]);
	expect(transcript).toMatch(/^220 /);
	expect(transcript).toMatch(/250 OK: queued/);
	expect(sink.messages).toHaveLength(1);
	const [mail] = sink.messages;
	expect(mail).toEqual(expect.objectContaining({ from: 'n8n@firm.com', to: ['ops@firm.com'], subject: 'Case Status sync results' }));
	expect(mail.attachments[0].filename).toBe('results.csv');
	expect(mail.attachments[0].content.toString()).toBe(csv);
	await sink.close();
});
