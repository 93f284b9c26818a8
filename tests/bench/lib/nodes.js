// Runs the pack's node operations in-process the way the templates chain them (tests/helpers/harness.js, plus
// n8n's OAuth2 behaviour for Smokeball), with three test-only hooks on the HTTP layer:
//   - a secret scanner that searches every output, error and log line (lib/secrets.js);
//   - a cap on the request timeout the node asks for (the soak's "timeout" faults hold a response longer than the
//     cap instead of the node's 60 s, so a timeout costs a second, not a minute: the same code path);
//   - a kill switch: after K successful writes the process "dies": the K-th write's response is lost and every
//     later request fails at once; the pipeline driver then abandons the run (outputs discarded), as a crash would.
require('../../helpers/register-ts');
const { createContext } = require('../../helpers/harness');
const { withOAuth2 } = require('../../helpers/oauth2');

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const runtime = { scanner: null, timeoutCapMs: null, guard: null };

class Killed extends Error {
	constructor() {
		super('simulated crash: the process was killed');
		this.name = 'Killed';
	}
}

/** Arms the kill switch: the process "dies" right after the server committed the K-th write. */
function armKill(afterWrites) {
	runtime.guard = { writesLeft: afterWrites, killed: false, writes: 0, at: afterWrites };
	return runtime.guard;
}

function disarmKill() {
	const guard = runtime.guard;
	runtime.guard = null;
	return guard;
}

const isKilled = () => Boolean(runtime.guard && runtime.guard.killed);

/** Throws Killed when the switch has fired: pipeline drivers call it after every node step. */
function assertAlive() {
	if (isKilled()) throw new Killed();
}

function killedError() {
	return Object.assign(new Error('socket closed: the process is gone (simulated crash)'), {
		code: 'EKILLED',
	});
}

function hook(fn) {
	return async function (...args) {
		const options = args[args.length - 1];
		const guard = runtime.guard;
		if (guard && guard.killed) throw killedError();
		const opts =
			runtime.timeoutCapMs && options && typeof options === 'object'
				? { ...options, timeout: Math.min(options.timeout || Infinity, runtime.timeoutCapMs) }
				: options;
		const response = await fn.apply(this, [...args.slice(0, -1), opts]);
		const method = String((opts && opts.method) || 'GET').toUpperCase();
		const status = response && typeof response === 'object' ? response.statusCode : 200;
		if (guard && !guard.killed && WRITE_METHODS.has(method) && (status ?? 200) < 300) {
			guard.writes++;
			if (--guard.writesLeft <= 0) {
				guard.killed = true;
				guard.killedAt = performance.now(); // the crash; what the dying run does after it is not counted
				throw killedError();
			}
		}
		return response;
	};
}

const NO_RECORDING = { push() {} }; // the OAuth2 stand-in records every request otherwise (memory at bench sizes)

function context(o) {
	let ctx = createContext(o);
	if (o.oauth2) ctx = withOAuth2(ctx, { requests: NO_RECORDING });
	ctx.helpers.httpRequestWithAuthentication = hook(ctx.helpers.httpRequestWithAuthentication);
	ctx.helpers.httpRequest = hook(ctx.helpers.httpRequest);
	return ctx;
}

function labelOf(o) {
	const p = o.parameters || {};
	return `${o.node.description.name}${p.resource ? ` ${p.resource}.${p.operation}` : ''}${o.poll ? ' poll' : ''}`;
}

/**
 * Runs a node's execute(): { output, outputs, logs }. o: harness options (node, parameters, credentials, input,
 * continueOnFail, staticData) + oauth2 (Smokeball). Errors are scanned and rethrown.
 */
async function execute(o) {
	const ctx = context(o);
	const where = labelOf(o);
	try {
		const result = await o.node.execute.call(ctx);
		if (runtime.scanner) {
			for (const out of result) runtime.scanner.output(where, out);
			runtime.scanner.logs(where, ctx._logs);
		}
		return { output: result[0], outputs: result, logs: ctx._logs };
	} catch (error) {
		if (runtime.scanner) {
			runtime.scanner.error(where, error);
			runtime.scanner.logs(where, ctx._logs);
		}
		if (isKilled()) throw new Killed(); // whatever the node made of it, the process is gone
		throw error;
	}
}

/** Runs a polling trigger's poll() in trigger mode: { output: items or null }. */
async function poll(o) {
	const ctx = context({ mode: 'trigger', ...o, poll: true });
	const where = labelOf({ ...o, poll: true });
	try {
		const result = await o.node.poll.call(ctx);
		const output = result ? result[0] : null;
		if (runtime.scanner) {
			runtime.scanner.output(where, output || []);
			runtime.scanner.logs(where, ctx._logs);
		}
		return { output };
	} catch (error) {
		if (runtime.scanner) runtime.scanner.error(where, error);
		if (isKilled()) throw new Killed();
		throw error;
	}
}

/** For node methods that take a context directly (webhook triggers): scans what they return and throw. */
function scan(where, { output, error, logs } = {}) {
	if (!runtime.scanner) return;
	if (output) runtime.scanner.output(where, output);
	if (error) runtime.scanner.error(where, error);
	if (logs) runtime.scanner.logs(where, logs);
}

/** The json of the items that are not error items, and the error items, of a continueOnFail output. */
function splitErrors(output) {
	const ok = [];
	const failed = [];
	for (const item of output || [])
		(item.json && 'error' in item.json && Object.keys(item.json).length <= 2 ? failed : ok).push(
			item,
		);
	return { ok, failed };
}

module.exports = {
	runtime,
	Killed,
	armKill,
	disarmKill,
	isKilled,
	assertAlive,
	execute,
	poll,
	scan,
	splitErrors,
	WRITE_METHODS,
};
