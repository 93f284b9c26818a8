// The initial bulk import with the node operations workflows/casepeer-case-status-bulk-import.json chains
// (Case Status Case › Create from canonical cases, errors to their own output → CASEpeer Case › Connect), fed by
// CASEpeer Case › Get Many (Connected: off) instead of a typed list of ids, and run a page of 200 cases at a time
// (n8n's Loop Over Items). The checkpoint is CASEpeer's own "connected" flag: a case is connected only after it
// is in Case Status, so a re-run after a crash lists exactly the cases not finished yet, and the cases of the page
// in flight (created but not connected) are found by their integration ID instead of being created again.
const { CasePeer } = require('../../../nodes/CasePeer/CasePeer.node.ts');
const { CaseStatus } = require('../../../nodes/CaseStatus/CaseStatus.node.ts');
const { execute, assertAlive, splitErrors } = require('../lib/nodes');
const { clearCases, UNMAPPABLE_STAGE } = require('./nightly-sync');

const casePeer = new CasePeer();
const caseStatus = new CaseStatus();
const PAGE = 200;
const byId = (value) => ({ __rl: true, mode: 'id', value: String(value) });

/** N importable CASEpeer cases not yet in Case Status; `unmappable` of them on a stage Case Status cannot take. */
async function setup(env, { cases, unmappable = 0 }) {
	await clearCases(env);
	const seeded = await env.admin('POST', '/seed/linked', { cases: 0, unconnected: cases });
	const unmappableIds = [];
	for (let k = 3; k < seeded.unconnected.length && unmappableIds.length < unmappable; k += 11) {
		const id = seeded.unconnected[k];
		await env.admin('PATCH', `/casepeer/cases/${id}`, { stage: UNMAPPABLE_STAGE });
		unmappableIds.push(id);
	}
	return { ids: seeded.unconnected, unmappableIds };
}

async function run(env, { page = PAGE } = {}) {
	const listed = await execute({
		node: casePeer,
		credentials: env.credentials,
		parameters: {
			resource: 'case',
			operation: 'getAll',
			returnAll: true,
			filters: { connected: false },
			output: 'canonical',
		},
	});
	assertAlive();
	const result = { listed: listed.output.length, created: 0, exists: 0, connected: 0, failed: [] };
	for (let start = 0; start < listed.output.length; start += page) {
		const batch = listed.output.slice(start, start + page).map((i) => ({ json: i.json }));
		const imported = await execute({
			node: caseStatus,
			credentials: env.credentials,
			input: batch,
			continueOnFail: true, // the template's "errors to their own output"
			parameters: {
				resource: 'case',
				operation: 'create',
				source: 'canonical',
				unmappedStage: 'fail',
				simplify: true,
			},
		});
		assertAlive();
		const { ok, failed } = splitErrors(imported.output);
		for (const item of failed) {
			result.failed.push({
				record: batch[item.pairedItem.item].json.externalRef,
				reason: item.json.error,
				fix: item.json.details,
			});
		}
		for (const item of ok) result[item.json.action] = (result[item.json.action] || 0) + 1;
		if (!ok.length) continue;
		const connected = await execute({
			node: casePeer,
			credentials: env.credentials,
			input: ok.map((i) => ({ json: i.json })),
			parameters: {
				resource: 'case',
				operation: 'connect',
				case: (item) => byId(item.json.integration_id),
				options: (item) => ({ caseStatusId: item.json.id }),
			},
		});
		assertAlive();
		result.connected += connected.output.length;
	}
	return result;
}

/** Both sides, keyed by the CASEpeer id: what Case Status holds, and whether CASEpeer says connected. */
async function snapshot(env) {
	const cs = await env.state('case-status');
	const cp = await env.state('casepeer');
	const csById = new Map();
	let duplicates = 0;
	const cases = {};
	for (const c of cs.cases) {
		if (csById.has(c.integration_id)) duplicates++;
		csById.set(c.integration_id, c);
	}
	for (const c of cp.cases) {
		const target = csById.get(String(c.id));
		cases[c.id] = {
			connected: Boolean(c.case_status_connected),
			linkedToTarget: Boolean(target) && c.case_status_id === target.id,
			inCaseStatus: target
				? {
						name: target.name,
						stage: target.stage && target.stage.display_name,
						attorney: target.primary_attorney && target.primary_attorney.email,
						clients: (target.clients || []).map(
							(p) => `${p.first_name} ${p.last_name} ${p.cell_phone}`,
						),
					}
				: null,
		};
	}
	return { cases, counts: { caseStatus: cs.cases.length, duplicates } };
}

module.exports = { setup, run, snapshot, PAGE };
