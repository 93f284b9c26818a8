// The message relay, Case Status → CASEpeer, as workflows/casepeer-case-status-message-relay.json chains it:
// Case Status Trigger (New Message, received, skip API writes; its cursor in workflow static data) → CASEpeer
// Case Note › Create (text prefixed, external reference casestatus:message:<id>, found before it is created).
// The catch-up ("Run now") path: Case Status Message › Get Many (received, last 30 days) → the same Create.
//
// n8n saves a polling trigger's static data when the poll emits, before the workflow runs (n8n 2.40.7
// trigger-execution-context.factory.js, __emit → saveStaticData), so a relay execution that dies after its poll
// has moved the cursor past its messages: the catch-up path is what recovers them.
const { CasePeer } = require('../../../nodes/CasePeer/CasePeer.node.ts');
const { CaseStatus } = require('../../../nodes/CaseStatus/CaseStatus.node.ts');
const { CaseStatusTrigger } = require('../../../nodes/CaseStatus/CaseStatusTrigger.node.ts');
const { execute, poll, assertAlive } = require('../lib/nodes');
const { clearCases } = require('./nightly-sync');

const casePeer = new CasePeer();
const caseStatus = new CaseStatus();
const trigger = new CaseStatusTrigger();
const PREFIX = 'Received message from Case Status: Message from Case Status: ';
const REF = 'casestatus:message:';
const byId = (value) => ({ __rl: true, mode: 'id', value: String(value) });

/** `cases` connected cases on both sides; returns their Case Status ids and integration ids. */
async function setup(env, { cases }) {
	await clearCases(env);
	await env.admin('POST', '/seed/linked', { cases });
	const cs = await env.state('case-status');
	return { cases: cs.cases.map((c) => ({ id: c.id, integrationId: c.integration_id })) };
}

/** A client writes a message in the Case Status app (the sandbox stamps created_at). */
function clientMessage(env, kase, content) {
	return env.admin('POST', '/case-status/messages', { case_id: kase.id, content });
}

/** The static data n8n keeps for the workflow, across executions (and across a crash: saved on emit). */
function newWorkflowState() {
	return { node: {}, global: {} };
}

async function addNotes(env, items) {
	const { output } = await execute({
		node: casePeer,
		credentials: env.credentials,
		input: items.map((i) => ({ json: i.json })),
		parameters: {
			resource: 'caseNote',
			operation: 'create',
			case: (item) => byId(item.json.integration_id),
			text: (item) => `${PREFIX}${item.json.content}`,
			externalRef: (item) => `${REF}${item.json.id}`,
			additionalFields: {},
		},
	});
	return output;
}

/**
 * One relay execution: the poll, and (when it emitted) the notes. The trigger's cursor lives in `staticData`,
 * which the caller keeps between polls. Returns { emitted, notes }.
 */
async function relayOnce(env, staticData) {
	const polled = await poll({
		node: trigger,
		credentials: env.credentials,
		staticData,
		parameters: { event: 'newMessage', messageType: 'received', skipApiWrites: true },
	});
	assertAlive();
	if (!polled.output) return { emitted: 0, notes: [] };
	const notes = await addNotes(env, polled.output);
	assertAlive();
	return { emitted: polled.output.length, notes };
}

/** "Run now": every received message of the last 30 days becomes a note unless it already is one. */
async function catchUp(env) {
	const recent = await execute({
		node: caseStatus,
		credentials: env.credentials,
		parameters: {
			resource: 'message',
			operation: 'getAll',
			returnAll: true,
			filters: {
				type: 'received',
				createdSince: new Date(Date.now() - 30 * 86400000).toISOString(),
			},
		},
	});
	assertAlive();
	if (!recent.output.length) return { listed: 0, notes: [] };
	const notes = await addNotes(env, recent.output);
	assertAlive();
	return { listed: recent.output.length, notes };
}

/** Relayed notes per message id (a count above 1 is a duplicate), and their texts. */
async function snapshot(env) {
	const cp = await env.state('casepeer');
	const cs = await env.state('case-status');
	const notes = {};
	let duplicates = 0;
	for (const n of cp.notes || []) {
		if (!n.external_ref || !n.external_ref.startsWith(REF)) continue;
		const id = n.external_ref.slice(REF.length);
		if (notes[id]) duplicates++;
		notes[id] = { case_id: n.case_id, text: n.text };
	}
	const received = cs.messages.filter((m) => m.type === 'received' && !m.external_ref);
	const lost = received.filter((m) => !notes[m.id]).map((m) => m.id);
	return {
		notes,
		counts: {
			messages: received.length,
			notes: Object.keys(notes).length,
			duplicates,
			lost: lost.length,
		},
	};
}

module.exports = {
	setup,
	clientMessage,
	newWorkflowState,
	relayOnce,
	catchUp,
	snapshot,
	PREFIX,
	REF,
};
