'use strict';

// Deterministic CASEpeer seed. CASEpeer is where the Case Status demo cases came from, so the seed is built FROM
// the Case Status seed of the same run (same derived seed, same generator) and can never drift from it:
//   - cases 27891–27915 are the 25 Case Status cases (same names, practice areas, clients, attorney, number =
//     readable_id), connected, case_status_id = the Case Status internal id; phones are stored as entered;
//   - a few deliberate divergences after the last nightly sync (LAST_SYNC_AT), so a sync has work to do;
//   - cases 27916–27925 are not connected (not in Case Status): importable ones and one of each import blocker.
// The structure (which ids are what) is fixed and exported as SEED_FACTS; the seed number only varies names,
// phones, formats, text and timestamps, exactly like the Case Status seed.

const { FieldErrors } = require('../../lib/http');
const { createRng, deriveSeed } = require('../../lib/rng');
const { sha256Hex } = require('../../lib/files');
const { isoFromMs } = require('../../lib/time');
const caseStatusSeed = require('../case-status/seed');

const DEMO_KEY = 'cp_demo_8b2e61d94a07';
const CANARY_KEY = 'cp_canary_5e6f7a8b9c0d';
const CASE_STATUS_SYSTEM = 'case-status'; // the core derives each system's seed from its name (server.js reset)

const CS = caseStatusSeed.SEED_FACTS;
const FIRST_CASE_ID = Number(CS.firstIntegrationId); // 27891: the id in the help article's case URL
const CONNECTED_COUNT = CS.caseCount; // 25
const UNCONNECTED_COUNT = 10;
const FIRST_UNCONNECTED_ID = FIRST_CASE_ID + CONNECTED_COUNT; // 27916
const FIRST_READABLE_NUMBER = Number(CS.firstReadableId.slice(5)); // "2025-0412" → 412
const FIRM_HOST = 'leadcheck.casepeer.com';
const FIRST_NOTE_NUMBER = 88401;
const FIRST_DOCUMENT_NUMBER = 5516;

const DAY = 86400000;
const HOUR = 3600000;
const MINUTE = 60000;
const SEED_START = Date.UTC(2025, 0, 1);
const SEED_END = Date.parse(CS.seedWindow.to);
// The last nightly sync: 9:00 PM EDT on 30 June 2025. Every Case Status seed timestamp is before it; the
// divergent CASEpeer edits are after it.
const LAST_SYNC_AT = Date.UTC(2025, 6, 1, 1, 0, 0);

const iso = isoFromMs;
const date = (ms) => iso(ms).slice(0, 10);
const pad4 = (n) => (n < 10 ? `000${n}` : n < 100 ? `00${n}` : n < 1000 ? `0${n}` : `${n}`);

/** Case number as the firm writes it; equals the Case Status readable_id for the linked cases. */
const caseNumber = (id) => `2025-${pad4(FIRST_READABLE_NUMBER + id - FIRST_CASE_ID)}`;

// CASEpeer's own stages (ids stg_<position>). `cs` documents the Case Status stage the name maps to byte-exactly
// (a test checks it against the live Case Status mappings); null = only a normalising matcher would map it, or
// nothing maps it at all.
const STAGES = [
	{ name: 'Sign Up', cs: 'Intake' },
	{ name: 'Investigation', cs: 'Investigation' },
	{ name: 'Pre-Lit  Investigation', cs: null }, // two spaces: near miss of "Pre-Lit Investigation"
	{ name: 'Treatment', cs: 'Treatment' },
	{ name: 'medical treatment', cs: null, practice_area: 'Medical Malpractice' }, // case: near miss of "Medical Treatment"
	{ name: 'Done Treating', cs: 'Treatment Complete' },
	{ name: 'Demand Sent', cs: 'Demand' },
	{ name: 'Negotiations', cs: 'Negotiation' },
	{ name: 'Suit Filed', cs: 'Litigation' },
	{ name: 'Depositions', cs: 'Discovery' },
	{ name: 'Mediation', cs: 'Mediation' },
	{ name: 'Trial Prep', cs: 'Trial' },
	{ name: 'Settled', cs: 'Settlement' },
	{ name: 'Case Closed', cs: 'Closed' },
	{ name: 'Referred Out', cs: null }, // no Case Status stage or mapping at all
	{ name: 'New Lead', cs: 'Intake', active: false }, // retired (renamed "Sign Up"); still maps
];
const NEAR_MISS_STAGES = ['Pre-Lit  Investigation', 'medical treatment'];
const UNMAPPABLE_STAGE = 'Referred Out';
const TERMINAL_STAGE = 'Case Closed';
/** Stages a new open case may be on and still import into Case Status. */
const IMPORTABLE_STAGE_NAMES = STAGES.filter(
	(s) => s.cs && s.name !== TERMINAL_STAGE && s.active !== false,
).map((s) => s.name);

// Staff beyond the Case Status users (those are copied from the Case Status seed, inactive one included).
const EXTRA_STAFF = [
	{
		first_name: 'Grant',
		last_name: 'Ellis',
		email: 'gellis@firm.com',
		role: 'attorney',
		active: true,
	},
	{ first_name: 'Jordan', last_name: 'Blake', email: null, role: 'staff', active: true },
];
const BAD_ATTORNEY_EMAIL = 'gellis@firm.com';
const ROLE_FROM_CASE_STATUS = {
	attorney: 'attorney',
	paralegal: 'paralegal',
	case_manager: 'case_manager',
};

const NOTE_CATEGORIES = [
	{ id: 'ncat_1', name: 'General', active: true, is_default: true },
	{ id: 'ncat_2', name: 'Client Communication', active: true, is_default: false },
	{ id: 'ncat_3', name: 'Critical', active: true, is_default: false },
	{ id: 'ncat_4', name: 'Old Intake Notes', active: false, is_default: false },
];
const FOLDERS = ['Intake', 'Investigation', 'Medical Records', 'Correspondence', 'Settlement'];

// Divergences by Case Status case index (0-based) — after LAST_SYNC_AT. None of them is closed or on hold in
// Case Status, so each has exactly one difference to sync.
const DIVERGE = {
	stageChanged: [2, 9, 16],
	closedInCasepeer: [3],
	phoneChanged: [8],
};
// Unconnected cases by offset from FIRST_UNCONNECTED_ID; the rest are importable.
const UNCONNECTED = { badAttorney: [1], noPhone: [4], badPhone: [6], unmappedStage: [8] };
const BAD_PHONE = '555-0100';
// (updated_at, id) ties for keyset tests: two connected cases and one unconnected case.
const SHARED_UPDATED_AT = { indexes: [5, 6], unconnected: [3], at: '2025-05-20T14:30:00.000Z' };

const CASE_TYPES = {
	'Personal Injury': [
		'Auto Accident',
		'Trucking Accident',
		'Slip and Fall',
		'Pedestrian',
		'Dog Bite',
	],
	'Workers Compensation': ['Workplace Injury', 'Repetitive Strain'],
	'Medical Malpractice': ['Surgical Error', 'Misdiagnosis', 'Birth Injury'],
};
const DEFENDANTS = [
	'Northgate Freight',
	'Lakeshore Apartments LLC',
	'QuickCart Grocery',
	'Redline Rideshare',
	'Bayside Construction',
	'County Transit District',
];
const NOTE_TEXT = [
	'Called client to check on treatment. Next PT appointment is on Thursday.',
	'Requested medical records and billing from {provider}.',
	'Client called about the property damage estimate; told her we will follow up with the adjuster.',
	'Adjuster acknowledged the claim.\nClaim number recorded in the insurance tab.',
	'Reviewed police report: other driver cited for failure to yield.',
	'Client asked for a status update. Explained the current stage and next steps.',
	'Left voicemail for client re: missing wage loss documentation.',
];
const BULK_FIRST_NAMES = [
	'Ava',
	'Noah',
	'Mia',
	'Liam',
	'Zoe',
	'Omar',
	'Ruth',
	'Ivan',
	'Nina',
	'Jose',
	'Leah',
	'Raj',
];
const BULK_LAST_NAMES = [
	'Alvarez',
	'Baker',
	'Cruz',
	'Dunn',
	'Evans',
	'Flores',
	'Gupta',
	'Hayes',
	'Ito',
	'Jones',
];
const PROVIDERS = ['St. Mary Medical Center', 'Riverside Physical Therapy', 'Lakeview Clinic'];

// ---------------------------------------------------------------- phones as entered

/** National 10 digits of a +1 E.164 number. */
const national = (e164) => e164.replace(/^\+1/, '');

/** The same number the way a person typed it into CASEpeer (normalises back to the E.164 value). */
function formatAsEntered(e164, rng) {
	const d = national(e164);
	const a = d.slice(0, 3);
	const b = d.slice(3, 6);
	const c = d.slice(6);
	switch (rng.int(0, 5)) {
		case 0:
			return `(${a}) ${b}-${c}`;
		case 1:
			return `${a}.${b}.${c}`;
		case 2:
			return `${a}-${b}-${c}`;
		case 3:
			return `${a}${b}${c}`;
		case 4:
			return `+1 ${a}-${b}-${c}`;
		default:
			return `1 (${a}) ${b}-${c}`;
	}
}

/** A random +1555 number, as in the Case Status seed. */
const randomE164 = (rng) => `+1555${String(rng.int(0, 9999999)).padStart(7, '0')}`;

// ---------------------------------------------------------------- building blocks

const staffName = (s) => `${s.first_name} ${s.last_name}`;
const staffSummary = (s) => (s ? { id: s.id, name: staffName(s), email: s.email } : null);
const staffOnCase = (s) => ({ id: s.id, name: staffName(s), email: s.email, role: s.role });

function buildStaff(csUsers) {
	const people = [
		...csUsers.map((u) => ({
			first_name: u.first_name,
			last_name: u.last_name,
			email: u.email,
			role: ROLE_FROM_CASE_STATUS[u.role] || 'staff',
			active: u.active,
		})),
		...EXTRA_STAFF,
	];
	return people.map((p, k) => ({ id: `stf_${k + 1}`, ...p }));
}

function buildStages() {
	return STAGES.map((s, k) => ({
		id: `stg_${k + 1}`,
		name: s.name,
		position: k + 1,
		practice_area: s.practice_area ?? null,
		active: s.active !== false,
	}));
}

/** Byte-exact Case Status lookup of a CASEpeer stage name (display_name or integration mapping), or null. */
function caseStatusStageFor(csStages, name) {
	return (
		csStages.find(
			(s) => s.display_name === name || (s.integration_mappings || []).includes(name),
		) || null
	);
}

/** Case Status stage id → the first active CASEpeer stage whose name maps to it exactly. */
function stageIndexByCaseStatusId(cpStages, csStages) {
	const out = new Map();
	for (const stage of cpStages) {
		if (!stage.active) continue;
		const target = caseStatusStageFor(csStages, stage.name);
		if (target && !out.has(target.id)) out.set(target.id, stage);
	}
	return out;
}

const stageRef = (s) => ({ id: s.id, name: s.name });

function clientRecord(id, src, cellPhone, isPrimary) {
	return {
		id,
		first_name: src.first_name ?? null,
		last_name: src.last_name ?? null,
		company_name: src.company_name ?? null,
		cell_phone: cellPhone,
		email: src.email ?? null,
		birth_date: src.birth_date ?? null,
		is_primary: isPrimary,
	};
}

function pickCaseType(rng, practiceArea) {
	return rng.pick(CASE_TYPES[practiceArea] || CASE_TYPES['Personal Injury']);
}

/** Everything a case record holds; `extra` is internal (never in responses). */
function caseRecord(fields) {
	return {
		id: fields.id,
		number: fields.number ?? null,
		name: fields.name,
		practice_area: fields.practice_area ?? null,
		case_type: fields.case_type ?? null,
		stage: fields.stage ?? null,
		stage_updated_at: fields.stage_updated_at ?? null,
		status: fields.status ?? 'open',
		status_label: fields.status_label ?? (fields.status === 'closed' ? 'Closed' : 'Open'),
		incident_date: fields.incident_date ?? null,
		primary_attorney: fields.primary_attorney ?? null,
		staff: fields.staff ?? [],
		clients: fields.clients ?? [],
		case_status_connected: Boolean(fields.case_status_connected),
		case_status_connected_at: fields.case_status_connected_at ?? null,
		case_status_id: fields.case_status_id ?? null,
		created_at: fields.created_at,
		updated_at: fields.updated_at,
		closed_at: fields.closed_at ?? null,
		extra: { deleted_at: null, merged_into_id: null, ...(fields.extra || {}) },
	};
}

function documentRecord(id, caseId, fileName, contentType, bytes, at, extra = {}) {
	return {
		id,
		case_id: caseId,
		file_name: fileName,
		content_type: contentType,
		size_bytes: bytes.length,
		sha256: sha256Hex(bytes),
		folder: extra.folder ?? null,
		description: extra.description ?? null,
		external_ref: extra.external_ref ?? null,
		created_at: at,
		updated_at: at,
		content_base64: bytes.toString('base64'),
	};
}

function documentBytes(rng, contentType, title, number) {
	if (contentType === 'image/jpeg') {
		const body = Buffer.from(Array.from({ length: 64 }, () => rng.int(0, 255)));
		return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), body, Buffer.from([0xff, 0xd9])]);
	}
	if (contentType === 'text/plain')
		return Buffer.from(`${title}\nCASEpeer case ${number}\nEntry ${rng.int(1, 99)}: reviewed.\n`);
	return Buffer.from(
		`%PDF-1.4\n% CASEpeer sandbox document: ${title} (case ${number})\n% ${rng.int(100000, 999999)}\n%%EOF\n`,
	);
}

// ---------------------------------------------------------------- the seed

/**
 * The CASEpeer state for a Case Status state `cs` (the one the same run seeds). `rng` drives only what Case
 * Status does not hold: phone formats, case types, CASEpeer timestamps, unconnected cases, notes, documents.
 */
function fromCaseStatus(cs, rng) {
	const staff = buildStaff(cs.users);
	const staffByEmail = new Map(staff.filter((s) => s.email).map((s) => [s.email.toLowerCase(), s]));
	const staffFor = (email) =>
		email ? staffByEmail.get(String(email).toLowerCase()) || null : null;
	const stages = buildStages();
	const stageByName = new Map(stages.map((s) => [s.name, s]));
	const stageForCs = stageIndexByCaseStatusId(stages, cs.stages);
	const csStageOrder = cs.stages.slice().sort((a, b) => a.position - b.position);
	const usersById = new Map(cs.users.map((u) => [u.id, u]));
	let clientNo = 1;
	const nextClient = () => `cl_${clientNo++}`;

	const cases = cs.cases.map((c, i) => {
		const id = Number(c.integration_id);
		const csCreated = Date.parse(c.created_at);
		const csUpdated = Date.parse(c.updated_at);
		const createdMs = csCreated - rng.int(1, 10) * DAY - rng.int(0, 480) * MINUTE;
		const connectedMs = csCreated - 2000; // "Connect to Case Status" pushes the case at once
		const updatedMs = SHARED_UPDATED_AT.indexes.includes(i)
			? Date.parse(SHARED_UPDATED_AT.at)
			: csUpdated - rng.int(10, 240) * MINUTE; // the last CASEpeer edit, synced after
		const closed = c.status === 'closed';
		const stage = c.stage ? stageForCs.get(c.stage.id) : null;
		const stageChangedMs =
			closed && stage && stage.name === TERMINAL_STAGE
				? updatedMs
				: createdMs + Math.floor((rng() * (updatedMs - createdMs)) / 1000) * 1000;
		const primary = staffFor(c.primary_attorney && c.primary_attorney.email);
		const onCase = (c.attorneys || []).map((a) => staffFor(a.email)).filter(Boolean);
		for (const uid of (c.extra && c.extra.case_manager_ids) || []) {
			const u = usersById.get(uid);
			const s = u && u.role === 'case_manager' && staffFor(u.email);
			if (s && !onCase.includes(s)) onCase.push(s);
		}
		const clients = c.clients.map((cl, k) =>
			clientRecord(
				nextClient(),
				cl,
				i === 0 && k === 0 ? '(555) 201-7788' : formatAsEntered(cl.cell_phone, rng),
				k === 0,
			),
		);
		let statusLabel = closed ? 'Closed' : c.status === 'on_hold' ? 'On Hold' : 'Open';
		if (closed && i % 2 === 0) statusLabel = 'Subbed Out (Closed)';
		if (!closed && c.status === 'open' && i % 7 === 4) statusLabel = 'Referred Accepted Open';
		const practiceArea = c.practice_area ? c.practice_area.display_name : null;
		return caseRecord({
			id,
			number: c.readable_id,
			name: c.name,
			practice_area: practiceArea,
			case_type: i === 0 ? 'Auto Accident' : pickCaseType(rng, practiceArea),
			stage: stage ? stageRef(stage) : null,
			stage_updated_at: stage ? iso(stageChangedMs) : null,
			status: closed ? 'closed' : 'open',
			status_label: statusLabel,
			incident_date: c.incident_date,
			primary_attorney: staffSummary(primary),
			staff: onCase.map(staffOnCase),
			clients,
			case_status_connected: true,
			case_status_connected_at: iso(connectedMs),
			case_status_id: c.id,
			created_at: iso(createdMs),
			updated_at: iso(updatedMs),
			closed_at: closed ? iso(updatedMs) : null,
		});
	});

	// Deliberate divergences: CASEpeer edits after the last sync.
	const afterSync = (hours) => iso(LAST_SYNC_AT + hours * HOUR + rng.int(1, 59) * MINUTE);
	DIVERGE.stageChanged.forEach((i, k) => {
		const c = cases[i];
		const csCase = cs.cases[i];
		const pos = csStageOrder.findIndex((s) => s.id === csCase.stage.id);
		// One stage on; never onto the terminal "Closed" stage (that is a close, not a stage change).
		const target = csStageOrder[pos + 1 < csStageOrder.length - 1 ? pos + 1 : pos - 1];
		const at = afterSync(2 + 3 * k);
		c.stage = stageRef(stageForCs.get(target.id));
		c.stage_updated_at = at;
		c.updated_at = at;
	});
	DIVERGE.closedInCasepeer.forEach((i) => {
		const c = cases[i];
		const at = afterSync(7);
		c.status = 'closed';
		c.status_label = 'Closed';
		c.closed_at = at;
		c.updated_at = at;
	});
	DIVERGE.phoneChanged.forEach((i) => {
		const c = cases[i];
		const old = cs.cases[i].clients[0].cell_phone;
		let fresh = randomE164(rng);
		while (fresh === old) fresh = randomE164(rng);
		const at = afterSync(3);
		c.clients[0].cell_phone = formatAsEntered(fresh, rng);
		c.updated_at = at;
	});

	// Cases the firm has not connected (not in Case Status).
	const attorneys = [staffFor(CS.attorneyEmails[0]), staffFor(CS.attorneyEmails[1])];
	const paralegal = staffFor(CS.paralegalEmail);
	const badAttorney = staffFor(BAD_ATTORNEY_EMAIL);
	const importableStages = IMPORTABLE_STAGE_NAMES.map((n) => stageByName.get(n));
	const areaNames = cs.practice_areas.map((p) => p.display_name);
	for (let k = 0; k < UNCONNECTED_COUNT; k++) {
		const id = FIRST_UNCONNECTED_ID + k;
		const createdMs = Date.UTC(2025, 4, 1, 9) + k * 3 * DAY + rng.int(0, 480) * MINUTE;
		const updatedMs = sharesUpdatedAt(k)
			? Date.parse(SHARED_UPDATED_AT.at)
			: createdMs + rng.int(60, 3 * 24 * 60) * MINUTE;
		const src = caseStatusSeed.makeClient(rng, 0, createdMs);
		let phone = formatAsEntered(src.cell_phone, rng);
		if (UNCONNECTED.noPhone.includes(k)) phone = null;
		if (UNCONNECTED.badPhone.includes(k)) phone = BAD_PHONE;
		const stage = UNCONNECTED.unmappedStage.includes(k)
			? stageByName.get(UNMAPPABLE_STAGE)
			: rng.pick(importableStages.slice(0, 6));
		const attorney = UNCONNECTED.badAttorney.includes(k) ? badAttorney : attorneys[k % 2];
		const practiceArea = areaNames[k % 5 === 2 ? 1 : 0];
		cases.push(
			caseRecord({
				id,
				number: caseNumber(id),
				name:
					practiceArea === 'Workers Compensation'
						? `${src.last_name} - Workers Compensation Claim`
						: `${src.last_name} v. ${rng.pick(DEFENDANTS)}`,
				practice_area: practiceArea,
				case_type: pickCaseType(rng, practiceArea),
				stage: stageRef(stage),
				stage_updated_at: iso(createdMs),
				status: 'open',
				status_label: 'Open',
				incident_date: date(createdMs - rng.int(5, 90) * DAY),
				primary_attorney: staffSummary(attorney),
				staff: k % 3 === 0 ? [staffOnCase(paralegal)] : [],
				clients: [clientRecord(nextClient(), src, phone, true)],
				case_status_connected: false,
				created_at: iso(createdMs),
				updated_at: iso(updatedMs),
			}),
		);
	}
	const caseById = new Map(cases.map((c) => [c.id, c]));

	// Notes (external_ref null: written in CASEpeer). Two share a timestamp for keyset tests.
	const NOTE_PLAN = [
		[FIRST_CASE_ID, 'ncat_2'],
		[FIRST_CASE_ID, 'ncat_1'],
		[FIRST_CASE_ID, 'ncat_3'],
		[FIRST_CASE_ID + 1, 'ncat_1'],
		[FIRST_CASE_ID + 2, 'ncat_2'],
		[FIRST_CASE_ID + 4, 'ncat_1'],
		[FIRST_CASE_ID + 5, 'ncat_2'],
		[FIRST_CASE_ID + 7, 'ncat_1'], // closed case
		[FIRST_CASE_ID + 9, 'ncat_3'],
		[FIRST_CASE_ID + 12, 'ncat_1'],
		[FIRST_UNCONNECTED_ID, 'ncat_2'],
		[FIRST_UNCONNECTED_ID + 5, 'ncat_1'],
	];
	const sharedNoteAt = iso(Date.UTC(2025, 5, 3, 14, 0, 0));
	const notes = NOTE_PLAN.map(([caseId, categoryId], j) => {
		const c = caseById.get(caseId);
		const author = j % 3 === 2 && paralegal ? paralegal : staffFor(c.primary_attorney.email);
		const at =
			j === 1 || j === 2
				? sharedNoteAt
				: iso(Date.UTC(2025, 5, 2, 9) + j * 5 * HOUR + rng.int(0, 59) * MINUTE);
		return {
			id: `n_${FIRST_NOTE_NUMBER + j}`,
			case_id: caseId,
			text: rng.pick(NOTE_TEXT).replace('{provider}', rng.pick(PROVIDERS)),
			category_id: categoryId,
			is_critical: categoryId === 'ncat_3',
			external_ref: null,
			author: { id: author.id, name: staffName(author) },
			created_at: at,
			updated_at: at,
		};
	});

	// Documents. One is the original of the Case Status file that the nightly sync copied (its external_ref
	// there names this id, e.g. casepeer:document:d_5521): same name, bytes and hash.
	const csLinkedFile = cs.files.find((f) => /^casepeer:document:/.test(f.external_ref || ''));
	const DOC_PLAN = [
		[FIRST_CASE_ID, 'Retainer Agreement.pdf', 'application/pdf', 'Intake'],
		[FIRST_CASE_ID, 'Police Report.pdf', 'application/pdf', 'Investigation'],
		[FIRST_CASE_ID + 1, 'Intake Questionnaire.pdf', 'application/pdf', 'Intake'],
		[FIRST_CASE_ID + 5, 'Injury Photo.jpg', 'image/jpeg', null],
		[FIRST_CASE_ID + 7, 'Settlement Statement.pdf', 'application/pdf', 'Settlement'],
		['linked'],
		[FIRST_CASE_ID + 10, 'Treatment Log.txt', 'text/plain', 'Medical Records'],
		[FIRST_UNCONNECTED_ID, 'Accident Scene.jpg', 'image/jpeg', 'Investigation'],
	];
	const documents = DOC_PLAN.map((plan, k) => {
		const id = `d_${FIRST_DOCUMENT_NUMBER + k}`;
		if (plan[0] === 'linked' && csLinkedFile) {
			const csCase = cs.cases.find((c) => c.id === csLinkedFile.case_id);
			const bytes = Buffer.from(csLinkedFile.content_base64, 'base64');
			return documentRecord(
				csLinkedFile.external_ref.slice('casepeer:document:'.length),
				Number(csCase.integration_id),
				csLinkedFile.file_name,
				csLinkedFile.content_type,
				bytes,
				iso(Date.parse(csLinkedFile.created_at) - DAY),
				{ folder: 'Medical Records' },
			);
		}
		const [caseId, fileName, contentType, folder] =
			plan[0] === 'linked' ? [FIRST_CASE_ID, 'Notes.txt', 'text/plain', null] : plan;
		const c = caseById.get(caseId);
		const at = iso(Date.UTC(2025, 5, 4, 10) + k * 6 * HOUR + rng.int(0, 59) * MINUTE);
		return documentRecord(
			id,
			caseId,
			fileName,
			contentType,
			documentBytes(rng, contentType, fileName, c.number),
			at,
			{
				folder,
				description: k % 2 === 0 ? `${fileName.replace(/\.[^.]+$/, '')} for ${c.name}` : null,
			},
		);
	});

	return {
		firm: { name: cs.firm.name, host: FIRM_HOST },
		stages,
		staff,
		note_categories: NOTE_CATEGORIES.map((x) => ({ ...x })),
		folders: FOLDERS.slice(),
		cases,
		notes,
		documents,
		next_ids: {
			case: FIRST_UNCONNECTED_ID + UNCONNECTED_COUNT,
			client: clientNo,
			note: FIRST_NOTE_NUMBER + notes.length,
			document: FIRST_DOCUMENT_NUMBER + documents.length,
		},
	};
}

function sharesUpdatedAt(k) {
	return SHARED_UPDATED_AT.unconnected.includes(k);
}

/**
 * The module seed. ctx.seed is the run seed (the core passes it); the Case Status part is rebuilt from the same
 * derived seed the core gives Case Status, so the two systems always describe the same cases.
 */
function seed(rng, ctx = {}) {
	const cs = caseStatusSeed.seed(createRng(deriveSeed(ctx.seed ?? 1, CASE_STATUS_SYSTEM)));
	return fromCaseStatus(cs, rng);
}

// ---------------------------------------------------------------- bulk generation (CASEpeer only)

function checkRatio(errors, opts, key) {
	if (
		opts[key] !== undefined &&
		!(typeof opts[key] === 'number' && opts[key] >= 0 && opts[key] <= 1)
	)
		errors.add(key, 'out_of_range', `${key} must be 0..1.`);
}

function checkCount(errors, opts, key, max = 1000000) {
	if (
		opts[key] !== undefined &&
		!(Number.isInteger(opts[key]) && opts[key] >= 0 && opts[key] <= max)
	)
		errors.add(key, 'out_of_range', `${key} must be an integer 0..${max}.`);
}

/** Highest numeric case id in a CASEpeer state (0 when empty). */
function maxCaseId(state) {
	let max = 0;
	for (const c of state.cases) if (c.id > max) max = c.id;
	return max;
}

/**
 * A new CASEpeer case that imports cleanly into Case Status (mappable stage, known attorney, valid phone), for
 * bulk generation. `at` = { created, updated } in ms. Returns { record, e164 } (the phone Case Status would hold).
 */
function importableCase(state, rng, id, at, opts = {}) {
	let stage = opts.stage;
	if (!stage) {
		const importable = state.stages.filter(
			(s) => s.active && IMPORTABLE_STAGE_NAMES.includes(s.name),
		);
		stage = importable[rng.int(0, importable.length - 1)];
	}
	const firstName = rng.pick(BULK_FIRST_NAMES);
	const lastName = rng.pick(BULK_LAST_NAMES);
	const e164 = randomE164(rng);
	const birth = rng.chance(0.6)
		? `${rng.int(1950, 2002)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`
		: null;
	const practiceArea = opts.practice_area || 'Personal Injury';
	const createdAt = iso(at.created);
	const record = caseRecord({
		id,
		number: caseNumber(id),
		name: `${lastName} v. ${DEFENDANTS[id % DEFENDANTS.length]}`,
		practice_area: practiceArea,
		case_type: pickCaseType(rng, practiceArea),
		stage: stage ? stageRef(stage) : null,
		stage_updated_at: createdAt,
		status: 'open',
		status_label: 'Open',
		incident_date: date(at.created - rng.int(5, 120) * DAY),
		primary_attorney: staffSummary(opts.attorney),
		staff: [],
		clients: [
			{
				id: `cl_${state.next_ids.client++}`,
				first_name: firstName,
				last_name: lastName,
				company_name: null,
				cell_phone: formatAsEntered(e164, rng),
				email: `${firstName}.${lastName}.${id}@example.com`.toLowerCase(),
				birth_date: birth,
				is_primary: true,
			},
		],
		created_at: createdAt,
		updated_at: iso(at.updated),
	});
	return { record, e164 };
}

/** Active attorneys whose e-mail Case Status knows (so generated cases are importable). */
function linkableAttorneys(state) {
	const known = new Set(CS.attorneyEmails);
	const list = state.staff.filter((s) => s.active && s.role === 'attorney' && known.has(s.email));
	return list.length ? list : state.staff.filter((s) => s.active && s.role === 'attorney');
}

/**
 * POST /__admin/seed/casepeer: { cases: N, connectedRatio = 0, closedRatio = 0.1, notes: M }. CASEpeer only:
 * connected cases here have no Case Status record yet (case_status_id null), which is the "initial bulk import"
 * workload. Ids continue after the highest case id. Timestamps stay inside the seed window (before the last sync).
 */
function generate(state, rng, opts = {}) {
	const errors = new FieldErrors();
	if (!opts || typeof opts !== 'object' || Array.isArray(opts))
		errors.add('body', 'invalid_format', 'The body must be a JSON object.').throwIfAny();
	checkCount(errors, opts, 'cases');
	checkCount(errors, opts, 'notes');
	checkRatio(errors, opts, 'connectedRatio');
	checkRatio(errors, opts, 'closedRatio');
	errors.throwIfAny();
	const caseCount = opts.cases || 0;
	const noteCount = opts.notes || 0;
	const connectedRatio = opts.connectedRatio ?? 0;
	const closedRatio = opts.closedRatio ?? 0.1;
	const attorneys = linkableAttorneys(state);
	const areas = Object.keys(CASE_TYPES);
	let id = Math.max(maxCaseId(state), FIRST_CASE_ID - 1);
	const firstId = id + 1;
	for (let k = 0; k < caseCount; k++) {
		const created = SEED_START + rng.int(0, 150) * DAY + rng.int(0, 1439) * MINUTE;
		const updated = Math.min(SEED_END, created + rng.int(0, 30) * DAY + rng.int(0, 1439) * MINUTE);
		const connected = rng() < connectedRatio;
		const closed = rng() < closedRatio;
		const { record } = importableCase(
			state,
			rng,
			++id,
			{ created, updated },
			{
				attorney: attorneys[k % attorneys.length],
				practice_area: areas[k % 7 === 3 ? 1 : 0],
			},
		);
		if (connected) {
			record.case_status_connected = true;
			record.case_status_connected_at = record.updated_at;
		}
		if (closed) {
			record.status = 'closed';
			record.status_label = 'Closed';
			record.closed_at = record.updated_at;
		}
		state.cases.push(record);
	}
	state.next_ids.case = Math.max(state.next_ids.case || 0, id + 1);

	let lastMs = SEED_END;
	for (const n of state.notes) lastMs = Math.max(lastMs, Date.parse(n.created_at));
	const live = state.cases.filter((c) => !c.extra.deleted_at && !c.extra.merged_into_id);
	const categories = state.note_categories.filter((x) => x.active);
	for (let k = 0; k < noteCount && live.length; k++) {
		const c = live[rng.int(0, live.length - 1)];
		lastMs += rng.int(1, 120) * 1000;
		const at = iso(lastMs);
		const category = categories[rng.int(0, categories.length - 1)];
		state.notes.push({
			id: `n_${state.next_ids.note++}`,
			case_id: c.id,
			text: rng.pick(NOTE_TEXT).replace('{provider}', rng.pick(PROVIDERS)),
			category_id: category.id,
			is_critical: category.name === 'Critical',
			external_ref: null,
			author: c.primary_attorney
				? { id: c.primary_attorney.id, name: c.primary_attorney.name }
				: null,
			created_at: at,
			updated_at: at,
		});
	}
	return {
		added: { cases: caseCount, notes: noteCount },
		first_id: caseCount ? firstId : null,
		last_id: caseCount ? id : null,
		totals: {
			cases: state.cases.length,
			notes: state.notes.length,
			documents: state.documents.length,
		},
	};
}

// ---------------------------------------------------------------- facts

const idsOf = (indexes) => indexes.map((i) => FIRST_CASE_ID + i);
const unconnectedIdsOf = (offsets) => offsets.map((k) => FIRST_UNCONNECTED_ID + k);
const blockerOffsets = Object.values(UNCONNECTED).flat();
const divergentIndexes = Object.values(DIVERGE).flat();
const range = (from, count) => Array.from({ length: count }, (_, k) => from + k);

/** Facts about the seed that hold for every seed number (ids are numbers, CASEpeer case ids). */
const SEED_FACTS = Object.freeze({
	demoKey: DEMO_KEY,
	canaryKey: CANARY_KEY,
	firmHost: FIRM_HOST,
	caseCount: CONNECTED_COUNT + UNCONNECTED_COUNT,
	firstCaseId: FIRST_CASE_ID,
	lastCaseId: FIRST_UNCONNECTED_ID + UNCONNECTED_COUNT - 1,
	connectedIds: range(FIRST_CASE_ID, CONNECTED_COUNT),
	unconnectedIds: range(FIRST_UNCONNECTED_ID, UNCONNECTED_COUNT),
	/** The last nightly sync. Case Status's seed is entirely before it. */
	lastSyncAt: iso(LAST_SYNC_AT),
	/** Connected cases edited in CASEpeer after lastSyncAt (one difference each). */
	divergent: {
		stageChanged: idsOf(DIVERGE.stageChanged),
		closedInCasepeer: idsOf(DIVERGE.closedInCasepeer),
		phoneChanged: idsOf(DIVERGE.phoneChanged),
	},
	/** = GET /v1/cases?updated_since=<lastSyncAt>, ascending by id here (the feed orders by updated_at). */
	changedSinceLastSync: idsOf(divergentIndexes).sort((a, b) => a - b),
	/** Connected cases a sync must report unchanged (closed and on-hold ones included). */
	unchanged: idsOf(range(0, CONNECTED_COUNT).filter((i) => !divergentIndexes.includes(i))),
	/** Closed in both systems. */
	closedIds: CS.closedIntegrationIds.map(Number),
	/** on_hold in Case Status, open (status_label "On Hold") in CASEpeer. */
	onHoldInCaseStatusIds: CS.onHoldIntegrationIds.map(Number),
	unconnected: {
		importable: unconnectedIdsOf(
			range(0, UNCONNECTED_COUNT).filter((k) => !blockerOffsets.includes(k)),
		),
		badAttorney: unconnectedIdsOf(UNCONNECTED.badAttorney),
		noPhone: unconnectedIdsOf(UNCONNECTED.noPhone),
		badPhone: unconnectedIdsOf(UNCONNECTED.badPhone),
		unmappedStage: unconnectedIdsOf(UNCONNECTED.unmappedStage),
	},
	badPhone: BAD_PHONE,
	badAttorneyEmail: BAD_ATTORNEY_EMAIL,
	sharedUpdatedAt: {
		ids: [...idsOf(SHARED_UPDATED_AT.indexes), ...unconnectedIdsOf(SHARED_UPDATED_AT.unconnected)],
		updated_at: SHARED_UPDATED_AT.at,
	},
	firstCase: {
		id: FIRST_CASE_ID,
		number: CS.firstCase.readable_id,
		name: CS.firstCase.name,
		url: `https://${FIRM_HOST}/case/${FIRST_CASE_ID}/`,
		practice_area: CS.firstCase.practice_area,
		case_type: 'Auto Accident',
		stage: { id: 'stg_4', name: 'Treatment' },
		primary_attorney_email: CS.firstCase.primary_attorney_email,
		client: {
			first_name: 'Maria',
			last_name: 'Lopez',
			cell_phone: '(555) 201-7788',
			e164: '+15552017788',
		},
		case_status_id: CS.firstCaseId,
	},
	stageCount: STAGES.length,
	stageNames: STAGES.map((s) => s.name),
	/** CASEpeer stage name → Case Status stage display_name it maps to byte-exactly (null = not mappable). */
	stageMap: Object.fromEntries(STAGES.map((s) => [s.name, s.cs])),
	nearMissStages: NEAR_MISS_STAGES,
	unmappableStage: UNMAPPABLE_STAGE,
	inactiveStage: STAGES.find((s) => s.active === false).name,
	staffCount: CS.userCount + EXTRA_STAFF.length,
	attorneyEmails: CS.attorneyEmails,
	inactiveStaffEmail: CS.inactiveAttorneyEmail,
	/** Staff roles a sync sends to Case Status as additional attorneys. */
	additionalAttorneyRoles: ['attorney', 'paralegal'],
	noteCategoryNames: NOTE_CATEGORIES.map((x) => x.name),
	defaultNoteCategory: { id: 'ncat_1', name: 'General' },
	inactiveNoteCategoryId: 'ncat_4',
	noteCount: 12,
	documentCount: 8,
	firstDocumentId: `d_${FIRST_DOCUMENT_NUMBER}`,
	/** The CASEpeer original of the Case Status file whose external_ref is casepeer:document:<id>. */
	linkedDocumentId: CS.fileExternalRef.slice('casepeer:document:'.length),
	seedWindow: CS.seedWindow,
});

module.exports = {
	seed,
	fromCaseStatus,
	generate,
	importableCase,
	linkableAttorneys,
	caseRecord,
	documentRecord,
	formatAsEntered,
	caseStatusStageFor,
	stageIndexByCaseStatusId,
	maxCaseId,
	caseNumber,
	staffSummary,
	staffName,
	checkCount,
	checkRatio,
	SEED_FACTS,
	DEMO_KEY,
	CANARY_KEY,
	LAST_SYNC_AT,
	IMPORTABLE_STAGE_NAMES,
	TERMINAL_STAGE,
	FIRST_CASE_ID,
	SEED_START,
	SEED_END,
};
