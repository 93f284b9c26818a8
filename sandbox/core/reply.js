'use strict';

const { performance } = require('node:perf_hooks');
const { HttpError, errorBody, json } = require('../lib/http');
const { faultError } = require('./faults');

/** One place that writes a response (or drops the connection) and completes the log entry. */
function makeReply(req, res, entry, started) {
	const reply = {
		sent: false,
		override: null, // an afterHandler fault that replaces whatever the handler sends
		finish(status) {
			if (entry) {
				entry.status = status;
				entry.ms = Math.round(performance.now() - started);
			}
		},
		take() {
			if (reply.sent) return false;
			reply.sent = true;
			if (!reply.override) return true;
			const fault = reply.override;
			reply.override = null;
			if (fault.drop) reply.destroy();
			else reply.writeFault(fault.status, fault.retryAfter);
			return false;
		},
		destroy() {
			reply.sent = true;
			if (entry) entry.dropped = true;
			reply.finish(null);
			req.socket.destroy(); // a reset without any response bytes
		},
		writeFault(status, retryAfter) {
			const { body, headers } = faultError(status, retryAfter);
			json(res, status, body, headers);
			reply.finish(status);
		},
		send(status, body, headers) {
			if (!reply.take()) return;
			json(res, status, body, headers);
			reply.finish(status);
		},
		raw(status, buffer, headers = {}) {
			if (!reply.take()) return;
			res.writeHead(status, { 'Content-Length': buffer.length, ...headers });
			res.end(buffer);
			reply.finish(status);
		},
		error(status, code, message, details, headers) {
			reply.send(status, errorBody(code, message, details), headers);
		},
		fail(err) {
			if (err instanceof HttpError)
				return reply.error(err.status, err.code, err.message, err.details, err.headers);
			// Log the stack (never headers) so a handler bug is visible, and answer like a real 500.
			process.stderr.write(`[sandbox] handler error: ${err && err.stack ? err.stack : err}\n`);
			return reply.error(500, 'internal_error', 'Unexpected sandbox error.');
		},
	};
	return reply;
}

module.exports = { makeReply };
