// Real n8n runs the convert-lead template twice for the same Perfect Portal lead (issue #13: "leads converted
// twice"). The second run sees the case as not yet linked (the first run died before the link, or the trigger emitted
// the same conversion twice), and in between the firm moved the new matter to another client in Smokeball. The
// matter must be found by its External System ID across all the firm's matters (not only its client's), and nothing
// created again: one matter, one set of contacts, one memo, one quote PDF.
const { startStack } = require('../helpers/e2e');
const { SEED_FACTS: PP } = require('../../sandbox/systems/perfect-portal/seed');
const { SEED_FACTS: SB } = require('../../sandbox/systems/smokeball/seed');

jest.setTimeout(15 * 60 * 1000);

const CONVERT = 'perfect-portal-smokeball-convert-lead.json';
const NOTES = 'Converted twice: the buyer called back and the lead was converted again.';

let stack;
beforeAll(async () => {
	stack = await startStack();
});
afterAll(async () => stack && stack.stop());

const pp = () => stack.admin('GET', '/state/perfect-portal');
// Smokeball applies writes a moment after its 202: apply what is queued before reading its state.
const sb = async () => {
	await stack.admin('POST', '/smokeball/processing/flush');
	return stack.admin('GET', '/state/smokeball');
};
const writesTo = async (system) =>
	(await stack.admin('GET', `/requests?system=${system}`)).filter(
		(r) => r.method !== 'GET' && !r.path.endsWith('/oauth2/token'),
	);

test('convert lead twice for the same lead: the matter the first run created is found by its External System ID though its client changed; nothing is created again', async () => {
	await stack.admin('POST', '/reset');
	const converted = await stack.admin(
		'POST',
		`/perfect-portal/leads/${PP.quotes.open[0]}/convert`,
		{ case_management_target: 'smokeball', conversion_notes: NOTES },
	);
	const caseId = converted.case_id;
	const workflowId = await stack.n8n.importWorkflow(stack.template(CONVERT));

	const first = await stack.n8n.execute(workflowId);
	expect(first.error).toBeNull();
	const sent = first.byNode('Sent to Smokeball').find((r) => r.case_id === caseId);
	expect(sent.result).toBe('matter created');
	const once = await sb();
	const matters = (s) => s.matters.filter((m) => m.externalSystemId === caseId);
	expect(matters(once)).toHaveLength(1);
	const matter = matters(once)[0];
	const memos = (s) => s.memos.filter((m) => m.text === NOTES);
	expect(memos(once)).toHaveLength(1);
	const files = (s) => s.files.filter((f) => f.matterId === matter.id);
	expect(files(once)).toHaveLength(1);

	// The second conversion arrives as if the first had never been linked back…
	const state = await pp();
	state.cases.find((c) => c.case_id === caseId).case_management_link = null;
	await stack.admin('PUT', '/state/perfect-portal', state);
	// …and the fee earner has meanwhile filed the matter under the firm's other contact for the buyer.
	const moved = await sb();
	const sbMatter = moved.matters.find((m) => m.id === matter.id);
	expect(sbMatter.clientIds).not.toContain(SB.contacts.alan.id);
	sbMatter.clientIds = [SB.contacts.alan.id];
	await stack.admin('PUT', '/state/smokeball', moved);
	await stack.admin('DELETE', '/requests');

	const second = await stack.n8n.execute(workflowId);
	expect(second.error).toBeNull();
	expect(second.byNode('Sent to Smokeball').find((r) => r.case_id === caseId)).toEqual(
		expect.objectContaining({
			result: 'matter already in Smokeball, now linked',
			matter_id: matter.id,
		}),
	);
	const twice = await sb();
	expect(matters(twice)).toHaveLength(1);
	expect(twice.matters).toHaveLength(once.matters.length);
	expect(twice.contacts).toHaveLength(once.contacts.length);
	expect(memos(twice)).toHaveLength(1);
	expect(files(twice)).toHaveLength(1);
	expect(twice.files).toHaveLength(once.files.length);
	expect((await writesTo('smokeball')).map((r) => `${r.method} ${r.path}`)).toEqual([]);
	expect((await pp()).cases.find((c) => c.case_id === caseId).case_management_link).toEqual(
		expect.objectContaining({ system: 'smokeball', matter_ref: matter.id }),
	);
});

test('a conversion whose notes memo fails is not linked, so the next run adds the memo and links it: the notes are never lost', async () => {
	await stack.admin('POST', '/reset');
	const notes = 'Memo refused once: the buyer wants completion before the school term.';
	const converted = await stack.admin(
		'POST',
		`/perfect-portal/leads/${PP.quotes.open[0]}/convert`,
		{ case_management_target: 'smokeball', conversion_notes: notes },
	);
	const caseId = converted.case_id;
	const workflowId = await stack.n8n.importWorkflow(stack.template(CONVERT));
	// The firm already opened the matter by hand with the case's External System ID (so its id is known here), and
	// Smokeball refuses the conversion-notes memo on it once.
	const state = await sb();
	const matter = {
		...state.matters.find((m) => m.status === 'Open' && !m.isLead),
		id: '5f0c2a9e-41d7-4c3b-9a7e-2d8e6b1c0a47',
		externalSystemId: caseId,
	};
	state.matters.push(matter);
	await stack.admin('PUT', '/state/smokeball', state);
	await stack.admin('POST', '/config', {
		faults: {
			script: [
				{
					status: 422,
					match: {
						system: 'smokeball',
						method: 'POST',
						pathPrefix: `/api/${SB.accountId}/matters/${matter.id}/memos`,
					},
				},
			],
		},
	});

	const first = await stack.n8n.execute(workflowId);
	await stack.admin('POST', '/config', { faults: null });
	expect(first.error).toBeNull();
	expect((first.byNode('Notes not added') ?? []).map((r) => r.case_id)).toEqual([caseId]);
	expect((first.byNode('Sent to Smokeball') ?? []).map((r) => r.case_id)).not.toContain(caseId);
	expect((await pp()).cases.find((c) => c.case_id === caseId).case_management_link).toBeFalsy();
	expect((await sb()).memos.filter((m) => m.text === notes)).toEqual([]);

	// The next run (the hourly catch-up, or Run now) finds the case still unlinked: the memo is added, the case linked.
	const second = await stack.n8n.execute(workflowId);
	expect(second.error).toBeNull();
	expect(second.byNode('Sent to Smokeball').find((r) => r.case_id === caseId)).toEqual(
		expect.objectContaining({
			result: 'matter already in Smokeball, now linked',
			matter_id: matter.id,
		}),
	);
	const after = await sb();
	expect(after.matters.filter((m) => m.externalSystemId === caseId)).toHaveLength(1);
	expect(after.memos.filter((m) => m.text === notes)).toHaveLength(1);
	expect((await pp()).cases.find((c) => c.case_id === caseId).case_management_link).toEqual(
		expect.objectContaining({ system: 'smokeball', matter_ref: matter.id }),
	);
});
