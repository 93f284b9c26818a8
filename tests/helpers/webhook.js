// IHookFunctions / IWebhookFunctions stand-ins for webhook trigger nodes, built on the harness context (with
// n8n's OAuth2 behaviour from ./oauth2): getNodeWebhookUrl, getHeaderData, getBodyData, getRequestObject and a
// response object that records status and body, as Express's would.
const { createContext } = require('./harness');
const { withOAuth2 } = require('./oauth2');

/** The context n8n gives webhookMethods.default.{checkExists,create,delete}. */
function hookContext(o) {
	const ctx = withOAuth2(createContext({ mode: 'trigger', ...o, poll: true }), {
		requests: o.requests,
	});
	ctx.getNodeWebhookUrl = () => o.webhookUrl;
	ctx.getWebhookName = () => 'default';
	return ctx;
}

function fakeResponse() {
	const res = {
		statusCode: 200,
		body: undefined,
		ended: false,
		status(code) {
			res.statusCode = code;
			return res;
		},
		json(body) {
			res.body = body;
			res.ended = true;
			return res;
		},
		send(body) {
			res.body = body;
			res.ended = true;
			return res;
		},
		end() {
			res.ended = true;
			return res;
		},
	};
	return res;
}

/** The context n8n gives webhook(): o.headers (any case), o.body. */
function webhookContext(o) {
	const ctx = hookContext(o);
	const headers = Object.fromEntries(
		Object.entries(o.headers || {}).map(([k, v]) => [k.toLowerCase(), v]),
	);
	const res = fakeResponse();
	ctx.getHeaderData = () => headers;
	ctx.getBodyData = () => o.body || {};
	ctx.getRequestObject = () => ({
		headers,
		body: o.body || {},
		rawBody: o.rawBody || Buffer.from(JSON.stringify(o.body || {})),
	});
	ctx.getResponseObject = () => res;
	ctx._res = res;
	return ctx;
}

/** Runs webhook(): { result, res, ctx }. */
async function runWebhook(o) {
	const ctx = webhookContext(o);
	const result = await o.node.webhook.call(ctx);
	return { result, res: ctx._res, ctx };
}

/** Runs one of webhookMethods.default.*: { result, ctx }. */
async function runHook(o, method) {
	const ctx = hookContext(o);
	const result = await o.node.webhookMethods.default[method].call(ctx);
	return { result, ctx };
}

module.exports = { hookContext, webhookContext, runWebhook, runHook, fakeResponse };
