'use strict';

// Eventual consistency: writes the swagger marks 202 are queued (enqueue) and applied after
// settings.processingDelayMs by the appliers below (layouts.js adds its own); each applied write sends its
// webhook events, a failed one the `error` event (docs/api/smokeball.md#asynchronous-writes).

const crypto = require('node:crypto');
const { emit } = require('./webhooks');
const views = require('./views');

/** Queues a write; it is applied after the processing delay (and on the next request after that). */
function enqueue(c, op) {
	const state = c.state;
	const entry = {
		id: crypto.randomUUID(),
		applyAtMs: c.nowMs + state.settings.processingDelayMs,
		requestId: c.requestId,
		op: { ...op, userId: c.userId },
	};
	state.pending.push(entry);
	if (state.settings.processingDelayMs <= 0) applyDue(state, c.nowMs);
	else setTimeout(() => applyDue(state, Date.now()), state.settings.processingDelayMs + 5).unref();
}

function accepted(c, path, id, body) {
	const href = `${c.api}${path}/${id}`;
	return c.send(
		202,
		body === undefined ? { id, href } : body,
		body === undefined ? { Location: href } : {},
	);
}

const liveContact = (state, id) => state.contacts.find((x) => x.id === id && !x.isDeleted);
const findStaff = (state, id) => state.staff.find((s) => s.id === id);
const nowIso = (ms) => new Date(ms).toISOString();

function matterPayload(state, m) {
	return {
		id: m.id,
		externalSystemId: m.externalSystemId,
		number: m.number,
		title: views.matterTitle(state, m),
		matterType: { id: m.matterTypeId, relation: 'matterType' },
		clients: m.clientIds.map((id) => ({ id, relation: 'client' })),
		description: m.description,
		status: m.status,
		isLead: m.isLead,
	};
}

/** Checks the ids a matter write names; returns a message for the `error` webhook, or null. */
function matterRefsProblem(state, m) {
	for (const id of [...m.clientIds, ...m.otherSideIds]) {
		if (!liveContact(state, id))
			return `Contact ${id} does not belong to account ${state.firm.accountId}.`;
	}
	if (m.referrerId && !liveContact(state, m.referrerId))
		return `Referrer ${m.referrerId} does not belong to account ${state.firm.accountId}.`;
	for (const key of [
		'personResponsibleStaffId',
		'personAssistingStaffId',
		'originatingStaffId',
		'supervisorStaffId',
	]) {
		if (m[key] && !findStaff(state, m[key]))
			return `Staff ${m[key]} does not belong to account ${state.firm.accountId}.`;
	}
	return null;
}

const APPLY = {
	createMatter(state, op, nowMs) {
		const m = { ...op.record, versionMs: nowMs };
		const problem = matterRefsProblem(state, m);
		if (problem) return { error: problem, resourceName: 'matter', resourceId: m.id };
		state.matters.push(m);
		return { events: [['matter.created', matterPayload(state, m)]] };
	},
	updateMatter(state, op, nowMs) {
		const m = state.matters.find((x) => x.id === op.id);
		if (!m)
			return { error: `Matter ${op.id} was not found.`, resourceName: 'matter', resourceId: op.id };
		const next = { ...m, ...op.changes, versionMs: nowMs };
		const problem = matterRefsProblem(state, next);
		if (problem) return { error: problem, resourceName: 'matter', resourceId: m.id };
		const wasClosed = m.status === 'Closed';
		const converted = m.isLead && next.isLead === false;
		Object.assign(m, next);
		const events = [['matter.updated', matterPayload(state, m)]];
		if (!wasClosed && m.status === 'Closed')
			events.push(['matter.closed', matterPayload(state, m)]);
		if (converted) events.push(['matter.converted', matterPayload(state, m)]);
		return { events };
	},
	createContact(state, op, nowMs) {
		const contact = { ...op.record, versionMs: nowMs };
		state.contacts.push(contact);
		return {
			events: [['contact.created', { id: contact.id, externalSystemId: contact.externalSystemId }]],
		};
	},
	updateContact(state, op, nowMs) {
		const contact = state.contacts.find((x) => x.id === op.id);
		if (!contact)
			return {
				error: `Contact ${op.id} was not found.`,
				resourceName: 'contact',
				resourceId: op.id,
			};
		const restored = contact.isDeleted && op.changes.isDeleted === false;
		Object.assign(contact, op.changes, { versionMs: nowMs });
		const payload = { id: contact.id, externalSystemId: contact.externalSystemId };
		return { events: [[restored ? 'contact.restored' : 'contact.updated', payload]] };
	},
	createMemo(state, op, nowMs) {
		const memo = {
			...op.record,
			createdDate: op.record.createdDate || nowIso(nowMs),
			versionMs: nowMs,
		};
		if (memo.createdByUserId && !state.staff.some((s) => s.userId === memo.createdByUserId)) {
			return {
				error: `User ${memo.createdByUserId} is not a user of this firm.`,
				resourceName: 'memo',
				resourceId: memo.id,
			};
		}
		state.memos.push(memo);
		return {
			events: [['memo.created', { id: memo.id, matterId: memo.matterId, title: memo.title }]],
		};
	},
	createFee(state, op, nowMs) {
		const fee = { ...op.record, createdMs: nowMs, versionMs: nowMs };
		if (!fee.staffId) {
			const me = state.staff.find((s) => s.userId === op.userId);
			if (!me) {
				return {
					error: 'StaffId was not provided and no staff member matches the calling user.',
					resourceName: 'fee',
					resourceId: fee.id,
				};
			}
			fee.staffId = me.id;
		} else if (!findStaff(state, fee.staffId)) {
			return {
				error: `Staff ${fee.staffId} does not belong to account ${state.firm.accountId}.`,
				resourceName: 'fee',
				resourceId: fee.id,
			};
		}
		state.fees.push(fee);
		return { events: [['fee.created', { id: fee.id, matterId: fee.matterId }]] };
	},
	createExpense(state, op, nowMs) {
		const expense = { ...op.record, versionMs: nowMs };
		if (!expense.staffId) {
			const owner = state.staff.find((s) => s.userId === op.userId) || state.staff[0];
			expense.staffId = owner.id;
		} else if (!findStaff(state, expense.staffId)) {
			return {
				error: `Staff ${expense.staffId} does not belong to account ${state.firm.accountId}.`,
				resourceName: 'expense',
				resourceId: expense.id,
			};
		}
		state.expenses.push(expense);
		return { events: [['expense.created', { id: expense.id, matterId: expense.matterId }]] };
	},
	sendPortalMessage(state, op, nowMs) {
		state.portalMessages.push({ ...op.record, sentAt: nowIso(nowMs) });
		return { events: [] };
	},
};

/** Lets a module with its own queued writes (layouts.js) add their appliers. */
function registerAppliers(appliers) {
	Object.assign(APPLY, appliers);
}

/** Applies every queued write whose time has come, in order, and sends the events they cause. */
function applyDue(state, nowMs, { all = false } = {}) {
	while (state.pending.length && (all || state.pending[0].applyAtMs <= nowMs)) {
		const entry = state.pending.shift();
		const result = APPLY[entry.op.kind](state, entry.op, Date.now());
		const events = result.error
			? [
					[
						'error',
						{
							message: result.error,
							resourceName: result.resourceName,
							resourceId: result.resourceId,
						},
					],
				]
			: result.events;
		if (result.error) entry.op.failed = result.error;
		for (const [type, payload] of events) {
			emit(state, { type, payload, requestId: entry.requestId, source: 'API' }, Date.now).catch(
				() => undefined,
			);
		}
	}
}

module.exports = { applyDue, enqueue, accepted, nowIso, matterPayload, registerAppliers };
