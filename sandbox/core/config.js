'use strict';

const { FieldErrors } = require('../lib/http');

/** rateLimits of POST /__admin/config: true, false or {system: {perSecond, burst} | false | null}. */
function validateRateLimits(value, byName) {
	const errors = new FieldErrors();
	if (value === true || value === false) return;
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		errors.add(
			'rateLimits',
			'invalid_format',
			'rateLimits must be true, false or {system: {perSecond, burst} | false | null}.',
		);
	} else {
		for (const [name, limit] of Object.entries(value)) {
			const at = `rateLimits.${name}`;
			if (!byName.has(name)) errors.add(at, 'unknown_value', `No system named ${name}.`);
			else if (limit === false || limit === null) continue;
			else if (
				!limit ||
				!(limit.perSecond > 0) ||
				!(Number.isInteger(limit.burst) && limit.burst >= 1)
			) {
				errors.add(
					at,
					'invalid_value',
					'Give {perSecond > 0, burst ≥ 1 (integer)}, false or null.',
				);
			}
		}
	}
	errors.throwIfAny('The rate-limit configuration is invalid.');
}

module.exports = { validateRateLimits };
