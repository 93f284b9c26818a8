// The message relay, CASEpeer → Case Status, as workflows/casepeer-case-status-message-relay.json chains it:
// CASEpeer Trigger (New Case Note, connected cases, category "Client Communication", output Raw; its sweep memory in
// workflow static data) → "For the client, not relayed" (notes the relay wrote are not sent back) → Case Status
// Message › Send as the primary attorney, external reference casepeer:note:<id> (found before it is sent; a refusal
// is the item's error, the next items go on).
const { CasePeerTrigger } = require('../../../nodes/CasePeer/CasePeerTrigger.node.ts');
const { CaseStatus } = require('../../../nodes/CaseStatus/CaseStatus.node.ts');
const { execute, poll, assertAlive, splitErrors } = require('../lib/nodes');

const trigger = new CasePeerTrigger();
const caseStatus = new CaseStatus();
const CATEGORY = 'Client Communication';
const CATEGORY_ID = 'ncat_2'; // the sandbox firm's id for it (the template picks it by name)
const REF = 'casepeer:note:';

/** The trigger as the template sets it: every minute, connected cases, the client category. */
function triggerParameters({ interval = 60, share } = {}) {
	return {
		event: 'newCaseNote',
		onlyConnected: true,
		noteCategories: [CATEGORY],
		noteOutput: 'raw',
		pollTimes: {
			item: [
				interval === 60
					? { mode: 'everyMinute' }
					: { mode: 'everyX', value: interval / 60, unit: 'minutes' },
			],
		},
		...(share ? { options: { rateLimitShare: share } } : {}),
	};
}

/** A staff member writes a note for the client in CASEpeer (the sandbox stamps created_at). */
function staffNote(env, caseId, text) {
	return env.admin('POST', `/casepeer/cases/${caseId}/notes`, { text, category_id: CATEGORY_ID });
}

/** One poll of the trigger; `staticData` is the workflow's, kept between polls. */
async function pollOnce(env, staticData, options) {
	const polled = await poll({
		node: trigger,
		credentials: env.credentials,
		staticData,
		parameters: triggerParameters(options),
	});
	assertAlive();
	return (polled.output || []).map((i) => i.json);
}

/** The run a poll starts: each note for the client sent once; returns the sent messages and the refusals. */
async function send(env, notes) {
	const items = notes.filter((n) => !String(n.external_ref ?? '').startsWith('casestatus:'));
	if (!items.length) return { sent: [], refused: [] };
	const { output } = await execute({
		node: caseStatus,
		credentials: env.credentials,
		continueOnFail: true,
		input: items.map((json) => ({ json })),
		parameters: {
			resource: 'message',
			operation: 'send',
			case: (item) => ({ __rl: true, mode: 'integrationId', value: String(item.json.case_id) }),
			content: (item) => item.json.text,
			sendAs: 'primary',
			externalRef: (item) => `${REF}${item.json.id}`,
		},
	});
	assertAlive();
	const { ok, failed } = splitErrors(output);
	return {
		sent: ok.map((o) => ({ note: items[o.pairedItem.item], message: o.json })),
		refused: failed.map((f) => ({ note: items[f.pairedItem.item], reason: f.json.error })),
	};
}

/** Relayed messages per note id (a count above 1 is a duplicate). */
async function snapshot(env) {
	const cs = await env.state('case-status');
	const messages = new Map();
	let duplicates = 0;
	for (const m of cs.messages) {
		if (!String(m.external_ref ?? '').startsWith(REF)) continue;
		const id = m.external_ref.slice(REF.length);
		if (messages.has(id)) duplicates++;
		messages.set(id, m);
	}
	return { messages, duplicates };
}

module.exports = { triggerParameters, staffNote, pollOnce, send, snapshot, REF };
