// The message relay both ways on a messy firm, as workflows/casepeer-case-status-message-relay.json runs it:
//   Case Status → CASEpeer: Case Status Trigger (new client message) → CASEpeer Case Note › Create (errors to their
//   own output); CASEpeer → Case Status: CASEpeer Trigger (new note, category "Client Communication") → Case Status
//   Message › Send (errors to their own output); and the hourly catch-up over the last 24 hours, both ways.
// Permanent per-record failures are mixed in: client messages on cases deleted or merged in CASEpeer (422), notes on
// connected cases that are not in Case Status (404). They are reported per record and never stop the next message.
// A crash right after a trigger emitted loses that batch's run (n8n saved the trigger's position on emit): the
// catch-up must deliver it, each message exactly once.
const { CasePeer } = require('../../nodes/CasePeer/CasePeer.node.ts');
const { CasePeerTrigger } = require('../../nodes/CasePeer/CasePeerTrigger.node.ts');
const { CaseStatus } = require('../../nodes/CaseStatus/CaseStatus.node.ts');
const { CaseStatusTrigger } = require('../../nodes/CaseStatus/CaseStatusTrigger.node.ts');
const { execute, poll, assertAlive, splitErrors, Killed } = require('../bench/lib/nodes');
const relay = require('../bench/pipelines/message-relay');
const noteRelay = require('../bench/pipelines/note-relay');
const { createRng } = require('../../sandbox/lib/rng');

const casePeer = new CasePeer();
const caseStatus = new CaseStatus();
const csTrigger = new CaseStatusTrigger();
const cpTrigger = new CasePeerTrigger();
const CATEGORY = 'Client Communication';
const NOTE_REF = 'casepeer:note:';
const byId = (value) => ({ __rl: true, mode: 'id', value: String(value) });

/** Linked cases; `gone` of them deleted in CASEpeer, `missing` connected in CASEpeer but absent from Case Status. */
async function setup(env, size) {
	const { cases } = await relay.setup(env, { cases: size.cases });
	const gone = cases.slice(0, size.gone);
	for (const c of gone) await env.admin('DELETE', `/casepeer/cases/${c.integrationId}`);
	const missing = cases.slice(size.gone, size.gone + size.missing);
	const cs = await env.state('case-status');
	const missingIds = new Set(missing.map((c) => c.id));
	await env.putState('case-status', {
		...cs,
		cases: cs.cases.filter((c) => !missingIds.has(c.id)),
	});
	const live = cases.slice(size.gone + size.missing);
	const rng = createRng(777);
	const plan = Array.from({ length: size.batches }, () => ({ messages: [], notes: [] }));
	for (let k = 0; k < size.messages; k++) {
		// One client message in nine is on a case CASEpeer refuses writes to.
		const kase = k % 9 === 4 ? gone[k % gone.length] : live[Math.floor(rng() * live.length)];
		plan[k % size.batches].messages.push({
			kase,
			content: `Soak message ${k + 1}: "quotes", émoji ✓`,
		});
	}
	for (let k = 0; k < size.notes; k++) {
		const kase = k % 8 === 5 ? missing[k % missing.length] : live[Math.floor(rng() * live.length)];
		plan[k % size.batches].notes.push({ kase, text: `Soak note ${k + 1} for the client` });
	}
	return { plan };
}

function state() {
	return { cs: { node: {}, global: {} }, cp: { node: {}, global: {} } };
}

/** Case Status messages → notes (errors on their own output): the notes written and the failed records. */
async function addNotes(env, items) {
	if (!items.length) return [];
	const { output } = await execute({
		node: casePeer,
		credentials: env.credentials,
		continueOnFail: true,
		input: items.map((json) => ({ json })),
		parameters: {
			resource: 'caseNote',
			operation: 'create',
			case: (item) => byId(item.json.integration_id),
			text: (item) => `${relay.PREFIX}${item.json.content}`,
			externalRef: (item) => `${relay.REF}${item.json.id}`,
			additionalFields: { categoryId: CATEGORY },
		},
	});
	assertAlive();
	return splitErrors(output).failed.map((f) => ({
		record: `message ${items[f.pairedItem.item].id}`,
		reason: f.json.error,
	}));
}

/** CASEpeer notes → client messages (errors on their own output). Notes the relay wrote are not sent back. */
async function sendToClients(env, notes) {
	const { refused } = await noteRelay.send(env, notes);
	return refused.map((r) => ({ record: `note ${r.note.id}`, reason: r.reason }));
}

/** One poll of each trigger and the run it starts. */
async function relayOnce(env, memory) {
	const fromCs = await poll({
		node: csTrigger,
		credentials: env.credentials,
		staticData: memory.cs,
		parameters: { event: 'newMessage', messageType: 'received', skipApiWrites: true },
	});
	assertAlive();
	const fromCp = await poll({
		node: cpTrigger,
		credentials: env.credentials,
		staticData: memory.cp,
		parameters: {
			event: 'newCaseNote',
			onlyConnected: true,
			noteCategories: [CATEGORY],
			noteOutput: 'raw',
		},
	});
	assertAlive();
	return [
		...(await addNotes(
			env,
			(fromCs.output || []).map((i) => i.json),
		)),
		...(await sendToClients(
			env,
			(fromCp.output || []).map((i) => i.json),
		)),
	];
}

/** The hourly catch-up, both ways, over the last 24 hours. */
async function catchUp(env) {
	const since = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
	const messages = await execute({
		node: caseStatus,
		credentials: env.credentials,
		parameters: {
			resource: 'message',
			operation: 'getAll',
			returnAll: true,
			filters: { type: 'received', createdSince: since },
		},
	});
	assertAlive();
	const failed = await addNotes(
		env,
		messages.output.map((i) => i.json).filter((m) => !m.external_ref),
	);
	const cases = await execute({
		node: casePeer,
		credentials: env.credentials,
		parameters: {
			resource: 'case',
			operation: 'getAll',
			returnAll: true,
			filters: { connected: true },
			output: 'simplified',
		},
	});
	assertAlive();
	const notes = await execute({
		node: casePeer,
		credentials: env.credentials,
		continueOnFail: true,
		input: cases.output.map((i) => ({ json: i.json })),
		parameters: {
			resource: 'caseNote',
			operation: 'getAll',
			case: (item) => byId(item.json.id),
			returnAll: true,
			filters: { updatedSince: since, categoryId: CATEGORY },
		},
	});
	assertAlive();
	failed.push(
		...(await sendToClients(
			env,
			splitErrors(notes.output).ok.map((i) => i.json),
		)),
	);
	return failed;
}

const unique = (failed) => [...new Map(failed.map((f) => [f.record, f])).values()];

module.exports = {
	setup,
	async run(env, ctx) {
		if (!ctx.relay) {
			ctx.relay = { memory: state(), next: 0, created: new Set(), failed: [] };
			await relayOnce(env, ctx.relay.memory); // activation: both triggers set their position
		}
		const r = ctx.relay;
		r.failed = [];
		while (r.next < ctx.plan.length) {
			const b = r.next;
			if (!r.created.has(b)) {
				for (const m of ctx.plan[b].messages) await relay.clientMessage(env, m.kase, m.content);
				for (const n of ctx.plan[b].notes)
					await env.admin('POST', `/casepeer/cases/${n.kase.integrationId}/notes`, {
						text: n.text,
						category_id: 'ncat_2',
					});
				r.created.add(b);
			}
			r.next = b + 1; // the polls below emit (and n8n saves their position) before anything can fail after them
			r.failed.push(...(await relayOnce(env, r.memory)));
		}
		return { failed: unique(r.failed) };
	},
	/** What happens next: the triggers go on, and the hourly catch-up relays whatever a failed or killed run left. */
	async rerun(env, ctx) {
		await this.run(env, ctx).catch((e) => {
			if (e instanceof Killed) throw e;
		});
		const before = await snapshot(env);
		const failed = await catchUp(env);
		const after = await snapshot(env);
		ctx.caughtUp = (ctx.caughtUp || 0) + (after.counts.copies - before.counts.copies);
		return { failed: unique(failed) };
	},
	snapshot,
};

/**
 * Every deliverable message and note copied once; the undeliverable ones (refused for good) not at all. Keyed by the
 * original's text (each is unique), since ids are handed out in a different order when a run dies part way.
 */
async function snapshot(env) {
	const cp = await env.state('casepeer');
	const cs = await env.state('case-status');
	const gone = new Set(
		cp.cases
			.filter((c) => c.extra && (c.extra.deleted_at || c.extra.merged_into_id))
			.map((c) => String(c.id)),
	);
	const inCs = new Set(cs.cases.map((c) => c.integration_id));
	const csCase = new Map(cs.cases.map((c) => [c.id, c.integration_id]));
	const copies = {};
	let duplicates = 0;
	const count = (key, caseId) => {
		if (copies[key]) duplicates++;
		copies[key] = String(caseId);
	};
	for (const n of cp.notes)
		if ((n.external_ref || '').startsWith(relay.REF))
			count(`message: ${n.text.slice(relay.PREFIX.length)}`, n.case_id);
	for (const m of cs.messages)
		if ((m.external_ref || '').startsWith(NOTE_REF))
			count(`note: ${m.content}`, csCase.get(m.case_id));
	let lost = 0;
	for (const m of cs.messages)
		if (
			m.type === 'received' &&
			!m.external_ref &&
			!gone.has(csCase.get(m.case_id)) &&
			!copies[`message: ${m.content}`]
		)
			lost++;
	for (const n of cp.notes)
		if (n.text.startsWith('Soak note') && inCs.has(String(n.case_id)) && !copies[`note: ${n.text}`])
			lost++;
	return { copies, counts: { copies: Object.keys(copies).length, duplicates, lost } };
}
