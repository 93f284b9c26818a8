// The nightly sync as workflows/casepeer-case-status-nightly-sync.json chains it: CASEpeer Case › Get Many
// (connected, Output "Canonical") → Case Status Case › Sync. One outcome row per case; it never imports.
const { CasePeer } = require('../../../nodes/CasePeer/CasePeer.node.ts');
const { CaseStatus } = require('../../../nodes/CaseStatus/CaseStatus.node.ts');
const { execute, assertAlive } = require('../lib/nodes');

const casePeer = new CasePeer();
const caseStatus = new CaseStatus();
const UNMAPPABLE_STAGE = 'Referred Out'; // the CASEpeer seed's stage that no Case Status stage or mapping matches

/** Only generated, linked cases (the demo seed keeps deliberate differences of its own). */
async function clearCases(env) {
	const cp = await env.state('casepeer');
	await env.putState('casepeer', { ...cp, cases: [] });
	const cs = await env.state('case-status');
	await env.putState('case-status', { ...cs, cases: [], messages: [], files: [] });
}

/**
 * N connected cases, `changedRatio` of them changed in CASEpeer since the last sync; `unmappable` more of the
 * unchanged ones moved to a stage nothing maps (they must fail, each with its reason: the permanent failures), and
 * `closedUnmapped` closed on such a stage (they must close all the same: closing writes only the status).
 */
async function setup(env, { cases, changedRatio = 0.01, unmappable = 0, closedUnmapped = 0 }) {
	await clearCases(env);
	const seeded = await env.admin('POST', '/seed/linked', { cases, changedRatio });
	const changed = new Set(seeded.changed);
	const unmappableIds = [];
	for (
		let id = seeded.first_id;
		id <= seeded.last_id && unmappableIds.length < unmappable;
		id += 7
	) {
		if (changed.has(id)) continue;
		await env.admin('PATCH', `/casepeer/cases/${id}`, { stage: UNMAPPABLE_STAGE });
		unmappableIds.push(id);
	}
	const closedIds = [];
	for (
		let id = seeded.first_id + 3;
		id <= seeded.last_id && closedIds.length < closedUnmapped;
		id += 11
	) {
		if (changed.has(id) || unmappableIds.includes(id)) continue;
		await env.admin('PATCH', `/casepeer/cases/${id}`, {
			stage: UNMAPPABLE_STAGE,
			status: 'closed',
		});
		closedIds.push(id);
	}
	return { seeded, changed: seeded.changed.length, unmappableIds, closedIds };
}

async function run(env) {
	const read = await execute({
		node: casePeer,
		credentials: env.credentials,
		parameters: {
			resource: 'case',
			operation: 'getAll',
			returnAll: true,
			filters: { connected: true },
			output: 'canonical',
		},
	});
	assertAlive();
	const sync = await execute({
		node: caseStatus,
		credentials: env.credentials,
		input: read.output.map((i) => ({ json: i.json })),
		parameters: { resource: 'case', operation: 'sync', unmappedStage: 'fail' },
	});
	assertAlive();
	const actions = {};
	const failed = [];
	for (const row of sync.output) {
		actions[row.json.action] = (actions[row.json.action] || 0) + 1;
		if (row.json.action === 'failed')
			failed.push({ record: row.json.integration_id, reason: row.json.reason });
	}
	return { read: read.output.length, actions, failed, rows: sync.output.length };
}

/** The Case Status side of every linked case, without ids and timestamps the runs assign differently. */
async function snapshot(env) {
	const cs = await env.state('case-status');
	const out = {};
	let duplicates = 0;
	for (const c of cs.cases) {
		if (out[c.integration_id]) duplicates++;
		out[c.integration_id] = {
			name: c.name,
			status: c.status,
			stage: c.stage && c.stage.display_name,
			attorney: c.primary_attorney && c.primary_attorney.email,
			clients: (c.clients || []).map((p) => `${p.first_name} ${p.last_name} ${p.cell_phone}`),
			incident_date: c.incident_date,
			closed: Boolean(c.closed_at),
		};
	}
	return { cases: out, counts: { cases: cs.cases.length, duplicates } };
}

module.exports = { setup, run, snapshot, clearCases, UNMAPPABLE_STAGE };
