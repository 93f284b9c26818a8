'use strict';

// Fault injection: the validated fault configuration, the fault a request gets (scripted steps first, then
// seeded random draws), and the error body an injected status answers with.

const { FieldErrors, errorBody } = require('../lib/http');

const DEFAULT_FAULT_STATUSES = [500, 502, 503, 429];

function isRate(v) {
	return typeof v === 'number' && v >= 0 && v <= 1;
}

function isStatus(v) {
	return Number.isInteger(v) && v >= 400 && v <= 599;
}

function isLatency(v) {
	if (typeof v === 'number') return v >= 0;
	return (
		Array.isArray(v) &&
		v.length === 2 &&
		v.every((n) => typeof n === 'number' && n >= 0) &&
		v[0] <= v[1]
	);
}

/** Validates a fault config (400 validation_failed listing every bad field) and fills defaults. */
function normalizeFaults(input, systemNames) {
	if (input === null || input === undefined || input === false) return null;
	const errors = new FieldErrors();
	if (typeof input !== 'object' || Array.isArray(input)) {
		errors.add('faults', 'invalid_format', 'faults must be an object or null.').throwIfAny();
	}
	const f = input;
	if (f.errorRate !== undefined && !isRate(f.errorRate))
		errors.add('faults.errorRate', 'out_of_range', 'errorRate must be 0..1.');
	if (f.dropRate !== undefined && !isRate(f.dropRate))
		errors.add('faults.dropRate', 'out_of_range', 'dropRate must be 0..1.');
	if (
		f.statuses !== undefined &&
		!(Array.isArray(f.statuses) && f.statuses.length && f.statuses.every(isStatus))
	) {
		errors.add(
			'faults.statuses',
			'invalid_value',
			'statuses must be a non-empty list of 4xx/5xx codes.',
		);
	}
	if (f.latencyMs !== undefined && f.latencyMs !== null && !isLatency(f.latencyMs)) {
		errors.add('faults.latencyMs', 'invalid_value', 'latencyMs must be a number or [min, max].');
	}
	if (
		f.retryAfterSeconds !== undefined &&
		!(Number.isInteger(f.retryAfterSeconds) && f.retryAfterSeconds >= 0)
	) {
		errors.add(
			'faults.retryAfterSeconds',
			'invalid_value',
			'retryAfterSeconds must be an integer ≥ 0.',
		);
	}
	for (const listName of ['systems', 'methods']) {
		const list = f[listName];
		if (
			list !== undefined &&
			list !== null &&
			!(Array.isArray(list) && list.every((s) => typeof s === 'string'))
		) {
			errors.add(`faults.${listName}`, 'invalid_format', `${listName} must be a list of strings.`);
		}
	}
	(f.systems || []).forEach((s, i) => {
		if (typeof s === 'string' && !systemNames.includes(s)) {
			errors.add(`faults.systems[${i}]`, 'unknown_value', `No system named ${s}.`);
		}
	});
	const script = f.script === undefined || f.script === null ? [] : f.script;
	if (!Array.isArray(script))
		errors.add('faults.script', 'invalid_format', 'script must be a list of steps.');
	const steps = Array.isArray(script) ? script : [];
	steps.forEach((step, i) => {
		const at = `faults.script[${i}]`;
		if (!step || typeof step !== 'object')
			return errors.add(at, 'invalid_format', 'A step must be an object.');
		if (step.status !== undefined && !isStatus(step.status))
			errors.add(`${at}.status`, 'invalid_value', 'status must be 4xx/5xx.');
		if (step.latencyMs !== undefined && !isLatency(step.latencyMs))
			errors.add(`${at}.latencyMs`, 'invalid_value', 'latencyMs must be a number or [min, max].');
		if (
			step.status === undefined &&
			!step.drop &&
			!step.afterHandler &&
			step.latencyMs === undefined
		) {
			errors.add(at, 'required', 'A step needs status, drop, afterHandler or latencyMs.');
		}
		if (step.match !== undefined && (typeof step.match !== 'object' || step.match === null)) {
			errors.add(`${at}.match`, 'invalid_format', 'match must be {system?, method?, pathPrefix?}.');
		}
		return undefined;
	});
	errors.throwIfAny('The fault configuration is invalid.');
	return {
		errorRate: f.errorRate ?? 0,
		dropRate: f.dropRate ?? 0,
		statuses: f.statuses ?? DEFAULT_FAULT_STATUSES,
		latencyMs: f.latencyMs ?? null,
		retryAfterSeconds: f.retryAfterSeconds ?? 1,
		systems: f.systems ?? null,
		methods: f.methods ? f.methods.map((m) => m.toUpperCase()) : null,
		script: steps.map((s) => ({ ...s })),
	};
}

function latencyFrom(spec, r) {
	if (spec === null || spec === undefined) return 0;
	if (typeof spec === 'number') return spec;
	return Math.round(spec[0] + r * (spec[1] - spec[0]));
}

/** The injected error response: codes follow docs/api/README.md#errors. */
function faultError(status, retryAfter) {
	const headers = {};
	const details = { injected: true };
	let code = 'injected_fault';
	if (status === 429) {
		code = 'rate_limited';
		details.retry_after_seconds = retryAfter;
		headers['Retry-After'] = String(retryAfter);
	} else if (status === 503) {
		code = 'unavailable';
		headers['Retry-After'] = String(retryAfter);
	} else if (status === 502 || status === 504) code = 'unavailable';
	else if (status >= 500) code = 'internal_error';
	return { body: errorBody(code, `Injected fault: HTTP ${status} (sandbox).`, details), headers };
}

/**
 * Picks this request's fault. Scripted steps win: the first queued step whose match fits is consumed (steps
 * without match use the global systems/methods filter). Otherwise random faults draw a fixed count of numbers
 * per request, so the sequence is reproducible whatever the outcomes. rt: the sandbox's { faults, script, faultRng }.
 */
function decideFault(rt, system, method, subPath, fullPath) {
	const f = rt.faults;
	if (!f) return null;
	const globalMatch =
		(!f.systems || f.systems.includes(system)) && (!f.methods || f.methods.includes(method));
	const idx = rt.script.findIndex((step) => {
		const m = step.match;
		if (!m) return globalMatch;
		return (
			(!m.system || m.system === system) &&
			(!m.method || String(m.method).toUpperCase() === method) &&
			(!m.pathPrefix || subPath.startsWith(m.pathPrefix) || fullPath.startsWith(m.pathPrefix))
		);
	});
	if (idx >= 0) {
		const [step] = rt.script.splice(idx, 1);
		return {
			latencyMs: latencyFrom(step.latencyMs, rt.faultRng()),
			status: step.status,
			retryAfter: step.retryAfter ?? f.retryAfterSeconds,
			drop: Boolean(step.drop || (step.afterHandler && step.status === undefined)),
			afterHandler: Boolean(step.afterHandler),
		};
	}
	if (!globalMatch || (!f.errorRate && !f.dropRate && !f.latencyMs)) return null;
	const [rDrop, rError, rStatus, rLatency] = [
		rt.faultRng(),
		rt.faultRng(),
		rt.faultRng(),
		rt.faultRng(),
	];
	const latencyMs = latencyFrom(f.latencyMs, rLatency);
	if (rDrop < f.dropRate) return { latencyMs, drop: true };
	if (rError < f.errorRate) {
		return {
			latencyMs,
			status: f.statuses[Math.floor(rStatus * f.statuses.length)],
			retryAfter: f.retryAfterSeconds,
		};
	}
	return latencyMs ? { latencyMs } : null;
}

module.exports = { normalizeFaults, decideFault, faultError };
