// The CASEpeer node and trigger against the sandbox: real HTTP, real credential auth, the sandbox's state as truth.
const crypto = require('node:crypto');
const { NodeApiError, NodeOperationError } = require('n8n-workflow');
const { startSandbox } = require('../../sandbox/server');
const { SEED_FACTS } = require('../../sandbox/systems/casepeer');
const { CasePeer } = require('../../nodes/CasePeer/CasePeer.node');
const { CasePeerTrigger } = require('../../nodes/CasePeer/CasePeerTrigger.node');
const { runNode, runPoll, runMethod, testCredential } = require('../helpers/harness');
const { resetBuckets } = require('../../nodes/shared/rateLimit');
const { adminApi } = require('../helpers/sandbox-client');

const DEMO_KEY = 'cp_demo_8b2e61d94a07';
let sandbox;
let creds;
const node = new CasePeer();
const trigger = new CasePeerTrigger();

const admin = adminApi(() => sandbox.url);
const state = () => admin('GET', '/state/casepeer');
const requests = () => admin('GET', '/requests?system=casepeer');
const clearRequests = () => admin('DELETE', '/requests');
const run = (parameters, extra = {}) => runNode({ node, parameters, credentials: creds, ...extra });
const byId = (id) => ({ __rl: true, mode: 'id', value: String(id) });
const sha256 = (buffer) => crypto.createHash('sha256').update(buffer).digest('hex');
const live = (s) =>
	s.cases.filter((c) => !(c.extra && (c.extra.deleted_at || c.extra.merged_into_id)));

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
	creds = { casePeerApi: { baseUrl: `${sandbox.url}/casepeer`, apiKey: DEMO_KEY } };
});
afterAll(() => sandbox.close());
beforeEach(async () => {
	resetBuckets();
	await admin('POST', '/reset');
});

describe('credential test request', () => {
	test('GET /v1/me succeeds with the demo key and fails with a wrong one', async () => {
		expect(SEED_FACTS.demoKey).toBe(DEMO_KEY);
		expect(await testCredential('casePeerApi', creds.casePeerApi)).toBe(200);
		expect(
			await testCredential('casePeerApi', { ...creds.casePeerApi, apiKey: 'cp_wrong_0000' }),
		).toBe(401);
	});
});

describe('Case', () => {
	test('Get by ID, by URL and from the list return the same case; canonical keeps the phone as entered', async () => {
		const first = SEED_FACTS.firstCase;
		const a = await run({ resource: 'case', operation: 'get', case: byId(first.id) });
		const b = await run({
			resource: 'case',
			operation: 'get',
			case: { __rl: true, mode: 'url', value: first.url },
		});
		const c = await run({
			resource: 'case',
			operation: 'get',
			case: { __rl: true, mode: 'list', value: String(first.id) },
		});
		expect(a.output[0].json).toEqual(b.output[0].json);
		expect(a.output[0].json).toEqual(c.output[0].json);
		expect(a.output[0]).toEqual({
			json: expect.objectContaining({
				id: first.id,
				number: first.number,
				name: first.name,
				updated_at: expect.any(String),
				stage: first.stage.name,
				primary_attorney_email: first.primary_attorney_email,
				case_status_connected: true,
			}),
			pairedItem: { item: 0 },
		});

		const canonical = (
			await run({ resource: 'case', operation: 'get', case: byId(first.id), output: 'canonical' })
		).output[0].json;
		expect(canonical).toEqual(
			expect.objectContaining({
				source: { system: 'casepeer', id: String(first.id), url: first.url },
				externalRef: String(first.id),
				practiceArea: first.practice_area,
				stage: { sourceId: first.stage.id, name: first.stage.name, position: null },
				linked: true,
				description: null,
			}),
		);
		expect(canonical.primaryAttorney).toEqual(
			expect.objectContaining({
				role: 'attorney',
				email: first.primary_attorney_email,
				isPrimary: true,
			}),
		);
		expect(canonical.clients[0]).toEqual(
			expect.objectContaining({
				role: 'client',
				firstName: 'Maria',
				lastName: 'Lopez',
				phone: first.client.cell_phone,
				isPrimary: true,
			}),
		);
		const model = require('../../nodes/shared/model');
		if (model.legalCaseSchema)
			expect(model.legalCaseSchema.safeParse(canonical).success).toBe(true);

		const raw = (
			await run({ resource: 'case', operation: 'get', case: byId(first.id), output: 'raw' })
		).output[0].json;
		expect(raw.case_status_id).toBe(first.case_status_id);
	});

	test('an unknown case is a 404 NodeApiError with a fix; continueOnFail gives a paired error item', async () => {
		const error = await run({ resource: 'case', operation: 'get', case: byId(99999) }).catch(
			(e) => e,
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('404');
		expect(error.description).toMatch(/Check the ID/);
		const input = [{ json: { id: SEED_FACTS.firstCaseId } }, { json: { id: 99999 } }];
		const { output } = await run(
			{ resource: 'case', operation: 'get', case: (item) => byId(item.json.id) },
			{ input, continueOnFail: true },
		);
		expect(output.map((i) => i.pairedItem.item)).toEqual([0, 1]);
		expect(output[1].json.error).toMatch(/^CASEpeer has no case 99999 \(it may have been deleted\).*\(reason: not_found\)$/);
	});

	test('Get Many: Return All and every filter', async () => {
		const s = await state();
		const all = await run({ resource: 'case', operation: 'getAll', returnAll: true });
		expect(all.output).toHaveLength(live(s).length);

		const closed = await run({
			resource: 'case',
			operation: 'getAll',
			returnAll: true,
			filters: { status: 'closed' },
		});
		expect(closed.output.map((i) => i.json.id).sort()).toEqual(
			live(s)
				.filter((c) => c.status === 'closed')
				.map((c) => c.id)
				.sort(),
		);

		const connected = await run({
			resource: 'case',
			operation: 'getAll',
			returnAll: true,
			filters: { connected: true },
		});
		expect(connected.output.map((i) => i.json.id).sort()).toEqual(
			[...SEED_FACTS.connectedIds].sort(),
		);
		const unconnected = await run({
			resource: 'case',
			operation: 'getAll',
			returnAll: true,
			filters: { connected: false },
		});
		expect(unconnected.output.map((i) => i.json.id).sort()).toEqual(
			[...SEED_FACTS.unconnectedIds].sort(),
		);

		const changed = await run({
			resource: 'case',
			operation: 'getAll',
			returnAll: true,
			filters: { updatedSince: SEED_FACTS.lastSyncAt, connected: true },
		});
		expect(changed.output.map((i) => i.json.id).sort((a, b) => a - b)).toEqual(
			SEED_FACTS.changedSinceLastSync,
		);

		const stage = await run({
			resource: 'case',
			operation: 'getAll',
			returnAll: true,
			filters: { stageId: 'stg_4' },
		});
		expect(stage.output.length).toBeGreaterThan(0);
		expect(stage.output.every((i) => i.json.stage === 'Treatment')).toBe(true);

		const area = SEED_FACTS.firstCase.practice_area;
		const inArea = await run({
			resource: 'case',
			operation: 'getAll',
			returnAll: true,
			filters: { practiceArea: area },
			output: 'raw',
		});
		expect(inArea.output.length).toBe(live(s).filter((c) => c.practice_area === area).length);
	});

	test('Limit 3 makes one request of 3; Return All over 450 cases pages by 200', async () => {
		await clearRequests();
		const { output } = await run({
			resource: 'case',
			operation: 'getAll',
			returnAll: false,
			limit: 3,
		});
		expect(output).toHaveLength(3);
		const log = await requests();
		expect(log).toHaveLength(1);
		expect(log[0].query).toEqual(expect.objectContaining({ page: '1', per_page: '3' }));

		await admin('POST', '/seed/casepeer', { cases: 450 });
		await clearRequests();
		const all = await run({
			resource: 'case',
			operation: 'getAll',
			returnAll: true,
			output: 'raw',
		});
		const total = live(await state()).length;
		expect(all.output).toHaveLength(total);
		expect(new Set(all.output.map((i) => i.json.id)).size).toBe(total);
		expect(await requests()).toHaveLength(Math.ceil(total / 200));
	});

	test('a malformed Updated Since is refused before any request', async () => {
		await clearRequests();
		const error = await run({
			resource: 'case',
			operation: 'getAll',
			returnAll: true,
			filters: { updatedSince: 'last tuesday' },
		}).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/'Filters.updatedSince'/);
		expect(await requests()).toHaveLength(0);
	});

	test('Connect to Case Status sets the flag (idempotently), Disconnect clears it', async () => {
		const id = SEED_FACTS.unconnected.importable[0];
		const first = await run({
			resource: 'case',
			operation: 'connect',
			case: byId(id),
			options: { caseStatusId: 7001 },
			output: 'raw',
		});
		expect(first.output[0].json).toEqual(
			expect.objectContaining({ id, case_status_connected: true, case_status_id: 7001 }),
		);
		const again = await run({
			resource: 'case',
			operation: 'connect',
			case: byId(id),
			output: 'raw',
		});
		expect(again.output[0].json.updated_at).toBe(first.output[0].json.updated_at);
		expect(again.output[0].json.case_status_id).toBe(7001);
		const off = await run({ resource: 'case', operation: 'disconnect', case: byId(id) });
		expect(off.output[0].json.case_status_connected).toBe(false);
		expect((await state()).cases.find((c) => c.id === id).case_status_connected).toBe(false);
	});
});

describe('Case › Get Many while staff save cases', () => {
	test('every connected case is read exactly once, though cases are saved between page reads', async () => {
		await admin('POST', '/seed/casepeer', { cases: 700, connectedRatio: 1 });
		const connected = live(await state())
			.filter((c) => c.case_status_connected)
			.map((c) => String(c.id));
		await admin('POST', '/casepeer/churn', { perRead: 6 });
		// Paging by number (what the node did before) skips cases that moved behind the reader.
		const byPage = [];
		for (let page = 1; ; page++) {
			const res = await fetch(
				`${sandbox.url}/casepeer/v1/cases?case_status_connected=true&page=${page}&per_page=200`,
				{ headers: { authorization: `Bearer ${DEMO_KEY}` } },
			);
			const body = await res.json();
			byPage.push(...body.data.map((c) => String(c.id)));
			if (!body.meta.next_page) break;
		}
		expect(new Set(byPage).size).toBeLessThan(connected.length);

		const { output } = await run({
			resource: 'case',
			operation: 'getAll',
			returnAll: true,
			filters: { connected: true },
			output: 'raw',
		});
		const ids = output.map((o) => String(o.json.id));
		expect(ids).toHaveLength(connected.length);
		expect(new Set(ids)).toEqual(new Set(connected));
		const saved = await admin('POST', '/casepeer/churn', { perRead: 0 });
		expect(saved.saved).toBeGreaterThan(0);
	});
});

describe('Case Note', () => {
	const caseId = SEED_FACTS.firstCaseId;
	const create = (extra = {}) => ({
		resource: 'caseNote',
		operation: 'create',
		case: byId(caseId),
		text: 'Received message from Case Status: Message from Case Status: Hi\nsecond line',
		externalRef: 'casestatus:message:90001',
		...extra,
	});

	test('create with an external reference writes once; a re-run returns the same note without a POST', async () => {
		const first = await run(create());
		expect(first.output[0].json).toEqual(
			expect.objectContaining({
				case_id: caseId,
				created: true,
				category_id: SEED_FACTS.defaultNoteCategory.id,
				external_ref: 'casestatus:message:90001',
			}),
		);
		expect(first.output[0].json.text).toContain('\nsecond line');
		await clearRequests();
		const again = await run(create());
		expect(again.output[0].json).toEqual({ ...first.output[0].json, created: false });
		expect((await requests()).filter((r) => r.method === 'POST')).toHaveLength(0);
		expect(
			(await state()).notes.filter((n) => n.external_ref === 'casestatus:message:90001'),
		).toHaveLength(1);
	});

	test('a create whose response is lost (503 after the write) is retried and answered from the 409', async () => {
		await admin('POST', '/config', {
			faults: {
				script: [
					{ status: 503, afterHandler: true, match: { system: 'casepeer', method: 'POST' } },
				],
			},
		});
		const { output } = await run(
			create({
				externalRef: 'casestatus:message:90002',
				additionalFields: { isCritical: true, categoryId: 'ncat_2' },
			}),
		);
		expect(output[0].json).toEqual(
			expect.objectContaining({ created: false, is_critical: true, category_id: 'ncat_2' }),
		);
		const posts = (await requests()).filter((r) => r.method === 'POST');
		expect(posts.map((r) => r.status)).toEqual([503, 409]);
		expect(
			(await state()).notes.filter((n) => n.external_ref === 'casestatus:message:90002'),
		).toHaveLength(1);
	});

	test("a category is picked by name; an inactive one stops the run naming the firm's categories; a deleted case is a 422", async () => {
		const named = await run(
			create({
				externalRef: 'casestatus:message:90006',
				additionalFields: { categoryId: 'client communication' },
			}),
		);
		expect(named.output[0].json.category_id).toBe('ncat_2');
		const bad = await run(
			create({
				externalRef: '',
				additionalFields: { categoryId: SEED_FACTS.inactiveNoteCategoryId },
			}),
			{ continueOnFail: true },
		);
		// A setting that fails every record alike is marked a system failure, not the note's own.
		expect(bad.output[0].json.message).toBe('system failure');
		expect(bad.output[0].json.error).toMatch(/no active note category named "ncat_4"/);
		expect(bad.output[0].json.details).toMatch(
			/General, Client Communication|Client Communication, Critical, General/,
		);

		const written = await run(create({ externalRef: 'casestatus:message:90003' }));
		await admin('DELETE', `/casepeer/cases/${caseId}`);
		// A retry after the case was deleted still resolves to the note written earlier (409 → existing id).
		const retried = await run(create({ externalRef: 'casestatus:message:90003' }));
		expect(retried.output[0].json).toEqual({
			id: written.output[0].json.id,
			case_id: caseId,
			external_ref: 'casestatus:message:90003',
			created: false,
		});
		// A new note on a deleted case is refused by the business rule.
		const gone = await run(create({ externalRef: 'casestatus:message:90005' })).catch((e) => e);
		expect(gone).toBeInstanceOf(NodeApiError);
		expect(gone.httpCode).toBe('422');
		expect(gone.message).toMatch(/case_not_writable/);
	});

	test('Get Many lists a case’s notes with filters and Limit', async () => {
		await run(create({ externalRef: 'casestatus:message:90004' }));
		const all = await run({
			resource: 'caseNote',
			operation: 'getAll',
			case: byId(caseId),
			returnAll: true,
		});
		const s = await state();
		expect(all.output).toHaveLength(s.notes.filter((n) => n.case_id === caseId).length);
		const one = await run({
			resource: 'caseNote',
			operation: 'getAll',
			case: byId(caseId),
			returnAll: true,
			filters: { externalRef: 'casestatus:message:90004' },
		});
		expect(one.output.map((i) => i.json.external_ref)).toEqual(['casestatus:message:90004']);
		const limited = await run({
			resource: 'caseNote',
			operation: 'getAll',
			case: byId(caseId),
			returnAll: false,
			limit: 1,
		});
		expect(limited.output).toHaveLength(1);
	});
});

describe('Document', () => {
	test('Get Many across cases, on one case, with Limit', async () => {
		const s = await state();
		const all = await run({ resource: 'document', operation: 'getAll', returnAll: true });
		expect(all.output).toHaveLength(SEED_FACTS.documentCount);
		const caseId = s.documents[0].case_id;
		const one = await run({
			resource: 'document',
			operation: 'getAll',
			scope: 'case',
			case: byId(caseId),
			returnAll: true,
		});
		expect(one.output.map((i) => i.json.id).sort()).toEqual(
			s.documents
				.filter((d) => d.case_id === caseId)
				.map((d) => d.id)
				.sort(),
		);
		await clearRequests();
		const limited = await run({
			resource: 'document',
			operation: 'getAll',
			returnAll: false,
			limit: 2,
		});
		expect(limited.output).toHaveLength(2);
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
						fileName: 'Intake form – María.pdf',
						mimeType: 'application/pdf',
					},
				},
			},
		];
		const params = {
			resource: 'document',
			operation: 'upload',
			case: { __rl: true, mode: 'url', value: SEED_FACTS.firstCase.url },
			binaryPropertyName: 'file',
			externalRef: 'casestatus:file:777',
			additionalFields: { folder: 'Client Uploads', description: 'From the portal' },
		};
		const up = await run(params, { input });
		const doc = up.output[0].json;
		expect(doc).toEqual(
			expect.objectContaining({
				created: true,
				case_id: SEED_FACTS.firstCaseId,
				file_name: 'Intake form – María.pdf',
				folder: 'Client Uploads',
				size_bytes: bytes.length,
				sha256: sha256(bytes),
			}),
		);

		const again = await run(params, { input });
		expect(again.output[0].json).toEqual(expect.objectContaining({ id: doc.id, created: false }));
		expect(
			(await state()).documents.filter((d) => d.external_ref === 'casestatus:file:777'),
		).toHaveLength(1);
		const byRef = await run({
			resource: 'document',
			operation: 'getAll',
			returnAll: true,
			filters: { externalRef: 'casestatus:file:777' },
		});
		expect(byRef.output.map((i) => i.json.id)).toEqual([doc.id]);

		const down = await run({
			resource: 'document',
			operation: 'download',
			documentId: doc.id,
			binaryPropertyName: 'pdf',
		});
		const item = down.output[0];
		expect(item.json).toEqual({
			id: doc.id,
			file_name: 'Intake form – María.pdf',
			content_type: 'application/pdf',
			size_bytes: bytes.length,
		});
		expect(item.binary.pdf.fileName).toBe('Intake form – María.pdf');
		expect(sha256(Buffer.from(item.binary.pdf.data, 'base64'))).toBe(doc.sha256);
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	test('an unknown document is a 404; a missing input file names the field', async () => {
		const error = await run({
			resource: 'document',
			operation: 'download',
			documentId: 'd_nope',
		}).catch((e) => e);
		expect(error.httpCode).toBe('404');
		const noFile = await run({
			resource: 'document',
			operation: 'upload',
			case: byId(SEED_FACTS.firstCaseId),
		}).catch((e) => e);
		expect(noFile).toBeInstanceOf(NodeOperationError);
		expect(noFile.context.itemIndex).toBe(0);
	});
});

describe('Stage, Staff, list search and load options', () => {
	test('stages in position order, filtered by active', async () => {
		const { output } = await run({ resource: 'stage', operation: 'getAll', returnAll: true });
		expect(output).toHaveLength(SEED_FACTS.stageCount);
		const positions = output.map((i) => i.json.position);
		expect(positions).toEqual([...positions].sort((a, b) => a - b));
		const inactive = await run({
			resource: 'stage',
			operation: 'getAll',
			returnAll: true,
			filters: { active: false },
		});
		expect(inactive.output.map((i) => i.json.name)).toEqual([SEED_FACTS.inactiveStage]);
	});

	test('staff by role and by email', async () => {
		const attorneys = await run({
			resource: 'staff',
			operation: 'getAll',
			returnAll: true,
			filters: { role: 'attorney' },
		});
		expect(attorneys.output.length).toBeGreaterThan(0);
		expect(attorneys.output.every((i) => i.json.role === 'attorney')).toBe(true);
		const email = SEED_FACTS.attorneyEmails[0];
		const one = await run({
			resource: 'staff',
			operation: 'getAll',
			returnAll: true,
			filters: { email },
		});
		expect(one.output.map((i) => i.json.email)).toEqual([email]);
	});

	test('load options and the case search', async () => {
		const o = { node, credentials: creds };
		const stages = await runMethod(o, 'loadOptions', 'getStages');
		expect(stages).toHaveLength(SEED_FACTS.stageCount);
		const categories = await runMethod(o, 'loadOptions', 'getNoteCategories');
		expect(categories).toContainEqual({
			name: `${SEED_FACTS.defaultNoteCategory.name} (default)`,
			value: SEED_FACTS.defaultNoteCategory.name,
		});
		expect(categories.map((c) => c.value)).not.toContain('Old Intake Notes');
		const areas = await runMethod(o, 'loadOptions', 'getPracticeAreas');
		expect(areas.map((a) => a.value)).toContain(SEED_FACTS.firstCase.practice_area);

		const byName = await runMethod(
			o,
			'listSearch',
			'searchCases',
			SEED_FACTS.firstCase.name.slice(0, 8),
		);
		expect(byName.results.map((r) => r.value)).toContain(String(SEED_FACTS.firstCaseId));
		const byUrl = await runMethod(o, 'listSearch', 'searchCases', SEED_FACTS.firstCase.url);
		expect(byUrl.results[0]).toEqual(
			expect.objectContaining({
				value: String(SEED_FACTS.firstCaseId),
				url: SEED_FACTS.firstCase.url,
			}),
		);
		const everything = await runMethod(o, 'listSearch', 'searchCases');
		expect(everything.results).toHaveLength(live(await state()).length);
	});
});

describe('errors, rate limits and faults', () => {
	test('a wrong key is a 401 naming the credential and never showing the key', async () => {
		const bad = { casePeerApi: { ...creds.casePeerApi, apiKey: 'cp_wrongkey_77aa' } };
		const error = await runNode({
			node,
			parameters: { resource: 'staff', operation: 'getAll', returnAll: true },
			credentials: bad,
		}).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('401');
		expect(error.description).toMatch(/CASEpeer credential/);
		expect(
			JSON.stringify([error.message, error.description, error.messages, error.context]),
		).not.toContain('wrongkey');
	});

	test("Continue On Fail keeps a record's own failure (404) to its item; a refused key is marked a system failure on every item, after one call", async () => {
		const input = [{ json: { id: 99999 } }, { json: { id: SEED_FACTS.firstCaseId } }];
		const params = { resource: 'case', operation: 'get', case: (item) => byId(item.json.id) };
		const { output } = await run(params, { input, continueOnFail: true });
		expect(output.map((o) => (o.json.error ? 'error' : o.json.id))).toEqual([
			'error',
			SEED_FACTS.firstCaseId,
		]);
		expect(output[0].json.message).toBeUndefined();
		await clearRequests();
		const bad = { casePeerApi: { ...creds.casePeerApi, apiKey: 'cp_wrongkey_77aa' } };
		const { output: refused } = await runNode({
			node,
			parameters: params,
			credentials: bad,
			input,
			continueOnFail: true,
		});
		// n8n would pass a thrown error's input on as if written: every item is an error item instead, marked.
		expect(refused.map((o) => o.json.message)).toEqual(['system failure', 'system failure']);
		expect(refused[0].json.error).toMatch(/\(reason: credential_refused\b/);
		expect(refused.every((o) => Object.keys(o.json).every((k) => ['error', 'details', 'message'].includes(k)))).toBe(true);
		expect(await requests()).toHaveLength(1);
	});

	test('429 answers from a tight rate limit are waited out and the listing completes', async () => {
		await admin('POST', '/seed/casepeer', { cases: 400 });
		await admin('POST', '/config', { rateLimits: { casepeer: { perSecond: 2, burst: 1 } } });
		const { output } = await run({
			resource: 'case',
			operation: 'getAll',
			returnAll: true,
			output: 'raw',
		});
		expect(output).toHaveLength(live(await state()).length);
	});

	test('injected 503, dropped connection and 429 are retried; the result is complete', async () => {
		await admin('POST', '/config', {
			faults: {
				script: [{ status: 503 }, { drop: true }, { status: 429 }].map((s) => ({
					...s,
					match: { system: 'casepeer' },
				})),
			},
		});
		const { output } = await run({ resource: 'case', operation: 'getAll', returnAll: true });
		expect(output).toHaveLength(live(await state()).length);
		expect((await requests()).filter((r) => r.faulted || r.dropped).length).toBe(3);
	});
});

describe('CASEpeer Trigger', () => {
	const poll = (staticData, parameters, mode = 'trigger') =>
		runPoll({ node: trigger, parameters, credentials: creds, staticData, mode });

	test('Case Updated: first poll emits nothing; an edit is emitted exactly once', async () => {
		const staticData = { node: {}, global: {} };
		expect((await poll(staticData, { event: 'caseUpdated' })).output).toBeNull();
		const id = SEED_FACTS.connectedIds[3];
		const current = (await state()).cases.find((c) => c.id === id);
		await admin('PATCH', `/casepeer/cases/${id}`, { name: `${current.name} (edited)` });
		const { output } = await poll(staticData, { event: 'caseUpdated' });
		expect(output.map((i) => i.json.id)).toEqual([id]);
		expect((await poll(staticData, { event: 'caseUpdated' })).output).toBeNull();
	});

	test('Stage Changed, Case Closed and New Case see only their event', async () => {
		const stage = { node: {}, global: {} };
		const closed = { node: {}, global: {} };
		const created = { node: {}, global: {} };
		await poll(stage, { event: 'stageChanged', output: 'canonical' });
		await poll(closed, { event: 'caseClosed' });
		await poll(created, { event: 'newCase' });
		const [a, b] = SEED_FACTS.connectedIds.filter((id) => !SEED_FACTS.closedIds.includes(id));
		const currentStage = (await state()).cases.find((c) => c.id === a).stage?.name;
		const newStage = SEED_FACTS.stageNames.find(
			(n) => n !== currentStage && n !== SEED_FACTS.inactiveStage,
		);
		await admin('PATCH', `/casepeer/cases/${a}`, { stage: newStage });
		await admin('PATCH', `/casepeer/cases/${b}`, { status: 'closed' });
		const made = await admin('POST', '/casepeer/cases', { name: 'Doe v. Trigger' });

		const s = (await poll(stage, { event: 'stageChanged', output: 'canonical' })).output;
		expect(s.map((i) => i.json.externalRef)).toEqual([String(a)]);
		expect(s[0].json.stage.name).toBe(newStage);
		expect((await poll(closed, { event: 'caseClosed' })).output.map((i) => i.json.id)).toEqual([b]);
		expect((await poll(created, { event: 'newCase' })).output.map((i) => i.json.id)).toEqual([
			made.id,
		]);
		// Nothing twice.
		expect((await poll(stage, { event: 'stageChanged', output: 'canonical' })).output).toBeNull();
		expect((await poll(closed, { event: 'caseClosed' })).output).toBeNull();
		expect((await poll(created, { event: 'newCase' })).output).toBeNull();
	});

	test('New Case Note: a note written after activation is emitted once', async () => {
		const staticData = { node: {}, global: {} };
		const params = { event: 'newCaseNote', caseIds: String(SEED_FACTS.firstCaseId) };
		expect((await poll(staticData, params)).output).toBeNull();
		await run({
			resource: 'caseNote',
			operation: 'create',
			case: byId(SEED_FACTS.firstCaseId),
			text: 'Trigger me',
			externalRef: 'casestatus:message:91000',
		});
		const { output } = await poll(staticData, params);
		expect(output.map((i) => i.json)).toEqual([
			expect.objectContaining({
				case_id: SEED_FACTS.firstCaseId,
				text: 'Trigger me',
				external_ref: 'casestatus:message:91000',
			}),
		]);
		expect((await poll(staticData, params)).output).toBeNull();
	});

	test('New Case Note with categories chosen by name: only notes in them are emitted', async () => {
		const staticData = { node: {}, global: {} };
		const params = {
			event: 'newCaseNote',
			caseIds: String(SEED_FACTS.firstCaseId),
			noteCategories: ['Client Communication'],
		};
		expect((await poll(staticData, params)).output).toBeNull();
		await admin('POST', `/casepeer/cases/${SEED_FACTS.firstCaseId}/notes`, {
			text: 'Internal: check the lien',
			category_id: 'ncat_1',
		});
		await admin('POST', `/casepeer/cases/${SEED_FACTS.firstCaseId}/notes`, {
			text: 'Your hearing moved to Friday',
			category_id: 'ncat_2',
		});
		const { output } = await poll(staticData, params);
		expect(output.map((i) => i.json.text)).toEqual(['Your hearing moved to Friday']);
		const unknown = await poll(
			{ node: {}, global: {} },
			{ ...params, noteCategories: ['Client Comms'] },
		).catch((e) => e);
		expect(unknown.message).toMatch(/no active note category named "Client Comms"/);
	});

	test('the sweep over all connected cases stays within its share of the rate limit, open cases first', async () => {
		const staticData = { node: {}, global: {} };
		// 5% of 10 requests/s over a one-minute interval: 30 requests a poll.
		const params = {
			event: 'newCaseNote',
			onlyConnected: true,
			pollTimes: { item: [{ mode: 'everyMinute' }] },
			options: { rateLimitShare: 5 },
		};
		await poll(staticData, params);
		await clearRequests();
		await poll(staticData, params);
		const sent = await requests();
		expect(sent.length).toBeLessThanOrEqual(30);
		const tiers = sent.filter((r) => r.path === '/v1/cases').map((r) => r.query.status);
		expect(tiers[0]).toBe('open');
		expect(tiers).toContain('closed');
	});

	test('manual mode returns one sample item and stores nothing', async () => {
		const staticData = { node: {}, global: {} };
		const { output } = await poll(staticData, { event: 'caseUpdated' }, 'manual');
		expect(output).toHaveLength(1);
		expect(output[0].json).toEqual(
			expect.objectContaining({ id: expect.any(Number), name: expect.any(String) }),
		);
		const note = await poll(staticData, { event: 'newCaseNote' }, 'manual');
		expect(note.output === null || note.output.length === 1).toBe(true);
		expect(staticData.node).toEqual({});
	});

	test('an API error in trigger mode throws NodeApiError and keeps the cursor', async () => {
		const staticData = { node: {}, global: {} };
		await poll(staticData, { event: 'caseUpdated' });
		const before = JSON.parse(JSON.stringify(staticData.node));
		const bad = { casePeerApi: { ...creds.casePeerApi, apiKey: 'nope_nope' } };
		const error = await runPoll({
			node: trigger,
			parameters: { event: 'caseUpdated' },
			credentials: bad,
			staticData,
			mode: 'trigger',
		}).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(staticData.node).toEqual(before);
	});
});
