// Real n8n imports the "list open cases" template and runs it against the sandbox.
const { startStack } = require('../helpers/e2e');

jest.setTimeout(15 * 60 * 1000); // the first run may install the n8n runtime

let stack;
beforeAll(async () => {
	stack = await startStack();
});
afterAll(async () => stack && stack.stop());

test('the template lists exactly the open Case Status cases, all pages, through the installed package', async () => {
	const id = await stack.n8n.importWorkflow(stack.template('case-status-open-cases.json'));
	const run = await stack.n8n.execute(id);
	expect(run.error).toBeNull();

	const listed = run.byNode('Get open cases');
	const state = await stack.admin('GET', '/state/case-status');
	const open = state.cases.filter((c) => c.status === 'open');
	expect(open.length).toBeGreaterThan(10); // more than one page of the sandbox's default size
	expect(listed.map((c) => c.integration_id).sort()).toEqual(open.map((c) => c.integration_id).sort());
	expect(listed[0]).toEqual(
		expect.objectContaining({ id: expect.any(Number), name: expect.any(String), status: 'open', stage: expect.any(String) }),
	);

	// It paged through the API rather than asking once: every list request was a GET on /v1/api/cases.
	const log = await stack.admin('GET', '/requests?system=case-status');
	const caseReads = log.filter((r) => r.path === '/v1/api/cases');
	expect(caseReads.length).toBeGreaterThanOrEqual(1);
	expect(caseReads.every((r) => r.method === 'GET' && r.status === 200)).toBe(true);
});
