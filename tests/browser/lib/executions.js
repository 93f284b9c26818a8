'use strict';

// Reads an execution as n8n's REST API returns it (GET /rest/executions/:id): its run data is serialised with
// `flatted`, which n8n itself depends on, so the copy in the cached n8n runtime parses it (no extra dependency).
const path = require('node:path');
const { ensureRuntime } = require('../../../scripts/lib/n8n');

let flatted;

/** → { status, error, runData, byNode(name, output = 0) → the json of that output's items on the last run }. */
function parseExecution(execution) {
	flatted = flatted || require(path.join(ensureRuntime().dir, 'node_modules/flatted'));
	const data = typeof execution.data === 'string' ? flatted.parse(execution.data) : execution.data;
	const runData = data?.resultData?.runData || {};
	return {
		status: execution.status,
		error: data?.resultData?.error || null,
		runData,
		byNode(name, output = 0) {
			const runs = runData[name];
			if (!runs) return undefined;
			const main = runs[runs.length - 1]?.data?.main || [];
			return (main[output] || []).map((item) => item.json);
		},
	};
}

/** Waits for the newest execution of a workflow to finish; resolves it parsed (see parseExecution). */
async function waitForExecution(rest, workflowId, timeoutMs = 120_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const list = await rest(
			'GET',
			`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`,
		);
		const last = list.results[0];
		if (last && !['running', 'new', 'waiting'].includes(last.status)) {
			return parseExecution(await rest('GET', `/executions/${last.id}`));
		}
		if (Date.now() > deadline)
			throw new Error(
				`no finished execution of workflow ${workflowId} within ${timeoutMs / 1000} s`,
			);
		await new Promise((r) => setTimeout(r, 500));
	}
}

module.exports = { parseExecution, waitForExecution };
