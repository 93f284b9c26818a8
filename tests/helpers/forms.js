// Drives an n8n Form over HTTP the way a browser does: the form trigger's production URL (/form/<path>), then each
// next page at the signed /form-waiting/<execution> URL the submission answers with, until the completion page.
// Field values go in form order as n8n names them (field-0, field-1, …).

/** The visible text of an n8n form page: no styles, scripts or tags; entities decoded; spaces collapsed. */
function pageText(html) {
	return html
		.replace(/<style[\s\S]*?<\/style>/g, ' ')
		.replace(/<script[\s\S]*?<\/script>/g, ' ')
		.replace(/<[^>]+>/g, ' ')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#x27;|&#39;/g, "'")
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ')
		.trim();
}

function formBody(values) {
	const body = new FormData();
	values.forEach((value, i) => body.append(`field-${i}`, String(value)));
	return body;
}

/**
 * A form opened at `baseUrl`/form/`path`. submit(values) posts the first page and returns the run, whose page()
 * waits until n8n has the next page (or the completion page) ready and returns { status, text }, and whose
 * submit(values) posts that page.
 */
function openForm(baseUrl, path, { headers = {} } = {}) {
	const url = `${baseUrl}/form/${path}`;
	return {
		get: async () => {
			const res = await fetch(url, { headers });
			return { status: res.status, text: pageText(await res.text()) };
		},
		async submit(values) {
			let res;
			let text;
			// Right after start, n8n may not have registered the published form yet (404): ask again for a minute.
			for (let attempt = 0; ; attempt++) {
				res = await fetch(url, { method: 'POST', headers, body: formBody(values) });
				text = await res.text();
				if (res.status !== 404 || attempt >= 120) break;
				await new Promise((r) => setTimeout(r, 500));
			}
			if (res.status !== 200) {
				const refused = { status: res.status, text: pageText(text) };
				// A test that expects a next page learns why there is none, instead of "page is not a function".
				refused.page = async () => {
					throw new Error(`POST /form/${path} answered ${res.status}: ${refused.text.slice(0, 300)}`);
				};
				return refused;
			}
			const waiting = new URL(JSON.parse(text).formWaitingUrl);
			const next = `${baseUrl}${waiting.pathname}${waiting.search}`;
			const status = `${baseUrl}${waiting.pathname}/n8n-execution-status${waiting.search}`;
			const run = {
				status: 200,
				async page(timeoutMs = 120_000) {
					const deadline = Date.now() + timeoutMs;
					for (;;) {
						const state = await (await fetch(status)).text();
						if (!['new', 'running'].includes(state)) break;
						if (Date.now() > deadline) throw new Error(`form execution still ${state}`);
						await new Promise((r) => setTimeout(r, 250));
					}
					const page = await fetch(next);
					return { status: page.status, text: pageText(await page.text()) };
				},
				async submit(pageValues = []) {
					const posted = await fetch(next, { method: 'POST', body: formBody(pageValues) });
					await posted.text();
					// The page answered stays "form-waiting" until n8n has resumed the execution; a next page of
					// its own would make it "form-waiting" again, so wait a little, not forever.
					const until = Date.now() + 10_000;
					while (Date.now() < until && (await (await fetch(status)).text()) === 'form-waiting')
						await new Promise((r) => setTimeout(r, 100));
					return run;
				},
			};
			return run;
		},
	};
}

module.exports = { openForm, pageText };
