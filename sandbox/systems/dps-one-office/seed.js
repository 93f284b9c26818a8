'use strict';

// Deterministic DPS One Office seed (docs/api/dps-one-office.md#sandbox): the ten default
// AppCodes (plus one retired firm code), fee earners JSM / ABC / OLD (inactive), branches LDS and MAN, the six
// contact types, and a handful of clients, contacts and matters. The structure is fixed and exported as
// SEED_FACTS; nothing depends on the run seed (the rng only drives bulk generation), so every run is the same firm.
//
// The Perfect Portal case PP-123456 (the example case of docs/api/dps-one-office.md#sandbox) is already imported here
// as matter SMI001-0001 for client SMI001, so "already in DPS → link, not recreate" can be tested.

const { FieldErrors } = require('../../lib/http');
const { isoFromMs } = require('../../lib/time');

const DEMO_KEY = 'dps_demo_6a1f0b93c2d7';
const CANARY_KEY = 'dps_canary_9f8e7d6c5b4a';
const DATABASE = 'DEMOFIRM';
const FIRM_NAME = 'Demo Firm LLP';

const DAY = 86400000;
const MINUTE = 60000;
/** Every seed timestamp is before this; bulk-generated records too. */
const SEED_END = Date.UTC(2025, 5, 30, 17, 0, 0);
const GENERATE_START = Date.UTC(2025, 0, 6, 9, 0, 0);

const iso = isoFromMs;
const at = (text) => new Date(text).toISOString();

// ---------------------------------------------------------------- lookups

/** The ten default AppCodes (docs/api/dps-one-office.md#list-app-codes), then a firm-added code the firm retired. */
const DEFAULT_APP_CODES = [
	['CC', 'Convey (Commercial)'],
	['CP', 'Convey (Purchase)'],
	['CS', 'Convey (Sale)'],
	['CW', 'Consumer Wills'],
	['EM', 'Employment'],
	['FA', 'Family'],
	['GP', 'General'],
	['MA', 'Matrimonial'],
	['PI', 'Personal Injury'],
	['PR', 'Probate'],
];
const RETIRED_APP_CODE = { code: 'CR', description: 'Criminal (retired)' };

const FEE_EARNERS = [
	{
		code: 'JSM',
		name: 'Jane Smith',
		email: 'jane@firm.co.uk',
		branch: 'LDS',
		app_codes: ['CP', 'CS', 'CC'],
		active: true,
	},
	{
		code: 'ABC',
		name: 'Anna Clarke',
		email: 'anna.clarke@firm.co.uk',
		branch: 'MAN',
		app_codes: ['PI', 'GP'],
		active: true,
	},
	{
		code: 'OLD',
		name: 'Oliver Dean',
		email: 'oliver.dean@firm.co.uk',
		branch: 'LDS',
		app_codes: ['CP', 'CS'],
		active: false,
	},
];

const BRANCHES = [
	{ code: 'LDS', name: 'Leeds', active: true },
	{ code: 'MAN', name: 'Manchester', active: true },
];

const CONTACT_TYPES = [
	['EA', 'Estate Agent'],
	['LEN', 'Lender'],
	['OSS', 'Other Side Solicitor'],
	['BRK', 'Broker'],
	['SUR', 'Surveyor'],
	['OTH', 'Other'],
];

// ---------------------------------------------------------------- records

function address(fields) {
	return {
		line1: fields.line1,
		line2: fields.line2 ?? null,
		line3: fields.line3 ?? null,
		town: fields.town ?? null,
		county: fields.county ?? null,
		postcode: fields.postcode,
		country: fields.country ?? 'GB',
	};
}

function displayName(p) {
	if (p.type === 'organisation') return p.organisation_name;
	return [p.first_name, p.last_name].filter(Boolean).join(' ');
}

/** A client as stored (the Client object exactly; views.js picks the fields). */
function clientRecord(f) {
	const rec = {
		client_ref: f.client_ref,
		type: f.type,
		title: f.title ?? null,
		first_name: f.type === 'person' ? (f.first_name ?? null) : null,
		last_name: f.type === 'person' ? (f.last_name ?? null) : null,
		organisation_name: f.type === 'organisation' ? f.organisation_name : null,
		display_name: null,
		address: f.address ? address(f.address) : null,
		phone: f.phone ?? null,
		mobile: f.mobile ?? null,
		email: f.email ?? null,
		date_of_birth: f.date_of_birth ?? null,
		external_ref: f.external_ref ?? null,
		external_source: f.external_source ?? null,
		created_at: f.created_at,
		updated_at: f.updated_at ?? f.created_at,
	};
	rec.display_name = displayName(rec);
	return rec;
}

function contactRecord(f) {
	const rec = clientRecord({ ...f, client_ref: undefined });
	delete rec.client_ref;
	delete rec.date_of_birth;
	return { contact_id: f.contact_id, contact_type: f.contact_type, ...rec };
}

function matterRecord(f) {
	return {
		mat_ref: f.mat_ref,
		client_ref: f.client_ref,
		additional_client_refs: f.additional_client_refs ?? [],
		app_code: f.app_code,
		fee_earner: f.fee_earner,
		branch: f.branch,
		matter_details: f.matter_details,
		external_ref: f.external_ref ?? null,
		external_source: f.external_source ?? null,
		properties: (f.properties ?? []).map((p) => ({
			address: address(p.address),
			tenure: p.tenure ?? 'unknown',
			price: p.price ?? null,
			currency: p.currency ?? 'GBP',
		})),
		opened_on: f.opened_on,
		status: f.status ?? 'open',
		contacts: (f.contacts ?? []).map((c) => ({
			contact_id: c.contact_id,
			contact_type: c.contact_type,
			reference: c.reference ?? null,
			attached_at: c.attached_at,
		})),
		created_at: f.created_at,
		updated_at: f.updated_at ?? f.created_at,
	};
}

const SEED_CLIENTS = [
	{
		client_ref: 'SMI001',
		type: 'person',
		title: 'Mr',
		first_name: 'Alan',
		last_name: 'Smith',
		address: { line1: '3 Low Rd', town: 'Leeds', county: 'West Yorkshire', postcode: 'LS1 4AB' },
		mobile: '07700 900123',
		email: 'alan@example.com',
		date_of_birth: '1978-04-12',
		external_ref: 'ppc_1001',
		external_source: 'perfect_portal',
		created_at: at('2025-03-11T09:14:00Z'),
	},
	{
		// Same name as SMI001, other postcode: a name + postcode search must tell them apart.
		client_ref: 'SMI002',
		type: 'person',
		title: 'Mr',
		first_name: 'Alan',
		last_name: 'Smith',
		address: { line1: '12 Deansgate', town: 'Manchester', postcode: 'M3 2BW' },
		phone: '0161 496 0123',
		created_at: at('2025-04-02T11:30:00Z'),
	},
	{
		client_ref: 'NOR001',
		type: 'organisation',
		organisation_name: 'Northern Homes Ltd',
		address: { line1: '1 City Square', town: 'Leeds', postcode: 'LS1 2ES' },
		phone: '0113 496 0000',
		email: 'accounts@northernhomes.example',
		created_at: at('2025-02-20T15:05:00Z'),
	},
	{
		client_ref: 'PAT001',
		type: 'person',
		title: 'Ms',
		first_name: 'Priya',
		last_name: 'Patel',
		address: { line1: '8 Oxford Rd', town: 'Manchester', postcode: 'M1 5QA' },
		mobile: '07700 900456',
		email: 'priya.patel@example.com',
		created_at: at('2025-05-06T10:00:00Z'),
	},
	{
		// Letters only: O'Brien → OBR. No matter yet (a client that exists without one).
		client_ref: 'OBR001',
		type: 'person',
		first_name: 'Sean',
		last_name: "O'Brien",
		address: { line1: '14 Park Row', town: 'Leeds', postcode: 'LS1 5HD' },
		mobile: '+44 7700 900789',
		created_at: at('2025-06-10T08:45:00Z'),
	},
];

const SEED_CONTACTS = [
	{
		contact_id: 'CT00001',
		contact_type: 'EA',
		type: 'organisation',
		organisation_name: 'Hunters Property (Leeds)',
		address: { line1: '10 Boar Lane', town: 'Leeds', postcode: 'LS1 6EN' },
		phone: '0113 496 0101',
		email: 'leeds@hunters.example',
		created_at: at('2025-03-11T09:20:00Z'),
	},
	{
		contact_id: 'CT00002',
		contact_type: 'LEN',
		type: 'organisation',
		organisation_name: 'Northern Building Society',
		external_ref: 'ppc_2001',
		external_source: 'perfect_portal',
		created_at: at('2025-03-11T09:21:00Z'),
	},
	{
		contact_id: 'CT00003',
		contact_type: 'OSS',
		type: 'organisation',
		organisation_name: 'Green & Co Solicitors',
		address: { line1: '2 Wellington St', town: 'Leeds', postcode: 'LS1 4DL' },
		phone: '0113 496 0202',
		created_at: at('2025-04-15T14:00:00Z'),
	},
];

const SEED_MATTERS = [
	{
		mat_ref: 'SMI001-0001',
		client_ref: 'SMI001',
		app_code: 'CP',
		fee_earner: 'JSM',
		branch: 'LDS',
		matter_details: 'Purchase of 1 High St, Leeds',
		external_ref: 'PP-123456',
		external_source: 'perfect_portal',
		properties: [
			{
				address: { line1: '1 High St', town: 'Leeds', postcode: 'LS1 1AA' },
				tenure: 'freehold',
				price: '250000.00',
				currency: 'GBP',
			},
		],
		opened_on: '2025-03-11',
		contacts: [
			{
				contact_id: 'CT00001',
				contact_type: 'EA',
				reference: 'HP/4471',
				attached_at: at('2025-03-11T09:22:00Z'),
			},
			{ contact_id: 'CT00002', contact_type: 'LEN', attached_at: at('2025-03-11T09:23:00Z') },
		],
		created_at: at('2025-03-11T09:15:00Z'),
		updated_at: at('2025-03-11T09:23:00Z'),
	},
	{
		mat_ref: 'SMI001-0002',
		client_ref: 'SMI001',
		app_code: 'CS',
		fee_earner: 'JSM',
		branch: 'LDS',
		matter_details: 'Sale of 3 Low Rd, Leeds',
		opened_on: '2025-03-12',
		status: 'closed',
		created_at: at('2025-03-12T10:00:00Z'),
		updated_at: at('2025-06-02T16:40:00Z'),
	},
	{
		mat_ref: 'NOR001-0001',
		client_ref: 'NOR001',
		app_code: 'CC',
		fee_earner: 'JSM',
		branch: 'LDS',
		matter_details: 'Lease of Unit 4, Kirkstall Trading Estate',
		properties: [
			{
				address: { line1: 'Unit 4, Kirkstall Trading Estate', town: 'Leeds', postcode: 'LS5 3BT' },
				tenure: 'leasehold',
				price: '0.00',
			},
		],
		opened_on: '2025-02-20',
		contacts: [
			{
				contact_id: 'CT00003',
				contact_type: 'OSS',
				reference: 'GC/NH/88',
				attached_at: at('2025-04-15T14:05:00Z'),
			},
		],
		created_at: at('2025-02-20T15:10:00Z'),
		updated_at: at('2025-04-15T14:05:00Z'),
	},
	{
		mat_ref: 'PAT001-0001',
		client_ref: 'PAT001',
		app_code: 'PI',
		fee_earner: 'ABC',
		branch: 'MAN',
		matter_details: 'Road traffic accident, 14 February 2025',
		opened_on: '2025-05-06',
		created_at: at('2025-05-06T10:05:00Z'),
	},
];

// ---------------------------------------------------------------- ref generation

/**
 * "The first 3 letters of the surname or organisation name, upper-case, letters only, padded with X"
 * (docs/api/dps-one-office.md#refs). Accents are folded first, so "Öztürk" → OZT.
 */
function refPrefix(name) {
	const letters = String(name ?? '')
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toUpperCase()
		.replace(/[^A-Z]/g, '');
	return `${letters}XXX`.slice(0, 3);
}

const pad = (n, width) => String(n).padStart(width, '0');

/** Next Client Ref for a name: prefix + 3-digit sequence for that prefix (it grows past 999 rather than wrap). */
function nextClientRef(state, name) {
	const prefix = refPrefix(name);
	const seq = (state.sequences.client[prefix] || 0) + 1;
	state.sequences.client[prefix] = seq;
	return `${prefix}${pad(seq, 3)}`;
}

/** Next Mat Ref: `<client_ref>-<4-digit sequence per client>`. */
function nextMatRef(state, clientRef) {
	const seq = (state.sequences.matter[clientRef] || 0) + 1;
	state.sequences.matter[clientRef] = seq;
	return `${clientRef}-${pad(seq, 4)}`;
}

/** Sequences implied by the refs present (for seeds and hand-written states). */
function sequencesFrom(clients, matters, contacts) {
	const client = {};
	for (const c of clients) {
		const m = /^([A-Z]{3})(\d+)$/.exec(c.client_ref);
		if (m) client[m[1]] = Math.max(client[m[1]] || 0, Number(m[2]));
	}
	const matter = {};
	for (const x of matters) {
		const m = /^(.+)-(\d+)$/.exec(x.mat_ref);
		if (m) matter[m[1]] = Math.max(matter[m[1]] || 0, Number(m[2]));
	}
	let contact = 0;
	for (const c of contacts) {
		const m = /^CT(\d+)$/.exec(c.contact_id);
		if (m) contact = Math.max(contact, Number(m[1]));
	}
	return { client, matter, contact };
}

const contactIdFor = (n) => `CT${pad(n, 5)}`;

function nextContactId(state) {
	state.sequences.contact += 1;
	return contactIdFor(state.sequences.contact);
}

// ---------------------------------------------------------------- the seed

function lookups() {
	return {
		app_codes: [
			...DEFAULT_APP_CODES.map(([code, description]) => ({
				code,
				description,
				active: true,
				is_default: true,
			})),
			{ ...RETIRED_APP_CODE, active: false, is_default: false },
		],
		fee_earners: FEE_EARNERS.map((f) => ({ ...f, app_codes: f.app_codes.slice() })),
		branches: BRANCHES.map((b) => ({ ...b })),
		contact_types: CONTACT_TYPES.map(([code, description]) => ({
			code,
			description,
			active: true,
		})),
	};
}

/** The module seed: the same firm for every run seed. */
function seed() {
	const clients = SEED_CLIENTS.map(clientRecord);
	const contacts = SEED_CONTACTS.map(contactRecord);
	const matters = SEED_MATTERS.map(matterRecord);
	return {
		firm: { name: FIRM_NAME, database: DATABASE },
		...lookups(),
		clients,
		contacts,
		matters,
		sequences: sequencesFrom(clients, matters, contacts),
	};
}

// ---------------------------------------------------------------- bulk generation

const FIRST_NAMES = [
	'Amelia',
	'Oliver',
	'Isla',
	'George',
	'Ava',
	'Harry',
	'Freya',
	'Jack',
	'Mia',
	'Noah',
];
const LAST_NAMES = [
	'Taylor',
	'Brown',
	'Wilson',
	'Evans',
	'Thomas',
	'Johnson',
	'Roberts',
	'Walker',
	'Wright',
	'Hughes',
	'Khan',
	'Edwards',
];
const STREETS = ['High St', 'Station Rd', 'Church Lane', 'Park Avenue', 'Victoria Rd', 'Mill Lane'];
const TOWNS = [
	{ town: 'Leeds', outward: ['LS1', 'LS6', 'LS8', 'LS17'] },
	{ town: 'Manchester', outward: ['M1', 'M4', 'M14', 'M20'] },
];
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

function postcode(rng, outward) {
	const l = () => INWARD_LETTERS[rng.int(0, INWARD_LETTERS.length - 1)];
	return `${outward} ${rng.int(1, 9)}${l()}${l()}`;
}

function checkCount(errors, opts, key, max = 100000) {
	if (
		opts[key] !== undefined &&
		!(Number.isInteger(opts[key]) && opts[key] >= 0 && opts[key] <= max)
	)
		errors.add(key, 'out_of_range', `${key} must be an integer 0..${max}.`);
}

/** Highest numeric part of the generated Perfect Portal case ids (PP-2xxxxx), so repeated calls never clash. */
function nextCaseNumber(state) {
	let max = 200000;
	for (const m of state.matters) {
		const x = /^PP-(\d+)$/.exec(m.external_ref || '');
		if (x && Number(x[1]) >= max) max = Number(x[1]) + 1;
	}
	return max;
}

/**
 * POST /__admin/seed/dps-one-office: { clients: N, mattersPerClient = 1, contacts: K }. Each generated client is a
 * person with a valid Leeds or Manchester address; each of its matters is a conveyancing matter imported from
 * Perfect Portal (external_ref PP-2xxxxx, fee earner JSM, branch LDS), so a benchmark can look them up. Timestamps
 * stay inside the seed window (before SEED_END).
 */
function generate(state, rng, opts = {}) {
	const errors = new FieldErrors();
	if (!opts || typeof opts !== 'object' || Array.isArray(opts))
		errors.add('body', 'invalid_format', 'The body must be a JSON object.').throwIfAny();
	checkCount(errors, opts, 'clients');
	checkCount(errors, opts, 'mattersPerClient', 20);
	checkCount(errors, opts, 'contacts');
	errors.throwIfAny();
	const clientCount = opts.clients || 0;
	const perClient = opts.mattersPerClient ?? 1;
	const contactCount = opts.contacts || 0;
	const appCodes = ['CP', 'CS', 'CC'];
	let caseNumber = nextCaseNumber(state);
	const firstCaseNumber = caseNumber;
	let matters = 0;
	const span = SEED_END - GENERATE_START;
	for (let k = 0; k < clientCount; k++) {
		const first = rng.pick(FIRST_NAMES);
		const last = rng.pick(LAST_NAMES);
		const place = rng.pick(TOWNS);
		const createdMs = GENERATE_START + Math.floor((rng() * span) / MINUTE) * MINUTE;
		const ref = nextClientRef(state, last);
		const client = clientRecord({
			client_ref: ref,
			type: 'person',
			first_name: first,
			last_name: last,
			address: {
				line1: `${rng.int(1, 199)} ${rng.pick(STREETS)}`,
				town: place.town,
				postcode: postcode(rng, rng.pick(place.outward)),
			},
			mobile: `07700 9${pad(rng.int(0, 99999), 5)}`,
			email: `${first}.${last}.${ref}@example.com`.toLowerCase(),
			external_ref: `ppc_g${ref}`,
			external_source: 'perfect_portal',
			created_at: iso(createdMs),
		});
		state.clients.push(client);
		for (let j = 0; j < perClient; j++) {
			const openedMs = Math.min(SEED_END - MINUTE, createdMs + j * DAY + MINUTE);
			const appCode = rng.pick(appCodes);
			const street = `${rng.int(1, 199)} ${rng.pick(STREETS)}`;
			state.matters.push(
				matterRecord({
					mat_ref: nextMatRef(state, ref),
					client_ref: ref,
					app_code: appCode,
					fee_earner: 'JSM',
					branch: 'LDS',
					matter_details: `${appCode === 'CS' ? 'Sale' : 'Purchase'} of ${street}, ${place.town}`,
					external_ref: `PP-${caseNumber++}`,
					external_source: 'perfect_portal',
					properties: [
						{
							address: {
								line1: street,
								town: place.town,
								postcode: postcode(rng, rng.pick(place.outward)),
							},
							tenure: rng.pick(['freehold', 'leasehold']),
							price: `${rng.int(90, 900) * 1000}.00`,
						},
					],
					opened_on: iso(openedMs).slice(0, 10),
					created_at: iso(openedMs),
				}),
			);
			matters++;
		}
	}
	const types = state.contact_types.filter((t) => t.active).map((t) => t.code);
	for (let k = 0; k < contactCount; k++) {
		const createdMs = GENERATE_START + Math.floor((rng() * span) / MINUTE) * MINUTE;
		const id = nextContactId(state);
		state.contacts.push(
			contactRecord({
				contact_id: id,
				contact_type: rng.pick(types),
				type: 'organisation',
				organisation_name: `${rng.pick(LAST_NAMES)} ${rng.pick(['& Co', 'Property', 'Lending', 'Surveys'])} ${id}`,
				phone: `0113 496 ${pad(rng.int(0, 9999), 4)}`,
				created_at: iso(createdMs),
			}),
		);
	}
	return {
		added: { clients: clientCount, matters, contacts: contactCount },
		first_case_id: matters ? `PP-${firstCaseNumber}` : null,
		last_case_id: matters ? `PP-${caseNumber - 1}` : null,
		totals: {
			clients: state.clients.length,
			matters: state.matters.length,
			contacts: state.contacts.length,
		},
	};
}

// ---------------------------------------------------------------- facts

/** Facts about the seed (the same for every run seed). */
const SEED_FACTS = Object.freeze({
	system: 'dps-one-office',
	demoKey: DEMO_KEY,
	canaryKey: CANARY_KEY,
	database: DATABASE,
	firmName: FIRM_NAME,
	/** Who each key is (GET /v1/me). */
	demoUser: { user_code: 'WEB', name: 'Web Integration' },
	appCodes: DEFAULT_APP_CODES.map(([code]) => code),
	inactiveAppCode: RETIRED_APP_CODE.code,
	feeEarners: Object.fromEntries(
		FEE_EARNERS.map((f) => [
			f.code,
			{ name: f.name, branch: f.branch, app_codes: f.app_codes.slice(), active: f.active },
		]),
	),
	inactiveFeeEarner: 'OLD',
	branches: BRANCHES.map((b) => b.code),
	contactTypes: CONTACT_TYPES.map(([code]) => code).sort(),
	clientCount: SEED_CLIENTS.length,
	clientRefs: SEED_CLIENTS.map((c) => c.client_ref),
	contactCount: SEED_CONTACTS.length,
	contactIds: SEED_CONTACTS.map((c) => c.contact_id),
	matterCount: SEED_MATTERS.length,
	matRefs: SEED_MATTERS.map((m) => m.mat_ref),
	/** The existing client with an external_ref (409 and find paths). */
	existingClient: {
		client_ref: 'SMI001',
		external_ref: 'ppc_1001',
		display_name: 'Alan Smith',
		postcode: 'LS1 4AB',
	},
	/** Two clients named "Alan Smith" at different postcodes. */
	sameNameClients: { display_name: 'Alan Smith', client_refs: ['SMI001', 'SMI002'] },
	/** The Perfect Portal case already imported: "already in DPS → link, not recreate". */
	importedCase: {
		case_id: 'PP-123456',
		mat_ref: 'SMI001-0001',
		client_ref: 'SMI001',
		app_code: 'CP',
		fee_earner: 'JSM',
		branch: 'LDS',
		attached: [
			{ contact_id: 'CT00001', contact_type: 'EA' },
			{ contact_id: 'CT00002', contact_type: 'LEN' },
		],
	},
	closedMatter: 'SMI001-0002',
	/** A client without any matter. */
	clientWithoutMatter: 'OBR001',
	existingContact: { contact_id: 'CT00002', external_ref: 'ppc_2001', contact_type: 'LEN' },
	/** What the next creates get, with the seed untouched. */
	nextRefs: {
		smithClient: 'SMI003',
		matterForSMI001: 'SMI001-0003',
		matterForOBR001: 'OBR001-0001',
		contact: contactIdFor(SEED_CONTACTS.length + 1),
	},
	seedEnd: iso(SEED_END),
});

module.exports = {
	seed,
	generate,
	clientRecord,
	contactRecord,
	matterRecord,
	displayName,
	refPrefix,
	nextClientRef,
	nextMatRef,
	nextContactId,
	sequencesFrom,
	SEED_FACTS,
	DEMO_KEY,
	CANARY_KEY,
	DATABASE,
	FIRM_NAME,
};
