'use strict';

// The Smokeball part of the messy firm (../messy-firm.js): POST /__admin/smokeball/messy-firm adds the matter
// someone opened by hand for Perfect Portal case PP-242932 (External System ID set, filed under another client,
// at the "Searches" stage) and Helen Carter as Smokeball knows her, with her old e-mail.

const { MESSY_FACTS: M } = require('../messy-firm');
const { guid, SEED_FACTS } = require('./seed');

function addMess(state, nowMs) {
	const { matter, helen } = M.smokeball;
	if (!state.contacts.some((c) => c.id === helen.id)) {
		state.contacts.push({
			id: helen.id,
			externalSystemId: null,
			versionMs: nowMs - 90 * 86400000,
			person: {
				title: 'Mrs',
				firstName: helen.firstName,
				lastName: helen.lastName,
				email: helen.email,
				cell: { areaCode: '', number: '07700 900733' },
			},
			company: null,
			isDeleted: false,
			tags: [],
		});
	}
	if (!state.matters.some((m) => m.id === matter.id)) {
		const type = state.matterTypes.find((t) => t.id === SEED_FACTS.matterTypes.purchase);
		const openedMs = nowMs - 3 * 86400000;
		state.matters.push({
			id: matter.id,
			externalSystemId: matter.externalSystemId,
			versionMs: openedMs,
			number: matter.number,
			matterTypeId: type.id,
			clientIds: [SEED_FACTS.contacts.beth.id],
			otherSideIds: [],
			clientRole: type.representativeOptions[0],
			otherSideRole: null,
			description: 'Opened by hand before the Perfect Portal case was sent',
			status: 'Open',
			openedDate: new Date(openedMs).toISOString().replace('.000Z', 'Z'),
			closedDate: null,
			isLead: false,
			leadOpenedDate: null,
			leadClosedDate: null,
			leadClosedReason: null,
			referralType: null,
			referrerId: null,
			personResponsibleStaffId: SEED_FACTS.staff.janeSmith.id,
			personAssistingStaffId: null,
			originatingStaffId: null,
			supervisorStaffId: null,
			clientCode: null,
			tags: [],
		});
		const set = state.stageSets.find((s) => s.id === type.stageSetId);
		state.matterStages.push({
			id: guid(`matterstage:${matter.id}`),
			matterId: matter.id,
			stageSetId: set.id,
			stageId: set.stages.find((s) => s.name === 'Searches').id,
			versionMs: openedMs,
		});
	}
	return M;
}

function adminMessyFirm({ state, now, send }) {
	return send(200, addMess(state, Date.parse(now())));
}

module.exports = { addMess, adminMessyFirm };
