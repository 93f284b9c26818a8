'use strict';

// Deterministic Case Status seed: a small PI firm fed by CASEpeer (integration ids = CASEpeer case ids).
// The structure (counts, ids, which cases are closed / on hold / multi-client) is fixed and exported as SEED_FACTS;
// the seed number only varies names, phones, text and timestamps. So tests read facts instead of guessing.

const crypto = require('node:crypto');
const { FieldErrors } = require('../../lib/http');

const DEMO_KEY = 'cs_demo_4f8a2c71e9b3';
const CANARY_KEY = 'cs_canary_0d1e2f3a4b5c';

const FIRST_CASE_ID = 5001;
const FIRST_CLIENT_ID = 7001;
const FIRST_MESSAGE_ID = 90001;
const FIRST_FILE_ID = 30001;
const FIRST_INTEGRATION_ID = 27891; // the CASEpeer case id used in the help article and the contracts
const FIRST_READABLE_NUMBER = 412; // "2025-0412"
const CASE_COUNT = 25;

const DAY = 86400000;
const HOUR = 3600000;
const MINUTE = 60000;
const SEED_START = Date.UTC(2025, 0, 1, 0, 0, 0);
const SEED_END = Date.UTC(2025, 5, 30, 23, 0, 0);

// Twelve PI stages; mappings are the spellings a CASEpeer firm uses (matched byte-exactly).
const STAGES = [
	['Intake', ['Intake', 'New Lead', 'Sign Up']],
	['Investigation', ['Investigation', 'Pre-Lit Investigation']],
	['Treatment', ['Treatment', 'Medical Treatment']],
	['Treatment Complete', ['Treatment Complete', 'Done Treating', 'Records Request']],
	['Demand', ['Demand', 'Demand Prep', 'Demand Sent']],
	['Negotiation', ['Negotiation', 'Negotiations', 'Offer Received']],
	['Litigation', ['Litigation', 'Suit Filed']],
	['Discovery', ['Discovery', 'Depositions']],
	['Mediation', ['Mediation']],
	['Trial', ['Trial', 'Trial Prep']],
	['Settlement', ['Settlement', 'Settled', 'Disbursement']],
	['Closed', ['Closed', 'Case Closed']],
];

const PRACTICE_AREAS = [
	['Personal Injury', ['Personal Injury', 'PI']],
	['Workers Compensation', ['Workers Compensation', "Workers' Comp", 'WC']],
	['Medical Malpractice', ['Medical Malpractice', 'Med Mal']],
];

const USERS = [
	{
		id: 1001,
		email: 'dreyes@firm.com',
		first_name: 'Dana',
		last_name: 'Reyes',
		role: 'attorney',
		active: true,
	},
	{
		id: 1002,
		email: 'mkhan@firm.com',
		first_name: 'Mira',
		last_name: 'Khan',
		role: 'attorney',
		active: true,
	},
	{
		id: 1003,
		email: 'sng@firm.com',
		first_name: 'Sam',
		last_name: 'Ng',
		role: 'paralegal',
		active: true,
	},
	{
		id: 1004,
		email: 'lortiz@firm.com',
		first_name: 'Luis',
		last_name: 'Ortiz',
		role: 'case_manager',
		active: true,
	},
	{
		id: 1005,
		email: 'pwhite@firm.com',
		first_name: 'Paula',
		last_name: 'White',
		role: 'attorney',
		active: false,
	},
];
const [DANA, MIRA, SAM, LUIS] = USERS;

// Structural choices by case index (0-based), independent of the seed number.
const CLOSED = [7, 15, 22];
const ON_HOLD = [4, 18];
const NOT_ACTIVATED = [23, 24];
const SHARED_UPDATED_AT = { indexes: [5, 6], at: '2025-05-20T15:00:00.000Z' }; // exercises the (updated_at, id) tie-break
const COMPANY_CLIENT_INDEX = 13;
const clientCount = (i) => (i === 11 ? 3 : i % 5 === 1 ? 2 : 1);
const practiceIndex = (i) => (i % 8 === 3 ? 1 : i % 8 === 6 ? 2 : 0);

const MESSAGE_CASES = [0, 1, 2, 3, 4, 5, 6, 8, 9, 10]; // open or on hold when the messages were written
const MESSAGE_COUNT = 30;
const MESSAGE_EXTERNAL_REF = { index: 20, ref: 'casepeer:note:88412' }; // an earlier relay write
const FILE_CASES = [0, 0, 1, 2, 3, 5, 6, 8, 9, 10, 12, 14];
const FILE_EXTERNAL_REF = { index: 3, ref: 'casepeer:document:d_5521' };

const FIRST_NAMES = [
	'James',
	'Olivia',
	'Carlos',
	'Aisha',
	'Wei',
	'Grace',
	'Dmitri',
	'Fatima',
	'Tyler',
	'Priya',
	'Marcus',
	'Elena',
	'Andre',
	'Hannah',
	'Kofi',
	'Lucia',
];
const LAST_NAMES = [
	'Nguyen',
	'Johnson',
	'Garcia',
	'Patel',
	'Williams',
	'Kim',
	'Brown',
	'Martinez',
	'Okafor',
	'Davis',
	'Hernandez',
	'Chen',
	'Wilson',
	'Ramirez',
	'Thompson',
	'Moore',
];
const DEFENDANTS = [
	'Acme Trucking',
	'Metro Transit Authority',
	'Sunrise Logistics',
	'Big Box Stores Inc.',
	'Harbor Freight Lines',
	'City of Riverside',
	'Greenway Rideshare',
	'Summit Property Management',
	'Valley Delivery LLC',
	'Coastal Bus Lines',
];
const HOSPITALS = [
	'St. Mary Medical Center',
	'Riverside General Hospital',
	'Northside Surgical Group',
	'Lakeview Clinic',
];
const SENT_TEXT = [
	'Hi {first}, this is {sender} from the firm. Your case is now in the {stage} stage.',
	'Hi {first}, we received your medical records. Please tell us about any new appointments.',
	'Quick update: we sent the demand package to the insurance carrier today.',
	'Please upload photos of your injuries and any receipts when you can.',
	'Reminder: please keep a journal of your pain levels and missed work days.',
];
const RECEIVED_TEXT = [
	'Thank you! When is my next appointment?',
	'I uploaded the police report this morning.',
	'Can someone call me back about the insurance adjuster?',
	'I had an MRI yesterday, results should come next week.',
	'Is there anything else you need from me?',
];
const FILE_KINDS = [
	['Retainer Agreement.pdf', 'application/pdf'],
	['Police Report.pdf', 'application/pdf'],
	['Injury Photo.jpg', 'image/jpeg'],
	['Medical Records - {last}.pdf', 'application/pdf'],
	['Treatment Notes.txt', 'text/plain'],
	['Insurance Card.png', 'image/png'],
];

const iso = (ms) => new Date(ms).toISOString();
const date = (ms) => iso(ms).slice(0, 10);
const summary = (u) => ({
	id: u.id,
	email: u.email,
	first_name: u.first_name,
	last_name: u.last_name,
});
const integrationId = (i) => String(FIRST_INTEGRATION_ID + i);
const readableId = (i) => `2025-${String(FIRST_READABLE_NUMBER + i).padStart(4, '0')}`;

function phone(rng) {
	return `+1555${String(rng.int(0, 9999999)).padStart(7, '0')}`;
}

/** Engagement data the report shows per client; not part of the API Client object. */
function clientApp(rng, createdMs) {
	const device = rng.pick(['iOS', 'Android', 'Web', null]);
	const opened = device ? iso(Math.min(SEED_END, createdMs + rng.int(1, 60) * DAY)) : null;
	return {
		device_type: device,
		last_opened: opened,
		last_used_web_app: device === 'Web' ? opened : null,
		last_used_ios_app: device === 'iOS' ? opened : null,
		last_used_android_app: device === 'Android' ? opened : null,
		mobile_os_version:
			device === 'iOS'
				? `17.${rng.int(0, 5)}`
				: device === 'Android'
					? `14.${rng.int(0, 2)}`
					: null,
		mobile_app_version:
			device === 'iOS' || device === 'Android' ? `3.${rng.int(0, 9)}.${rng.int(0, 20)}` : null,
	};
}

function makeClient(rng, id, createdMs, opts = {}) {
	const first = opts.first ?? rng.pick(FIRST_NAMES);
	const last = opts.last ?? rng.pick(LAST_NAMES);
	const company = opts.company ?? null;
	return {
		id,
		first_name: company ? null : first,
		last_name: company ? null : last,
		company_name: company,
		cell_phone: opts.cell_phone ?? phone(rng),
		email:
			opts.email !== undefined
				? opts.email
				: rng.chance(0.75)
					? `${first}.${last}@example.com`.toLowerCase()
					: null,
		birth_date: rng.chance(0.6)
			? date(Date.UTC(rng.int(1950, 2002), rng.int(0, 11), rng.int(1, 28)))
			: null,
		app: clientApp(rng, createdMs),
	};
}

function buildCase(rng, i, nextClientId) {
	const createdMs = SEED_START + i * 6 * DAY + rng.int(8 * 60, 17 * 60) * MINUTE;
	let updatedMs = Math.min(SEED_END, createdMs + rng.int(1, 30) * DAY + rng.int(0, 600) * MINUTE);
	if (SHARED_UPDATED_AT.indexes.includes(i)) updatedMs = Date.parse(SHARED_UPDATED_AT.at);
	const status = CLOSED.includes(i) ? 'closed' : ON_HOLD.includes(i) ? 'on_hold' : 'open';
	const pa = PRACTICE_AREAS[practiceIndex(i)];
	const primary = i % 2 === 0 ? DANA : MIRA;
	const additional = [];
	if (i % 3 === 0) additional.push(SAM);
	if (i % 10 === 5) additional.push(primary === DANA ? MIRA : DANA);

	const clients = [];
	for (let c = 0; c < clientCount(i); c++) {
		let opts = {};
		if (i === 0 && c === 0)
			opts = {
				first: 'Maria',
				last: 'Lopez',
				cell_phone: '+15552017788',
				email: 'maria.lopez@example.com',
			};
		if (i === COMPANY_CLIENT_INDEX && c === 0)
			opts = { company: 'Rivera Landscaping LLC', email: 'office@riveralandscaping.example' };
		clients.push(makeClient(rng, nextClientId(), createdMs, opts));
	}
	const lead = clients[0];
	const leadName = lead.company_name || lead.last_name;
	let name;
	if (i === 0) name = 'Lopez v. Acme Trucking';
	else if (pa[0] === 'Workers Compensation') name = `${leadName} - Workers Compensation Claim`;
	else if (pa[0] === 'Medical Malpractice') name = `${leadName} v. ${rng.pick(HOSPITALS)}`;
	else name = `${leadName} v. ${rng.pick(DEFENDANTS)}`;

	let stageIndex = i === 0 ? 2 : rng.int(0, 10);
	if (status === 'closed') stageIndex = i === 7 ? 10 : 11;
	const stage = STAGES[stageIndex];
	const closedAt = status === 'closed' ? iso(updatedMs) : null;
	const checklist = rng.int(0, 8);
	return {
		id: FIRST_CASE_ID + i,
		integration_id: integrationId(i),
		readable_id: readableId(i),
		name,
		status,
		practice_area: { id: 301 + practiceIndex(i), display_name: pa[0] },
		stage: { id: 201 + stageIndex, display_name: stage[0] },
		primary_attorney: summary(primary),
		attorneys: additional.map(summary),
		clients,
		incident_date: i === 0 ? '2025-01-17' : date(createdMs - rng.int(5, 120) * DAY),
		description: rng.chance(0.5) ? `Imported from CASEpeer case ${integrationId(i)}.` : null,
		created_at: iso(createdMs),
		updated_at: iso(updatedMs),
		closed_at: closedAt,
		activated_at: NOT_ACTIVATED.includes(i) ? null : iso(createdMs + 30 * MINUTE),
		// Internal-only report data (never in API Case responses).
		extra: {
			deleted_at: null,
			case_manager_ids: i === 10 ? [LUIS.id, SAM.id] : i % 4 === 2 ? [LUIS.id] : [],
			review_sent_at: closedAt ? iso(updatedMs + DAY) : null,
			target_language: i % 6 === 2 ? 'es' : 'en',
			most_recent_nps: rng.chance(0.7) ? rng.int(5, 10) : null,
			activities_login: rng.int(0, 40),
			activities_engagement: rng.int(0, 25),
			checklist_items: checklist,
			checklist_items_completed: rng.int(0, checklist),
		},
	};
}

function fileBytes(rng, kind, title, readable) {
	if (kind === 'image/jpeg') {
		const body = Buffer.from(Array.from({ length: 96 }, () => rng.int(0, 255)));
		return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), body, Buffer.from([0xff, 0xd9])]);
	}
	if (kind === 'image/png') {
		const body = Buffer.from(Array.from({ length: 80 }, () => rng.int(0, 255)));
		return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), body]);
	}
	if (kind === 'text/plain')
		return Buffer.from(
			`${title}\nCase ${readable}\nVisit ${rng.int(1, 20)}: patient reports improvement.\n`,
		);
	return Buffer.from(
		`%PDF-1.4\n% Sandbox document: ${title} (case ${readable})\n% ${rng.int(100000, 999999)}\n%%EOF\n`,
	);
}

/** Internal File record: API fields + the stored bytes (base64, so the state stays plain JSON). */
function makeFile(id, caseId, fileName, contentType, bytes, createdAt, extra = {}) {
	return {
		id,
		case_id: caseId,
		file_name: fileName,
		content_type: contentType,
		size: bytes.length,
		sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
		external_ref: extra.external_ref ?? null,
		direction: extra.direction ?? 'sent', // sent = firm → client, received = client → firm (report counts)
		created_at: createdAt,
		updated_at: createdAt,
		content_base64: bytes.toString('base64'),
	};
}

const fullName = (p) => (p.company_name ? p.company_name : `${p.first_name} ${p.last_name}`);

/** Fresh state for one run. rng comes from the core (derived from the run seed and the system name). */
function seed(rng) {
	let clientId = FIRST_CLIENT_ID;
	const cases = [];
	for (let i = 0; i < CASE_COUNT; i++) cases.push(buildCase(rng, i, () => clientId++));

	const messages = [];
	const usersByEmail = new Map(USERS.map((u) => [u.email, u]));
	for (let j = 0; j < MESSAGE_COUNT; j++) {
		const c = cases[MESSAGE_CASES[j % MESSAGE_CASES.length]];
		const round = Math.floor(j / MESSAGE_CASES.length);
		const type = round === 0 ? 'sent' : round === 1 ? 'received' : j % 2 ? 'received' : 'sent';
		// 3 h apart plus < 1 h jitter: created_at rises strictly with id, as live messages do.
		const at = iso(
			Date.UTC(2025, 5, 1, 9) + j * 3 * HOUR + rng.int(0, 59) * MINUTE + rng.int(0, 59) * 1000,
		);
		const client = c.clients[0];
		let senderName;
		let senderEmail;
		if (type === 'sent') {
			const useParalegal = round === 2 && c.attorneys.some((a) => a.email === SAM.email);
			const sender = useParalegal ? SAM : usersByEmail.get(c.primary_attorney.email);
			senderName = `${sender.first_name} ${sender.last_name}`;
			senderEmail = sender.email;
		} else {
			senderName = fullName(client);
			senderEmail = client.email;
		}
		const template = rng.pick(type === 'sent' ? SENT_TEXT : RECEIVED_TEXT);
		messages.push({
			id: FIRST_MESSAGE_ID + j,
			type,
			content: template
				.replace('{first}', client.first_name || client.company_name)
				.replace('{sender}', senderName)
				.replace('{stage}', c.stage.display_name),
			sent_at: at,
			created_at: at,
			case_id: c.id,
			sender_name: senderName,
			sender_email: senderEmail,
			external_ref: j === MESSAGE_EXTERNAL_REF.index ? MESSAGE_EXTERNAL_REF.ref : null,
		});
	}

	const files = FILE_CASES.map((ci, k) => {
		const c = cases[ci];
		const [nameTemplate, contentType] = FILE_KINDS[k % FILE_KINDS.length];
		const fileName = nameTemplate.replace(
			'{last}',
			c.clients[0].last_name || c.clients[0].company_name,
		);
		const at = iso(Date.UTC(2025, 5, 5, 10) + k * 7 * HOUR + rng.int(0, 59) * MINUTE);
		const bytes = fileBytes(rng, contentType, fileName, c.readable_id);
		return makeFile(FIRST_FILE_ID + k, c.id, fileName, contentType, bytes, at, {
			direction: k % 3 === 1 ? 'received' : 'sent',
			external_ref: k === FILE_EXTERNAL_REF.index ? FILE_EXTERNAL_REF.ref : null,
		});
	});

	return {
		firm: { name: 'Reyes & Khan Injury Law', average_response_time: '1h 52m' },
		settings: { require_practice_area_and_stage: true },
		users: USERS.map((u) => ({ ...u })),
		stages: STAGES.map(([name, mappings], k) => ({
			id: 201 + k,
			display_name: name,
			position: k + 1,
			integration_mappings: [...mappings],
		})),
		practice_areas: PRACTICE_AREAS.map(([name, mappings], k) => ({
			id: 301 + k,
			display_name: name,
			integration_mappings: [...mappings],
		})),
		cases,
		messages,
		files,
		next_ids: {
			case: FIRST_CASE_ID + CASE_COUNT,
			client: clientId,
			message: FIRST_MESSAGE_ID + MESSAGE_COUNT,
			file: FIRST_FILE_ID + files.length,
		},
	};
}

/**
 * Appends bulk data for benchmarks: { cases: N, messages: M, closedRatio = 0.1 }. Integration ids continue the
 * numeric sequence; timestamps stay inside the seed window. Plain loops, no per-record validation: 10,000 cases
 * take a few tens of ms.
 */
function generate(state, rng, opts = {}) {
	const errors = new FieldErrors();
	for (const k of ['cases', 'messages']) {
		if (opts[k] !== undefined && !(Number.isInteger(opts[k]) && opts[k] >= 0 && opts[k] <= 1000000))
			errors.add(k, 'out_of_range', `${k} must be an integer 0..1000000.`);
	}
	if (
		opts.closedRatio !== undefined &&
		!(typeof opts.closedRatio === 'number' && opts.closedRatio >= 0 && opts.closedRatio <= 1)
	) {
		errors.add('closedRatio', 'out_of_range', 'closedRatio must be 0..1.');
	}
	errors.throwIfAny();
	// connectedRatio (a CASEpeer notion) and other unknown options are ignored here.
	const caseCount = opts.cases || 0;
	const messageCount = opts.messages || 0;
	const closedRatio = opts.closedRatio ?? 0.1;
	let maxIntegration = FIRST_INTEGRATION_ID - 1;
	for (const c of state.cases) {
		const n = Number(c.integration_id);
		if (Number.isInteger(n) && n > maxIntegration) maxIntegration = n;
	}
	const attorneys = state.users.filter((u) => u.active && u.role === 'attorney');
	const startIndex = state.cases.length;
	for (let k = 0; k < caseCount; k++) {
		const i = startIndex + k;
		const createdMs = SEED_START + rng.int(0, 150) * DAY + rng.int(0, 1439) * MINUTE;
		const updatedMs = Math.min(
			SEED_END,
			createdMs + rng.int(0, 30) * DAY + rng.int(0, 1439) * MINUTE,
		);
		const closed = rng() < closedRatio;
		const pa = state.practice_areas[k % 7 === 3 && state.practice_areas.length > 1 ? 1 : 0];
		const stage = state.stages[rng.int(0, state.stages.length - 1)];
		const first = rng.pick(FIRST_NAMES);
		const last = rng.pick(LAST_NAMES);
		const attorney = attorneys[k % attorneys.length];
		state.cases.push({
			id: state.next_ids.case++,
			integration_id: String(++maxIntegration),
			readable_id: readableId(i),
			name: `${last} v. ${rng.pick(DEFENDANTS)}`,
			status: closed ? 'closed' : 'open',
			practice_area: pa ? { id: pa.id, display_name: pa.display_name } : null,
			stage: stage ? { id: stage.id, display_name: stage.display_name } : null,
			primary_attorney: summary(attorney),
			attorneys: [],
			clients: [
				{
					id: state.next_ids.client++,
					first_name: first,
					last_name: last,
					company_name: null,
					cell_phone: phone(rng),
					email: `${first}.${last}${i}@example.com`.toLowerCase(),
					birth_date: null,
					app: {
						device_type: null,
						last_opened: null,
						last_used_web_app: null,
						last_used_ios_app: null,
						last_used_android_app: null,
						mobile_os_version: null,
						mobile_app_version: null,
					},
				},
			],
			incident_date: date(createdMs - rng.int(5, 120) * DAY),
			description: null,
			created_at: iso(createdMs),
			updated_at: iso(updatedMs),
			closed_at: closed ? iso(updatedMs) : null,
			activated_at: iso(createdMs + 30 * MINUTE),
			extra: {
				deleted_at: null,
				case_manager_ids: [],
				review_sent_at: null,
				target_language: 'en',
				most_recent_nps: null,
				activities_login: 0,
				activities_engagement: 0,
				checklist_items: 0,
				checklist_items_completed: 0,
			},
		});
	}

	// Messages continue after the newest existing one so ids and created_at keep rising together.
	let lastMs = SEED_END;
	for (const m of state.messages) lastMs = Math.max(lastMs, Date.parse(m.created_at));
	const live = state.cases.filter((c) => !(c.extra && c.extra.deleted_at));
	for (let k = 0; k < messageCount && live.length; k++) {
		const c = live[rng.int(0, live.length - 1)];
		const received = rng() < 0.5;
		lastMs += rng.int(1, 120) * 1000;
		const at = iso(lastMs);
		const client = c.clients[0];
		state.messages.push({
			id: state.next_ids.message++,
			type: received ? 'received' : 'sent',
			content: rng
				.pick(received ? RECEIVED_TEXT : SENT_TEXT)
				.replace('{first}', client.first_name || '')
				.replace('{sender}', c.primary_attorney.first_name)
				.replace('{stage}', c.stage ? c.stage.display_name : 'current'),
			sent_at: at,
			created_at: at,
			case_id: c.id,
			sender_name: received
				? fullName(client)
				: `${c.primary_attorney.first_name} ${c.primary_attorney.last_name}`,
			sender_email: received ? client.email : c.primary_attorney.email,
			external_ref: null,
		});
	}
	return {
		added: { cases: caseCount, messages: messageCount },
		totals: {
			cases: state.cases.length,
			messages: state.messages.length,
			files: state.files.length,
		},
	};
}

const caseIndexToIntegration = (list) => list.map(integrationId);

/** Facts about the seed that hold for every seed number. */
const SEED_FACTS = Object.freeze({
	demoKey: DEMO_KEY,
	canaryKey: CANARY_KEY,
	caseCount: CASE_COUNT,
	firstCaseId: FIRST_CASE_ID,
	lastCaseId: FIRST_CASE_ID + CASE_COUNT - 1,
	firstIntegrationId: integrationId(0),
	lastIntegrationId: integrationId(CASE_COUNT - 1),
	integrationIds: Array.from({ length: CASE_COUNT }, (_, i) => integrationId(i)),
	firstReadableId: readableId(0),
	firstCase: {
		id: FIRST_CASE_ID,
		integration_id: integrationId(0),
		readable_id: readableId(0),
		name: 'Lopez v. Acme Trucking',
		practice_area: 'Personal Injury',
		stage: 'Treatment',
		primary_attorney_email: DANA.email,
		additional_attorney_emails: [SAM.email],
		client: { first_name: 'Maria', last_name: 'Lopez', cell_phone: '+15552017788' },
		incident_date: '2025-01-17',
	},
	openCount: CASE_COUNT - CLOSED.length - ON_HOLD.length,
	closedIntegrationIds: caseIndexToIntegration(CLOSED),
	onHoldIntegrationIds: caseIndexToIntegration(ON_HOLD),
	notActivatedIntegrationIds: caseIndexToIntegration(NOT_ACTIVATED),
	multiClientIntegrationIds: caseIndexToIntegration(
		Array.from({ length: CASE_COUNT }, (_, i) => i).filter((i) => clientCount(i) > 1),
	),
	threeClientIntegrationId: integrationId(11),
	companyClientIntegrationId: integrationId(COMPANY_CLIENT_INDEX),
	sharedUpdatedAt: {
		integrationIds: caseIndexToIntegration(SHARED_UPDATED_AT.indexes),
		updated_at: SHARED_UPDATED_AT.at,
	},
	attorneyEmails: [DANA.email, MIRA.email],
	inactiveAttorneyEmail: USERS[4].email,
	paralegalEmail: SAM.email,
	caseManagerEmail: LUIS.email,
	userCount: USERS.length,
	stageCount: STAGES.length,
	stageNames: STAGES.map(([n]) => n),
	practiceAreaNames: PRACTICE_AREAS.map(([n]) => n),
	messageCount: MESSAGE_COUNT,
	firstMessageId: FIRST_MESSAGE_ID,
	lastMessageId: FIRST_MESSAGE_ID + MESSAGE_COUNT - 1,
	messageExternalRef: MESSAGE_EXTERNAL_REF.ref,
	fileCount: FILE_CASES.length,
	firstFileId: FIRST_FILE_ID,
	fileExternalRef: FILE_EXTERNAL_REF.ref,
	seedWindow: { from: iso(SEED_START), to: iso(SEED_END) },
});

module.exports = {
	seed,
	generate,
	makeFile,
	makeClient,
	fullName,
	SEED_FACTS,
	DEMO_KEY,
	CANARY_KEY,
};
