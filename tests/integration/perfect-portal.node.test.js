// The Perfect Portal node and trigger against the sandbox: real HTTP, real credential auth, the sandbox's state as
// truth. Every resource and operation, the error paths (401/404/409/422/429/5xx), paging, time frames,
// idempotent writes, documents, and the trigger's three events.
const crypto = require('node:crypto');
const { NodeApiError, NodeOperationError } = require('n8n-workflow');
const { startSandbox } = require('../../sandbox/server');
const { SEED_FACTS: F } = require('../../sandbox/systems/perfect-portal');
const { PerfectPortal } = require('../../nodes/PerfectPortal/PerfectPortal.node');
const { PerfectPortalTrigger } = require('../../nodes/PerfectPortal/PerfectPortalTrigger.node');
const { runNode, runPoll, runMethod, testCredential } = require('../helpers/harness');
const { resetBuckets } = require('../../nodes/shared/rateLimit');
const { legalCaseSchema } = require('../../nodes/shared/model');
const { CREDENTIAL_REFS, DEMO_KEYS, sandboxCredentials } = require('../../scripts/lib/credentials');
const { adminApi } = require('../helpers/sandbox-client');

const DEMO_KEY = 'pp_demo_3c9d7e215a84';
const DAY = 86_400_000;
let sandbox;
let creds;
const node = new PerfectPortal();
const trigger = new PerfectPortalTrigger();

const admin = adminApi(() => sandbox.url);
const state = () => admin('GET', '/state/perfect-portal');
const requests = () => admin('GET', '/requests?system=perfect-portal');
const clearRequests = () => admin('DELETE', '/requests');
const run = (parameters, extra = {}) => runNode({ node, parameters, credentials: creds, ...extra });
const byId = (id) => ({ __rl: true, mode: 'id', value: String(id) });
const sha256 = (buffer) => crypto.createHash('sha256').update(buffer).digest('hex');
const caseOf = (s, id) => s.cases.find((c) => c.case_id === id);

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
	creds = { perfectPortalApi: { baseUrl: `${sandbox.url}/perfect-portal`, apiKey: DEMO_KEY } };
});
afterAll(() => sandbox.close());
beforeEach(async () => {
	resetBuckets();
	await admin('POST', '/reset');
});

describe('credential', () => {
	test('GET /v1/me succeeds with the demo key and fails with a wrong one', async () => {
		expect(F.demoKey).toBe(DEMO_KEY);
		expect(await testCredential('perfectPortalApi', creds.perfectPortalApi)).toBe(200);
		expect(
			await testCredential('perfectPortalApi', {
				...creds.perfectPortalApi,
				apiKey: 'pp_wrong_0000',
			}),
		).toBe(401);
		// A trailing slash in the base URL is fine.
		expect(
			await testCredential('perfectPortalApi', {
				...creds.perfectPortalApi,
				baseUrl: `${creds.perfectPortalApi.baseUrl}/`,
			}),
		).toBe(200);
	});

	test('the sandbox credential the templates use', () => {
		expect(CREDENTIAL_REFS.perfectPortalApi).toEqual({
			id: 'legalSyncPerfectPortal',
			name: 'Perfect Portal account',
		});
		expect(DEMO_KEYS.perfectPortal).toBe(DEMO_KEY);
		const entry = sandboxCredentials('http://127.0.0.1:4010').find(
			(c) => c.type === 'perfectPortalApi',
		);
		expect(entry).toEqual({
			id: 'legalSyncPerfectPortal',
			name: 'Perfect Portal account',
			type: 'perfectPortalApi',
			data: { baseUrl: 'http://127.0.0.1:4010/perfect-portal', apiKey: DEMO_KEY },
		});
	});
});

describe('Case', () => {
	test('Get: simplified, raw with clients/contacts and properties, canonical LegalCase', async () => {
		const id = F.twoPropertyCaseIds[0];
		const s = await state();
		const stored = caseOf(s, id);
		const simple = (await run({ resource: 'case', operation: 'get', case: byId(id) })).output[0];
		expect(simple.pairedItem).toEqual({ item: 0 });
		expect(simple.json).toEqual(
			expect.objectContaining({
				case_id: id,
				app_code: stored.app_code,
				fee_earner: 'Jane Smith',
				branch: 'Leeds',
				matter_details: stored.matter_details,
				key_stage: stored.key_stage.name,
			}),
		);
		expect(Object.keys(simple.json)).toHaveLength(10);
		const raw = (await run({ resource: 'case', operation: 'get', case: byId(id), output: 'raw' }))
			.output[0].json;
		expect(raw.clients_contacts).toHaveLength(stored.clients_contacts.length);
		expect(raw.properties).toHaveLength(2);
		const canonical = (
			await run({ resource: 'case', operation: 'get', case: byId(id), output: 'canonical' })
		).output[0].json;
		expect(legalCaseSchema.safeParse(canonical).success).toBe(true);
		expect(canonical).toEqual(
			expect.objectContaining({
				source: { system: 'perfectportal', id, url: null },
				externalRef: id,
				name: stored.matter_details,
				status: 'open',
				practiceArea: stored.work_type,
				stage: { sourceId: stored.key_stage.id, name: stored.key_stage.name, position: null },
				linked: true,
			}),
		);
		expect(canonical.primaryAttorney).toEqual(
			expect.objectContaining({
				role: 'attorney',
				firstName: 'Jane',
				lastName: 'Smith',
				email: F.staff.janeSmith.email,
			}),
		);
		expect(canonical.clients.map((c) => c.isPrimary)).toEqual([true, false]);
		expect(canonical.clients[0].phone).toBe(stored.clients_contacts[0].mobile);

		const done = (
			await run({
				resource: 'case',
				operation: 'get',
				case: byId(F.statuses.completed[0]),
				output: 'canonical',
			})
		).output[0].json;
		expect(done.status).toBe('closed');
		expect(done.closedAt).toBe(caseOf(s, F.statuses.completed[0]).updated_at);
	});

	test('an unknown case is a 404 NodeApiError with a fix; continueOnFail gives a paired error item', async () => {
		const error = await run({ resource: 'case', operation: 'get', case: byId('PP-999999') }).catch(
			(e) => e,
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('404');
		expect(error.message).toMatch(/^Perfect Portal has no case PP-999999 \(it may have been deleted\).*\(reason: not_found\)$/);
		expect(error.description).toMatch(/Check the ID/);
		const input = [{ json: { id: F.firstCaseId } }, { json: { id: 'PP-999999' } }];
		const { output } = await run(
			{ resource: 'case', operation: 'get', case: (item) => byId(item.json.id) },
			{ input, continueOnFail: true },
		);
		expect(output.map((i) => i.pairedItem.item)).toEqual([0, 1]);
		expect(output[1].json.error).toMatch(/\(reason: not_found\)$/);
		expect(output[1].json.details).toMatch(/\(HTTP 404\)$/);
		const empty = await run({ resource: 'case', operation: 'get', case: byId('  ') }).catch(
			(e) => e,
		);
		expect(empty).toBeInstanceOf(NodeOperationError);
		expect(empty.message).toMatch(/'Case' is empty/);
	});

	test('Get Many: the time frames of "Cases within the last"', async () => {
		const ids = async (parameters) =>
			(await run({ resource: 'case', operation: 'getAll', returnAll: true, ...parameters })).output
				.map((i) => i.json.case_id)
				.sort();
		expect(await ids({ timeFrame: 'day' })).toEqual([...F.createdWithin.day].sort());
		expect(await ids({})).toEqual([...F.createdWithin.week].sort()); // default: the last week
		expect(await ids({ timeFrame: 'month' })).toEqual([...F.createdWithin.month].sort());
		expect(await ids({ timeFrame: 'any' })).toEqual([...F.caseIds].sort());
		expect(await ids({ timeFrame: 'custom', customPeriod: 2, customUnit: 'weeks' })).toEqual(
			F.caseIds.filter((id) => F.createdAgo[id][0] < 14).sort(),
		);
		expect(await ids({ timeFrame: 'custom', customPeriod: 12, customUnit: 'hours' })).toEqual(
			F.caseIds.filter((id) => F.createdAgo[id][0] === 0 && F.createdAgo[id][1] < 12).sort(),
		);
		const anchor = Date.parse((await state()).anchor);
		expect(
			await ids({ timeFrame: 'since', createdSince: new Date(anchor - 20 * DAY).toISOString() }),
		).toEqual(F.caseIds.filter((id) => F.createdAgo[id][0] < 20).sort());
		const noDate = await run({
			resource: 'case',
			operation: 'getAll',
			returnAll: true,
			timeFrame: 'since',
		}).catch((e) => e);
		expect(noDate).toBeInstanceOf(NodeOperationError);
		expect(noDate.message).toMatch(/'Created Since' is empty/);
		// The time frame may come from an expression (a template's settings): n8n then cannot tell that Created
		// Since is hidden, so the field must not be `required` or n8n refuses to run the node at all.
		const createdSince = node.description.properties.find((p) => p.name === 'createdSince');
		expect(createdSince.required).not.toBe(true);
		const perItem = await run(
			{
				resource: 'case',
				operation: 'getAll',
				returnAll: true,
				timeFrame: (item) => item.json.frame,
			},
			{ input: [{ json: { frame: 'day' } }] },
		);
		expect(perItem.output.map((i) => i.json.case_id).sort()).toEqual(
			[...F.createdWithin.day].sort(),
		);
		const badPeriod = await run({
			resource: 'case',
			operation: 'getAll',
			returnAll: true,
			timeFrame: 'custom',
			customPeriod: 0,
		}).catch((e) => e);
		expect(badPeriod.message).toMatch(/customPeriod/);
	});

	test('Get Many: filters, details and canonical output', async () => {
		const s = await state();
		const run2 = (filters, extra = {}) =>
			run({
				resource: 'case',
				operation: 'getAll',
				returnAll: true,
				timeFrame: 'any',
				filters,
				...extra,
			});
		const all = await run2({});
		expect(all.output).toHaveLength(F.caseCount); // no filter added: every status
		const open = await run2({ status: ['open'] });
		expect(open.output.map((i) => i.json.case_id).sort()).toEqual(
			s.cases
				.filter((c) => c.status === 'open')
				.map((c) => c.case_id)
				.sort(),
		);
		const notLinked = await run2({
			caseManagementTarget: 'dps_one_office',
			hasCaseManagementLink: false,
			status: ['open'],
		});
		expect(notLinked.output.map((i) => i.json.case_id).sort()).toEqual(
			s.cases
				.filter(
					(c) =>
						c.status === 'open' &&
						c.case_management_target === 'dps_one_office' &&
						!c.case_management_link,
				)
				.map((c) => c.case_id)
				.sort(),
		);
		const [quoteId, fromQuote] = Object.entries(F.convertedTo).find(([id]) => id.startsWith('qt_'));
		expect(
			(await run2({ quoteId, status: ['open', 'completed'] })).output.map((i) => i.json.case_id),
		).toEqual([fromQuote]);
		const summary = (await run2({ status: ['cancelled'] }, { output: 'raw' })).output[0].json;
		expect(summary.clients_contacts).toBeUndefined();
		const detailed = (
			await run2({ status: ['cancelled'] }, { output: 'raw', options: { includeDetails: true } })
		).output[0].json;
		expect(detailed.clients_contacts).toBeDefined();
		const canonical = await run({
			resource: 'case',
			operation: 'getAll',
			timeFrame: 'day',
			returnAll: true,
			output: 'canonical',
		});
		expect(canonical.output.every((i) => legalCaseSchema.safeParse(i.json).success)).toBe(true);
	});

	test('with details, a case deleted between the list and its read is left out; the others are returned', async () => {
		const week = F.createdWithin.week;
		await admin('POST', '/config', {
			faults: {
				script: [
					{
						status: 404,
						match: { system: 'perfect-portal', method: 'GET', pathPrefix: `/v1/cases/${week[0]}` },
					},
				],
			},
		});
		const { output } = await run({
			resource: 'case',
			operation: 'getAll',
			timeFrame: 'week',
			returnAll: true,
			filters: { status: [] },
			output: 'raw',
			options: { includeDetails: true },
		});
		await admin('POST', '/config', { faults: null });
		expect(output.map((i) => i.json.case_id).sort()).toEqual(
			week.filter((id) => id !== week[0]).sort(),
		);
		expect(output.every((i) => Array.isArray(i.json.clients_contacts))).toBe(true);
	});

	test('Limit 3 makes one request of 3; Return All over 450 cases pages by 200', async () => {
		await clearRequests();
		const { output } = await run({
			resource: 'case',
			operation: 'getAll',
			timeFrame: 'any',
			returnAll: false,
			limit: 3,
			filters: { status: [] },
		});
		expect(output).toHaveLength(3);
		const log = await requests();
		expect(log).toHaveLength(1);
		expect(log[0].query).toEqual(expect.objectContaining({ page: '1', per_page: '3' }));

		await admin('POST', '/seed/perfect-portal', { cases: 450 });
		await clearRequests();
		const all = await run({
			resource: 'case',
			operation: 'getAll',
			timeFrame: 'any',
			returnAll: true,
			output: 'raw',
			filters: { status: [] },
		});
		const total = (await state()).cases.length;
		expect(all.output).toHaveLength(total);
		expect(new Set(all.output.map((i) => i.json.case_id)).size).toBe(total);
		expect(await requests()).toHaveLength(Math.ceil(total / 200));
	});

	test('Link to Case Management Matter: idempotent, 409 for another matter unless replaced', async () => {
		const id = F.dps.importable[0];
		const params = {
			resource: 'case',
			operation: 'linkMatter',
			case: byId(id),
			system: 'dps_one_office',
			matterRef: 'SMI001-0001',
			additionalFields: { clientRefs: 'SMI001, SMI002' },
		};
		const first = (await run(params)).output[0].json;
		expect(first).toEqual(
			expect.objectContaining({
				case_id: id,
				matter_ref: 'SMI001-0001',
				client_refs: ['SMI001', 'SMI002'],
			}),
		);
		expect((await run(params)).output[0].json).toEqual(first);
		const clash = await run({ ...params, matterRef: 'SMI001-0009' }).catch((e) => e);
		expect(clash).toBeInstanceOf(NodeApiError);
		expect(clash.httpCode).toBe('409');
		expect(clash.description).toMatch(/Replace Existing Link/);
		const replaced = await run({
			...params,
			matterRef: 'SMI001-0009',
			additionalFields: { replace: true },
		});
		expect(replaced.output[0].json.matter_ref).toBe('SMI001-0009');
		const bad = await run({ ...params, matterRef: 'x'.repeat(51) }).catch((e) => e);
		expect(bad).toBeInstanceOf(NodeOperationError);
	});
});

describe('Quote and Lead', () => {
	test('Get and Get Many with status filter and Limit', async () => {
		const q = (await run({ resource: 'quote', operation: 'get', quote: byId(F.quotes.open[0]) }))
			.output[0].json;
		expect(q).toEqual(
			expect.objectContaining({
				id: F.quotes.open[0],
				kind: 'quote',
				status: 'open',
				reference: expect.stringMatching(/^\d{7}$/),
			}),
		);
		const raw = (
			await run({
				resource: 'lead',
				operation: 'get',
				lead: byId(F.enquiries.open[0]),
				simplify: false,
			})
		).output[0].json;
		expect(raw.clients_contacts).toBeDefined();
		const open = await run({
			resource: 'quote',
			operation: 'getAll',
			returnAll: true,
			filters: { status: ['open'] },
		});
		expect(open.output.map((i) => i.json.id).sort()).toEqual([...F.quotes.open].sort());
		const all = await run({
			resource: 'lead',
			operation: 'getAll',
			returnAll: true,
			filters: { status: [] },
		});
		expect(all.output).toHaveLength(F.enquiryCount);
		await clearRequests();
		const limited = await run({
			resource: 'quote',
			operation: 'getAll',
			returnAll: false,
			limit: 2,
			filters: { status: [] },
		});
		expect(limited.output).toHaveLength(2);
		expect(await requests()).toHaveLength(1);
		const wrongKind = await run({
			resource: 'lead',
			operation: 'get',
			lead: byId(F.quotes.open[0]),
		}).catch((e) => e);
		expect(wrongKind.httpCode).toBe('404');
	});

	test('Convert: once; a re-run returns the same case without converting again', async () => {
		const quoteId = F.quotes.open[0];
		const params = {
			resource: 'quote',
			operation: 'convert',
			quote: byId(quoteId),
			personResponsibleId: 'st_1',
			additionalFields: {
				conversionNotes: 'Wants e-mail updates.',
				caseManagementTarget: 'dps_one_office',
			},
			output: 'raw',
		};
		const first = (await run(params)).output[0].json;
		expect(first).toEqual(
			expect.objectContaining({
				created: true,
				source_quote_id: quoteId,
				conversion_notes: 'Wants e-mail updates.',
				case_management_target: 'dps_one_office',
				fee_earner: expect.objectContaining({ id: 'st_1' }),
			}),
		);
		await clearRequests();
		const again = (await run(params)).output[0].json;
		expect(again).toEqual({ ...first, created: false });
		expect((await requests()).filter((r) => r.method === 'POST')).toHaveLength(0);
		expect((await state()).cases.filter((c) => c.source_quote_id === quoteId)).toHaveLength(1);
	});

	test('Convert: a lost response (503 after the write) is retried and answered from the 409', async () => {
		await admin('POST', '/config', {
			faults: {
				script: [
					{ status: 503, afterHandler: true, match: { system: 'perfect-portal', method: 'POST' } },
				],
			},
		});
		const leadId = F.enquiries.open[0];
		const { output } = await run({
			resource: 'lead',
			operation: 'convert',
			lead: byId(leadId),
			personResponsibleId: 'st_2',
			additionalFields: { appCode: 'GP' },
		});
		expect(output[0].json).toEqual(
			expect.objectContaining({ created: false, app_code: 'GP', fee_earner: 'Aisha Bello-Clarke' }),
		);
		const posts = (await requests()).filter((r) => r.method === 'POST');
		expect(posts.map((r) => r.status)).toEqual([503, 409]);
		expect((await state()).cases.filter((c) => c.source_lead_id === leadId)).toHaveLength(1);
	});

	test('Convert: lost quote 422, unknown person 400, empty person refused before any request', async () => {
		const lost = await run({
			resource: 'quote',
			operation: 'convert',
			quote: byId(F.quotes.lost[0]),
			personResponsibleId: 'st_1',
		}).catch((e) => e);
		expect(lost).toBeInstanceOf(NodeApiError);
		expect(lost.httpCode).toBe('422');
		expect(lost.message).toMatch(/lead_not_open/);
		const inactive = await run({
			resource: 'quote',
			operation: 'convert',
			quote: byId(F.quotes.open[1]),
			personResponsibleId: F.staff.inactive[0],
		}).catch((e) => e);
		expect(inactive.httpCode).toBe('400');
		expect(inactive.message).toMatch(/person_responsible_id: unknown_value/);
		await clearRequests();
		const empty = await run({
			resource: 'quote',
			operation: 'convert',
			quote: byId(F.quotes.open[1]),
			personResponsibleId: '',
		}).catch((e) => e);
		expect(empty).toBeInstanceOf(NodeOperationError);
		expect(empty.message).toMatch(/personResponsibleId/);
		expect(await requests()).toHaveLength(0);
	});
});

describe('Contact and Referrer', () => {
	const contact = (extra = {}) => ({
		resource: 'contact',
		operation: 'create',
		type: 'person',
		firstName: 'Nadia',
		lastName: 'Rahman',
		email: 'nadia.rahman@example.co.uk',
		externalRef: 'sb:contact:30001',
		additionalFields: {
			mobile: '07700 900777',
			address: { value: { line1: '5 Park Row', town: 'Leeds', postcode: 'LS1 5HD' } },
		},
		...extra,
	});

	test('Create is idempotent by external reference; Get, Get Many and Update', async () => {
		const first = (await run(contact())).output[0].json;
		expect(first).toEqual(
			expect.objectContaining({
				created: true,
				type: 'person',
				last_name: 'Rahman',
				address: expect.objectContaining({ line1: '5 Park Row', country: 'GB' }),
			}),
		);
		await clearRequests();
		const again = (await run(contact())).output[0].json;
		expect(again).toEqual({ ...first, created: false });
		expect((await requests()).filter((r) => r.method === 'POST')).toHaveLength(0);

		const got = (await run({ resource: 'contact', operation: 'get', contact: byId(first.id) }))
			.output[0].json;
		expect(got.id).toBe(first.id);
		const found = await run({
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
			filters: { name: 'rahman' },
		});
		expect(found.output.map((i) => i.json.id)).toEqual([first.id]);
		const byEmail = await run({
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
			filters: { email: 'NADIA.RAHMAN@example.co.uk' },
		});
		expect(byEmail.output.map((i) => i.json.id)).toEqual([first.id]);

		const updated = (
			await run({
				resource: 'contact',
				operation: 'update',
				contact: byId(first.id),
				updateFields: { phone: '0113 496 0123', title: 'Dr' },
			})
		).output[0].json;
		expect(updated).toEqual(
			expect.objectContaining({
				phone: '0113 496 0123',
				title: 'Dr',
				email: 'nadia.rahman@example.co.uk',
			}),
		);
		const emptyUpdate = await run({
			resource: 'contact',
			operation: 'update',
			contact: byId(first.id),
			updateFields: {},
		}).catch((e) => e);
		expect(emptyUpdate).toBeInstanceOf(NodeOperationError);
		const badUpdate = await run({
			resource: 'contact',
			operation: 'update',
			contact: byId(first.id),
			updateFields: { type: 'organisation' },
		}).catch((e) => e);
		expect(badUpdate.httpCode).toBe('400');
		expect(badUpdate.message).toMatch(/company_name: required/);
	});

	test('a create whose response is lost is answered from the 409; bad input never reaches the API', async () => {
		await admin('POST', '/config', {
			faults: {
				script: [
					{ status: 502, afterHandler: true, match: { system: 'perfect-portal', method: 'POST' } },
				],
			},
		});
		const out = (await run(contact({ externalRef: 'sb:contact:30002' }))).output[0].json;
		expect(out.created).toBe(false);
		expect(
			(await state()).contacts.filter((c) => c.external_ref === 'sb:contact:30002'),
		).toHaveLength(1);
		await admin('POST', '/config', { faults: null });
		await clearRequests();
		for (const [params, field] of [
			[contact({ lastName: '', externalRef: '' }), /'Last Name' is empty/],
			[contact({ email: 'not-an-email', externalRef: '' }), /'email'/],
			[
				contact({ email: '', externalRef: '', additionalFields: {} }),
				/'Email' is empty, and so are Phone and Mobile/,
			],
			[contact({ type: 'organisation', externalRef: '' }), /'Company Name' is empty/],
			[
				contact({ externalRef: '', additionalFields: { address: { value: { town: 'Leeds' } } } }),
				/address\.line1/,
			],
		]) {
			const error = await run(params).catch((e) => e);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toMatch(field);
		}
		expect(await requests()).toHaveLength(0);
	});

	test('Referrer: create idempotently, list with filters', async () => {
		const params = {
			resource: 'referrer',
			operation: 'create',
			name: 'Acorn Estates',
			externalRef: 'sb:referrer:8001',
			additionalFields: { email: 'hi@acorn.example.co.uk' },
		};
		const first = (await run(params)).output[0].json;
		expect(first).toEqual(
			expect.objectContaining({ created: true, name: 'Acorn Estates', active: true }),
		);
		expect((await run(params)).output[0].json).toEqual({ ...first, created: false });
		const listed = await run({
			resource: 'referrer',
			operation: 'getAll',
			returnAll: true,
			filters: { name: 'acorn' },
		});
		expect(listed.output.map((i) => i.json.id)).toEqual([first.id]);
		const inactive = await run({
			resource: 'referrer',
			operation: 'getAll',
			returnAll: true,
			filters: { active: false },
		});
		expect(inactive.output.map((i) => i.json.id)).toEqual(F.referrers.inactive);
		const noName = await run({ ...params, name: ' ' }).catch((e) => e);
		expect(noName).toBeInstanceOf(NodeOperationError);
	});
	test('Referrer Update: only the fields that differ are sent; the same values send nothing', async () => {
		const [id] = F.referrers.inactive;
		await clearRequests();
		const same = await run({
			resource: 'referrer',
			operation: 'update',
			referrerId: id,
			updateFields: { active: false },
		});
		expect(same.output[0].json).toEqual(
			expect.objectContaining({ id, updated: false, changed: [] }),
		);
		const renamed = await run({
			resource: 'referrer',
			operation: 'update',
			referrerId: id,
			updateFields: {
				name: 'Old Mill Lettings Ltd',
				active: false,
				externalRef: 'sb:referraltype:x',
			},
		});
		expect(renamed.output[0].json).toEqual(
			expect.objectContaining({
				name: 'Old Mill Lettings Ltd',
				external_ref: 'sb:referraltype:x',
				updated: true,
				changed: ['name', 'external_ref'],
			}),
		);
		const writes = (await requests()).filter((r) => r.method !== 'GET');
		expect(writes.map((r) => [r.method, r.path])).toEqual([['PATCH', `/v1/referrers/${id}`]]);
		const bad = await run({
			resource: 'referrer',
			operation: 'update',
			referrerId: ' ',
			updateFields: { name: 'x' },
		}).catch((e) => e);
		expect(bad.message).toMatch(/'Referrer ID' is empty/);
	});
});

describe('Fee Scale and Key Stage', () => {
	test('Fee Scale: Get Many (with lines on request), Get as one item or one item per line', async () => {
		const list = await run({ resource: 'feeScale', operation: 'getAll', returnAll: true });
		expect(list.output).toHaveLength(F.feeScales.count);
		expect(list.output[0].json.sections).toBeNull();
		const withLines = await run({
			resource: 'feeScale',
			operation: 'getAll',
			returnAll: true,
			options: { includeLines: true },
		});
		expect(withLines.output.every((i) => i.json.sections !== null)).toBe(true);
		const scale = (
			await run({ resource: 'feeScale', operation: 'get', feeScaleId: F.feeScales.conveyancing })
		).output[0].json;
		expect(scale.sections.legal_fees.map_all_to_case_management).toBe(
			F.feeScales.mapAll.legal_fees,
		);
		const lines = (
			await run({
				resource: 'feeScale',
				operation: 'get',
				feeScaleId: F.feeScales.conveyancing,
				output: 'lines',
			})
		).output.map((i) => i.json);
		expect(lines).toHaveLength(F.feeScales.lineCounts.fs_1);
		expect(lines.filter((l) => !l.mapped_to_case_management).map((l) => l.description)).toEqual(
			F.feeScales.unmappedLineDescriptions,
		);
		expect(
			lines
				.filter((l) => l.section === 'disbursements')
				.every((l) => l.case_management_category === 'cost_recoveries'),
		).toBe(true);
		expect(
			lines
				.filter((l) => l.section === 'additional_fees')
				.every((l) => l.section_maps_all === false && l.case_management_category === 'fees'),
		).toBe(true);
		const missing = await run({
			resource: 'feeScale',
			operation: 'get',
			feeScaleId: 'fs_nope',
		}).catch((e) => e);
		expect(missing.httpCode).toBe('404');
	});

	test('Key Stage: firm list, case history, Set (idempotent), 422s', async () => {
		const stages = await run({
			resource: 'keyStage',
			operation: 'getAll',
			returnAll: true,
			filters: { active: true },
		});
		expect(stages.output.map((i) => i.json.id)).toEqual(F.keyStages.active);
		const id = F.createdWithin.week[2];
		const set = (
			await run({
				resource: 'keyStage',
				operation: 'set',
				case: byId(id),
				keyStageId: 'ks_4',
				additionalFields: { note: 'Exchanged today' },
			})
		).output[0].json;
		expect(set).toEqual({
			case_id: id,
			key_stage: { id: 'ks_4', name: 'Exchanged', reached_at: expect.any(String) },
		});
		const history = await run({
			resource: 'keyStage',
			operation: 'getAll',
			scope: 'case',
			case: byId(id),
			returnAll: true,
		});
		const again = await run({
			resource: 'keyStage',
			operation: 'set',
			case: byId(id),
			keyStageId: 'ks_4',
		});
		expect(again.output[0].json).toEqual(set);
		const after = await run({
			resource: 'keyStage',
			operation: 'getAll',
			scope: 'case',
			case: byId(id),
			returnAll: true,
		});
		expect(after.output).toHaveLength(history.output.length);
		expect(after.output.at(-1).json).toEqual(
			expect.objectContaining({ case_id: id, note: 'Exchanged today' }),
		);

		const cms = await run({
			resource: 'keyStage',
			operation: 'set',
			case: byId(F.caseManagementOriginCaseId),
			keyStageId: 'ks_2',
		}).catch((e) => e);
		expect([cms.httpCode, /key_stages_unavailable/.test(cms.message)]).toEqual(['422', true]);
		const future = await run({
			resource: 'keyStage',
			operation: 'set',
			case: byId(id),
			keyStageId: 'ks_5',
			additionalFields: { reachedAt: new Date(Date.now() + DAY).toISOString() },
		}).catch((e) => e);
		expect(future).toBeInstanceOf(NodeOperationError);
		expect(future.message).toMatch(/'Reached At' is in the future/);
	});
});

describe('Completion Detail', () => {
	test('Get; Update merges with the current details; rules checked before the write', async () => {
		const id = F.completion.exchanged[0];
		const current = (await run({ resource: 'completion', operation: 'get', case: byId(id) }))
			.output[0].json;
		expect(current).toEqual(
			expect.objectContaining({
				case_id: id,
				status: 'exchanged',
				exchange_date: expect.any(String),
			}),
		);
		const updated = (
			await run({
				resource: 'completion',
				operation: 'update',
				case: byId(id),
				updateFields: { status: 'completed', completionTime: '13:15', depositAmount: 25000 },
			})
		).output[0].json;
		expect(updated).toEqual(
			expect.objectContaining({
				status: 'completed',
				completion_time: '13:15',
				deposit_amount: '25000.00',
				exchange_date: current.exchange_date,
				lender_name: current.lender_name,
				purchase_price: current.purchase_price,
			}),
		);
		const cleared = (
			await run({
				resource: 'completion',
				operation: 'update',
				case: byId(id),
				updateFields: { notes: '' },
			})
		).output[0].json;
		expect(cleared.notes).toBeNull();

		const fresh = F.completion.none.find((x) => F.dps.importable.includes(x));
		await clearRequests();
		const missing = await run({
			resource: 'completion',
			operation: 'update',
			case: byId(fresh),
			updateFields: { status: 'exchanged' },
		}).catch((e) => e);
		expect(missing).toBeInstanceOf(NodeOperationError);
		expect(missing.message).toMatch(/'Exchange Date' is empty, but status 'exchanged' needs it/);
		const order = await run({
			resource: 'completion',
			operation: 'update',
			case: byId(fresh),
			updateFields: { exchangeDate: '2025-07-10T00:00:00', completionDate: '2025-07-01T00:00:00' },
		}).catch((e) => e);
		expect(order.message).toMatch(/'Completion Date' \(2025-07-01\) is before the exchange date/);
		expect((await requests()).filter((r) => r.method === 'PUT')).toHaveLength(0);
		const replaced = (
			await run({
				resource: 'completion',
				operation: 'update',
				case: byId(id),
				updateFields: { status: 'exchanged', exchangeDate: '2025-07-01' },
				options: { replaceAll: true },
			})
		).output[0].json;
		expect(replaced).toEqual(
			expect.objectContaining({
				exchange_date: '2025-07-01',
				completion_time: null,
				lender_name: null,
			}),
		);
		const cancelled = await run({
			resource: 'completion',
			operation: 'update',
			case: byId(F.cancelledCaseId),
			updateFields: { notes: 'x' },
		}).catch((e) => e);
		expect([cancelled.httpCode, /case_not_open/.test(cancelled.message)]).toEqual(['422', true]);
	});
});

describe('Document', () => {
	test('Get Many on a case and a quote, with filters and Limit', async () => {
		const caseId = F.documents.withExternalRef.case_id;
		const s = await state();
		const all = await run({
			resource: 'document',
			operation: 'getAll',
			case: byId(caseId),
			returnAll: true,
		});
		expect(all.output.map((i) => i.json.id).sort()).toEqual(
			s.documents
				.filter((d) => d.case_id === caseId)
				.map((d) => d.id)
				.sort(),
		);
		const pdfs = await run({
			resource: 'document',
			operation: 'getAll',
			case: byId(caseId),
			returnAll: true,
			filters: { kind: 'quote_pdf' },
		});
		expect(pdfs.output.every((i) => i.json.kind === 'quote_pdf')).toBe(true);
		const quote = await run({
			resource: 'document',
			operation: 'getAll',
			scope: 'quote',
			quote: byId(F.quotes.open[0]),
			returnAll: true,
		});
		expect(quote.output).toHaveLength(1);
		await clearRequests();
		const limited = await run({
			resource: 'document',
			operation: 'getAll',
			case: byId(caseId),
			returnAll: false,
			limit: 1,
		});
		expect(limited.output).toHaveLength(1);
		expect(await requests()).toHaveLength(1);
	});

	test('upload then download round-trips the bytes (sha256), idempotently by external reference', async () => {
		const bytes = crypto.randomBytes(70_000);
		const input = [
			{
				json: {},
				binary: {
					file: {
						data: bytes.toString('base64'),
						fileName: 'Completion statement – Ló.pdf',
						mimeType: 'application/pdf',
					},
				},
			},
		];
		const params = {
			resource: 'document',
			operation: 'upload',
			case: byId(F.caseIds[0]),
			binaryPropertyName: 'file',
			externalRef: 'sb:document:77001',
			additionalFields: { kind: 'other', description: 'From Smokeball' },
		};
		const doc = (await run(params, { input })).output[0].json;
		expect(doc).toEqual(
			expect.objectContaining({
				created: true,
				case_id: F.caseIds[0],
				file_name: 'Completion statement – Ló.pdf',
				size_bytes: bytes.length,
				sha256: sha256(bytes),
				kind: 'other',
			}),
		);
		const again = await run(params, { input });
		expect(again.output[0].json).toEqual({ ...doc, created: false });
		expect(
			(await state()).documents.filter((d) => d.external_ref === 'sb:document:77001'),
		).toHaveLength(1);

		const down = await run({
			resource: 'document',
			operation: 'download',
			documentId: doc.id,
			binaryPropertyName: 'pdf',
		});
		const item = down.output[0];
		expect(item.json).toEqual({
			id: doc.id,
			file_name: 'Completion statement – Ló.pdf',
			content_type: 'application/pdf',
			size_bytes: bytes.length,
		});
		expect(sha256(Buffer.from(item.binary.pdf.data, 'base64'))).toBe(doc.sha256);

		// A quote PDF from the seed downloads with its stored hash.
		const quoteDoc = (await state()).documents.find((d) => d.kind === 'quote_pdf');
		const pdf = await run({ resource: 'document', operation: 'download', documentId: quoteDoc.id });
		expect(sha256(Buffer.from(pdf.output[0].binary.data.data, 'base64'))).toBe(quoteDoc.sha256);
	});

	test('upload to a quote; wrong type, missing and empty files are refused before any request; 404', async () => {
		const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
		const up = await run(
			{ resource: 'document', operation: 'upload', scope: 'quote', quote: byId(F.quotes.open[0]) },
			{
				input: [
					{
						json: {},
						binary: {
							data: {
								data: png.toString('base64'),
								fileName: 'floor plan.png',
								mimeType: 'application/octet-stream',
							},
						},
					},
				],
			},
		);
		expect(up.output[0].json).toEqual(
			expect.objectContaining({
				quote_id: F.quotes.open[0],
				content_type: 'image/png',
				created: true,
			}),
		);
		await clearRequests();
		const txt = await run(
			{ resource: 'document', operation: 'upload', case: byId(F.caseIds[0]) },
			{
				input: [
					{
						json: {},
						binary: {
							data: {
								data: Buffer.from('hi').toString('base64'),
								fileName: 'notes.txt',
								mimeType: 'text/plain',
							},
						},
					},
				],
			},
		).catch((e) => e);
		expect(txt).toBeInstanceOf(NodeOperationError);
		expect(txt.message).toMatch(/holds a text\/plain/);
		const none = await run({
			resource: 'document',
			operation: 'upload',
			case: byId(F.caseIds[0]),
		}).catch((e) => e);
		expect(none).toBeInstanceOf(NodeOperationError);
		expect(none.message).toMatch(/'Input Binary Field' names 'data'/);
		const empty = await run(
			{ resource: 'document', operation: 'upload', case: byId(F.caseIds[0]) },
			{
				input: [
					{
						json: {},
						binary: { data: { data: '', fileName: 'a.pdf', mimeType: 'application/pdf' } },
					},
				],
			},
		).catch((e) => e);
		expect(empty.message).toMatch(/empty file/);
		expect(await requests()).toHaveLength(0);
		const missing = await run({
			resource: 'document',
			operation: 'download',
			documentId: 'doc_1',
		}).catch((e) => e);
		expect(missing.httpCode).toBe('404');
	});
});

describe('list search and load options', () => {
	test('cases, quotes, leads, contacts; staff, branches, key stages, fee scales', async () => {
		const o = { node, credentials: creds };
		const everything = await runMethod(o, 'listSearch', 'searchCases');
		expect(everything.results).toHaveLength(F.caseCount);
		const s = await state();
		const newest = [...s.cases].sort(
			(a, b) => Date.parse(b.updated_at) - Date.parse(a.updated_at),
		)[0];
		expect(everything.results[0].value).toBe(newest.case_id);
		const direct = await runMethod(o, 'listSearch', 'searchCases', F.linkedCaseId);
		expect(direct.results[0].value).toBe(F.linkedCaseId);
		const client = caseOf(s, F.firstCaseId).clients_contacts[0].last_name;
		expect(
			(await runMethod(o, 'listSearch', 'searchCases', client)).results.map((r) => r.value),
		).toContain(F.firstCaseId);
		const quotes = await runMethod(o, 'listSearch', 'searchQuotes', F.firstQuoteReference);
		expect(quotes.results.map((r) => r.name).join()).toContain(F.firstQuoteReference);
		expect((await runMethod(o, 'listSearch', 'searchLeads')).results).toHaveLength(F.enquiryCount);
		const contacts = await runMethod(o, 'listSearch', 'searchContacts', client);
		expect(contacts.results.length).toBeGreaterThan(0);

		const staff = await runMethod(o, 'loadOptions', 'getStaff');
		expect(staff.map((x) => x.value).sort()).toEqual([...F.staff.active].sort());
		expect(staff).toContainEqual(
			expect.objectContaining({ name: 'Jane Smith (JSM)', value: 'st_1' }),
		);
		expect((await runMethod(o, 'loadOptions', 'getBranches')).map((x) => x.value).sort()).toEqual(
			[...F.branches.active].sort(),
		);
		expect((await runMethod(o, 'loadOptions', 'getKeyStages')).map((x) => x.value)).toEqual(
			F.keyStages.active,
		);
		expect(await runMethod(o, 'loadOptions', 'getFeeScales')).toHaveLength(F.feeScales.count);
	});
});

describe('errors, rate limits and faults', () => {
	test('a wrong key is a 401 naming the credential and never showing the key', async () => {
		const bad = { perfectPortalApi: { ...creds.perfectPortalApi, apiKey: 'pp_wrongkey_77aa' } };
		const error = await runNode({
			node,
			parameters: { resource: 'keyStage', operation: 'getAll', returnAll: true },
			credentials: bad,
		}).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('401');
		expect(error.description).toMatch(/Perfect Portal credential/);
		expect(
			JSON.stringify([error.message, error.description, error.messages, error.context]),
		).not.toContain('wrongkey');
	});

	test('429 answers from a tight rate limit are waited out and the listing completes', async () => {
		await admin('POST', '/seed/perfect-portal', { cases: 400 });
		await admin('POST', '/config', {
			rateLimits: { 'perfect-portal': { perSecond: 2, burst: 1 } },
			rateLimitHeaders: false, // with RateLimit-Policy the pack would pace to 2/s and meet almost no 429
		});
		const { output } = await run({
			resource: 'case',
			operation: 'getAll',
			timeFrame: 'any',
			returnAll: true,
			output: 'raw',
			filters: { status: [] },
		});
		expect(output).toHaveLength((await state()).cases.length);
		expect((await requests()).some((r) => r.status === 429)).toBe(true);
	});

	test('injected 500, 503, a dropped connection and 429 are retried; the result is complete', async () => {
		await admin('POST', '/config', {
			faults: {
				script: [{ status: 500 }, { status: 503 }, { drop: true }, { status: 429 }].map((s) => ({
					...s,
					match: { system: 'perfect-portal' },
				})),
			},
		});
		const { output } = await run({
			resource: 'case',
			operation: 'getAll',
			timeFrame: 'any',
			returnAll: true,
			filters: { status: [] },
		});
		expect(output).toHaveLength(F.caseCount);
		expect((await requests()).filter((r) => r.faulted || r.dropped).length).toBe(4);
	});

	test('a 5xx that persists fails with the status and a hint', async () => {
		await admin('POST', '/config', {
			faults: { errorRate: 1, statuses: [502], systems: ['perfect-portal'] },
		});
		const { retryPolicy } = require('../../nodes/shared/http');
		const saved = { ...retryPolicy };
		Object.assign(retryPolicy, { maxAttempts: 2, baseDelayMs: 1 });
		try {
			const error = await run({ resource: 'keyStage', operation: 'getAll', returnAll: true }).catch(
				(e) => e,
			);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.httpCode).toBe('502');
			expect(error.message).toMatch(/after 2 attempts/);
			expect(error.message).toMatch(/^Perfect Portal kept failing on its side, after 2 attempts.*\(reason: system_unavailable\b/);
			expect(error.description).toMatch(/contact Perfect Portal support\. \(HTTP 502\)$/);
		} finally {
			Object.assign(retryPolicy, saved);
		}
	});
});

describe('Perfect Portal Trigger', () => {
	const poll = (staticData, parameters, mode = 'trigger') =>
		runPoll({ node: trigger, parameters, credentials: creds, staticData, mode });
	const fresh = () => ({ node: {}, global: {} });

	test('New or Changed Contact / Referrer: first poll emits nothing; a new contact and a saved one fire once each', async () => {
		const contacts = fresh();
		const referrers = fresh();
		expect((await poll(contacts, { event: 'contactChanged' })).output).toBeNull();
		expect((await poll(referrers, { event: 'referrerChanged' })).output).toBeNull();
		const made = await run({
			resource: 'contact',
			operation: 'create',
			type: 'person',
			firstName: 'Poll',
			lastName: 'Tester',
			email: 'poll.tester@example.com',
		});
		const id = made.output[0].json.id;
		const first = await poll(contacts, { event: 'contactChanged' });
		expect(first.output.map((i) => [i.json.id, i.json.change])).toEqual([[id, 'created']]);
		expect((await poll(contacts, { event: 'contactChanged' })).output).toBeNull();
		await run({
			resource: 'contact',
			operation: 'update',
			contact: { __rl: true, mode: 'id', value: id },
			updateFields: { mobile: '07700 900777' },
		});
		const second = await poll(contacts, { event: 'contactChanged' });
		expect(second.output.map((i) => [i.json.id, i.json.change, i.json.mobile])).toEqual([
			[id, 'updated', '07700 900777'],
		]);
		const referrer = await run({ resource: 'referrer', operation: 'create', name: 'Poll Agents' });
		const r = await poll(referrers, { event: 'referrerChanged' });
		expect(r.output.map((i) => [i.json.id, i.json.change])).toEqual([
			[referrer.output[0].json.id, 'created'],
		]);
	});

	test('New Case: first poll emits nothing; a converted quote and a new case are emitted exactly once', async () => {
		const staticData = fresh();
		expect((await poll(staticData, { event: 'newCase' })).output).toBeNull();
		const converted = await admin('POST', `/perfect-portal/leads/${F.quotes.open[0]}/convert`, {});
		const made = await admin('POST', '/perfect-portal/cases', { first_name: 'Trig' });
		const { output } = await poll(staticData, { event: 'newCase' });
		expect(output.map((i) => i.json.case_id)).toEqual([converted.case_id, made.case_id]);
		expect(output[0].json).toEqual(
			expect.objectContaining({
				status: 'open',
				fee_earner: 'Jane Smith',
				client_names: [expect.any(String)],
			}),
		);
		// Editing a new case does not make it new again.
		await admin('PATCH', `/perfect-portal/cases/${made.case_id}`, { matter_details: 'Edited' });
		expect((await poll(staticData, { event: 'newCase' })).output).toBeNull();
	});

	test('New Case: target filter and canonical output read the case in full', async () => {
		const staticData = fresh();
		const params = { event: 'newCase', target: 'smokeball', output: 'canonical' };
		await poll(staticData, params);
		await admin('POST', '/perfect-portal/cases', { case_management_target: 'dps_one_office' });
		const sb = await admin('POST', '/perfect-portal/cases', {
			case_management_target: 'smokeball',
			last_name: 'Okafor',
		});
		const { output } = await poll(staticData, params);
		expect(output.map((i) => i.json.externalRef)).toEqual([sb.case_id]);
		expect(legalCaseSchema.safeParse(output[0].json).success).toBe(true);
		expect(output[0].json.clients[0].lastName).toBe('Okafor');
	});

	test('Lead Converted: quotes and leads, once each, oldest conversion first', async () => {
		const both = fresh();
		const quotesOnly = fresh();
		expect((await poll(both, { event: 'leadConverted' })).output).toBeNull();
		await poll(quotesOnly, { event: 'leadConverted', kinds: 'quote' });
		const q = await admin('POST', `/perfect-portal/leads/${F.quotes.open[0]}/convert`, {});
		const l = await run({
			resource: 'lead',
			operation: 'convert',
			lead: byId(F.enquiries.open[0]),
			personResponsibleId: 'st_2',
			output: 'raw',
		});
		const { output } = await poll(both, { event: 'leadConverted' });
		expect(output.map((i) => [i.json.id, i.json.converted_case_id])).toEqual([
			[F.quotes.open[0], q.case_id],
			[F.enquiries.open[0], l.output[0].json.case_id],
		]);
		expect(
			(await poll(quotesOnly, { event: 'leadConverted', kinds: 'quote' })).output.map(
				(i) => i.json.id,
			),
		).toEqual([F.quotes.open[0]]);
		expect((await poll(both, { event: 'leadConverted' })).output).toBeNull();
	});

	test('Key Stage Changed: a move by a user and one by the node, once each; other edits are not changes', async () => {
		const staticData = fresh();
		expect((await poll(staticData, { event: 'keyStageChanged' })).output).toBeNull();
		const [a, b] = F.createdWithin.week.filter((id) => !F.dps.noClients.includes(id)).slice(2);
		await admin('PUT', `/perfect-portal/cases/${a}/key-stage`, { key_stage_id: 'ks_3' });
		await run({ resource: 'keyStage', operation: 'set', case: byId(b), keyStageId: 'ks_4' });
		await admin('PATCH', `/perfect-portal/cases/${F.firstCaseId}`, {
			matter_details: 'Only the details changed',
		});
		const { output } = await poll(staticData, { event: 'keyStageChanged' });
		expect(output.map((i) => [i.json.case_id, i.json.key_stage_id])).toEqual([
			[a, 'ks_3'],
			[b, 'ks_4'],
		]);
		expect(output[0].json.key_stage).toBe('Mortgage Offer Received');
		expect((await poll(staticData, { event: 'keyStageChanged' })).output).toBeNull();
		// Another move of a case the trigger has seen, even backdated, is a change; setting it again is not.
		const backdated = new Date(Date.now() - 3 * 3600_000).toISOString();
		await admin('PUT', `/perfect-portal/cases/${a}/key-stage`, {
			key_stage_id: 'ks_4',
			reached_at: backdated,
		});
		const next = (await poll(staticData, { event: 'keyStageChanged' })).output;
		expect(
			next.map((i) => [i.json.case_id, i.json.key_stage_id, i.json.previous_key_stage_id]),
		).toEqual([[a, 'ks_4', 'ks_3']]);
		await admin('PUT', `/perfect-portal/cases/${a}/key-stage`, { key_stage_id: 'ks_4' });
		expect((await poll(staticData, { event: 'keyStageChanged' })).output).toBeNull();
	});

	test('manual mode returns the latest item of each event and stores nothing', async () => {
		const staticData = fresh();
		const s = await state();
		const newest = [...s.cases].sort(
			(x, y) => Date.parse(y.created_at) - Date.parse(x.created_at),
		)[0];
		const newCase = await poll(staticData, { event: 'newCase' }, 'manual');
		expect(newCase.output.map((i) => i.json.case_id)).toEqual([newest.case_id]);
		const converted = await poll(staticData, { event: 'leadConverted' }, 'manual');
		const latest = [...s.leads]
			.filter((l) => l.status === 'converted')
			.sort((x, y) => Date.parse(y.converted_at) - Date.parse(x.converted_at))[0];
		expect(converted.output.map((i) => i.json.id)).toEqual([latest.id]);
		const stage = await poll(staticData, { event: 'keyStageChanged', output: 'raw' }, 'manual');
		expect(stage.output).toHaveLength(1);
		expect(stage.output[0].json.key_stage).toEqual(
			expect.objectContaining({ id: expect.any(String) }),
		);
		expect(staticData.node).toEqual({});
	});

	test('an API error in trigger mode throws NodeApiError and keeps the cursor', async () => {
		const staticData = fresh();
		await poll(staticData, { event: 'newCase' });
		const before = JSON.parse(JSON.stringify(staticData.node));
		const bad = { perfectPortalApi: { ...creds.perfectPortalApi, apiKey: 'nope_nope' } };
		const error = await runPoll({
			node: trigger,
			parameters: { event: 'newCase' },
			credentials: bad,
			staticData,
			mode: 'trigger',
		}).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(staticData.node).toEqual(before);
	});
});
