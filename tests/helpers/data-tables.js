// Helpers for the e2e tests of templates that keep their rows in n8n Data Tables (the Perfect Portal → DPS One
// Office templates): two small test workflows that read and edit a table's rows over webhooks (as the operations
// lead does in the Data Table UI), waiting for published webhooks, and the editor's "Test workflow" over REST.
const { parse } = require('flatted');
const { WEBHOOK_AUTH } = require('../../scripts/lib/credentials');
const { setupOwner } = require('../../scripts/lib/n8n');

const node = (name, type, typeVersion, parameters, extra = {}) => ({
	id: `${name}-id`,
	name,
	type,
	typeVersion,
	position: [0, 0],
	parameters,
	...extra,
});
const webhookNode = (path, webhookId) =>
	node(
		'Request',
		'n8n-nodes-base.webhook',
		2,
		{ httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
		{ webhookId },
	);
const byName = (expr) => ({ __rl: true, mode: 'name', value: expr });

/** Test workflow: POST {table} → every row of that data table. */
const readRows = {
	id: 'ppDpsTestRead01',
	name: 'Test: read a data table',
	settings: { executionOrder: 'v1' },
	nodes: [
		webhookNode('pp-dps-test-read', '5d0c1e2f-0000-4000-8000-000000000001'),
		node('Rows', 'n8n-nodes-base.dataTable', 1.1, {
			resource: 'row',
			operation: 'get',
			dataTableId: byName('={{ $json.body.table }}'),
			returnAll: true,
			orderBy: true,
			orderByColumn: 'id',
			orderByDirection: 'ASC',
		}),
	],
	connections: { Request: { main: [[{ node: 'Rows', type: 'main', index: 0 }]] } },
};

/** Test workflow: POST {table, rows: [{id, ...changes}]} → each row updated with its changes (the operations lead's ticks). */
const updateRows = {
	id: 'ppDpsTestEdit01',
	name: 'Test: edit data table rows',
	settings: { executionOrder: 'v1' },
	nodes: [
		webhookNode('pp-dps-test-edit', '5d0c1e2f-0000-4000-8000-000000000002'),
		node('One item per row', 'n8n-nodes-base.splitOut', 1, {
			fieldToSplitOut: 'body.rows',
			options: {},
		}),
		node('Update', 'n8n-nodes-base.dataTable', 1.1, {
			resource: 'row',
			operation: 'update',
			dataTableId: byName("={{ $('Request').first().json.body.table }}"),
			matchType: 'allConditions',
			filters: { conditions: [{ keyName: 'id', condition: 'eq', keyValue: '={{ $json.id }}' }] },
			columns: { mappingMode: 'autoMapInputData', value: {}, matchingColumns: [], schema: [] },
			options: {},
		}),
	],
	connections: {
		Request: { main: [[{ node: 'One item per row', type: 'main', index: 0 }]] },
		'One item per row': { main: [[{ node: 'Update', type: 'main', index: 0 }]] },
	},
};

/**
 * Publishes the given templates and the two test workflows, starts n8n and waits for every webhook. Returns the
 * helpers that call them.
 */
async function startWithDataTables(stack, templates, webhookPaths) {
	for (const file of templates)
		await stack.n8n.publish(await stack.n8n.importWorkflow(stack.template(file)));
	for (const wf of [readRows, updateRows])
		await stack.n8n.publish(await stack.n8n.importWorkflow(wf));
	const n8nUrl = await stack.n8n.start();
	await webhooksRegistered(n8nUrl, [...webhookPaths, 'pp-dps-test-read', 'pp-dps-test-edit']);

	/** POST to a published webhook with the webhook key; the raw response when `raw`, else its JSON (200 only). */
	async function post(path, body = {}, { raw = false } = {}) {
		const res = await fetch(`${n8nUrl}/webhook/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', [WEBHOOK_AUTH.header]: WEBHOOK_AUTH.value },
			body: JSON.stringify(body),
		});
		const text = await res.text();
		if (raw) return { status: res.status, text };
		if (res.status !== 200)
			throw new Error(`POST /webhook/${path} answered ${res.status}: ${text}`);
		return text ? JSON.parse(text) : null;
	}
	const rows = async (table) => {
		const out = await post('pp-dps-test-read', { table });
		return Array.isArray(out)
			? out.filter((r) => r.id !== undefined)
			: [out].filter((r) => r && r.id !== undefined);
	};
	const edit = (table, changes) => post('pp-dps-test-edit', { table, rows: changes });

	let session;
	/** The editor's "Test workflow" on the Run now trigger (n8n's REST API, as the local owner); resolves the finished run. */
	async function runNow(workflowId) {
		if (!session) session = await setupOwner(n8nUrl, { browserId: 'e2e' });
		const started = await fetch(`${n8nUrl}/rest/workflows/${workflowId}/run`, {
			method: 'POST',
			headers: { ...session, 'content-type': 'application/json' },
			body: JSON.stringify({ triggerToStartFrom: { name: 'Run now' } }),
		});
		const { executionId } = (await started.json()).data;
		const deadline = Date.now() + 120_000;
		for (;;) {
			if (Date.now() > deadline)
				throw new Error(`execution ${executionId} did not finish in 120 s`);
			const execution = (
				await (await fetch(`${n8nUrl}/rest/executions/${executionId}`, { headers: session })).json()
			).data;
			if (execution.finished || ['success', 'error', 'crashed'].includes(execution.status)) {
				const { runData } = parse(execution.data).resultData;
				const last = (name) =>
					runData[name]?.[runData[name].length - 1]?.data?.main?.[0]?.map((i) => i.json);
				return { status: execution.status, byNode: last };
			}
			await new Promise((r) => setTimeout(r, 250));
		}
	}

	return { n8nUrl, post, rows, edit, runNow };
}

/** n8n answers readiness before it has activated the published workflows: wait for their webhooks (a CORS preflight lists POST once registered). */
async function webhooksRegistered(n8nUrl, paths, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	for (const path of paths) {
		for (;;) {
			const res = await fetch(`${n8nUrl}/webhook/${path}`, {
				method: 'OPTIONS',
				headers: { origin: 'http://localhost' },
			});
			if ((res.headers.get('access-control-allow-methods') || '').includes('POST')) break;
			if (Date.now() > deadline)
				throw new Error(`webhook ${path} not registered after ${timeoutMs / 1000} s`);
			await new Promise((r) => setTimeout(r, 250));
		}
	}
}

module.exports = { startWithDataTables };
