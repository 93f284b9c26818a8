'use strict';

// The "messy" profile of the CASEpeer ↔ Case Status demo firm: what a real firm lives with, added on top of the
// seed (opt-in, so the seed's own facts stay as they are). Each side adds its half, from the same plan:
//   POST /__admin/casepeer/messy      the CASEpeer cases, notes
//   POST /__admin/case-status/messy   the Case Status cases, client messages
// Call both (CASEpeer first). Connected cases were last synced at LAST_SYNC_AT; their CASEpeer edits come after it.
// Notes and messages are stamped "now", so the relay's catch-up window holds them.

const { isoFromMs: iso } = require('../../lib/time');
const { LAST_SYNC_AT } = require('./seed');

const HOUR = 3600000;
const after = (hours) => iso(LAST_SYNC_AT + hours * HOUR);
const before = (days) => iso(LAST_SYNC_AT - days * 24 * HOUR);
const FIRST_CS_ID = 5101;

// Connected cases: in CASEpeer and (except noCaseStatus) in Case Status. `cs` is what Case Status holds.
const CONNECTED = {
	closedUnmapped: {
		id: 28101,
		cp: { status: 'closed', stage: 'Referred Out' },
		cs: { stage: 'Investigation' },
	},
	closedInactiveAttorney: {
		id: 28102,
		cp: { status: 'closed', stage: 'Settled', attorney: 'pwhite@firm.com' },
		cs: { stage: 'Settlement', attorney: 'pwhite@firm.com' },
	},
	stageChangedInactiveAttorney: {
		id: 28103,
		cp: { stage: 'Demand Sent', attorney: 'pwhite@firm.com' },
		cs: { stage: 'Treatment Complete', attorney: 'pwhite@firm.com' },
	},
	attorneyNowParalegal: { id: 28104, cp: { attorney: 'sng@firm.com' }, cs: {} },
	openUnmapped: { id: 28105, cp: { stage: 'Referred Out' }, cs: { stage: 'Intake' } },
	labelledPhone: {
		id: 28106,
		cp: { phone: 'Home: (917) 672-1535' },
		cs: { phone: '+19176721535' },
	},
	reopenedInactiveAttorney: {
		id: 28107,
		cp: { attorney: 'pwhite@firm.com' },
		cs: { status: 'closed', attorney: 'pwhite@firm.com' },
	},
	noCaseNumber: { id: 28108, cp: { number: null }, cs: { readable_id: '2025-0901' } },
	deleted: { id: 28109, cp: { deleted: true }, cs: {} },
	merged: { id: 28110, cp: { mergedInto: 28111 }, cs: {} },
	mergeTarget: { id: 28111, cp: {}, cs: {} },
	noCaseStatus: { id: 28112, cp: {}, cs: null },
};

// Not connected (CASEpeer only, unless inCaseStatus): what a bulk import meets.
const UNCONNECTED = {
	deleted: { id: 28121, cp: { deleted: true } },
	merged: { id: 28122, cp: { mergedInto: 28111 } },
	officePhone: { id: 28123, cp: { phone: 'Office 602.921.5371' } },
	extension: { id: 28124, cp: { phone: '(786) 203-2403 ext. 231' } },
	londonLandline: { id: 28125, cp: { phone: '+44 20 7946 0958' } },
	closed: { id: 28126, cp: { status: 'closed' } },
	noCaseNumber: { id: 28127, cp: { number: null } },
	alreadyInCaseStatus: { id: 28128, cp: { attorney: 'gellis@firm.com' }, inCaseStatus: true },
	inactiveAttorney: { id: 28129, cp: { attorney: 'pwhite@firm.com' } },
	importable: { id: 28130, cp: {} },
};

const CLIENTS = [
	['Rosa', 'Delgado', '(917) 555-0142'],
	['Terrence', 'Holt', '646.555.0178'],
	['Mei', 'Tanaka', '212-555-0133'],
	['Samuel', 'Okoye', '(718) 555-0190'],
];
const e164 = (typed) => `+1${typed.replace(/\D/g, '')}`;

function plan() {
	const rows = [];
	let k = 0;
	for (const [key, c] of Object.entries(CONNECTED))
		rows.push({ key, connected: true, ...c, k: k++ });
	for (const [key, c] of Object.entries(UNCONNECTED))
		rows.push({ key, connected: false, ...c, k: k++ });
	return rows;
}

function caseName(row) {
	const [first, last] = CLIENTS[row.k % CLIENTS.length];
	return { first, last, name: `${last} v. Messy Firm Test ${row.id}` };
}

/** The CASEpeer half: cases (some gone), and two client-communication notes written now. */
function messyCasePeer(state, now) {
	const { caseRecord, staffSummary } = require('./seed');
	const staff = (email) => state.staff.find((s) => s.email === email);
	const stage = (name) => {
		const s = state.stages.find((x) => x.name === name);
		return { id: s.id, name: s.name };
	};
	const at = now();
	for (const row of plan()) {
		if (state.cases.some((c) => c.id === row.id)) continue;
		const { first, last, name } = caseName(row);
		const cp = row.cp;
		const closed = cp.status === 'closed';
		const changed = after(2 + row.k);
		const record = caseRecord({
			id: row.id,
			number: cp.number === null ? null : `2025-${String(row.id).slice(1)}`,
			name,
			practice_area: 'Personal Injury',
			case_type: 'Auto Accident',
			stage: stage(cp.stage || 'Treatment'),
			stage_updated_at: cp.stage ? changed : before(30),
			status: closed ? 'closed' : 'open',
			status_label: closed ? 'Closed' : 'Open',
			incident_date: '2025-03-02',
			primary_attorney: staffSummary(staff(cp.attorney || 'mkhan@firm.com')),
			staff: [],
			clients: [
				{
					id: `cl_${state.next_ids.client++}`,
					first_name: first,
					last_name: last,
					company_name: null,
					cell_phone: cp.phone || CLIENTS[row.k % CLIENTS.length][2],
					email: null,
					birth_date: null,
					is_primary: true,
				},
			],
			case_status_connected: row.connected,
			case_status_connected_at: row.connected ? before(40) : null,
			case_status_id: row.connected && row.cs !== null ? FIRST_CS_ID + row.k : null,
			created_at: before(60),
			updated_at: Object.keys(cp).length ? changed : before(20),
			closed_at: closed ? changed : null,
			extra: { deleted_at: cp.deleted ? changed : null, merged_into_id: cp.mergedInto ?? null },
		});
		state.cases.push(record);
	}
	state.next_ids.case = Math.max(state.next_ids.case, 28131);
	const note = (caseId, text) => {
		const n = {
			id: `n_${state.next_ids.note++}`,
			case_id: caseId,
			text,
			category_id: 'ncat_2',
			is_critical: false,
			external_ref: null,
			author: { id: 'stf_2', name: 'Mira Khan' },
			created_at: at,
			updated_at: at,
		};
		state.notes.push(n);
		return n.id;
	};
	return {
		notes: {
			onCaseNotInCaseStatus: note(
				CONNECTED.noCaseStatus.id,
				'Your deposition is set for Tuesday at 10 AM.',
			),
			onGoodCase: note(
				CONNECTED.mergeTarget.id,
				'We received the adjuster’s offer; let’s talk tomorrow.',
			),
		},
	};
}

/**
 * The Case Status half: the connected cases as the last sync left them, and three client messages written now.
 * `emptyApp` and `defaultExtra` are the Case Status module's record defaults.
 */
function messyCaseStatus(state, now, { emptyApp, defaultExtra }) {
	const user = (email) => state.users.find((u) => u.email === email);
	const stage = (name) => {
		const s = state.stages.find((x) => x.display_name === name);
		return { id: s.id, display_name: s.display_name };
	};
	const area = state.practice_areas.find((p) => p.display_name === 'Personal Injury');
	const rows = plan().filter((r) => (r.connected && r.cs !== null) || r.inCaseStatus);
	for (const row of rows) {
		if (state.cases.some((c) => c.integration_id === String(row.id))) continue;
		const cs = row.cs || {};
		const { first, last, name } = caseName(row);
		const attorney = user(cs.attorney || 'mkhan@firm.com');
		const closed = cs.status === 'closed';
		state.cases.push({
			id: FIRST_CS_ID + row.k,
			integration_id: String(row.id),
			readable_id: cs.readable_id || `2025-${String(row.id).slice(1)}`,
			name,
			status: closed ? 'closed' : 'open',
			practice_area: { id: area.id, display_name: area.display_name },
			stage: stage(cs.stage || 'Treatment'),
			primary_attorney: {
				id: attorney.id,
				email: attorney.email,
				first_name: attorney.first_name,
				last_name: attorney.last_name,
			},
			attorneys: [],
			clients: [
				{
					id: state.next_ids.client++,
					first_name: first,
					last_name: last,
					company_name: null,
					cell_phone: cs.phone || e164(CLIENTS[row.k % CLIENTS.length][2]),
					email: null,
					birth_date: null,
					app: emptyApp(),
				},
			],
			incident_date: '2025-03-02',
			description: null,
			created_at: before(40),
			updated_at: before(1),
			closed_at: closed ? before(5) : null,
			activated_at: before(40),
			extra: defaultExtra(),
		});
	}
	state.next_ids.case = Math.max(state.next_ids.case, FIRST_CS_ID + plan().length);
	const at = now();
	const message = (caseId, content) => {
		const c = state.cases.find((x) => x.integration_id === String(caseId));
		const m = {
			id: state.next_ids.message++,
			type: 'received',
			content,
			sent_at: at,
			created_at: at,
			case_id: c.id,
			sender_name: `${c.clients[0].first_name} ${c.clients[0].last_name}`,
			sender_email: null,
			external_ref: null,
		};
		state.messages.push(m);
		return m.id;
	};
	return {
		messages: {
			onDeletedCase: message(CONNECTED.deleted.id, 'Did you get my photos of the car?'),
			onMergedCase: message(CONNECTED.merged.id, 'Is there any news on my claim?'),
			onGoodCase: message(CONNECTED.mergeTarget.id, 'Thank you, tomorrow at 3 works for me.'),
		},
	};
}

const ids = (group) => Object.fromEntries(Object.entries(group).map(([k, v]) => [k, v.id]));

/** Which case is which, for tests. */
const MESSY_FACTS = Object.freeze({
	connected: ids(CONNECTED),
	unconnected: ids(UNCONNECTED),
	/** Connected cases a nightly sync reads (deleted and merged ones are gone from CASEpeer's list). */
	syncedIds: Object.values(CONNECTED)
		.filter((c) => !c.cp.deleted && !c.cp.mergedInto)
		.map((c) => c.id),
	inactiveAttorneyEmail: 'pwhite@firm.com',
	labelledPhone: CONNECTED.labelledPhone.cp.phone,
});

module.exports = { messyCasePeer, messyCaseStatus, MESSY_FACTS };
