'use strict';

// Deterministic OfficeTools seed (docs/api/officetools.md#sandbox). Two firms:
//   - FIRM-1001, the demo firm: 30-day retention, Firm Portal not activated. Seven WorkSpace clients with ten
//     legacy contacts (normal ones, two hidden, one without an e-mail, one with a malformed e-mail, two sharing
//     one e-mail) and eighteen legacy documents: downloaded to WorkSpace or not, removed by retention (one of them
//     safe in WorkSpace, one lost), two invoices, three within 72 hours of the 30-day limit, and one uploaded
//     while the firm was on the 365-day policy.
//   - FIRM-2002, a small firm already on the Firm Portal (subdomain "northbay"). Only the canary key may use it,
//     so the demo key gets 403 firm_forbidden there.
// The structure (ids, names, kinds, flags, timestamps) is fixed and exported as SEED_FACTS; the seed number only
// varies file bytes (so sizes and sha256 values). Time is the sandbox clock (clock.js): it starts at SEED_NOW,
// two weeks before the old portal's end of support (31 January 2023).

const { FieldErrors } = require('../../lib/http');
const { sha256Hex } = require('../../lib/files');
const { isoFromMs } = require('../../lib/time');
const { SEED_NOW, DAY, HOUR, MINUTE, startClock, clockNow, stamp: clockStamp } = require('./clock');

const DEMO_KEY = 'ot_demo_2d4f6a8c0e1b';
const CANARY_KEY = 'ot_canary_7a6b5c4d3e2f';
/** Key → label; firms list the labels that may use them (no key is ever stored in state). */
const KEY_LABELS = { [DEMO_KEY]: 'demo', [CANARY_KEY]: 'canary' };

const FIRM_ID = 'FIRM-1001';
const OTHER_FIRM_ID = 'FIRM-2002';
const RETENTION_DAYS = 30;
const MAX_UPLOADS_IN_FLIGHT = 2;
/** The demo firm switched from the 365-day to the 30-day policy on this day. */
const POLICY_SWITCH_AT = Date.UTC(2022, 2, 1);
const TAKEN_SUBDOMAIN = 'taken';
const OTHER_FIRM_SUBDOMAIN = 'northbay';
const FREE_SUBDOMAIN = 'brightlinetax';
const RESERVED_SUBDOMAINS = ['admin', 'api', 'mail', 'portal', 'www'];

const iso = isoFromMs;

// ---------------------------------------------------------------- the demo firm's structure

const CLIENTS = [
	{ id: 'wc_1001', name: 'Alvarez, Maria & Jorge' },
	{ id: 'wc_1002', name: 'Baker Plumbing LLC' },
	{ id: 'wc_1003', name: 'Chen, Wei' },
	{ id: 'wc_1004', name: 'Dunn Family Trust' },
	{ id: 'wc_1005', name: 'Evans, Omar' },
	{ id: 'wc_1006', name: 'Flores Dental PC' },
	{ id: 'wc_1007', name: 'Gupta, Raj' },
];

const SHARED_EMAIL = 'alvarez.family@example.com';
const INVALID_EMAIL = 'raj.gupta(at)example.com';

// [id, client, first, last, email, hidden, days since the last old-portal login (null = never)]
const CONTACTS = [
	['lc_1001', 'wc_1001', 'Maria', 'Alvarez', SHARED_EMAIL, false, 4],
	['lc_1002', 'wc_1001', 'Jorge', 'Alvarez', SHARED_EMAIL, false, 40],
	['lc_1003', 'wc_1002', 'Tom', 'Baker', 'tom@bakerplumbing.example', false, 2],
	['lc_1004', 'wc_1002', 'Sue', 'Baker', 'sue@bakerplumbing.example', true, 200],
	['lc_1005', 'wc_1003', 'Wei', 'Chen', 'wei.chen@example.com', false, 1],
	['lc_1006', 'wc_1004', 'Ruth', 'Dunn', null, false, null],
	['lc_1007', 'wc_1005', 'Omar', 'Evans', 'omar.evans@example.com', false, 12],
	['lc_1008', 'wc_1006', 'Nina', 'Flores', 'nina@floresdental.example', false, 6],
	['lc_1009', 'wc_1006', 'Ivan', 'Flores', 'ivan@floresdental.example', true, null],
	['lc_1010', 'wc_1007', 'Raj', 'Gupta', INVALID_EMAIL, false, 9],
];

// Legacy documents. `age` = days before SEED_NOW (fractions allowed); `at` = a fixed upload time instead.
// `ws` = downloaded to WorkSpace (a WorkSpace document with the same bytes exists).
const DOCUMENTS = [
	{
		id: 'ld_1001',
		contact: 'lc_1001',
		file: '2021 Form 1040 - Alvarez.pdf',
		by: 'staff',
		age: 20,
		ws: true,
	},
	{
		id: 'ld_1002',
		contact: 'lc_1001',
		file: 'W-2 Acme Corp 2022 – María.pdf',
		by: 'client',
		age: 3,
	},
	// 30 days minus 5 hours old: removed by retention 5 hours after SEED_NOW.
	{
		id: 'ld_1003',
		contact: 'lc_1002',
		file: 'Jorge Alvarez - 1099-INT.pdf',
		by: 'client',
		age: 30 - 5 / 24,
	},
	{
		id: 'ld_1004',
		contact: 'lc_1003',
		file: 'Baker Plumbing - Q4 Payroll.xlsx',
		by: 'client',
		age: 10,
		ws: true,
	},
	{
		id: 'ld_1005',
		contact: 'lc_1003',
		file: 'Invoice 2022-118.pdf',
		by: 'staff',
		age: 12,
		kind: 'invoice',
	},
	{
		id: 'ld_1006',
		contact: 'lc_1004',
		file: 'Sue Baker - Driver License.jpg',
		by: 'client',
		age: 5,
	},
	{
		id: 'ld_1007',
		contact: 'lc_1005',
		file: 'Wei Chen - 2022 Brokerage Statement.pdf',
		by: 'client',
		age: 30 - 19 / 24,
	},
	{
		id: 'ld_1008',
		contact: 'lc_1005',
		file: 'Engagement Letter 2023.pdf',
		by: 'staff',
		age: 1,
		ws: true,
	},
	// Removed by retention 15 days ago, but safe in WorkSpace.
	{
		id: 'ld_1009',
		contact: 'lc_1005',
		file: 'Wei Chen - 2021 Return.pdf',
		by: 'staff',
		age: 45,
		ws: true,
	},
	{ id: 'ld_1010', contact: 'lc_1006', file: 'Dunn Trust - K-1.pdf', by: 'client', age: 28 },
	// Removed by retention and never downloaded: the content is lost, only the metadata remains.
	{
		id: 'ld_1011',
		contact: 'lc_1007',
		file: 'Omar Evans - Charitable Receipts.pdf',
		by: 'client',
		age: 60,
	},
	{
		id: 'ld_1012',
		contact: 'lc_1007',
		file: 'Omar Evans - 2022 Estimated Payments.csv',
		by: 'staff',
		age: 7,
		ws: true,
	},
	{
		id: 'ld_1013',
		contact: 'lc_1008',
		file: 'Flores Dental - Year End P&L.pdf',
		by: 'client',
		age: 15,
	},
	// Uploaded under the 365-day policy: kept until removed, whatever its age.
	{
		id: 'ld_1014',
		contact: 'lc_1008',
		file: 'Flores Dental - 2021 Form 1120S.pdf',
		by: 'staff',
		at: Date.UTC(2021, 9, 5, 16, 20),
	},
	{
		id: 'ld_1015',
		contact: 'lc_1008',
		file: 'Invoice 2022-131.pdf',
		by: 'staff',
		age: 40,
		kind: 'invoice',
	},
	{ id: 'ld_1016', contact: 'lc_1009', file: 'Ivan Flores - Photo ID.jpg', by: 'client', age: 2 },
	{
		id: 'ld_1017',
		contact: 'lc_1010',
		file: 'Raj Gupta - 1098 Mortgage Interest.pdf',
		by: 'client',
		age: 9,
		ws: true,
	},
	{
		id: 'ld_1018',
		contact: 'lc_1002',
		file: 'Jorge Alvarez - Pay Stub December.pdf',
		by: 'client',
		age: 0.5,
	},
];

/** A WorkSpace document the firm filed itself (no legacy document behind it). */
const OWN_WORKSPACE_DOCUMENT = {
	id: 'wd_1007',
	client: 'wc_1001',
	folder: 'Tax Returns',
	file: '2022 Tax Organizer - Alvarez.pdf',
	age: 25,
};

// ---------------------------------------------------------------- bytes

const CONTENT_TYPES = {
	pdf: 'application/pdf',
	jpg: 'image/jpeg',
	csv: 'text/csv',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	txt: 'text/plain',
};

function contentTypeOf(fileName) {
	const ext = fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase();
	return CONTENT_TYPES[ext] || 'application/octet-stream';
}

/** Plausible bytes for a file type; `rng` varies them (and so size and sha256) with the seed number. */
function fileBytes(rng, fileName, lines = rng.int(3, 40)) {
	const type = contentTypeOf(fileName);
	if (type === 'image/jpeg') {
		const body = Buffer.from(Array.from({ length: 64 + lines * 16 }, () => rng.int(0, 255)));
		return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), body, Buffer.from([0xff, 0xd9])]);
	}
	if (type.includes('spreadsheetml')) {
		const body = Buffer.from(Array.from({ length: 96 + lines * 24 }, () => rng.int(0, 255)));
		return Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), body]);
	}
	if (type === 'text/csv') {
		const rows = ['date,description,amount'];
		for (let k = 0; k < lines; k++)
			rows.push(
				`2022-${String((k % 12) + 1).padStart(2, '0')}-15,Payment ${k + 1},${rng.int(100, 9999)}.00`,
			);
		return Buffer.from(`${rows.join('\n')}\n`);
	}
	const filler = Array.from(
		{ length: lines },
		(_, k) => `% line ${k + 1}: ${rng.int(100000, 999999)}`,
	);
	return Buffer.from(
		`%PDF-1.4\n% OfficeTools legacy portal: ${fileName}\n${filler.join('\n')}\n%%EOF\n`,
		'utf8',
	);
}

// ---------------------------------------------------------------- records

function contactRecord(fields) {
	return {
		id: fields.id,
		client_id: fields.client_id ?? null,
		first_name: fields.first_name,
		last_name: fields.last_name,
		display_name: `${fields.first_name} ${fields.last_name}`,
		email: fields.email ?? null,
		hidden: Boolean(fields.hidden),
		last_login_at: fields.last_login_at ?? null,
		firm_portal_user_id: fields.firm_portal_user_id ?? null,
		created_at: fields.created_at,
		updated_at: fields.updated_at,
	};
}

/** A legacy document record; `bytes` become `content_base64` (internal) unless the content is gone. */
function legacyDocumentRecord(fields, bytes, policy) {
	const createdMs = Date.parse(fields.created_at);
	const expiresAt = policy === '30_day' ? iso(createdMs + RETENTION_DAYS * DAY) : null;
	return {
		id: fields.id,
		legacy_contact_id: fields.legacy_contact_id,
		client_id: fields.client_id ?? null,
		kind: fields.kind || 'document',
		file_name: fields.file_name,
		content_type: fields.content_type || contentTypeOf(fields.file_name),
		size_bytes: bytes.length,
		sha256: sha256Hex(bytes),
		uploaded_by: fields.uploaded_by || 'client',
		created_at: fields.created_at,
		downloaded_to_workspace: false,
		downloaded_to_workspace_at: null,
		workspace_document_id: null,
		retention_policy: policy,
		retention_expires_at: expiresAt,
		content_available: true,
		removed_at: null,
		migrated_to_firm_portal: false,
		firm_portal_document_id: null,
		updated_at: fields.updated_at || fields.created_at,
		// Internal: never in responses.
		removal: null,
		content_base64: bytes.toString('base64'),
	};
}

function workspaceDocumentRecord(fields, bytes) {
	return {
		id: fields.id,
		client_id: fields.client_id,
		folder: fields.folder || 'Portal',
		file_name: fields.file_name,
		content_type: fields.content_type || contentTypeOf(fields.file_name),
		size_bytes: bytes.length,
		sha256: sha256Hex(bytes),
		legacy_document_id: fields.legacy_document_id ?? null,
		created_at: fields.created_at,
		updated_at: fields.created_at,
		content_base64: bytes.toString('base64'),
	};
}

/** Marks a legacy document as removed (retention or DELETE): the record stays, the bytes go. */
function removeContent(doc, removedAt, reason, updatedAt) {
	doc.content_available = false;
	doc.removed_at = removedAt;
	doc.removal = reason;
	doc.updated_at = updatedAt;
	delete doc.content_base64;
}

function emptyFirm(fields) {
	return {
		firm_id: fields.firm_id,
		name: fields.name,
		api_key_labels: fields.api_key_labels || ['demo', 'canary'],
		legacy_portal: {
			retention_policy: fields.retention_policy || '30_day',
			url: fields.legacy_url || 'https://www.officetoolsportal.com',
		},
		firm_portal: {
			status: 'not_activated',
			subdomain: null,
			activated_at: null,
			legacy_users_rerouted: false,
			branding: { display_name: null, primary_color: null, logo: null },
			notification_recipients: [],
			updated_at: fields.created_at || iso(SEED_NOW),
		},
		workspace_clients: [],
		legacy_contacts: [],
		legacy_documents: [],
		workspace_documents: [],
		portal_users: [],
		portal_documents: [],
		welcome_emails: [],
		upload_stats: { total: 0, max_in_flight: 0, refused_in_flight: 0 },
		next_ids: {},
	};
}

/** Next id of a kind in a firm: `<prefix>_<number>`, numbers per firm (1001… / 2001…). */
function nextId(firm, prefix, start) {
	const n = Math.max(firm.next_ids[prefix] || 0, start);
	firm.next_ids[prefix] = n + 1;
	return `${prefix}_${n}`;
}

// ---------------------------------------------------------------- the seed

function demoFirm(rng) {
	const firm = emptyFirm({
		firm_id: FIRM_ID,
		name: 'Brightline Tax & Accounting',
		api_key_labels: ['demo', 'canary'],
		retention_policy: '30_day',
		legacy_url: 'https://www.officetoolsportal.com/brightline',
		created_at: iso(Date.UTC(2019, 4, 2, 14)),
	});
	const clientCreated = Date.UTC(2020, 0, 6, 15);
	firm.workspace_clients = CLIENTS.map((c, k) => ({
		id: c.id,
		name: c.name,
		legacy_contact_ids: CONTACTS.filter((x) => x[1] === c.id).map((x) => x[0]),
		updated_at: iso(clientCreated + k * 7 * DAY),
	}));
	firm.legacy_contacts = CONTACTS.map(
		([id, clientId, first, last, email, hidden, loginDays], k) => {
			const created = clientCreated + k * 9 * DAY + 2 * HOUR;
			return contactRecord({
				id,
				client_id: clientId,
				first_name: first,
				last_name: last,
				email,
				hidden,
				last_login_at: loginDays === null ? null : iso(SEED_NOW - loginDays * DAY - 3 * HOUR),
				created_at: iso(created),
				updated_at: iso(hidden ? SEED_NOW - 90 * DAY : created + DAY),
			});
		},
	);
	const contactById = new Map(firm.legacy_contacts.map((c) => [c.id, c]));

	let wsNumber = 1001;
	for (const d of DOCUMENTS) {
		const createdMs =
			d.at !== undefined ? d.at : Math.round((SEED_NOW - d.age * DAY) / MINUTE) * MINUTE;
		const contact = contactById.get(d.contact);
		const bytes = fileBytes(rng, d.file);
		const policy = createdMs < POLICY_SWITCH_AT ? '365_day' : '30_day';
		const doc = legacyDocumentRecord(
			{
				id: d.id,
				legacy_contact_id: contact.id,
				client_id: contact.client_id,
				kind: d.kind,
				file_name: d.file,
				uploaded_by: d.by,
				created_at: iso(createdMs),
			},
			bytes,
			policy,
		);
		if (d.ws) {
			// The desktop downloaded it within a day of the upload.
			const downloadedMs = createdMs + 6 * HOUR;
			const ws = workspaceDocumentRecord(
				{
					id: `wd_${wsNumber++}`,
					client_id: contact.client_id,
					folder: 'Portal',
					file_name: d.file,
					legacy_document_id: d.id,
					created_at: iso(downloadedMs),
				},
				bytes,
			);
			firm.workspace_documents.push(ws);
			doc.downloaded_to_workspace = true;
			doc.downloaded_to_workspace_at = ws.created_at;
			doc.workspace_document_id = ws.id;
			doc.updated_at = ws.created_at;
		}
		if (doc.retention_expires_at && Date.parse(doc.retention_expires_at) <= SEED_NOW) {
			removeContent(doc, doc.retention_expires_at, 'retention', doc.retention_expires_at);
		}
		firm.legacy_documents.push(doc);
	}
	const own = OWN_WORKSPACE_DOCUMENT;
	firm.workspace_documents.push(
		workspaceDocumentRecord(
			{
				id: own.id,
				client_id: own.client,
				folder: own.folder,
				file_name: own.file,
				created_at: iso(SEED_NOW - own.age * DAY),
			},
			fileBytes(rng, own.file),
		),
	);
	firm.next_ids = { lc: 1011, ld: 1019, wc: 1008, wd: 1008, pu: 1001, pd: 1001, we: 1001 };
	return firm;
}

/** FIRM-2002: already on the Firm Portal, 365-day retention; one client, migrated. Canary key only. */
function otherFirm(rng) {
	const firm = emptyFirm({
		firm_id: OTHER_FIRM_ID,
		name: 'Northbay Bookkeeping',
		api_key_labels: ['canary'],
		retention_policy: '365_day',
		legacy_url: 'https://www.officetoolsportal.com/northbay',
		created_at: iso(Date.UTC(2020, 8, 1)),
	});
	const activatedMs = Date.UTC(2022, 10, 2, 17);
	Object.assign(firm.firm_portal, {
		status: 'active',
		subdomain: OTHER_FIRM_SUBDOMAIN,
		activated_at: iso(activatedMs),
		legacy_users_rerouted: true,
		branding: { display_name: 'Northbay Client Portal', primary_color: '#0B6E4F', logo: null },
		notification_recipients: ['office@northbay.example'],
		updated_at: iso(activatedMs),
	});
	firm.workspace_clients = [
		{
			id: 'wc_2001',
			name: 'Ito, Leah',
			legacy_contact_ids: ['lc_2001'],
			updated_at: iso(Date.UTC(2020, 8, 3)),
		},
	];
	const syncedMs = activatedMs + 2 * HOUR;
	firm.legacy_contacts = [
		contactRecord({
			id: 'lc_2001',
			client_id: 'wc_2001',
			first_name: 'Leah',
			last_name: 'Ito',
			email: 'leah.ito@example.com',
			last_login_at: iso(Date.UTC(2022, 9, 20)),
			firm_portal_user_id: 'pu_2001',
			created_at: iso(Date.UTC(2020, 8, 3)),
			updated_at: iso(syncedMs),
		}),
	];
	const bytes = fileBytes(rng, 'Leah Ito - 2021 Return.pdf');
	const doc = legacyDocumentRecord(
		{
			id: 'ld_2001',
			legacy_contact_id: 'lc_2001',
			client_id: 'wc_2001',
			file_name: 'Leah Ito - 2021 Return.pdf',
			uploaded_by: 'staff',
			created_at: iso(Date.UTC(2022, 3, 11, 15)),
		},
		bytes,
		'365_day',
	);
	const uploadedMs = syncedMs + HOUR;
	Object.assign(doc, {
		migrated_to_firm_portal: true,
		firm_portal_document_id: 'pd_2001',
		updated_at: iso(uploadedMs),
	});
	firm.legacy_documents = [doc];
	firm.portal_users = [
		{
			id: 'pu_2001',
			legacy_contact_id: 'lc_2001',
			client_id: 'wc_2001',
			email: 'leah.ito@example.com',
			first_name: 'Leah',
			last_name: 'Ito',
			status: 'active',
			welcome_email_sent_at: iso(syncedMs),
			mfa_enabled: true,
			password_expires_at: iso(syncedMs + DAY + 90 * DAY),
			last_login_at: iso(syncedMs + DAY),
			created_at: iso(syncedMs),
			updated_at: iso(syncedMs + DAY),
		},
	];
	firm.portal_documents = [
		{
			id: 'pd_2001',
			user_id: 'pu_2001',
			client_id: null,
			legacy_document_id: 'ld_2001',
			display_name: doc.file_name,
			file_name: doc.file_name,
			content_type: doc.content_type,
			size_bytes: doc.size_bytes,
			sha256: doc.sha256,
			sha256_matches_legacy: true,
			created_at: iso(uploadedMs),
			updated_at: iso(uploadedMs),
			content_base64: bytes.toString('base64'),
		},
	];
	firm.welcome_emails = [
		{
			id: 'we_2001',
			user_id: 'pu_2001',
			legacy_contact_id: 'lc_2001',
			to: 'leah.ito@example.com',
			subject: 'Welcome to the Northbay Client Portal',
			subdomain: OTHER_FIRM_SUBDOMAIN,
			sent_at: iso(syncedMs),
		},
	];
	firm.next_ids = { lc: 2002, ld: 2002, wc: 2002, wd: 2001, pu: 2002, pd: 2002, we: 2002 };
	return firm;
}

/** The state for one run. Only bytes depend on `rng`. */
function seed(rng) {
	return {
		clock: startClock(),
		settings: { upload_processing_ms: 0, max_upload_bytes: 50 * 1024 * 1024 },
		taken_subdomains: [TAKEN_SUBDOMAIN],
		reserved_subdomains: RESERVED_SUBDOMAINS.slice(),
		firms: { [FIRM_ID]: demoFirm(rng), [OTHER_FIRM_ID]: otherFirm(rng) },
	};
}

// ---------------------------------------------------------------- bulk generation

const BULK_FIRST = [
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
const BULK_LAST = [
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
const BULK_FILES = [
	'Form 1040.pdf',
	'W-2.pdf',
	'1099-DIV.pdf',
	'Bank Statement.pdf',
	'Receipts.csv',
	'Payroll.xlsx',
	'Photo ID.jpg',
];

function checkInt(errors, opts, key, max) {
	if (
		opts[key] !== undefined &&
		!(Number.isInteger(opts[key]) && opts[key] >= 0 && opts[key] <= max)
	)
		errors.add(key, 'out_of_range', `${key} must be an integer 0..${max}.`);
}

function checkRatio(errors, opts, key) {
	if (
		opts[key] !== undefined &&
		!(typeof opts[key] === 'number' && opts[key] >= 0 && opts[key] <= 1)
	)
		errors.add(key, 'out_of_range', `${key} must be 0..1.`);
}

/**
 * POST /__admin/seed/officetools: { firm_id = FIRM-1001, clients: N, contactsPerClient = 2,
 * documentsPerContact = 3, downloadedRatio = 0.3, invoiceRatio = 0.05, hiddenRatio = 0.05,
 * expiredRatio = 0.1, bytes = 2048 }. Adds WorkSpace clients with legacy contacts and documents (uploaded within
 * the last 25 days, or 31–60 days ago and removed by retention when `expiredRatio` hits); `downloadedRatio` of the
 * documents also get their WorkSpace copy. The bulk workload of a portal migration.
 */
function generate(state, rng, opts = {}) {
	const now = clockNow(state);
	const errors = new FieldErrors();
	if (!opts || typeof opts !== 'object' || Array.isArray(opts))
		errors.add('body', 'invalid_format', 'The body must be a JSON object.').throwIfAny();
	const firmId = opts.firm_id ?? FIRM_ID;
	const firm = state.firms[firmId];
	if (!firm) errors.add('firm_id', 'unknown_value', `No firm ${firmId}.`);
	checkInt(errors, opts, 'clients', 100000);
	checkInt(errors, opts, 'contactsPerClient', 10);
	checkInt(errors, opts, 'documentsPerContact', 100);
	checkInt(errors, opts, 'bytes', 10 * 1024 * 1024);
	for (const key of ['downloadedRatio', 'invoiceRatio', 'hiddenRatio', 'expiredRatio'])
		checkRatio(errors, opts, key);
	errors.throwIfAny();
	const clients = opts.clients || 0;
	const perClient = opts.contactsPerClient ?? 2;
	const perContact = opts.documentsPerContact ?? 3;
	const downloadedRatio = opts.downloadedRatio ?? 0.3;
	const invoiceRatio = opts.invoiceRatio ?? 0.05;
	const hiddenRatio = opts.hiddenRatio ?? 0.05;
	const expiredRatio = opts.expiredRatio ?? 0.1;
	const size = opts.bytes ?? 2048;
	const policy = firm.legacy_portal.retention_policy;
	const added = { clients: 0, contacts: 0, documents: 0, workspace_documents: 0 };
	const stamp = clockStamp(state);
	for (let c = 0; c < clients; c++) {
		const clientId = nextId(firm, 'wc', 1001);
		const last = rng.pick(BULK_LAST);
		const client = {
			id: clientId,
			name: `${last} Household ${clientId.slice(3)}`,
			legacy_contact_ids: [],
			updated_at: stamp,
		};
		firm.workspace_clients.push(client);
		added.clients++;
		for (let p = 0; p < perClient; p++) {
			const contactId = nextId(firm, 'lc', 1001);
			const first = rng.pick(BULK_FIRST);
			const contact = contactRecord({
				id: contactId,
				client_id: clientId,
				first_name: first,
				last_name: last,
				email: `${first}.${last}.${contactId.slice(3)}@example.com`.toLowerCase(),
				hidden: rng() < hiddenRatio,
				last_login_at: iso(now - rng.int(1, 60) * DAY),
				created_at: iso(now - rng.int(100, 900) * DAY),
				updated_at: stamp,
			});
			firm.legacy_contacts.push(contact);
			client.legacy_contact_ids.push(contactId);
			added.contacts++;
			for (let d = 0; d < perContact; d++) {
				const expired = policy === '30_day' && rng() < expiredRatio;
				const createdMs = expired
					? now - rng.int(31, 60) * DAY - rng.int(0, 1439) * MINUTE
					: now - rng.int(0, 25) * DAY - rng.int(0, 1439) * MINUTE;
				const kind = rng() < invoiceRatio ? 'invoice' : 'document';
				const fileName =
					kind === 'invoice'
						? `Invoice ${rng.int(2022, 2023)}-${rng.int(100, 999)}.pdf`
						: `${first} ${last} - ${rng.pick(BULK_FILES)}`;
				const base = fileBytes(rng, fileName, 2);
				const bytes =
					size > base.length
						? Buffer.concat([base, Buffer.alloc(size - base.length, 0x20 + rng.int(0, 90))])
						: base;
				const doc = legacyDocumentRecord(
					{
						id: nextId(firm, 'ld', 1001),
						legacy_contact_id: contactId,
						client_id: clientId,
						kind,
						file_name: fileName,
						uploaded_by: rng() < 0.5 ? 'client' : 'staff',
						created_at: iso(createdMs),
						updated_at: stamp,
					},
					bytes,
					policy,
				);
				if (rng() < downloadedRatio) {
					const ws = workspaceDocumentRecord(
						{
							id: nextId(firm, 'wd', 1001),
							client_id: clientId,
							file_name: fileName,
							legacy_document_id: doc.id,
							created_at: iso(createdMs + HOUR),
						},
						bytes,
					);
					ws.updated_at = stamp;
					firm.workspace_documents.push(ws);
					doc.downloaded_to_workspace = true;
					doc.downloaded_to_workspace_at = ws.created_at;
					doc.workspace_document_id = ws.id;
					added.workspace_documents++;
				}
				if (doc.retention_expires_at && Date.parse(doc.retention_expires_at) <= now)
					removeContent(doc, doc.retention_expires_at, 'retention', stamp);
				firm.legacy_documents.push(doc);
				added.documents++;
			}
		}
	}
	return {
		firm_id: firmId,
		added,
		totals: {
			clients: firm.workspace_clients.length,
			contacts: firm.legacy_contacts.length,
			documents: firm.legacy_documents.length,
			workspace_documents: firm.workspace_documents.length,
		},
	};
}

// ---------------------------------------------------------------- facts

const docAt = (d) =>
	d.at !== undefined ? d.at : Math.round((SEED_NOW - d.age * DAY) / MINUTE) * MINUTE;
const is30Day = (d) => docAt(d) >= POLICY_SWITCH_AT;
const expiresAt = (d) => (is30Day(d) ? docAt(d) + RETENTION_DAYS * DAY : null);
const isExpired = (d) => expiresAt(d) !== null && expiresAt(d) <= SEED_NOW;
const contactOf = (d) => CONTACTS.find((c) => c[0] === d.contact);
const ids = (list) => list.map((d) => d.id);
const hiddenIds = CONTACTS.filter((c) => c[5]).map((c) => c[0]);

/** Facts about the seed that hold for every seed number. */
const SEED_FACTS = Object.freeze({
	demoKey: DEMO_KEY,
	canaryKey: CANARY_KEY,
	firmId: FIRM_ID,
	firmName: 'Brightline Tax & Accounting',
	/** A firm only the canary key may use: the demo key gets 403 firm_forbidden. Its portal is active. */
	otherFirmId: OTHER_FIRM_ID,
	otherFirm: {
		subdomain: OTHER_FIRM_SUBDOMAIN,
		userId: 'pu_2001',
		legacyContactId: 'lc_2001',
		legacyDocumentId: 'ld_2001',
		portalDocumentId: 'pd_2001',
	},
	/** The sandbox clock's start (GET /__admin/officetools/clock); it then runs with real time. */
	seedNow: iso(SEED_NOW),
	retentionPolicy: '30_day',
	retentionDays: RETENTION_DAYS,
	policySwitchAt: iso(POLICY_SWITCH_AT),
	maxUploadsInFlight: MAX_UPLOADS_IN_FLIGHT,
	rateLimit: { perSecond: 5, burst: 5 },
	firmPortalStatus: 'not_activated',
	subdomains: {
		taken: TAKEN_SUBDOMAIN,
		otherFirm: OTHER_FIRM_SUBDOMAIN,
		reserved: RESERVED_SUBDOMAINS,
		free: FREE_SUBDOMAIN,
	},
	clientCount: CLIENTS.length,
	clients: CLIENTS.map((c) => ({ ...c })),
	/** WorkSpace client names in list order (sorted by name). */
	clientNamesSorted: CLIENTS.map((c) => c.name).sort(),
	contactCount: CONTACTS.length,
	contactIds: CONTACTS.map((c) => c[0]),
	contacts: Object.fromEntries(
		CONTACTS.map(([id, clientId, first, last, email, hidden]) => [
			id,
			{ client_id: clientId, display_name: `${first} ${last}`, email, hidden },
		]),
	),
	hiddenContactIds: hiddenIds,
	visibleContactIds: CONTACTS.filter((c) => !c[5]).map((c) => c[0]),
	noEmailContactIds: CONTACTS.filter((c) => c[4] === null).map((c) => c[0]),
	invalidEmailContactIds: CONTACTS.filter((c) => c[4] === INVALID_EMAIL).map((c) => c[0]),
	/** Two visible contacts with one e-mail: the second one synced gets 409 email_in_use. */
	sharedEmail: {
		email: SHARED_EMAIL,
		contactIds: CONTACTS.filter((c) => c[4] === SHARED_EMAIL).map((c) => c[0]),
	},
	/** Visible, valid unique e-mail (the first of the shared pair included): Sync Contact creates these. */
	syncableContactIds: ['lc_1001', 'lc_1003', 'lc_1005', 'lc_1007', 'lc_1008'],
	documentCount: DOCUMENTS.length,
	documentIds: ids(DOCUMENTS),
	invoiceIds: ids(DOCUMENTS.filter((d) => d.kind === 'invoice')),
	downloadedIds: ids(DOCUMENTS.filter((d) => d.ws)),
	/** Not downloaded to WorkSpace and content still there: what step 2 "Get Documents" fetches. */
	toDownloadIds: ids(DOCUMENTS.filter((d) => !d.ws && !isExpired(d))),
	expiredIds: ids(DOCUMENTS.filter(isExpired)),
	/** Removed by retention but in WorkSpace: step 4 takes the bytes from WorkSpace. */
	expiredInWorkspaceIds: ids(DOCUMENTS.filter((d) => isExpired(d) && d.ws)),
	/** Removed by retention and never downloaded: only the metadata remains. */
	lostIds: ids(DOCUMENTS.filter((d) => isExpired(d) && !d.ws)),
	/** ready_for_deletion=true at SEED_NOW. */
	readyForDeletionIds: ids(DOCUMENTS.filter((d) => d.ws && !isExpired(d))),
	/** Content available, removed by the 30-day policy within 72 hours of SEED_NOW (soonest first). */
	nearExpiry: DOCUMENTS.filter(
		(d) => !isExpired(d) && expiresAt(d) !== null && expiresAt(d) - SEED_NOW <= 72 * HOUR,
	)
		.sort((a, b) => expiresAt(a) - expiresAt(b))
		.map((d) => ({
			id: d.id,
			retention_expires_at: iso(expiresAt(d)),
			hours_left: Math.round((expiresAt(d) - SEED_NOW) / HOUR),
		})),
	policy365Ids: ids(DOCUMENTS.filter((d) => !is30Day(d))),
	hiddenContactDocumentIds: ids(DOCUMENTS.filter((d) => hiddenIds.includes(d.contact))),
	documentsByContact: Object.fromEntries(
		CONTACTS.map((c) => [c[0], ids(DOCUMENTS.filter((d) => d.contact === c[0]))]),
	),
	/** `name=alvarez` matches file names and the contacts' display names. */
	nameSearch: {
		name: 'alvarez',
		ids: ids(DOCUMENTS.filter((d) => /alvarez/i.test(d.file) || /alvarez/i.test(contactOf(d)[3]))),
	},
	/** A non-ASCII file name, for download round trips. */
	unicodeDocumentId: 'ld_1002',
	unicodeFileName: 'W-2 Acme Corp 2022 – María.pdf',
	workspaceDocumentCount: DOCUMENTS.filter((d) => d.ws).length + 1,
	ownWorkspaceDocumentId: OWN_WORKSPACE_DOCUMENT.id,
	defaultFolder: 'Portal',
});

module.exports = {
	seed,
	generate,
	fileBytes,
	contentTypeOf,
	contactRecord,
	legacyDocumentRecord,
	workspaceDocumentRecord,
	removeContent,
	emptyFirm,
	nextId,
	SEED_FACTS,
	DEMO_KEY,
	CANARY_KEY,
	KEY_LABELS,
	FIRM_ID,
	OTHER_FIRM_ID,
	RETENTION_DAYS,
	MAX_UPLOADS_IN_FLIGHT,
};
