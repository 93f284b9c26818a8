// A started n8n driven as a firm's admin drives it: the editor's "Run now" (REST, as the owner), webhooks, and the
// Data Tables the templates keep their settings and known problems in (read, edited and cleared through small
// test workflows, as a person would in the Data Table UI). `n8n execute` cannot run these templates: it does not
// load n8n's Data Table module.
const { parse } = require('flatted');
const { WEBHOOK_AUTH } = require('../../scripts/lib/credentials');
const { ownerRest } = require('../../scripts/lib/n8n');

const node = (name, type, typeVersion, parameters, extra = {}) => ({
	id: `${name}-id`,
	name,
	type,
	typeVersion,
	position: [0, 0],
	parameters,
	...extra,
});
const hook = (path, webhookId) =>
	node(
		'Request',
		'n8n-nodes-base.webhook',
		2,
		{ httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
		{ webhookId },
	);
const table = { __rl: true, mode: 'name', value: "={{ $('Request').first().json.body.table }}" };
const workflow = (id, name, nodes) => ({
	id,
	name,
	settings: { executionOrder: 'v1' },
	nodes,
	connections: Object.fromEntries(
		nodes
			.slice(0, -1)
			.map((n, i) => [n.name, { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] }]),
	),
});

const TEST_WORKFLOWS = [
	workflow('lsTestTableRead', 'Test: read a data table', [
		hook('legal-sync-test-read', '6e1d2f3a-0000-4000-8000-000000000001'),
		node(
			'Rows',
			'n8n-nodes-base.dataTable',
			1.1,
			{ resource: 'row', operation: 'get', dataTableId: table, returnAll: true },
			{ alwaysOutputData: true },
		),
	]),
	workflow('lsTestTableSet', 'Test: set data table rows', [
		hook('legal-sync-test-set', '6e1d2f3a-0000-4000-8000-000000000002'),
		node('One item per row', 'n8n-nodes-base.splitOut', 1, {
			fieldToSplitOut: 'body.rows',
			options: {},
		}),
		node('Upsert', 'n8n-nodes-base.dataTable', 1.1, {
			resource: 'row',
			operation: 'upsert',
			dataTableId: table,
			matchType: 'allConditions',
			filters: {
				conditions: [
					{
						keyName: "={{ $('Request').first().json.body.key }}",
						condition: 'eq',
						keyValue: "={{ $json[$('Request').first().json.body.key] }}",
					},
				],
			},
			columns: { mappingMode: 'autoMapInputData', value: {}, matchingColumns: [], schema: [] },
			options: {},
		}),
	]),
	workflow('lsTestTableDrop', 'Test: delete a data table', [
		hook('legal-sync-test-drop', '6e1d2f3a-0000-4000-8000-000000000003'),
		node(
			'Delete',
			'n8n-nodes-base.dataTable',
			1.1,
			{ resource: 'table', operation: 'delete', dataTableId: table },
			{ onError: 'continueRegularOutput' },
		),
	]),
];

/**
 * Imports `templates` (paths or objects) and the test workflows, publishes those asked for, starts n8n, sets up the
 * owner. Returns { url, runNow, post, rows, setRows, dropTable, execution }.
 */
async function startN8n(stack, { templates = [], publish = [] } = {}) {
	const ids = [];
	for (const t of templates) ids.push(await stack.n8n.importWorkflow(t));
	for (const wf of TEST_WORKFLOWS) await stack.n8n.publish(await stack.n8n.importWorkflow(wf));
	for (const id of publish) await stack.n8n.publish(id);
	const url = await stack.n8n.start();
	const rest = await ownerRest(url);

	/** The finished execution: status, its error, and each node's items (first output unless asked). */
	async function execution(executionId, timeoutMs = 180_000) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const e = await rest('GET', `/executions/${executionId}`);
			if (
				['success', 'error', 'crashed', 'canceled'].includes(e.status) ||
				(e.finished && e.status !== 'running')
			) {
				const { resultData } = parse(e.data);
				const runData = resultData.runData || {};
				return {
					status: e.status,
					error: resultData.error || null,
					ran: (name) => Boolean(runData[name]),
					byNode: (name, output = 0) =>
						runData[name]
							? (runData[name].at(-1).data?.main?.[output] || []).map((i) => i.json)
							: undefined,
				};
			}
			if (Date.now() > deadline) throw new Error(`execution ${executionId} did not finish`);
			await new Promise((r) => setTimeout(r, 250));
		}
	}

	/** The editor's "Test workflow" from a trigger (by default "Run now"). */
	async function runNow(workflowId, trigger = 'Run now') {
		const { executionId } = await rest('POST', `/workflows/${workflowId}/run`, {
			triggerToStartFrom: { name: trigger },
		});
		return execution(executionId);
	}

	async function post(path, body = {}, headers = { [WEBHOOK_AUTH.header]: WEBHOOK_AUTH.value }) {
		for (let attempt = 0; ; attempt++) {
			const res = await fetch(`${url}/webhook/${path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...headers },
				body: JSON.stringify(body),
			});
			const text = await res.text();
			// Right after start, n8n may not have registered the published webhooks yet.
			if (res.status === 404 && /not registered/.test(text) && attempt < 120) {
				await new Promise((r) => setTimeout(r, 500));
				continue;
			}
			let json = null;
			try {
				json = text ? JSON.parse(text) : null;
			} catch {
				json = text;
			}
			return { status: res.status, body: json };
		}
	}

	const testPost = async (path, body) => {
		const res = await post(path, body);
		if (res.status !== 200)
			throw new Error(`POST /webhook/${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
		return res.body;
	};
	const rows = async (name) => {
		const out = await testPost('legal-sync-test-read', { table: name });
		return (Array.isArray(out) ? out : [out]).filter((r) => r && r.id !== undefined);
	};
	const setRows = (name, key, list) =>
		testPost('legal-sync-test-set', { table: name, key, rows: list });
	const dropTable = (name) => testPost('legal-sync-test-drop', { table: name });

	return { url, ids, rest, runNow, execution, post, rows, setRows, dropTable };
}

module.exports = {
	startN8n,
	STAGE_TABLE: 'CASEpeer stage mapping',
	PROBLEM_TABLE: 'CASEpeer to Case Status problems',
};
