// What n8n does for credentials that extend oAuth2Api (n8n-core requestOAuth2, checked against n8n 2.40.7), as a
// wrapper around the harness context: sign each request with `Authorization: Bearer <oauthTokenData.access_token>`;
// with client credentials and no token yet, fetch one from the credential's accessTokenUrl (HTTP Basic client
// auth, grant_type=client_credentials) and store it in the credential data; when a request THROWS 401 (not when
// ignoreHttpStatusErrors turned the 401 into a response), renew the token (client credentials: fetch again,
// otherwise grant_type=refresh_token) and retry once. The harness applies only generic `authenticate` rules, so
// OAuth2 tests go through this instead; it also records every request for swagger checks.
const { createContext, loadCredentialType, rawRequest } = require('./harness');

/** Evaluates a credential default like `={{ ... $self.environment ... }}` against the credential data. */
function evaluateCredentialExpression(template, data) {
	if (typeof template !== 'string' || !template.startsWith('={{')) return template;
	const js = template.slice(3, template.lastIndexOf('}}'));
	return new Function('$self', `return (${js});`)(data);
}

/** The token URL n8n would use: the credential's own accessTokenUrl default, evaluated. */
function accessTokenUrl(credentialType, data) {
	const type = loadCredentialType(credentialType);
	const prop = type.properties.find((p) => p.name === 'accessTokenUrl');
	return data.accessTokenUrl || evaluateCredentialExpression(prop.default, data);
}

async function tokenRequest(credentialType, data, form, log) {
	const body = new URLSearchParams(form).toString();
	const res = await rawRequest(
		{
			method: 'POST',
			url: accessTokenUrl(credentialType, data),
			headers: {
				Authorization: `Basic ${Buffer.from(`${data.clientId}:${data.clientSecret}`).toString('base64')}`,
				'Content-Type': 'application/x-www-form-urlencoded',
				Accept: 'application/json, application/x-www-form-urlencoded',
			},
			body,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		},
		log,
	);
	if (res.statusCode !== 200) {
		const error = new Error(
			`Failed to acquire OAuth2 access token: HTTP ${res.statusCode} ${JSON.stringify(res.body)}`,
		);
		error.response = res;
		throw error;
	}
	return res.body;
}

async function fetchToken(credentialType, data, log) {
	const token = await tokenRequest(credentialType, data, { grant_type: 'client_credentials' }, log);
	data.oauthTokenData = { ...token };
	return data.oauthTokenData;
}

async function refreshToken(credentialType, data, log) {
	if (data.grantType === 'clientCredentials') return fetchToken(credentialType, data, log);
	const token = await tokenRequest(
		credentialType,
		data,
		{ grant_type: 'refresh_token', refresh_token: data.oauthTokenData.refresh_token },
		log,
	);
	data.oauthTokenData = { ...data.oauthTokenData, ...token };
	return data.oauthTokenData;
}

const isOAuth2 = (type) => Array.isArray(type.extends) && type.extends.includes('oAuth2Api');

/**
 * Makes a harness context (or any object with `helpers` and `getCredentials`) behave like n8n for OAuth2
 * credentials. `requests` collects { method, url, headers, body, authenticated } for every request.
 */
function withOAuth2(ctx, { requests = [] } = {}) {
	const original = ctx.helpers.httpRequestWithAuthentication;
	const plain = ctx.helpers.httpRequest;
	const log = ctx._httpLog || [];
	ctx._requests = requests;
	ctx._tokenRequests = 0;
	ctx.helpers.httpRequestWithAuthentication = async function (credentialType, options) {
		const type = loadCredentialType(credentialType);
		if (!isOAuth2(type)) return original.call(this, credentialType, options);
		const data = await ctx.getCredentials(credentialType);
		if (
			data.grantType === 'clientCredentials' &&
			!(data.oauthTokenData && data.oauthTokenData.access_token)
		) {
			ctx._tokenRequests++;
			await fetchToken(credentialType, data, log);
		}
		if (data.grantType !== 'clientCredentials' && !data.oauthTokenData) {
			throw new Error('OAuth credentials not connected');
		}
		const sign = () => ({
			...options,
			headers: {
				...(options.headers || {}),
				Authorization: `Bearer ${data.oauthTokenData.access_token}`,
			},
		});
		const send = async () => {
			const signed = sign();
			requests.push({
				method: signed.method || 'GET',
				url: signed.url,
				qs: signed.qs,
				headers: signed.headers,
				body: signed.body,
				authenticated: true,
			});
			return rawRequest(signed, log);
		};
		try {
			return await send();
		} catch (error) {
			if (!(error.response && error.response.statusCode === 401)) throw error;
			ctx._tokenRequests++;
			await refreshToken(credentialType, data, log);
			return send();
		}
	};
	ctx.helpers.httpRequest = (options) => {
		requests.push({
			method: options.method || 'GET',
			url: options.url,
			qs: options.qs,
			headers: options.headers || {},
			body: options.body,
			authenticated: false,
		});
		return plain(options);
	};
	return ctx;
}

/** runNode for nodes with OAuth2 credentials: returns { output, outputs, ctx, requests }. */
async function runNodeOAuth2(o) {
	const ctx = withOAuth2(createContext(o), { requests: o.requests });
	const result = await o.node.execute.call(ctx);
	return { output: result[0], outputs: result, ctx, requests: ctx._requests };
}

/** runMethod for nodes with OAuth2 credentials. */
async function runMethodOAuth2(o, kind, name, ...args) {
	const ctx = withOAuth2(createContext(o), { requests: o.requests });
	if (o.currentParameters) ctx.getCurrentNodeParameter = (key) => o.currentParameters[key];
	return o.node.methods[kind][name].call(ctx, ...args);
}

module.exports = {
	withOAuth2,
	runNodeOAuth2,
	runMethodOAuth2,
	accessTokenUrl,
	evaluateCredentialExpression,
	fetchToken,
};
