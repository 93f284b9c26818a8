const { NodeApiError } = require('n8n-workflow');
const {
	apiError,
	networkError,
	credentialError,
	describeTarget,
	reasonFor,
	isSystemic,
} = require('../../nodes/shared/errors');

const node = { name: 'Case Status', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} };
const SYSTEMIC =
	/\(reason: (credential_refused|not_allowed|rate_limited|system_unavailable|unreachable|sign_in_failed)\b/;

describe('API errors speak people: what happened in words, the status in the details, the reason at the end', () => {
	test('a 400 names the record it refused and the fields; the status only in description and httpCode', () => {
		const error = apiError(
			node,
			'Case Status',
			400,
			{ code: 'validation_failed', message: 'Practice Area is required' },
			0,
			1,
			[],
			{ method: 'POST', url: 'https://cs.example.com/v1/api/cases' },
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(
			'Case Status refused the case: Practice Area is required (reason: validation_failed)',
		);
		expect(error.message).not.toMatch(/\b400\b|answered/);
		expect(error.description).toMatch(/\(HTTP 400\)$/);
		expect(error.httpCode).toBe('400');
		expect(isSystemic(error)).toBe(false);
	});

	test('a 404 says which record is missing and that it may have been deleted; its reason is always not_found', () => {
		const error = apiError(node, 'CASEpeer', 404, { code: 'case_missing' }, 0, 1, [], {
			method: 'GET',
			url: 'https://cp.example.com/v1/cases/123/notes?page=2',
		});
		expect(error.message).toBe(
			'CASEpeer has no case 123 (it may have been deleted) (reason: not_found)',
		);
		expect(error.description).toMatch(/\(HTTP 404\)$/);
	});

	test('systemic refusals carry a fixed class first, then the vendor code; templates stop the run on the class', () => {
		const refused = apiError(
			node,
			'OfficeTools',
			403,
			{ code: 'firm_forbidden', message: 'No.' },
			0,
			1,
		);
		expect(refused.message).toBe(
			'OfficeTools does not allow this credential to do this: No. (reason: not_allowed, firm_forbidden)',
		);
		const down = apiError(node, 'Case Status', 503, { message: 'HTTP 503' }, 0, 6);
		expect(down.message).toBe(
			'Case Status kept failing on its side, after 6 attempts: HTTP 503 (reason: system_unavailable)',
		);
		const limited = apiError(node, 'Case Status', 429, {}, 0, 4);
		const key = apiError(node, 'Case Status', 401, { code: 'unauthorized' }, 0, 1);
		const gone = networkError(
			node,
			'Case Status',
			{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' },
			0,
			3,
		);
		const token = credentialError(node, 'Smokeball', 'no token', 0);
		for (const e of [refused, down, limited, key, gone, token]) {
			expect(e.message).toMatch(SYSTEMIC);
			expect(isSystemic(e)).toBe(true);
		}
		for (const status of [400, 404, 409, 410, 422]) {
			const e = apiError(node, 'X', status, { code: 'some_code' }, 0, 1);
			expect(e.message).not.toMatch(SYSTEMIC);
			expect(isSystemic(e)).toBe(false);
		}
	});

	test('an OAuth2 credential refused at run time is fixed by reconnecting, not by pasting a key', () => {
		const error = apiError(node, 'Smokeball', 401, {}, 0, 1, [], { oauth: true });
		expect(error.description).toMatch(/Client ID, Client Secret.*Reconnect/);
		expect(error.description).not.toMatch(/paste the API key/);
	});

	test('reason codes: a vendor CamelCode becomes snake_case, a sentence is not a code, defaults by status', () => {
		expect(reasonFor(403, 'AccessDenied')).toBe('not_allowed, access_denied');
		expect(reasonFor(400, 'One or more validation errors occurred.')).toBe('invalid');
		expect(reasonFor(409, undefined)).toBe('conflict');
		expect(reasonFor(422, 'case_closed')).toBe('case_closed');
	});

	test('the record a URL names', () => {
		expect(describeTarget('https://x/v1/api/cases/42/close')).toEqual({
			noun: 'case',
			record: { noun: 'case', id: '42' },
		});
		expect(describeTarget('https://x/matters/abc-1/memos')).toEqual({
			noun: 'memo',
			record: { noun: 'matter', id: 'abc-1' },
		});
		expect(describeTarget('https://x/v1/fee-earners')).toEqual({ noun: 'fee earner' });
		expect(describeTarget('https://x/v1/matters/AB%2F0001')).toEqual({
			noun: 'matter',
			record: { noun: 'matter', id: 'AB/0001' },
		});
		expect(describeTarget('https://x/v1/me')).toEqual({});
	});
});

test("a note added to an API error's fix goes before the HTTP status that ends it", () => {
	const { withNote } = require('../../nodes/DpsOneOffice/actions/common');
	const error = apiError(node, 'DPS One Office', 409, { code: 'duplicate' }, 0, 1);
	withNote(error, 'Nothing was imported.');
	expect(error.description).toMatch(/ Nothing was imported\. \(HTTP 409\)$/);
	const plain = withNote(new (require('n8n-workflow').NodeOperationError)(node, 'x'), 'Nothing was imported.');
	expect(plain.description).toBe('Nothing was imported.');
});
