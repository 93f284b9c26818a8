// Every action node of the pack is usable as an AI-agent tool. n8n turns each `usableAsTool` node into a
// `<node>Tool` variant (ai_tool output); an agent calls it with arguments its model filled in through $fromAI().
// No model is needed to prove that path: n8n's own Tool Executor node (the one the editor uses to run a tool on
// its own) invokes the connected tool with a given query as an agent would: n8n wraps the node as a LangChain tool
// (createNodeAsTool, its schema built from the $fromAI() calls) and runs the node's execute() on the arguments.
const { startStack } = require('../helpers/e2e');
const { CREDENTIAL_REFS } = require('../../scripts/lib/credentials');

jest.setTimeout(15 * 60 * 1000);

let stack;
beforeAll(async () => {
	stack = await startStack();
});
afterAll(async () => stack && stack.stop());

const PREFIX = 'n8n-nodes-legal-sync.';

/** One read per system: the tool node (its arguments from $fromAI) and the arguments the "model" passes. */
function toolCalls(state) {
	const fromAI = (key, description, type = 'string') =>
		`={{ $fromAI('${key}', '${description}', '${type}') }}`;
	const byId = (key, description) => ({ __rl: true, mode: 'id', value: fromAI(key, description) });
	return [
		{
			system: 'case-status',
			node: 'caseStatus',
			credential: 'caseStatusApi',
			tool: 'get_case_status_case',
			parameters: {
				resource: 'case',
				operation: 'get',
				case: byId('case_id', 'Case Status internal case ID'),
			},
			args: { case_id: String(state['case-status'].cases[0].id) },
			idField: 'id',
			expectId: String(state['case-status'].cases[0].id),
		},
		{
			system: 'casepeer',
			node: 'casePeer',
			credential: 'casePeerApi',
			tool: 'get_casepeer_case',
			parameters: { resource: 'case', operation: 'get', case: byId('case_id', 'CASEpeer case ID') },
			args: { case_id: String(state.casepeer.cases[0].id) },
			idField: 'id',
			expectId: String(state.casepeer.cases[0].id),
		},
		{
			system: 'perfect-portal',
			node: 'perfectPortal',
			credential: 'perfectPortalApi',
			tool: 'get_perfect_portal_case',
			parameters: {
				resource: 'case',
				operation: 'get',
				case: byId('case_id', 'Perfect Portal case ID, e.g. PP-104501'),
			},
			args: { case_id: state['perfect-portal'].cases[0].case_id },
			idField: 'case_id',
			expectId: state['perfect-portal'].cases[0].case_id,
		},
		{
			system: 'dps-one-office',
			node: 'dpsOneOffice',
			credential: 'dpsOneOfficeApi',
			tool: 'get_dps_client',
			parameters: {
				resource: 'client',
				operation: 'get',
				client: byId('client_ref', 'DPS One Office client reference'),
			},
			args: { client_ref: state['dps-one-office'].clients[0].client_ref },
			idField: 'client_ref',
			expectId: state['dps-one-office'].clients[0].client_ref,
		},
		{
			system: 'officetools',
			node: 'officeTools',
			credential: 'officeToolsApi',
			tool: 'list_officetools_legacy_contacts',
			parameters: {
				resource: 'legacyContact',
				operation: 'getAll',
				returnAll: false,
				limit: fromAI('limit', 'How many contacts to list', 'number'),
			},
			args: { limit: 2 },
			expectCount: 2,
		},
		{
			system: 'smokeball',
			node: 'smokeball',
			credential: 'smokeballOAuth2Api',
			tool: 'get_smokeball_matter',
			parameters: {
				resource: 'matter',
				operation: 'get',
				matter: byId('matter_id', 'Smokeball matter ID (a GUID)'),
			},
			args: { matter_id: state.smokeball.matters[0].id },
			idField: 'id',
			expectId: state.smokeball.matters[0].id,
		},
	];
}

test("one read per system runs as an AI tool call through n8n's tool path, with arguments filled by $fromAI", async () => {
	const state = {};
	for (const system of [
		'case-status',
		'casepeer',
		'perfect-portal',
		'dps-one-office',
		'officetools',
		'smokeball',
	]) {
		state[system] = await stack.admin('GET', `/state/${system}`);
	}
	const calls = toolCalls(state);
	const nodes = [
		{
			id: 'run-now',
			name: 'Run now',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
	];
	const connections = { 'Run now': { main: [[]] } };
	for (const [i, call] of calls.entries()) {
		const executor = `Call ${call.tool}`;
		nodes.push(
			{
				id: `executor-${i}`,
				name: executor,
				type: '@n8n/n8n-nodes-langchain.toolExecutor',
				typeVersion: 1,
				position: [400, i * 200],
				parameters: { query: JSON.stringify({ [call.tool]: call.args }), toolName: '' },
			},
			{
				id: `tool-${i}`,
				name: call.tool, // n8n names the tool after its node
				type: `${PREFIX}${call.node}Tool`,
				typeVersion: 1,
				position: [400, i * 200 + 120],
				parameters: call.parameters,
				credentials: { [call.credential]: CREDENTIAL_REFS[call.credential] },
			},
		);
		connections['Run now'].main[0].push({ node: executor, type: 'main', index: 0 });
		connections[call.tool] = { ai_tool: [[{ node: executor, type: 'ai_tool', index: 0 }]] };
	}
	const id = await stack.n8n.importWorkflow({
		id: 'lsAiToolCalls001',
		name: 'AI tool calls',
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
		active: false,
	});
	await stack.admin('DELETE', '/requests');

	const run = await stack.n8n.execute(id);
	expect(run.error).toBeNull();
	for (const call of calls) {
		const out = run.byNode(`Call ${call.tool}`);
		expect([call.tool, out && out.length]).toEqual([call.tool, 1]);
		// What the agent receives: the node's output items as JSON text.
		expect([call.tool, typeof out[0]]).toEqual([call.tool, 'string']);
		const records = JSON.parse(out[0]);
		expect([call.tool, records.length]).toEqual([call.tool, call.expectCount ?? 1]);
		if (call.expectId)
			expect([call.tool, String(records[0][call.idField])]).toEqual([call.tool, call.expectId]);
		// The tool node ran once, on the arguments the "model" gave, and recorded the same answer on its ai_tool output.
		const toolRuns = run.runData[call.tool];
		expect([call.tool, toolRuns?.length, toolRuns?.[0]?.executionStatus]).toEqual([
			call.tool,
			1,
			'success',
		]);
		expect(toolRuns[0].inputOverride.ai_tool[0][0].json).toEqual(call.args);
		expect(toolRuns[0].data.ai_tool[0][0].json.response).toEqual(records);
	}
	// Every call reached its system, and only to read.
	const log = await stack.admin('GET', '/requests');
	for (const call of calls) {
		const requests = log.filter((r) => r.system === call.system);
		expect([
			call.system,
			requests.length > 0,
			requests.every((r) => r.method === 'GET' || r.path.includes('token')),
		]).toEqual([call.system, true, true]);
	}
});
