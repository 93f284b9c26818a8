'use strict';

// The DPS One Office part of the messy firm (../messy-firm.js): POST /__admin/dps-one-office/messy-firm adds the
// returning client George Brown and his estate agent as One Office users enter them by hand: no external reference.

const { MESSY_FACTS: M, hoursAgo } = require('../messy-firm');
const { clientRecord, contactRecord, sequencesFrom } = require('./seed');

function addMess(state, nowMs) {
	if (!state.clients.some((c) => c.client_ref === M.george.dpsClientRef)) {
		state.clients.push(
			clientRecord({
				client_ref: M.george.dpsClientRef,
				type: 'person',
				title: M.george.title,
				first_name: M.george.first_name,
				last_name: M.george.last_name,
				address: M.george.address,
				mobile: M.george.mobile,
				created_at: hoursAgo(nowMs, 24 * 400),
			}),
		);
	}
	if (!state.contacts.some((c) => c.contact_id === M.agent.dpsContactId)) {
		state.contacts.push(
			contactRecord({
				contact_id: M.agent.dpsContactId,
				contact_type: 'EA',
				type: 'organisation',
				organisation_name: M.agent.company_name,
				address: M.agent.address,
				phone: M.agent.phone,
				created_at: hoursAgo(nowMs, 24 * 300),
			}),
		);
	}
	// Refs made next must not clash with the two entered by hand.
	const taken = sequencesFrom(state.clients, state.matters, state.contacts);
	for (const [prefix, n] of Object.entries(taken.client))
		state.sequences.client[prefix] = Math.max(state.sequences.client[prefix] || 0, n);
	state.sequences.contact = Math.max(state.sequences.contact, taken.contact);
	return M;
}

function adminMessyFirm({ state, now, send }) {
	return send(200, addMess(state, Date.parse(now())));
}

module.exports = { addMess, adminMessyFirm };
