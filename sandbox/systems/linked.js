'use strict';

// POST /__admin/seed/linked — benchmark data in CASEpeer AND Case Status at once, as if the firm had connected
// N cases and the nightly sync had last run at LAST_SYNC_AT (T):
//   { cases: N, changedRatio = 0, closedRatio = 0, unconnected = 0 }
//   → { created: N, changed: [ids], lastSyncAt: T, first_id, last_id, changes: {stage, closed}, closed, unconnected }
// Every linked pair has the same content (name, number = readable_id, practice area, stage via an exact
// mapping, attorney e-mail, client with the phone as entered in CASEpeer / E.164 in Case Status, status).
// Case Status updated_at = T for all of them; CASEpeer updated_at < T, except exactly round(N × changedRatio)
// cases changed in CASEpeer after T (a stage change, or a close). `unconnected` adds CASEpeer-only importable
// cases (not connected, updated before T). Ids continue after the highest CASEpeer id / Case Status
// integration id. Deterministic for a run seed (the core hands over a derived rng per call).

const { FieldErrors, HttpError } = require('../lib/http');
const { isoFromMs: iso } = require('../lib/time');
const cp = require('./casepeer/seed');

const CASEPEER = 'casepeer';
const CASE_STATUS = 'case-status';
const MINUTE = 60000;
const DAY = 86400000;
const MAX = 1000000;
const floor = Math.floor; // global lookups are slow under jest's vm contexts (lib/rng.js)

function emptyApp() {
	return {
		device_type: null,
		last_opened: null,
		last_used_web_app: null,
		last_used_ios_app: null,
		last_used_android_app: null,
		mobile_os_version: null,
		mobile_app_version: null,
	};
}

function defaultExtra() {
	return {
		deleted_at: null,
		case_manager_ids: [],
		review_sent_at: null,
		target_language: 'en',
		most_recent_nps: null,
		activities_login: 0,
		activities_engagement: 0,
		checklist_items: 0,
		checklist_items_completed: 0,
	};
}

function validate(opts) {
	const errors = new FieldErrors();
	if (!opts || typeof opts !== 'object' || Array.isArray(opts))
		errors.add('body', 'invalid_format', 'The body must be a JSON object.').throwIfAny();
	if (opts.cases === undefined) errors.add('cases', 'required', 'cases is required.');
	cp.checkCount(errors, opts, 'cases', MAX);
	cp.checkCount(errors, opts, 'unconnected', MAX);
	cp.checkRatio(errors, opts, 'changedRatio');
	cp.checkRatio(errors, opts, 'closedRatio');
	errors.throwIfAny('The linked seed options are invalid.');
}

/** Picks exactly k of 0..n-1 (partial Fisher–Yates), returned as a membership mask. */
function sample(rng, n, k) {
	const idx = new Uint32Array(n);
	for (let i = 0; i < n; i++) idx[i] = i;
	const mask = new Uint8Array(n);
	for (let i = 0; i < k; i++) {
		const j = i + floor(rng() * (n - i));
		const t = idx[i];
		idx[i] = idx[j];
		idx[j] = t;
		mask[idx[i]] = 1;
	}
	return mask;
}

/** `states` is the core's state container ({ [system]: state }). */
function generateLinked(states, rng, opts = {}) {
	const cps = states[CASEPEER];
	const css = states[CASE_STATUS];
	if (!cps || !css)
		throw new HttpError(404, 'not_found', 'Linked seeding needs both casepeer and case-status.', {
			resource: 'generator',
			id: 'linked',
		});
	validate(opts);
	const n = opts.cases;
	const changedRatio = opts.changedRatio ?? 0;
	const closedRatio = opts.closedRatio ?? 0;
	const unconnectedCount = opts.unconnected ?? 0;
	const T = cp.LAST_SYNC_AT;
	const isoT = iso(T);

	// Stage pairs (CASEpeer stage → Case Status stage, byte-exact mapping) and attorney pairs (same e-mail).
	const pairs = [];
	let terminal = null;
	for (const s of cps.stages) {
		if (!s.active || !cp.IMPORTABLE_STAGE_NAMES.concat(cp.TERMINAL_STAGE).includes(s.name))
			continue;
		const target = cp.caseStatusStageFor(css.stages, s.name);
		if (!target) continue;
		if (s.name === cp.TERMINAL_STAGE) terminal = { cp: s, cs: target };
		else pairs.push({ cp: s, cs: target });
	}
	const csUsers = new Map(
		css.users
			.filter((u) => u.active && u.role === 'attorney')
			.map((u) => [u.email.toLowerCase(), u]),
	);
	const attorneys = cps.staff
		.filter(
			(s) => s.active && s.role === 'attorney' && s.email && csUsers.has(s.email.toLowerCase()),
		)
		.map((s) => ({ cp: s, cs: csUsers.get(s.email.toLowerCase()) }));
	if (!pairs.length || !attorneys.length || !css.practice_areas.length)
		throw new HttpError(
			422,
			'not_linkable',
			'The current states share no mappable stage, attorney or practice area.',
			{ stages: pairs.length, attorneys: attorneys.length },
		);

	let id = cp.maxCaseId(cps);
	for (const c of css.cases) {
		const x = Number(c.integration_id);
		if (Number.isInteger(x) && x > id) id = x;
	}
	const firstId = id + 1;
	const changedCount = Math.round(n * changedRatio);
	const changedMask = sample(rng, n, changedCount);
	const changes = { stage: [], closed: [] };
	const changed = [];
	let closedCount = 0;

	for (let i = 0; i < n; i++) {
		id++;
		const createdMs = T - rng.int(2 * 24 * 60, 180 * 24 * 60) * MINUTE;
		const connectedMs = createdMs + rng.int(1, 24 * 60) * MINUTE; // ≤ T - 1 day
		const updatedMs = connectedMs + rng.int(0, floor((T - connectedMs) / MINUTE) - 1) * MINUTE;
		const closed = rng() < closedRatio;
		const pair = closed && terminal ? terminal : pairs[rng.int(0, pairs.length - 1)];
		const attorney = attorneys[i % attorneys.length];
		const area = css.practice_areas[i % 7 === 3 && css.practice_areas.length > 1 ? 1 : 0];
		const { record, e164 } = cp.importableCase(
			cps,
			rng,
			id,
			{ created: createdMs, updated: updatedMs },
			{ stage: pair.cp, attorney: attorney.cp, practice_area: area.display_name },
		);
		const csId = css.next_ids.case++;
		record.case_status_connected = true;
		record.case_status_connected_at = iso(connectedMs);
		record.case_status_id = csId;
		record.stage_updated_at = iso(connectedMs);
		if (closed) {
			closedCount++;
			record.status = 'closed';
			record.status_label = 'Closed';
			record.closed_at = iso(updatedMs);
			record.stage_updated_at = iso(updatedMs);
		}
		const client = record.clients[0];
		const csCreatedMs = connectedMs + 2000;
		css.cases.push({
			id: csId,
			integration_id: String(id),
			readable_id: record.number,
			name: record.name,
			status: closed ? 'closed' : 'open',
			practice_area: { id: area.id, display_name: area.display_name },
			stage: { id: pair.cs.id, display_name: pair.cs.display_name },
			primary_attorney: {
				id: attorney.cs.id,
				email: attorney.cs.email,
				first_name: attorney.cs.first_name,
				last_name: attorney.cs.last_name,
			},
			attorneys: [],
			clients: [
				{
					id: css.next_ids.client++,
					first_name: client.first_name,
					last_name: client.last_name,
					company_name: null,
					cell_phone: e164,
					email: client.email,
					birth_date: client.birth_date,
					app: emptyApp(),
				},
			],
			incident_date: record.incident_date,
			description: null,
			created_at: iso(csCreatedMs),
			updated_at: isoT,
			closed_at: closed ? record.closed_at : null,
			activated_at: iso(csCreatedMs + 30 * MINUTE),
			extra: defaultExtra(),
		});

		cps.cases.push(record);
		if (!changedMask[i]) continue;
		// Changed in CASEpeer after T: closed (30% of the open ones), otherwise moved to another stage.
		const at = iso(T + rng.int(1, 20 * 3600) * 1000);
		const others = pairs.filter((p) => p.cs.id !== pair.cs.id);
		const close = !closed && (rng() < 0.3 || !others.length);
		if (!close && !others.length) continue; // degenerate firm: one stage and already closed
		if (close) {
			record.status = 'closed';
			record.status_label = 'Closed';
			record.closed_at = at;
			changes.closed.push(id);
		} else {
			const next = others[rng.int(0, others.length - 1)];
			record.stage = { id: next.cp.id, name: next.cp.name };
			record.stage_updated_at = at;
			changes.stage.push(id);
		}
		record.updated_at = at;
		changed.push(id);
	}

	const unconnected = [];
	for (let k = 0; k < unconnectedCount; k++) {
		id++;
		const createdMs = T - rng.int(1 * 24 * 60, 60 * 24 * 60) * MINUTE;
		const updatedMs = Math.min(T - MINUTE, createdMs + rng.int(0, 3 * 24 * 60) * MINUTE);
		const area = css.practice_areas[0];
		const { record } = cp.importableCase(
			cps,
			rng,
			id,
			{ created: createdMs, updated: updatedMs },
			{
				stage: pairs[rng.int(0, pairs.length - 1)].cp,
				attorney: attorneys[k % attorneys.length].cp,
				practice_area: area.display_name,
			},
		);
		cps.cases.push(record);
		unconnected.push(id);
	}
	cps.next_ids.case = Math.max(cps.next_ids.case || 0, id + 1);

	return {
		created: n,
		changed,
		lastSyncAt: isoT,
		first_id: n ? firstId : null,
		last_id: n ? firstId + n - 1 : null,
		closed: closedCount,
		changes,
		unconnected,
		totals: { casepeer: cps.cases.length, 'case-status': css.cases.length },
	};
}

module.exports = { generateLinked, sample, DAY };
