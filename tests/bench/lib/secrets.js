// The canary check every suite runs: every node run's output items, every error it threw (message, description,
// the whole serialised error), every line the node logged, and everything the suite printed are searched for
// the credentials' secrets. Searched as each run ends, so nothing large is kept in memory.

/** Text of an error as n8n shows or stores it: message, description, and its own JSON (context, cause, …). */
function errorText(error) {
	if (!error) return '';
	const parts = [String(error.message ?? ''), String(error.description ?? '')];
	try {
		parts.push(JSON.stringify(error));
	} catch {
		// a circular error: message and description are still searched
	}
	if (error.stack) parts.push(String(error.stack));
	return parts.join('\n');
}

function createSecretScanner() {
	const secrets = new Set();
	const leaks = [];
	const counts = { outputs: 0, errors: 0, logLines: 0, printed: 0 };
	const check = (where, text) => {
		if (!text) return;
		for (const secret of secrets) {
			if (secret && text.includes(secret)) leaks.push({ where, secret: `${secret.slice(0, 6)}…` });
		}
	};
	const scanner = {
		counts,
		leaks,
		addSecrets(list) {
			for (const s of list) if (s && String(s).length >= 6) secrets.add(String(s));
		},
		output(where, items) {
			if (!items) return;
			counts.outputs += items.length;
			// Binary data is base64 of file bytes; the bytes are decoded and searched too.
			check(`${where} output`, JSON.stringify(items));
			for (const item of items) {
				for (const bin of Object.values(item.binary || {})) {
					if (bin && bin.data)
						check(`${where} binary`, Buffer.from(bin.data, 'base64').toString('latin1'));
				}
			}
		},
		error(where, error) {
			counts.errors++;
			check(`${where} error`, errorText(error));
		},
		logs(where, lines) {
			if (!lines || !lines.length) return;
			counts.logLines += lines.length;
			check(`${where} log`, JSON.stringify(lines));
		},
		/** Everything the process prints from now on is searched as well (the suite's own report included). */
		watchProcessOutput() {
			for (const stream of [process.stdout, process.stderr]) {
				const write = stream.write.bind(stream);
				stream.write = (chunk, ...rest) => {
					counts.printed++;
					check('printed', typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
					return write(chunk, ...rest);
				};
			}
		},
		summary() {
			return {
				secrets: secrets.size,
				searched: { ...counts },
				leaks: leaks.length,
				firstLeaks: leaks.slice(0, 5),
			};
		},
	};
	return scanner;
}

/** The table note: how much was searched. The nodes log nothing themselves (no this.logger calls); n8n logs a
 * failed execution's error message and description, which are searched as errors. */
function secretsNote(summary) {
	const s = summary.searched;
	return `${summary.secrets} secrets in ${s.outputs} output items, ${s.errors} errors, ${s.logLines} node log lines, ${s.printed} printed chunks`;
}

module.exports = { createSecretScanner, errorText, secretsNote };
