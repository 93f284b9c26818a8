// The swagger request validator itself: it must refuse what Smokeball's swagger does not define, or the
// "every request matches the swagger" proof in the integration tests would prove nothing. And the pruned copy of
// the vendor's OpenAPI in the repo (docs/api/smokeball.md#openapi): complete, and unchanged since it was pruned.
const fs = require('node:fs');
const path = require('node:path');

const COPY = path.join(__dirname, '../../sandbox/systems/smokeball/openapi.json');
if (!fs.existsSync(COPY)) {
	throw new Error(
		`${COPY} is missing: the pruned Smokeball OpenAPI must be in the repo (docs/api/smokeball.md#openapi)`,
	);
}

const { validateRequest, matchPath } = require('../helpers/swagger');
const { spec, validateValue, bodySchema } = require('../../sandbox/systems/smokeball/openapi');
const { keptDigest, refsOf, PROVENANCE } = require('../../scripts/smokeball-openapi');
const { endpoints } = require('../../nodes/Smokeball/transport');

const BASE = 'https://api.smokeball.com/acc-1';
const M = '51cefb72-6247-4ca2-8926-5d14d65f7cb9';
const auth = { 'x-api-key': 'k', Authorization: 'Bearer t' };
const req = (method, path, extra = {}) => ({
	method,
	url: BASE + path,
	headers: { ...auth, ...(extra.headers || {}) },
	body: extra.body,
});

test('path templates: literal segments win over parameters', () => {
	expect(matchPath('/webhooks/types')).toEqual({ template: '/webhooks/types', params: {} });
	expect(matchPath(`/webhooks/${M}`)).toEqual({ template: '/webhooks/{id}', params: { id: M } });
	expect(matchPath(`/matters/${M}/documents/files/x/download`).template).toBe(
		'/matters/{matterId}/documents/files/{fileId}/download',
	);
	expect(matchPath('/nope')).toBeNull();
});

test('valid requests pass', () => {
	expect(
		validateRequest(
			req(
				'GET',
				'/matters?Offset=0&Limit=500&Status=Open&Status=Closed&Type=Matters,Leads&LastUpdated=2025-06-01T00:00:00Z',
			),
			BASE,
		),
	).toEqual([]);
	expect(
		validateRequest(
			req('GET', `/contacts?Search=name:*x*&Search=email:a@b.c&UpdatedSince=638800000000000000`),
			BASE,
		),
	).toEqual([]);
	expect(
		validateRequest(
			req('POST', '/matters', {
				body: { matterTypeId: 'x', clientIds: [M], status: 'Open', isLead: false },
			}),
			BASE,
		),
	).toEqual([]);
	expect(
		validateRequest(req('POST', `/matters/${M}/memos`, { body: { title: 't', text: 'x' } }), BASE),
	).toEqual([]);
});

test('unknown paths, methods, parameters and out-of-range values are refused', () => {
	expect(validateRequest(req('GET', '/cases'), BASE)[0]).toMatch(/no such path/);
	expect(validateRequest(req('POST', `/matters/${M}/stages`), BASE)[0]).toMatch(
		/POST is not defined/,
	);
	expect(validateRequest(req('GET', '/matters?offset=0'), BASE)[0]).toMatch(
		/query parameter 'offset' is not declared/,
	);
	expect(validateRequest(req('GET', '/matters?Limit=501'), BASE)[0]).toMatch(/Limit must be ≤ 500/);
	expect(validateRequest(req('GET', '/matters?Limit=abc'), BASE)[0]).toMatch(/must be an integer/);
	expect(validateRequest(req('GET', '/matters?IsLead=yes'), BASE)[0]).toMatch(/true or false/);
	expect(validateRequest(req('GET', '/matters/not-a-guid'), BASE)[0]).toMatch(
		/matterId must be a uuid/,
	);
	expect(validateRequest(req('GET', '/contacts?UpdatedSince=2025-01-01'), BASE)[0]).toMatch(
		/UpdatedSince must be an integer/,
	);
	expect(
		validateRequest({ ...req('GET', '/staff'), url: 'https://api.smokeball.com/staff' }, BASE)[0],
	).toMatch(/not under the API base/);
});

test('bodies are checked strictly: types, required fields, unknown fields, enums, nested schemas', () => {
	const post = (path, body) => validateRequest(req('POST', path, { body }), BASE);
	expect(post('/matters', { clientIds: 'x' })).toEqual([
		expect.stringMatching(/body.clientIds must be array/),
	]);
	expect(post('/matters', { otherSidesIds: [M] })).toEqual([
		expect.stringMatching(/body.otherSidesIds is not a known field/),
	]);
	expect(post(`/matters/${M}/memos`, { title: 't' })).toEqual([
		expect.stringMatching(/body.text is required/),
	]);
	expect(post(`/matters/${M}/memos`, { title: '', text: 'x' })).toEqual([
		expect.stringMatching(/body.title must be at least 1/),
	]);
	expect(post(`/matters/${M}/fees`, { subject: 's', feeDate: '2025-01-01', feeType: 2 })).toEqual([
		expect.stringMatching(/body.feeType must be one of \[0,1\]/),
	]);
	expect(post('/contacts', { person: { firstName: 'a', cell: { number: 1 } } })).toEqual([
		expect.stringMatching(/body.person.cell.number must be string/),
	]);
	expect(post('/contacts', { person: { voiDetails: {} } })).toEqual([
		expect.stringMatching(/body.person.voiDetails is not a known field/),
	]);
	expect(post(`/matters/${M}/portal/messages`, { contactId: 'nope', message: 'x' })).toEqual([
		expect.stringMatching(/contactId must be a uuid/),
	]);
	expect(validateRequest(req('GET', '/staff', { body: { a: 1 } }), BASE)[0]).toMatch(
		/takes no body/,
	);
});

test("an independent checker: what the sandbox's own schema walker lets through, ajv refuses", () => {
	// The sandbox checks bodies with its walker (sandbox/systems/smokeball/openapi.js); these tests must not use the
	// same code, or a gap in it would pass both. Two such gaps: dates that are not on the calendar, and null for a
	// field the document does not mark nullable.
	const walker = (body) =>
		validateValue(bodySchema('/matters/{matterId}/fees', 'post'), body, '', { strict: true });
	const post = (body) => validateRequest(req('POST', `/matters/${M}/fees`, { body }), BASE);
	const notOnCalendar = { subject: 's', feeDate: '2025-02-30', feeType: 0 };
	const monthThirteen = { subject: 's', feeDate: '2025-13-01T00:00:00Z', feeType: 0 };
	const nullFeeType = { subject: 's', feeDate: '2025-01-01', feeType: null };
	for (const body of [notOnCalendar, monthThirteen, nullFeeType]) expect(walker(body)).toEqual([]);
	expect(post(notOnCalendar)).toEqual([expect.stringMatching(/body.feeDate must be an ISO-8601/)]);
	expect(post(monthThirteen)).toEqual([expect.stringMatching(/body.feeDate must be an ISO-8601/)]);
	expect(post(nullFeeType)).toContainEqual(expect.stringMatching(/body.feeType must be integer/));
	expect(post({ ...nullFeeType, feeType: 1 })).toEqual([]);
});

test('both security headers are required', () => {
	const noKey = validateRequest(
		{ method: 'GET', url: `${BASE}/staff`, headers: { Authorization: 'Bearer t' } },
		BASE,
	);
	expect(noKey).toEqual([expect.stringMatching(/x-api-key header missing/)]);
	const noToken = validateRequest(
		{ method: 'GET', url: `${BASE}/staff`, headers: { 'x-api-key': 'k' } },
		BASE,
	);
	expect(noToken).toEqual([expect.stringMatching(/bearer token missing/)]);
});

describe('the pruned copy of the vendor OpenAPI in the repo', () => {
	test('says where and when it came from', () => {
		const provenance = spec.info[PROVENANCE];
		expect(provenance).toEqual(
			expect.objectContaining({
				source: expect.stringMatching(
					/^https:\/\/github\.com\/smokeballdev\/api-docs\/blob\/[0-9a-f]{7,40}\/reference\/swagger\.json$/,
				),
				taken: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
				sourceSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
				pruning: expect.any(String),
				keptSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
			}),
		);
	});

	test('is unchanged since it was pruned: its digest is the one recorded then', () => {
		// An edited path or schema is no longer the vendor's text: re-prune with scripts/smokeball-openapi.js instead.
		expect(keptDigest(spec)).toBe(spec.info[PROVENANCE].keptSha256);
	});

	test('is complete: every $ref resolves inside it, and nothing unreferenced is kept', () => {
		const names = Object.keys(spec.components.schemas);
		const referenced = refsOf({ paths: spec.paths, schemas: spec.components.schemas });
		expect([...referenced].filter((n) => !names.includes(n))).toEqual([]);
		const reachable = new Set();
		const queue = [...refsOf(spec.paths)];
		while (queue.length) {
			const name = queue.pop();
			if (reachable.has(name)) continue;
			reachable.add(name);
			queue.push(...refsOf(spec.components.schemas[name]));
		}
		expect(names.filter((n) => !reachable.has(n))).toEqual([]);
		expect(Object.keys(spec.components.securitySchemes).sort()).toEqual(['api-key', 'token']);
	});

	test('holds every path the Smokeball transport calls', () => {
		const id = '51cefb72-6247-4ca2-8926-5d14d65f7cb9';
		const missing = Object.entries(endpoints)
			.map(([name, make]) => [name, make(id, id)])
			.filter(([, concrete]) => matchPath(concrete) === null)
			.map(([name, concrete]) => `${name}: ${concrete}`);
		expect(missing).toEqual([]);
	});
});
