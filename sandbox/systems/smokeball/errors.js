'use strict';

// Errors as Smokeball answers them: RFC 7807 ProblemDetails, and ASP.NET-style validation problems
// from the swagger body schema (openapi.js).

const { validateValue, bodySchema } = require('./openapi');

/** RFC 7807 ProblemDetails (swagger components.schemas.ProblemDetails). */
class Problem extends Error {
	constructor(status, title, detail, errors) {
		super(detail || title);
		this.status = status;
		this.body = {
			type: `https://httpstatuses.io/${status}`,
			title,
			status,
			...(detail ? { detail } : {}),
			...(errors ? { errors } : {}),
		};
	}
}

const notFound = (what, id) => new Problem(404, 'Not Found', `${what} ${id} does not exist.`);
const badRequest = (detail, errors) =>
	new Problem(
		400,
		errors ? 'One or more validation errors occurred.' : 'Bad Request',
		detail,
		errors,
	);

/** ASP.NET-style validation problem from schema errors: { "clientIds": ["is required"] }. */
function validationProblem(list) {
	const errors = {};
	for (const e of list) (errors[e.path || 'body'] = errors[e.path || 'body'] || []).push(e.message);
	return badRequest(list.map((e) => `${e.path || 'body'} ${e.message}`).join('; '), errors);
}

function checkBody(ctx, path, method) {
	const body = ctx.body;
	if (!body || typeof body !== 'object' || Array.isArray(body))
		throw badRequest('The request body must be a JSON object.');
	const errors = validateValue(bodySchema(path, method), body, '', { strict: ctx.strict });
	if (errors.length) throw validationProblem(errors);
	return body;
}

module.exports = { badRequest, Problem, notFound, checkBody };
