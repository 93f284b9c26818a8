// Case Status writes, Sync, stage mapping, messages, files and the trigger, against the sandbox.
const { NodeOperationError } = require('n8n-workflow');
const { startSandbox } = require('../../sandbox/server');
const { CaseStatus } = require('../../nodes/CaseStatus/CaseStatus.node');
const { CaseStatusTrigger } = require('../../nodes/CaseStatus/CaseStatusTrigger.node');
const { runNode, runPoll } = require('../helpers/harness');
const { resetBuckets } = require('../../nodes/shared/rateLimit');
const { DEMO_KEYS } = require('../../scripts/lib/credentials');
const { adminApi } = require('../helpers/sandbox-client');

let sandbox;
let creds;
const node = new CaseStatus();

const admin = adminApi(() => sandbox.url);
const state = () => admin('GET', '/state/case-status');
const writes = async () => (await admin('GET', '/requests?system=case-status')).filter((r) => r.method !== 'GET');
const run = (parameters, extra = {}) => runNode({ node, parameters, credentials: creds, ...extra });
const byIntegration = (id) => ({ __rl: true, mode: 'integrationId', value: id });

/** A Case Status case seen as its source system would send it: the canonical record the sync consumes. */
function canonicalFrom(c, overrides = {}) {
	return {
		source: { system: 'casepeer', id: c.integration_id, url: null },
		externalRef: c.integration_id,
		number: c.readable_id,
		name: c.name,
		status: c.status === 'closed' ? 'closed' : 'open',
		practiceArea: c.practice_area ? c.practice_area.display_name : null,
		stage: c.stage ? { sourceId: null, name: c.stage.display_name, position: null } : null,
		primaryAttorney: { sourceId: null, role: 'attorney', firstName: null, lastName: null, companyName: null, email: c.primary_attorney.email, phone: null, isPrimary: true },
		staff: [],
		clients: c.clients.map((cl, i) => ({
			sourceId: null,
			role: 'client',
			firstName: cl.first_name,
			lastName: cl.last_name,
			companyName: cl.company_name,
			email: cl.email,
			phone: cl.cell_phone,
			birthDate: cl.birth_date,
			isPrimary: i === 0,
		})),
		incidentDate: c.incident_date,
		description: null,
		createdAt: c.created_at,
		updatedAt: c.updated_at,
		closedAt: c.closed_at,
		linked: true,
		...overrides,
	};
}

const newCaseFields = {
	resource: 'case',
	operation: 'create',
	source: 'fields',
	integrationId: '50001',
	readableId: '2026-0001',
	name: 'Rivera v. Northside Transit',
	primaryAttorneyEmail: 'dreyes@firm.com',
	practiceArea: 'Personal Injury',
	stage: 'Intake',
	clients: { client: [{ firstName: 'Ana', lastName: 'Rivera', cellPhone: '(555) 303-4411' }] },
};

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
	creds = { caseStatusApi: { environment: 'custom', baseUrl: `${sandbox.url}/case-status`, apiKey: DEMO_KEYS.caseStatus } };
});
afterAll(() => sandbox.close());
beforeEach(async () => {
	resetBuckets();
	await admin('POST', '/reset');
});

describe('Case › Create (import)', () => {
	test('imports a case with a national phone normalised to E.164; a second run returns it without writing', async () => {
		const first = await run(newCaseFields);
		expect(first.output[0].json).toEqual(expect.objectContaining({ action: 'created', integration_id: '50001', stage: 'Intake' }));
		const stored = (await state()).cases.find((c) => c.integration_id === '50001');
		expect(stored.clients[0].cell_phone).toBe('+15553034411');

		await admin('DELETE', '/requests');
		const second = await run(newCaseFields);
		expect(second.output[0].json.action).toBe('exists');
		expect(await writes()).toHaveLength(0);
		expect((await state()).cases.filter((c) => c.integration_id === '50001')).toHaveLength(1);
	});

	test('every broken rule is reported at once, with the item index, and nothing is written', async () => {
		await admin('DELETE', '/requests');
		const error = await run(
			{ ...newCaseFields, primaryAttorneyEmail: 'nobody@firm.com', stage: 'Treatmentt', clients: { client: [{ firstName: 'Ana', lastName: 'Rivera', cellPhone: '555-0100' }] } },
			{ input: [{ json: {} }] },
		).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.context.itemIndex).toBe(0);
		// Named by the labels the node shows, fixed in the node's words, without API codes or an item prefix.
		expect(error.message).toMatch(/^case 50001 cannot be imported: /);
		expect(error.message).toMatch(/'Primary Attorney Email' nobody@firm.com is not an active attorney user/);
		expect(error.message).toMatch(/'Clients › Cell Phone' "555-0100" is not a valid cell phone number/);
		expect(error.message).toMatch(/'Stage' .*Treatmentt/);
		expect(error.message).not.toMatch(/\(invalid_cell_phone\)|clients\[0\]|Item 0/);
		expect(error.description).toMatch(/Enter Ana Rivera's mobile number alone in Clients › Cell Phone/);
		expect(error.description).not.toMatch(/source system/);
		expect(error.description).toMatch(/Nothing was written to Case Status/);
		expect(await writes()).toHaveLength(0);
	});

	test('with two clients the row is named; Practice Area and Stage are asked for before anything is sent', async () => {
		await admin('DELETE', '/requests');
		const error = await run({
			...newCaseFields,
			practiceArea: '',
			stage: '',
			clients: { client: [newCaseFields.clients.client[0], { firstName: 'Luis', lastName: 'Rivera', cellPhone: 'Home: 555 303 9999' }] },
		}).catch((e) => e);
		expect(error.message).toMatch(/'Practice Area' is empty; 'Stage' is empty/);
		expect(error.message).toMatch(/'Clients › Client 2 › Cell Phone' "Home: 555 303 9999" is labelled "Home"/);
		expect(error.description).toMatch(/Pick the practice area from the Practice Area list\. Pick the stage from the Stage list\./);
		expect(await admin('GET', '/requests?system=case-status')).toEqual(
			expect.not.arrayContaining([expect.objectContaining({ method: 'POST' })]),
		);
	});

	test('"Case From a CASEpeer Node" with input that is not one says which setting to change', async () => {
		const error = await run({ ...newCaseFields, source: 'canonical' }, { input: [{ json: {} }] }).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.context.itemIndex).toBe(0);
		expect(error.message).toBe(
			"'Source' is \"Case From a CASEpeer Node\", but the input item is not a case from a CASEpeer node",
		);
		expect(error.description).toMatch(/^Set Source to "Define Below"/);
	});

	test('Define Below is the default: a case typed into the node after a manual trigger is imported', async () => {
		const { source, ...typed } = newCaseFields;
		expect(source).toBe('fields');
		const { output } = await run(typed, { input: [{ json: {} }] });
		expect(output[0].json).toEqual(expect.objectContaining({ action: 'created', integration_id: '50001' }));
	});

	test('a paralegal cannot be the primary attorney', async () => {
		const error = await run({ ...newCaseFields, primaryAttorneyEmail: 'sng@firm.com' }).catch((e) => e);
		expect(error.message).toMatch(/'Primary Attorney Email' sng@firm.com is a paralegal in Case Status, not an attorney user/);
	});

	test('a create whose response was lost is retried and recognised, never duplicated', async () => {
		await admin('POST', '/config', {
			faults: { script: [{ drop: true, afterHandler: true, match: { system: 'case-status', method: 'POST', pathPrefix: '/v1/api/cases' } }] },
		});
		const { output } = await run(newCaseFields);
		expect(['created', 'exists']).toContain(output[0].json.action);
		expect((await state()).cases.filter((c) => c.integration_id === '50001')).toHaveLength(1);
	});

	test('a canonical case goes through the stage mapping table', async () => {
		const template = (await state()).cases[0];
		const lc = canonicalFrom(template, { externalRef: '50002', number: '2026-0002', stage: { sourceId: 'stg', name: 'Pre-Lit Demand Prep', position: null } });
		const { output } = await run(
			{ resource: 'case', operation: 'create', source: 'canonical', stageMapping: { mappings: [{ from: 'Pre-Lit Demand Prep', to: 'Demand' }] } },
			{ input: [{ json: lc }] },
		);
		expect(output[0].json).toEqual(expect.objectContaining({ action: 'created', stage: 'Demand' }));
	});
});

describe('Case › Create on a messy firm', () => {
	const create = (lc, additionalFields = {}) =>
		run({ resource: 'case', operation: 'create', source: 'canonical', additionalFields }, { input: [{ json: lc }] });

	test('a case already in Case Status is linked as it is, before any rule is checked', async () => {
		const c = (await state()).cases.find((x) => x.status === 'open');
		const lc = canonicalFrom(c, { primaryAttorney: { ...canonicalFrom(c).primaryAttorney, email: 'pwhite@firm.com' } });
		lc.clients[0].phone = 'Home: (917) 672-1535';
		await admin('DELETE', '/requests');
		const { output } = await create(lc);
		expect(output[0].json).toEqual(expect.objectContaining({ action: 'exists', id: c.id }));
		expect(await writes()).toHaveLength(0);
	});

	test('a closed case is not imported unless asked; then it is imported and closed', async () => {
		const template = (await state()).cases.find((x) => x.status === 'open');
		const lc = canonicalFrom(template, { externalRef: '60001', number: '2026-0601', status: 'closed', closedAt: '2026-10-01T12:00:00.000Z' });
		const refused = await create(lc).catch((e) => e);
		expect(refused.message).toMatch(/case 60001 cannot be imported: 'status' is closed in the source system.*\(closed_in_source\)/);
		expect(refused.description).toMatch(/Reopen the case/);
		const { output } = await create(lc, { closedCases: 'importClosed' });
		expect(output[0].json).toEqual(expect.objectContaining({ action: 'created', status: 'closed' }));
	});

	test('labelled phones, extensions and inactive attorneys are refused with their reason codes', async () => {
		const template = (await state()).cases.find((x) => x.status === 'open');
		const lc = canonicalFrom(template, { externalRef: '60002', number: null });
		lc.primaryAttorney.email = 'pwhite@firm.com';
		lc.clients = [lc.clients[0], { ...lc.clients[0], firstName: 'Second', phone: '(786) 203-2403 ext. 231' }];
		lc.clients[0].phone = 'Office 602.921.5371';
		const error = await create(lc).catch((e) => e);
		expect(error.message).toMatch(/pwhite@firm.com is an inactive user in Case Status \(attorney_not_found\)/);
		expect(error.message).toMatch(/"Office 602.921.5371" is labelled "Office", so it is not a cell phone \(not_a_cell_phone\)/);
		expect(error.message).toMatch(/"\(786\) 203-2403 ext. 231" has an extension.*\(not_a_cell_phone\)/);
	});

	test('a case without a case number is imported under its ID, and says so', async () => {
		const template = (await state()).cases.find((x) => x.status === 'open');
		const { output } = await create(canonicalFrom(template, { externalRef: '60003', number: null }));
		expect(output[0].json).toEqual(expect.objectContaining({ action: 'created', readable_id: '60003', warnings: expect.stringMatching(/no case number/) }));
	});

	test('Dry Run previews the import from the same checks: mapped stage, cell phones, every problem with its fix; writes nothing', async () => {
		const template = (await state()).cases.find((x) => x.status === 'open');
		const mapping = { mappings: [{ from: 'Pre-Lit Demand Prep', to: 'Demand' }] };
		const dry = (lc) => run({ resource: 'case', operation: 'create', source: 'canonical', dryRun: true, stageMapping: mapping }, { input: [{ json: lc }] });
		const good = canonicalFrom(template, { externalRef: '60005', number: '2026-0605', stage: { sourceId: null, name: 'Pre-Lit Demand Prep', position: null } });
		good.clients[0].phone = '(555) 303-4411';
		await admin('DELETE', '/requests');
		const ok = (await dry(good)).output[0].json;
		expect(ok).toEqual(
			expect.objectContaining({
				action: 'would_create',
				dry_run: true,
				integration_id: '60005',
				source_stage: 'Pre-Lit Demand Prep',
				stage: 'Demand',
				primary_attorney_email: template.primary_attorney.email,
				problems: [],
			}),
		);
		expect(ok.clients[0]).toEqual(expect.objectContaining({ cell_phone: '+15553034411', cell_phone_as_entered: '(555) 303-4411' }));

		const bad = canonicalFrom(template, { externalRef: '60006', status: 'closed', stage: { sourceId: null, name: 'Nowhere', position: null } });
		bad.primaryAttorney.email = 'pwhite@firm.com';
		bad.clients[0].phone = 'Office 602.921.5371';
		const refused = (await dry(bad)).output[0].json;
		expect(refused.action).toBe('would_refuse');
		expect(refused.problems.map((p) => p.code).sort()).toEqual(['attorney_not_found', 'closed_in_source', 'not_a_cell_phone', 'unmapped_stage']);
		expect(refused.problems.every((p) => p.reason && p.fix)).toBe(true);
		expect(refused.clients[0].cell_phone).toBeNull();
		expect(await writes()).toHaveLength(0);

		// The import agrees with its preview.
		expect((await run({ resource: 'case', operation: 'create', source: 'canonical', stageMapping: mapping }, { input: [{ json: good }] })).output[0].json).toEqual(
			expect.objectContaining({ action: 'created', stage: 'Demand' }),
		);
		expect((await dry(good)).output[0].json).toEqual(expect.objectContaining({ action: 'exists', dry_run: true, integration_id: '60005' }));
	});

	test('the stage mapping can come from an expression (a shared Data Table); an empty target is not mapped yet', async () => {
		const template = (await state()).cases.find((x) => x.status === 'open');
		const lc = canonicalFrom(template, { externalRef: '60004', stage: { sourceId: null, name: 'Pre-Lit Demand Prep', position: null } });
		const params = (rows) => ({ resource: 'case', operation: 'create', source: 'canonical', stageMappingSource: 'json', stageMappingJson: rows });
		const unmapped = await run(params([{ from: 'Pre-Lit Demand Prep', to: '' }]), { input: [{ json: lc }] }).catch((e) => e);
		expect(unmapped.message).toMatch(/unmapped_stage/);
		const { output } = await run(params(JSON.stringify([{ from: 'Pre-Lit Demand Prep', to: 'Demand' }])), { input: [{ json: lc }] });
		expect(output[0].json.stage).toBe('Demand');
		// A broken table fails every record alike: under Continue On Fail it is marked a system failure, not the case's.
		const broken = await run(params([{ from: 'Pre-Lit Demand Prep', to: 'Demandd' }]), { input: [{ json: lc }], continueOnFail: true });
		expect(broken.output[0].json.error).toMatch(/"Demandd" is not a Case Status stage/);
		expect(broken.output[0].json.message).toBe('system failure');
	});
});

describe('Case › Update, Close, Reopen', () => {
	test('update sets the stage; close and reopen are idempotent', async () => {
		const c = (await state()).cases.find((x) => x.status === 'open');
		const updated = await run({ resource: 'case', operation: 'update', case: byIntegration(c.integration_id), updateFields: { stage: 'Settlement' } });
		expect(updated.output[0].json.stage).toBe('Settlement');
		for (let i = 0; i < 2; i++) {
			const closed = await run({ resource: 'case', operation: 'close', case: byIntegration(c.integration_id) });
			expect(closed.output[0].json.status).toBe('closed');
		}
		const reopened = await run({ resource: 'case', operation: 'reopen', case: byIntegration(c.integration_id) });
		expect(reopened.output[0].json.status).toBe('open');
	});

	test('editing a closed case is a 422 NodeApiError that says the case is closed', async () => {
		const c = (await state()).cases.find((x) => x.status === 'closed');
		const error = await run({ resource: 'case', operation: 'update', case: byIntegration(c.integration_id), updateFields: { name: 'x' } }).catch((e) => e);
		expect(error.httpCode).toBe('422');
		expect(error.message).toMatch(/^Case Status refused the case by one of its rules: .*\(reason: case_closed\)$/);
		expect(error.description).toMatch(/\(HTTP 422\)$/);
	});

	test('an empty update is refused before any request', async () => {
		const c = (await state()).cases[0];
		const error = await run({ resource: 'case', operation: 'update', case: byIntegration(c.integration_id), updateFields: {} }).catch((e) => e);
		expect(error.message).toMatch(/'Update Fields' is empty/);
	});
});

describe('Case › Sync', () => {
	const sync = (items, params = {}) =>
		run({ resource: 'case', operation: 'sync', ...params }, { input: items.map((json) => ({ json })) });

	test('identical cases are unchanged and cost no write; changed ones are updated with the changed fields only', async () => {
		const cases = (await state()).cases.filter((c) => c.status === 'open').slice(0, 6);
		const items = cases.map((c) => canonicalFrom(c));
		items[1].stage = { sourceId: null, name: cases[1].stage.display_name === 'Settlement' ? 'Demand' : 'Settlement', position: null };
		items[2].name = `${cases[2].name} (amended)`;
		await admin('DELETE', '/requests');

		const { output } = await sync(items);
		expect(output.map((o) => o.json.action)).toEqual(['unchanged', 'updated', 'updated', 'unchanged', 'unchanged', 'unchanged']);
		expect(output[1].json.changes).toMatch(/^stage: /);
		expect(output[2].json.changes).toMatch(/^name: /);
		expect(output.map((o) => o.pairedItem.item)).toEqual([0, 1, 2, 3, 4, 5]);
		const w = await writes();
		expect(w.map((r) => r.method)).toEqual(['PATCH', 'PATCH']);
		// The linked cases were read in one bulk request, not one per case.
		const reads = (await admin('GET', '/requests?system=case-status')).filter((r) => r.path === '/v1/api/cases');
		expect(reads).toHaveLength(1);

		const again = await sync(items);
		expect(again.output.every((o) => o.json.action === 'unchanged')).toBe(true);
	});

	test('closed in the source closes it; not connected and not imported are skipped with a fix; nothing is imported', async () => {
		const open = (await state()).cases.find((c) => c.status === 'open');
		const items = [
			canonicalFrom(open, { status: 'closed', closedAt: '2026-11-01T12:00:00.000Z' }),
			canonicalFrom(open, { externalRef: '77777', linked: false }),
			canonicalFrom(open, { externalRef: '88888' }),
		];
		const { output } = await sync(items);
		expect(output.map((o) => o.json.action)).toEqual(['closed', 'skipped', 'skipped']);
		expect(output[1].json.reason).toBe('not_connected');
		expect(output[2].json.reason).toBe('not_in_case_status');
		expect(output[2].json.fix).toMatch(/never imports/);
		const after = await state();
		expect(after.cases.find((c) => c.id === open.id).status).toBe('closed');
		expect(after.cases.some((c) => c.integration_id === '88888')).toBe(false);
	});

	test('Stage Only writes the stage and nothing else: no close, no other field, no problem in another field; a stage already set writes nothing', async () => {
		const cases = (await state()).cases.filter((c) => c.status === 'open').slice(0, 3);
		const items = cases.map((c) => canonicalFrom(c));
		const other = (c) => (c.stage.display_name === 'Settlement' ? 'Demand' : 'Settlement');
		items[0].stage = { sourceId: null, name: other(cases[0]), position: null };
		items[0].name = `${cases[0].name} (amended)`;
		items[0].clients[0].phone = 'Office 602.921.5371';
		items[1] = { ...items[1], status: 'closed', closedAt: '2026-11-01T12:00:00.000Z' };
		await admin('DELETE', '/requests');
		const { output } = await sync(items, { options: { fields: 'stage' } });
		expect(output.map((o) => o.json.action)).toEqual(['updated', 'unchanged', 'unchanged']);
		expect(output[0].json.changes).toBe(`stage: ${cases[0].stage.display_name} → ${other(cases[0])}`);
		const w = await writes();
		expect(w).toHaveLength(1);
		expect(w[0].method).toBe('PATCH');
		const after = await state();
		expect(after.cases.find((c) => c.id === cases[0].id).name).toBe(cases[0].name);
		expect(after.cases.find((c) => c.id === cases[1].id).status).toBe('open');

		await admin('DELETE', '/requests');
		const again = await sync(items, { options: { fields: 'stage' } });
		expect(again.output.every((o) => o.json.action === 'unchanged')).toBe(true);
		expect(await writes()).toHaveLength(0);
	});

	test('unmapped stages follow the policy: fail, skip or keep', async () => {
		const c = (await state()).cases.find((x) => x.status === 'open');
		const item = canonicalFrom(c, { name: `${c.name} v2`, stage: { sourceId: null, name: 'Referred Out', position: null } });
		const fail = await sync([item], { unmappedStage: 'fail' });
		expect(fail.output[0].json).toEqual(expect.objectContaining({ action: 'failed', fix: expect.stringMatching(/Add "Referred Out" to the Stage Mapping/) }));
		const skip = await sync([item], { unmappedStage: 'skip' });
		expect(skip.output[0].json.action).toBe('skipped');
		const keep = await sync([item], { unmappedStage: 'keep' });
		expect(keep.output[0].json).toEqual(expect.objectContaining({ action: 'updated', changes: expect.stringMatching(/^name: /) }));
		expect((await state()).cases.find((x) => x.id === c.id).stage.display_name).toBe(c.stage.display_name);
	});

	test('ignore-case matching maps near-miss names and warns', async () => {
		const c = (await state()).cases.find((x) => x.status === 'open' && x.stage.display_name !== 'Treatment');
		const item = canonicalFrom(c, { stage: { sourceId: null, name: '  medical   TREATMENT ', position: null } });
		const { output } = await sync([item], { stageMatch: 'normalized', stageMapping: { mappings: [{ from: 'Medical Treatment', to: 'Treatment' }] } });
		expect(output[0].json.action).toBe('updated');
		expect(output[0].json.warnings).toMatch(/only when ignoring case and spaces/);
	});

	test('Dry Run reports what would happen and writes nothing', async () => {
		const c = (await state()).cases.find((x) => x.status === 'open');
		await admin('DELETE', '/requests');
		const { output } = await sync([canonicalFrom(c, { status: 'closed' })], { dryRun: true });
		expect(output[0].json).toEqual(expect.objectContaining({ action: 'closed', dry_run: true }));
		expect(await writes()).toHaveLength(0);
	});

	test('a record that is not canonical fails on its row with the fix; a bad phone fails with the field', async () => {
		const c = (await state()).cases.find((x) => x.status === 'open');
		const bad = canonicalFrom(c);
		bad.clients[0].phone = '12';
		const { output } = await sync([{ id: 1, name: 'raw record' }, bad]);
		expect(output[0].json).toEqual(expect.objectContaining({ action: 'failed', fix: expect.stringMatching(/Canonical/) }));
		expect(output[1].json).toEqual(expect.objectContaining({ action: 'failed', reason: expect.stringMatching(/invalid_cell_phone \(clients\[0\]\.cell_phone/) }));
	});

	test('a typo in the mapping table stops the run before any write', async () => {
		const c = (await state()).cases[0];
		const error = await sync([canonicalFrom(c)], { stageMapping: { mappings: [{ from: 'X', to: 'Nope' }] } }).catch((e) => e);
		expect(error.message).toMatch(/Stage Mapping row 1 \("X" → "Nope"\): "Nope" is not a Case Status stage/);
	});

	test('closing writes only the status: an unmapped stage or an inactive attorney never keeps a case open', async () => {
		const [a, b] = (await state()).cases.filter((x) => x.status === 'open');
		const inactive = (lc) => ({ ...lc, primaryAttorney: { ...lc.primaryAttorney, email: 'pwhite@firm.com' } });
		const items = [
			canonicalFrom(a, { status: 'closed', stage: { sourceId: null, name: 'Referred Out', position: null } }),
			inactive(canonicalFrom(b, { status: 'closed' })),
		];
		await admin('DELETE', '/requests');
		const { output } = await sync(items);
		expect(output.map((o) => [o.json.action, o.json.changes])).toEqual([
			['closed', 'status: open → closed'],
			['closed', 'status: open → closed'],
		]);
		expect((await writes()).map((w) => `${w.method} ${w.path}`)).toEqual([`POST /v1/api/cases/${a.id}/close`, `POST /v1/api/cases/${b.id}/close`]);
	});

	test('only the fields being written are checked: an unchanged inactive attorney does not hold back a stage change', async () => {
		const c = (await state()).cases.find((x) => x.status === 'open' && x.stage.display_name !== 'Settlement');
		await admin('PATCH', '/case-status/settings', {});
		const s = await state();
		s.users.find((u) => u.email === c.primary_attorney.email).active = false;
		await admin('PUT', '/state/case-status', s);
		const moved = canonicalFrom(c, { stage: { sourceId: null, name: 'Settlement', position: null } });
		const { output } = await sync([moved]);
		expect(output[0].json).toEqual(expect.objectContaining({ action: 'updated', changes: expect.stringMatching(/^stage: /) }));
		const toParalegal = canonicalFrom(c, { primaryAttorney: { ...moved.primaryAttorney, email: 'sng@firm.com' } });
		const refused = await sync([toParalegal]);
		expect(refused.output[0].json).toEqual(expect.objectContaining({ action: 'failed', reason: expect.stringMatching(/attorney_not_found .*a paralegal/) }));
	});

	test('a case reopened in the source is reopened whatever its other problems; no case number keeps the readable ID', async () => {
		const c = (await state()).cases.find((x) => x.status === 'closed');
		const lc = canonicalFrom(c, { status: 'open', number: null, stage: { sourceId: null, name: 'Referred Out', position: null } });
		const { output } = await sync([lc]);
		expect(output[0].json).toEqual(expect.objectContaining({ action: 'failed', changes: 'status: closed → open', reason: expect.stringMatching(/unmapped_stage/) }));
		const after = (await state()).cases.find((x) => x.id === c.id);
		expect(after.status).toBe('open');
		expect(after.readable_id).toBe(c.readable_id);
		const plain = await sync([canonicalFrom(after, { number: null })]);
		expect(plain.output[0].json.action).toBe('unchanged');
	});

	test('a vendor still failing after the retries stops the run instead of failing case after case', async () => {
		const c = (await state()).cases.find((x) => x.status === 'open');
		await admin('POST', '/config', { faults: { errorRate: 1, statuses: [503], methods: ['PATCH'], systems: ['case-status'], retryAfterSeconds: 0 } });
		const error = await sync([canonicalFrom(c, { name: 'Renamed again' })]).catch((e) => e);
		expect(error.httpCode).toBe('503');
	}, 60_000);

	test('injected server errors on writes are retried; the end state is right', async () => {
		const c = (await state()).cases.find((x) => x.status === 'open');
		await admin('POST', '/config', { faults: { script: [{ status: 503, match: { system: 'case-status', method: 'PATCH' } }, { status: 500, match: { system: 'case-status', method: 'PATCH' } }] } });
		const { output } = await sync([canonicalFrom(c, { name: 'Renamed v. Someone' })]);
		expect(output[0].json.action).toBe('updated');
		expect((await state()).cases.find((x) => x.id === c.id).name).toBe('Renamed v. Someone');
	});
});

describe('Stage › Check Mapping', () => {
	test('lists how each source stage maps and which do not', async () => {
		const input = ['Treatment', 'Medical Treatment', 'Pre-Lit Demand Prep', 'Referred Out'].map((name) => ({ json: { name } }));
		const { output } = await run(
			{ resource: 'stage', operation: 'checkMapping', sourceStage: (item) => item.json.name, stageMapping: { mappings: [{ from: 'Pre-Lit Demand Prep', to: 'Demand' }] } },
			{ input },
		);
		expect(output.map((o) => [o.json.source_stage, o.json.case_status_stage])).toEqual([
			['Treatment', 'Treatment'],
			['Medical Treatment', 'Treatment'],
			['Pre-Lit Demand Prep', 'Demand'],
			['Referred Out', null],
		]);
		const only = await run(
			{ resource: 'stage', operation: 'checkMapping', sourceStage: (item) => item.json.name, onlyUnmapped: true },
			{ input },
		);
		expect(only.output.map((o) => o.json.source_stage)).toEqual(['Pre-Lit Demand Prep', 'Referred Out']);
		expect(only.output.map((o) => o.pairedItem.item)).toEqual([2, 3]);
	});
});

describe('Message and File', () => {
	test('a message goes out as the primary attorney; the same external reference is never sent twice', async () => {
		const c = (await state()).cases.find((x) => x.status === 'open');
		const params = { resource: 'message', operation: 'send', case: byIntegration(c.integration_id), content: 'Your records arrived.', externalRef: 'casepeer:note:n1' };
		const first = await run(params);
		expect(first.output[0].json).toEqual(expect.objectContaining({ action: 'created', type: 'sent', sender_email: c.primary_attorney.email }));
		const second = await run(params);
		expect(second.output[0].json.action).toBe('exists');
		expect((await state()).messages.filter((m) => m.external_ref === 'casepeer:note:n1')).toHaveLength(1);
	});

	test('an empty message is refused naming the field', async () => {
		const c = (await state()).cases[0];
		const error = await run({ resource: 'message', operation: 'send', case: byIntegration(c.integration_id), content: '   ' }).catch((e) => e);
		expect(error.message).toMatch(/'content' is empty/);
	});

	test('a file uploads once per external reference and downloads byte for byte', async () => {
		const c = (await state()).cases[0];
		const bytes = Buffer.from('%PDF-1.4 demand letter');
		const input = [{ json: {}, binary: { data: { data: bytes.toString('base64'), fileName: 'demand.pdf', mimeType: 'application/pdf' } } }];
		const params = { resource: 'file', operation: 'upload', case: byIntegration(c.integration_id), externalRef: 'casepeer:document:d9' };
		const up = await run(params, { input });
		expect(up.output[0].json.action).toBe('created');
		expect((await run(params, { input })).output[0].json.action).toBe('exists');
		const down = await run({ resource: 'file', operation: 'download', fileId: String(up.output[0].json.id) });
		expect(Buffer.from(down.output[0].binary.data.data, 'base64').equals(bytes)).toBe(true);
		expect(down.output[0].json.file_name).toBe('demand.pdf');
	});
});

describe('Case Status Trigger', () => {
	const trigger = new CaseStatusTrigger();
	test('first poll sets the cursor; then each client message is emitted once; API-written ones are skipped', async () => {
		const staticData = { node: {}, global: {} };
		const poll = () => runPoll({ node: trigger, parameters: { event: 'newMessage' }, credentials: creds, staticData });
		expect((await poll()).output).toBeNull();
		const c = (await state()).cases[0];
		await admin('POST', '/case-status/messages', { integration_id: c.integration_id, content: 'When is my next appointment?' });
		await admin('POST', '/case-status/messages', { integration_id: c.integration_id, content: 'relayed', external_ref: 'casepeer:note:x' });
		const next = await poll();
		expect(next.output.map((i) => i.json.content)).toEqual(['When is my next appointment?']);
		expect((await poll()).output).toBeNull();
	});

	// n8n keeps no cursor from the test poll it runs at activation, so the first poll that counts can come after a
	// client has already written: the message must still reach the relay.
	test('a message written just before the first poll is emitted by the next one', async () => {
		const staticData = { node: {}, global: {} };
		const poll = () => runPoll({ node: trigger, parameters: { event: 'newMessage' }, credentials: creds, staticData });
		const c = (await state()).cases[0];
		await admin('POST', '/case-status/messages', { integration_id: c.integration_id, content: 'Sent while the relay was switched on' });
		expect((await poll()).output).toBeNull();
		const next = await poll();
		expect(next.output.map((i) => i.json.content)).toEqual(['Sent while the relay was switched on']);
		expect((await poll()).output).toBeNull();
	});

	test('manual mode returns the latest matching message without moving the cursor', async () => {
		const staticData = { node: {}, global: {} };
		const c = (await state()).cases[0];
		await admin('POST', '/case-status/messages', { integration_id: c.integration_id, content: 'latest one' });
		const res = await runPoll({ node: trigger, parameters: { event: 'newMessage' }, credentials: creds, staticData, mode: 'manual' });
		expect(res.output.map((i) => i.json.content)).toEqual(['latest one']);
		expect(staticData.node).toEqual({});
	});
});
