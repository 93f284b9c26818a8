// Runs a node's execute()/poll() outside n8n with a small, honest stand-in for n8n's function context:
// parameters with their declared defaults, the credential class's own `authenticate` rules, and real HTTP
// (node:http, so nock can intercept it in unit tests and the sandbox answers it in integration tests).
// n8n's NodeTestHarness is not published; this covers what our nodes use and fails loudly on anything else.
const http = require('node:http');
const https = require('node:https');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');

function loadCredentialType(name) {
	const file = name.charAt(0).toUpperCase() + name.slice(1);
	const mod = require(path.join(ROOT, 'credentials', `${file}.credentials.ts`));
	return new mod[file]();
}

function credentialExpression(template, credentials) {
	if (typeof template !== 'string' || !template.startsWith('=')) return template;
	return template.slice(1).replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, key) => String(credentials[key] ?? ''));
}

function applyAuthentication(credType, credentials, options) {
	const auth = credType.authenticate;
	if (!auth || auth.type !== 'generic') return options;
	const out = { ...options, headers: { ...(options.headers || {}) }, qs: { ...(options.qs || {}) } };
	for (const [k, v] of Object.entries(auth.properties.headers || {})) out.headers[k] = credentialExpression(v, credentials);
	for (const [k, v] of Object.entries(auth.properties.qs || {})) out.qs[k] = credentialExpression(v, credentials);
	return out;
}

/** A raw HTTP exchange shaped like n8n's httpRequest with returnFullResponse. */
function rawRequest(options, log) {
	return new Promise((resolve, reject) => {
		const url = new URL(options.url, options.baseURL);
		for (const [k, v] of Object.entries(options.qs || {})) {
			if (v !== undefined) url.searchParams.append(k, String(v));
		}
		const headers = { ...(options.headers || {}) };
		let body = options.body;
		if (body !== undefined && !Buffer.isBuffer(body) && typeof body !== 'string') {
			body = JSON.stringify(body);
			headers['content-type'] = headers['content-type'] || headers['Content-Type'] || 'application/json';
		}
		const lib = url.protocol === 'https:' ? https : http;
		const req = lib.request(url, { method: options.method || 'GET', headers }, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('error', reject);
			res.on('end', () => {
				const buffer = Buffer.concat(chunks);
				const type = String(res.headers['content-type'] || '');
				let parsed = buffer;
				if (options.encoding !== 'arraybuffer') {
					const text = buffer.toString('utf8');
					parsed = type.includes('json') && text ? JSON.parse(text) : text;
				}
				log.push({ method: options.method || 'GET', url: url.toString(), status: res.statusCode });
				const response = { statusCode: res.statusCode, headers: res.headers, body: parsed };
				if (res.statusCode >= 400 && !options.ignoreHttpStatusErrors) {
					const error = new Error(`Request failed with status code ${res.statusCode}`);
					error.response = response;
					return reject(error);
				}
				resolve(options.returnFullResponse ? response : parsed);
			});
		});
		req.on('error', reject);
		if (options.timeout) req.setTimeout(options.timeout, () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
		if (body !== undefined) req.write(body);
		req.end();
	});
}

function matchesDisplay(prop, params) {
	const show = prop.displayOptions && prop.displayOptions.show;
	if (!show) return true;
	return Object.entries(show).every(([key, allowed]) => key.startsWith('@') || allowed.includes(params[key]));
}

/**
 * Builds the `this` a node method sees.
 * @param {object} o
 * @param {object} o.node         the INodeType instance
 * @param {object} o.parameters   node parameters; a function value is evaluated per item like an expression: (item, i) => value
 * @param {object} o.credentials  { caseStatusApi: { ...data } }
 * @param {Array}  o.input        input items ([{ json }])
 * @param {boolean} o.continueOnFail
 * @param {object} o.staticData   workflow static data, kept between polls
 * @param {number} o.typeVersion  the node version the workflow uses (default: the latest)
 * @param {string} o.mode         'manual' | 'trigger'
 */
function createContext(o) {
	const description = o.node.description;
	const parameters = o.parameters || {};
	const input = o.input || [{ json: {} }];
	const credentials = o.credentials || {};
	const httpLog = [];
	const logs = [];
	const staticData = o.staticData || { node: {}, global: {} };
	const nodeCredentials = {};
	for (const c of description.credentials || []) nodeCredentials[c.name] = { id: `${c.name}-test`, name: `${c.name} test` };
	const node = {
		id: 'node-under-test',
		name: description.defaults.name,
		type: `n8n-nodes-legal-sync.${description.name}`,
		typeVersion: o.typeVersion ?? (Array.isArray(description.version) ? description.version.at(-1) : description.version),
		position: [0, 0],
		parameters,
		credentials: nodeCredentials,
	};

	// IExecuteFunctions: (name, itemIndex, fallback, options); IPollFunctions has no items: (name, fallback, options).
	const getNodeParameter = (...args) => (o.poll ? readParameter(args[0], 0, args[1], args[2]) : readParameter(...args));
	const readParameter = (name, itemIndex = 0, fallback, options = {}) => {
		const [head, ...rest] = name.split('.');
		let value = parameters[head];
		if (typeof value === 'function') value = value(input[itemIndex], itemIndex);
		if (value === undefined) {
			const prop = description.properties.find((p) => p.name === head && matchesDisplay(p, parameters));
			if (prop) value = prop.default;
		}
		for (const key of rest) value = value === undefined || value === null ? undefined : value[key];
		if (value === undefined) {
			if (fallback !== undefined) return fallback;
			throw new Error(`Could not get parameter "${name}"`);
		}
		if (options.extractValue && value && typeof value === 'object' && '__rl' in value) return value.value;
		if (options.extractValue && value && typeof value === 'object' && 'mode' in value) return value.value;
		return value;
	};

	const binaryOf = (itemIndex, prop) => {
		const data = input[itemIndex].binary && input[itemIndex].binary[prop];
		if (!data) throw new Error(`This operation expects the node's input data to contain a binary file '${prop}', but none was found [item ${itemIndex}]`);
		return data;
	};

	const ctx = {
		getNode: () => node,
		getInputData: () => input,
		getNodeParameter,
		getCredentials: async (type) => {
			if (!credentials[type]) throw new Error(`Node does not have any credentials set for "${type}"`);
			return credentials[type];
		},
		continueOnFail: () => Boolean(o.continueOnFail),
		getMode: () => o.mode || 'manual',
		getWorkflowStaticData: (type) => staticData[type],
		getTimezone: () => o.timezone || 'America/New_York',
		getExecutionId: () => 'test-execution',
		getInstanceId: () => o.instanceId || 'test-instance',
		getWorkflow: () => ({ id: 'test-workflow', name: 'Test', active: o.mode === 'trigger' }),
		logger: {
			debug: (m, meta) => logs.push({ level: 'debug', m, meta }),
			info: (m, meta) => logs.push({ level: 'info', m, meta }),
			warn: (m, meta) => logs.push({ level: 'warn', m, meta }),
			error: (m, meta) => logs.push({ level: 'error', m, meta }),
		},
		helpers: {
			httpRequestWithAuthentication: async function (credentialType, options) {
				const data = await ctx.getCredentials(credentialType);
				return rawRequest(applyAuthentication(loadCredentialType(credentialType), data, options), httpLog);
			},
			httpRequest: (options) => rawRequest(options, httpLog),
			returnJsonArray: (data) => (Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			constructExecutionMetaData: (items, { itemData }) => items.map((i) => ({ ...i, pairedItem: itemData })),
			prepareBinaryData: async (buffer, fileName, mimeType) => ({
				data: Buffer.from(buffer).toString('base64'),
				fileName,
				mimeType: mimeType || 'application/octet-stream',
				fileSize: `${buffer.length} B`,
				bytes: buffer.length,
			}),
			assertBinaryData: (itemIndex, prop) => binaryOf(itemIndex, prop),
			getBinaryDataBuffer: async (itemIndex, prop) => Buffer.from(binaryOf(itemIndex, prop).data, 'base64'),
		},
		_httpLog: httpLog,
		_logs: logs,
		_staticData: staticData,
	};
	return ctx;
}

/** Runs execute() and returns { output: INodeExecutionData[] (first output), ctx }. */
async function runNode(o) {
	const ctx = createContext(o);
	const result = await o.node.execute.call(ctx);
	return { output: result[0], outputs: result, ctx };
}

/** Runs poll() and returns { output: the emitted items or null, ctx }. */
async function runPoll(o) {
	const ctx = createContext({ mode: 'trigger', ...o, poll: true });
	const result = await o.node.poll.call(ctx);
	return { output: result ? result[0] : null, ctx };
}

/** Calls a node's listSearch / loadOptions method. */
async function runMethod(o, kind, name, ...args) {
	const ctx = createContext(o);
	return o.node.methods[kind][name].call(ctx, ...args);
}

module.exports = { createContext, runNode, runPoll, runMethod, loadCredentialType, applyAuthentication, rawRequest };

/**
 * Performs a credential type's `test` request the way n8n's credential "Test" button does: evaluate the
 * `={{ }}` expressions against the credential data, apply `authenticate`, send it. Returns the HTTP status.
 */
async function testCredential(typeName, data) {
	const type = loadCredentialType(typeName);
	// Test-only evaluation of n8n's `={{ js }}` strings with $credentials in scope.
	const evaluate = (value) => {
		if (typeof value !== 'string' || !value.startsWith('={{')) return value;
		const js = value.slice(3, value.lastIndexOf('}}'));
		return new Function('$credentials', `return (${js});`)(data);
	};
	const request = type.test.request;
	const qs = {};
	for (const [k, v] of Object.entries(request.qs || {})) qs[k] = evaluate(v);
	const options = applyAuthentication(type, data, {
		method: request.method || 'GET',
		baseURL: evaluate(request.baseURL),
		url: evaluate(request.url),
		qs,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	});
	const url = options.baseURL.replace(/\/+$/, '') + options.url;
	const res = await rawRequest({ ...options, url, baseURL: undefined }, []);
	return res.statusCode;
}

module.exports.testCredential = testCredential;
