// DPS One Office › Matter › Import Case's planner (nodes/DpsOneOffice/actions/matter/importCase/plan.ts), called
// without HTTP: given one case's input and what the lookups found, it decides what to write and what to refuse.
const {
	checkCase,
	planCase,
	withAttached,
} = require('../../nodes/DpsOneOffice/actions/matter/importCase/plan');
const { renderDryRun } = require('../../nodes/DpsOneOffice/actions/matter/importCase/render');

const TODAY = '2025-07-01';
const CODE_LISTS = {
	appCodes: [{ code: 'CP', description: 'Convey (Purchase)', active: true }],
	feeEarners: [
		{
			code: 'JSM',
			name: 'Jane Smith',
			email: null,
			branch: 'LDS',
			app_codes: ['CP'],
			active: true,
		},
	],
	branches: [{ code: 'LDS', name: 'Leeds', active: true }],
};
const CONTACT_TYPES = [{ code: 'EA', description: 'Estate Agent', active: true }];

const caseInput = (extra = {}) => ({
	externalRef: 'PP-777001',
	externalSource: 'perfect_portal',
	codes: { appCode: 'CP', feeEarner: 'JSM', branch: 'LDS' },
	matterDetails: 'Purchase of 9 Canal Wharf, Leeds',
	clients: [
		{
			type: 'person',
			first_name: 'Bea',
			last_name: 'Ng',
			address: { line1: '1 Canal Wharf', postcode: 'ls115pz' },
			external_ref: 'ppc_5001',
		},
	],
	contacts: [
		{
			type: 'organisation',
			organisation_name: 'Hall Estates',
			contact_type: 'EA',
			external_ref: 'ppc_5002',
		},
	],
	properties: [{ address: { line1: '9 Canal Wharf', postcode: 'LS11 5PZ' }, tenure: 'freehold' }],
	...extra,
});
const none = { kind: 'none' };
const newCase = (extra = {}) => ({
	codeLists: CODE_LISTS,
	clients: [none],
	contactTypes: CONTACT_TYPES,
	contacts: [none],
	...extra,
});
const checked = (extra) => {
	const result = checkCase(caseInput(extra), TODAY);
	expect(result.problems).toEqual([]);
	return result;
};

test('a new case: the client, then the matter keyed by the external reference, then the contact', () => {
	const plan = planCase(checked(), newCase());
	expect(plan.problems).toEqual([]);
	expect(plan.existing).toBeUndefined();
	expect(plan.clients).toEqual([
		expect.objectContaining({
			action: 'create',
			client_ref: null,
			body: expect.objectContaining({
				first_name: 'Bea',
				last_name: 'Ng',
				external_ref: 'ppc_5001',
			}),
		}),
	]);
	expect(plan.clients[0].body.address).toMatchObject({ postcode: 'LS11 5PZ' });
	expect(plan.matter).toMatchObject({
		app_code: 'CP',
		fee_earner: 'JSM',
		branch: 'LDS',
		external_ref: 'PP-777001',
		external_source: 'perfect_portal',
	});
	expect(plan.contacts).toEqual([
		expect.objectContaining({ name: 'Hall Estates', action: 'create', attach: 'attach' }),
	]);
	const [{ json }] = renderDryRun(plan);
	expect(json.summary).toBe(
		'Would create client Bea Ng and a matter (CP, JSM, LDS), with 1 contact (Hall Estates as EA) and 1 property.',
	);
});

test('a client found by name and postcode is used, not written again; only the matter is new', () => {
	const match = { kind: 'matched', record: { client_ref: 'NGX001', display_name: 'Bea Ng' } };
	const plan = planCase(checked(), newCase({ clients: [match] }));
	expect(plan.problems).toEqual([]);
	expect(plan.clients).toEqual([
		expect.objectContaining({ action: 'matched', client_ref: 'NGX001' }),
	]);
	expect(renderDryRun(plan)[0].json.summary).toMatch(
		/^Would create a matter \(CP, JSM, LDS\) for existing client NGX001 \(Bea Ng: same name and postcode\)/,
	);
});

test('a case already imported is skipped: no client or matter to write, its own clients reported', () => {
	// An unknown fee earner does not matter here: the codes of a matter already in DPS are not checked.
	const existing = {
		mat_ref: 'NGX001-0001',
		client_ref: 'NGX001',
		additional_client_refs: ['NGX002'],
	};
	const contact = { kind: 'exists', record: { contact_id: 'CT00007' } };
	const planned = planCase(checked({ codes: { appCode: 'CP', feeEarner: 'ZZZ', branch: 'LDS' } }), {
		existing,
		contactTypes: CONTACT_TYPES,
		contacts: [contact],
	});
	expect(planned.problems).toEqual([]);
	expect(planned.existing).toBe(existing);
	expect(planned.clients.map((c) => [c.client_ref, c.action])).toEqual([
		['NGX001', 'exists'],
		['NGX002', 'exists'],
	]);
	const plan = withAttached(planned, [{ contact_id: 'CT00007', contact_type: 'EA' }]);
	expect(plan.contacts).toEqual([
		expect.objectContaining({ contact_id: 'CT00007', action: 'exists', attach: 'exists' }),
	]);
	const [{ json }] = renderDryRun(plan);
	expect(json).toMatchObject({
		action: 'exists',
		mat_ref: 'NGX001-0001',
		client_refs: ['NGX001', 'NGX002'],
	});
	expect(json.summary).toBe(
		'Already in DPS as NGX001-0001: would link it, creating no client or matter.',
	);
});

test('a missing fee earner is refused with the field, the reason and the fix, before any lookup', () => {
	const result = checkCase(
		caseInput({ codes: { appCode: 'CP', feeEarner: '', branch: 'LDS' } }),
		TODAY,
	);
	expect(result.problems).toEqual([
		{
			field: 'Fee Earner',
			code: 'empty',
			message: 'is empty',
			fix: "Enter the fee earner's DPS user code, e.g. JSM.",
		},
	]);
	expect(result.subject).toBe('the case PP-777001 cannot be imported');
});

test('a fee earner the firm does not have is refused against its list, naming the active ones', () => {
	const plan = planCase(
		checked({ codes: { appCode: 'CP', feeEarner: 'jsm', branch: 'LDS' } }),
		newCase(),
	);
	expect(plan.problems).toEqual([
		{
			field: 'Fee Earner',
			code: 'unknown_code',
			message: "'jsm' is not a fee earner in DPS One Office (did you mean 'JSM'?)",
			fix: 'Use an active fee earner: JSM Jane Smith; or ask the DPS administrator to add it in DPSSQLConfig.',
		},
	]);
});

test('every problem of a case is listed at once: an empty reference, no client, a contact without a type', () => {
	const result = checkCase(
		caseInput({ externalRef: undefined, clients: [], contacts: [{ last_name: 'Lender' }] }),
		TODAY,
	);
	expect(result.problems.map((p) => `${p.field}: ${p.message}`)).toEqual([
		'External Reference: is empty',
		'Clients: is empty: the case has no client to open the matter for',
		'Contact 1 (Lender) › Contact Type: is empty',
	]);
});

test('several contacts with the same name and postcode, or an unknown contact type, stop the case', () => {
	const ambiguous = {
		kind: 'ambiguous',
		candidates: [{ contact_id: 'CT1' }, { contact_id: 'CT2' }],
	};
	const plan = planCase(
		checked(),
		newCase({
			contactTypes: [{ code: 'LEN', description: 'Lender', active: true }],
			contacts: [ambiguous],
		}),
	);
	expect(plan.problems.map((p) => `${p.field}: ${p.message}`)).toEqual([
		"Contact Type of Hall Estates: 'EA' is not a contact type in DPS One Office",
		'Contact Hall Estates: matches 2 DPS contacts with the same name and postcode (CT1, CT2)',
	]);
});
