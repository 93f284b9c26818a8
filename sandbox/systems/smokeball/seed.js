'use strict';

// Deterministic Smokeball seed: the UK conveyancing firm of the Perfect Portal ↔ Smokeball flows, with the fee
// earner of the Perfect Portal sandbox (Jane Smith, JSM, jane@firm.co.uk) and its case PP-123456 as a
// matter's externalSystemId. Matters and leads of purchase/sale/remortgage types, clients and lenders, matter
// stages of two stage sets, memos, Time & Fees, Cost Recoveries and three uploaded documents. Ids are fixed GUIDs
// derived from labels, so tests and templates can name them; the run seed does not change this data.

const { isoFromMs } = require('../../lib/time');
const { smokeballGuid, PP_SMOKEBALL_LINK: PP_LINK } = require('../shared-ids');

const DEMO_CLIENT_ID = 'sb_demo_client';
const DEMO_CLIENT_SECRET = 'sb_demo_secret';
const DEMO_API_KEY = 'sb_demo_apikey_51c2';
// A second partner key, rate-limited separately (a canary for per-key buckets).
const CANARY_API_KEY = 'sb_canary_apikey_9e07';
const PUBLIC_CLIENT_ID = 'sb_public_client'; // a PKCE public client: no secret

const DAY = 86400000;
const HOUR = 3600000;
const T0 = Date.UTC(2025, 4, 1, 9, 0, 0); // 1 May 2025 09:00 UTC

/** A GUID derived from a label, so every run and every test names the same records (../shared-ids.js). */
const guid = smokeballGuid;

const ACCOUNT_ID = guid('account');
const iso = (ms) => isoFromMs(ms).replace('.000Z', 'Z');

const phone = (areaCode, number) => ({ areaCode, number });

const STAFF = [
	['jsm', 'Ms', 'Jane', 'Smith', 'JSM', 'jane@firm.co.uk', 'Solicitor', 250, false, true],
	['tba', 'Mr', 'Tom', 'Baker', 'TBA', 'tom@firm.co.uk', 'Conveyancer', 180, false, true],
	['ppa', 'Ms', 'Priya', 'Patel', 'PPA', 'priya@firm.co.uk', 'Paralegal', 120, false, true],
	['lgr', 'Mrs', 'Lucy', 'Gray', 'LGR', 'lucy@firm.co.uk', 'Secretary', 60, false, true],
	['mev', 'Mr', 'Mark', 'Evans', 'MEV', 'mark@firm.co.uk', 'Solicitor', 220, true, false],
];

function staffRecords() {
	return STAFF.map(
		([key, title, firstName, lastName, initials, email, role, rate, former, enabled], i) => ({
			id: guid(`staff:${key}`),
			versionMs: T0 - 200 * DAY + i * HOUR,
			title,
			firstName,
			middleName: '',
			lastName,
			initials,
			phone: phone('020', `7946 01${10 + i}`),
			cell: phone('', `07700 9001${10 + i}`),
			email,
			role,
			rate,
			former,
			enabled,
			userId: enabled ? guid(`user:${key}`) : null,
		}),
	);
}

// Matter types: UK location "ENG"; ids in Smokeball's `<guid>_<location>` form (docs/api/smokeball.md#ids).
const MATTER_TYPES = [
	['purchase', 'Conveyancing - Purchase', 'Conveyancing', 0, ['Buyer', 'Lender'], 'purchase'],
	['sale', 'Conveyancing - Sale', 'Conveyancing', 0, ['Seller'], 'sale'],
	['remortgage', 'Remortgage', 'Conveyancing', 0, ['Borrower', 'Lender'], 'purchase'],
	['lead-purchase', 'Conveyancing - Purchase', 'Conveyancing', 1, ['Buyer'], null],
	['lead-sale', 'Conveyancing - Sale', 'Conveyancing', 1, ['Seller'], null],
];

function matterTypeRecords() {
	return MATTER_TYPES.map(([key, name, category, type, representativeOptions, stageSet], i) => ({
		id: `${guid(`mattertype:${key}`)}_ENG`,
		versionMs: T0 - 300 * DAY + i * HOUR,
		name,
		category,
		type,
		representativeOptions,
		location: 'ENG',
		isDeleted: false,
		stageSetId: stageSet ? guid(`stageset:${stageSet}`) : null,
	}));
}

const STAGE_SETS = [
	[
		'purchase',
		'Purchase',
		['Instruction', 'Searches', 'Pre-Exchange', 'Exchange', 'Completion', 'Post-Completion'],
	],
	['sale', 'Sale', ['Instruction', 'Draft Contract', 'Exchange', 'Completion', 'Post-Completion']],
];

function stageSetRecords() {
	return STAGE_SETS.map(([key, name, stages], i) => ({
		id: guid(`stageset:${key}`),
		versionMs: T0 - 250 * DAY + i * HOUR,
		name,
		isDeleted: false,
		stages: stages.map((stage, j) => ({
			id: guid(`stage:${key}:${j}`),
			versionMs: T0 - 250 * DAY + i * HOUR + j,
			name: stage,
			isDeleted: false,
		})),
	}));
}

const address = (addressLine1, city, zipCode) => ({
	addressLine1,
	city,
	zipCode,
	country: 'United Kingdom',
});

// [key, person | company, externalSystemId, updated offset in days]
const CONTACTS = [
	[
		'alan',
		{
			firstName: 'Alan',
			lastName: 'Example',
			email: 'alan@example.com',
			cell: phone('', '07700 900123'),
			residentialAddress: address('14 Mill Lane', 'Bristol', 'BS1 4DJ'),
		},
		'PP-CL-1001',
		2,
	],
	[
		'beth',
		{
			firstName: 'Beth',
			lastName: 'Example',
			email: 'beth@example.com',
			cell: phone('', '07700 900124'),
		},
		'PP-CL-1002',
		2,
	],
	[
		'oliver',
		{
			firstName: 'Oliver',
			lastName: 'Hughes',
			email: 'oliver.hughes@example.com',
			cell: phone('', '07700 900211'),
			residentialAddress: address('3 Quay Street', 'Bristol', 'BS1 5AB'),
		},
		null,
		5,
	],
	[
		'amelia',
		{
			firstName: 'Amelia',
			lastName: 'Wright',
			email: 'amelia.wright@example.com',
			cell: phone('', '07700 900318'),
		},
		null,
		9,
	],
	[
		'george',
		{
			firstName: 'George',
			lastName: 'Khan',
			email: 'george.khan@example.com',
			phone: phone('0117', '496 0721'),
		},
		null,
		12,
	],
	[
		'sophie',
		{
			firstName: 'Sophie',
			lastName: 'Turner',
			email: 'sophie.turner@example.com',
			cell: phone('', '07700 900455'),
		},
		'PP-CL-1007',
		15,
	],
	[
		'harry',
		{
			firstName: 'Harry',
			lastName: 'Price',
			email: 'harry.price@example.com',
			cell: phone('', '07700 900562'),
		},
		null,
		18,
	],
	[
		'isla',
		{
			firstName: 'Isla',
			lastName: 'Morgan',
			email: 'isla.morgan@example.com',
			cell: phone('', '07700 900677'),
		},
		null,
		21,
	],
	['jack', { firstName: 'Jack', lastName: 'Reid', email: 'jack.reid@example.com' }, null, 24],
	[
		'northshire',
		{
			name: 'Northshire Building Society',
			type: 'Building Society',
			email: 'conveyancing@northshire.example',
			phone: phone('0300', '123 4567'),
		},
		'PP-REF-NBS',
		30,
	],
	[
		'harbour',
		{
			name: 'Harbour Estates',
			type: 'Estate Agent',
			email: 'sales@harbour-estates.example',
			phone: phone('0117', '496 0000'),
		},
		'PP-REF-HE',
		33,
	],
	['deleted', { firstName: 'Dora', lastName: 'Deleted', email: 'dora@example.com' }, null, 40],
	// The client of Perfect Portal case PP-104514 (contact ct_18 there, which carries this contact's id), with
	// the newer mobile and address the firm keeps in Smokeball (../shared-ids.js).
	[
		PP_LINK.clientKey,
		{
			title: 'Mr',
			firstName: 'Alan',
			lastName: 'White',
			email: 'alan.white17@example.co.uk',
			cell: phone('', '07700 900777'),
			residentialAddress: address('9 Street Lane', 'Leeds', 'LS8 2ET'),
		},
		PP_LINK.clientContactId,
		26,
	],
];

function contactRecords() {
	return CONTACTS.map(([key, details, externalSystemId, days], i) => {
		const isCompany = 'name' in details;
		return {
			id: guid(`contact:${key}`),
			externalSystemId,
			versionMs: T0 + days * DAY + i * 60000,
			person: isCompany ? null : { title: null, ...details },
			company: isCompany ? details : null,
			isDeleted: key === 'deleted',
			tags: [],
		};
	});
}

// [key, type key, number, client keys, other side keys, status, stage index, responsible, assisting, externalSystemId, opened day, updated day, description]
const MATTERS = [
	[
		'm1',
		'purchase',
		'PUR-0001',
		['alan', 'beth'],
		['oliver'],
		'Open',
		3,
		'jsm',
		'ppa',
		'PP-123456',
		3,
		41,
		'Purchase of 22 Harbour Road, Bristol BS1 6QA (£250,000)',
	],
	[
		'm2',
		'sale',
		'SAL-0002',
		['oliver'],
		['alan', 'beth'],
		'Open',
		2,
		'tba',
		'ppa',
		null,
		4,
		40,
		'Sale of 22 Harbour Road, Bristol BS1 6QA',
	],
	[
		'm3',
		'purchase',
		'PUR-0003',
		['amelia'],
		[],
		'Open',
		1,
		'jsm',
		null,
		'PP-123470',
		10,
		38,
		'Purchase of Flat 4, 9 Park Row, Bristol',
	],
	[
		'm4',
		'remortgage',
		'REM-0004',
		['george'],
		[],
		'Pending',
		0,
		'tba',
		null,
		null,
		14,
		30,
		'Remortgage with Northshire Building Society',
	],
	[
		'm5',
		'sale',
		'SAL-0005',
		['sophie'],
		['harry'],
		'Closed',
		4,
		'jsm',
		'lgr',
		'PP-123401',
		-60,
		20,
		'Sale of 7 Orchard Close, Bath',
	],
	[
		'm6',
		'purchase',
		'PUR-0006',
		['isla'],
		[],
		'Open',
		0,
		'tba',
		'ppa',
		null,
		35,
		44,
		'Purchase of 51 Gloucester Road, Bristol',
	],
	// Made from Perfect Portal case PP-104514 (which links back to it); at stage Searches, as the case is.
	[
		PP_LINK.matterKey,
		'purchase',
		PP_LINK.matterNumber,
		[PP_LINK.clientKey],
		[],
		'Open',
		1,
		'jsm',
		null,
		PP_LINK.caseId,
		20,
		44,
		'Purchase of a house on Roundhay Road, Leeds',
	],
	[
		'l1',
		'lead-purchase',
		null,
		['jack'],
		[],
		'Open',
		null,
		'jsm',
		null,
		'PP-123488',
		42,
		45,
		'Quote accepted: purchase at £310,000',
	],
	[
		'l2',
		'lead-sale',
		null,
		['harry'],
		[],
		'Open',
		null,
		'tba',
		null,
		null,
		43,
		46,
		'Enquiry: sale of 2 Mill Court',
	],
	[
		'l3',
		'lead-purchase',
		null,
		['amelia'],
		[],
		'Closed',
		null,
		'jsm',
		null,
		null,
		5,
		9,
		'Quote declined',
	],
];

function matterRecords(matterTypes) {
	const typeId = (key) => matterTypes[MATTER_TYPES.findIndex((t) => t[0] === key)].id;
	return MATTERS.map(
		(
			[
				key,
				type,
				number,
				clients,
				others,
				status,
				,
				responsible,
				assisting,
				ext,
				opened,
				updated,
				description,
			],
			i,
		) => {
			const isLead = type.startsWith('lead-');
			const typeRow = MATTER_TYPES.find((t) => t[0] === type);
			const openedMs = T0 + opened * DAY;
			return {
				id: guid(`matter:${key}`),
				externalSystemId: ext,
				versionMs: T0 + updated * DAY + i * 60000,
				number,
				matterTypeId: typeId(type),
				clientIds: clients.map((c) => guid(`contact:${c}`)),
				otherSideIds: others.map((c) => guid(`contact:${c}`)),
				clientRole: typeRow[4][0],
				otherSideRole: others.length ? (type === 'sale' ? 'Buyer' : 'Seller') : null,
				description,
				status,
				openedDate: isLead ? null : iso(openedMs),
				closedDate: status === 'Closed' && !isLead ? iso(T0 + updated * DAY) : null,
				isLead,
				leadOpenedDate: isLead ? iso(openedMs) : null,
				leadClosedDate: isLead && status === 'Closed' ? iso(T0 + updated * DAY) : null,
				leadClosedReason: isLead && status === 'Closed' ? 'Client chose another firm' : null,
				referralType: key === 'm1' || key === 'l1' ? 'Estate Agent' : null,
				referrerId: key === 'm1' || key === 'l1' ? guid('contact:harbour') : null,
				personResponsibleStaffId: guid(`staff:${responsible}`),
				personAssistingStaffId: assisting ? guid(`staff:${assisting}`) : null,
				originatingStaffId: null,
				supervisorStaffId: guid('staff:jsm'),
				clientCode: null,
				tags: [],
			};
		},
	);
}

function matterStageRecords(matters, matterTypes, stageSets) {
	const out = [];
	MATTERS.forEach((row, i) => {
		const stageIndex = row[6];
		if (stageIndex === null) return;
		const matter = matters[i];
		const type = matterTypes.find((t) => t.id === matter.matterTypeId);
		const set = stageSets.find((s) => s.id === type.stageSetId);
		out.push({
			id: guid(`matterstage:${row[0]}`),
			matterId: matter.id,
			stageSetId: set.id,
			stageId: set.stages[stageIndex].id,
			versionMs: matter.versionMs - HOUR,
		});
	});
	return out;
}

const MEMOS = [
	[
		'm1',
		'Conversion notes',
		'Quote PP-123456 converted in Perfect Portal. Buyer wants completion before 31 July.',
		4,
	],
	[
		'm1',
		'Email sent from Perfect Portal',
		'Client care letter emailed to alan@example.com from Perfect Portal.',
		5,
	],
	['m1', 'Searches ordered', 'Local authority, water and drainage searches ordered.', 12],
	['m2', 'Draft contract', 'Draft contract pack sent to the buyer’s solicitor.', 15],
	['m3', 'Conversion notes', 'Quote PP-123470 converted in Perfect Portal.', 11],
	['m5', 'Completion', 'Completion took place; keys released.', 19],
];

function memoRecords() {
	return MEMOS.map(([matter, title, text, day], i) => {
		const ms = T0 + day * DAY + i * HOUR;
		return {
			id: guid(`memo:${i + 1}`),
			matterId: guid(`matter:${matter}`),
			title,
			text,
			plainText: text,
			createdDate: iso(ms),
			createdByUserId: guid('user:jsm'),
			versionMs: ms,
			updatedByUserId: guid('user:jsm'),
			isDeleted: false,
		};
	});
}

// [matter, staff, subject, feeType (0 fixed, 1 time), duration minutes, rate, day]
const FEES = [
	['m1', 'jsm', 'Legal fee: purchase', 0, 0, 950, 4],
	['m1', 'jsm', 'Review contract', 1, 60, 250, 14],
	['m2', 'tba', 'Legal fee: sale', 0, 0, 850, 5],
	['m3', 'jsm', 'Legal fee: purchase', 0, 0, 995, 11],
	['m5', 'jsm', 'Legal fee: sale', 0, 0, 800, -55],
];

function feeRecords() {
	return FEES.map(([matter, staff, subject, feeType, duration, rate, day], i) => {
		const ms = T0 + day * DAY + i * HOUR;
		return {
			id: guid(`fee:${i + 1}`),
			matterId: guid(`matter:${matter}`),
			staffId: guid(`staff:${staff}`),
			createdByUserId: guid('user:jsm'),
			createdMs: ms,
			versionMs: ms,
			invoiceId: null,
			activityCode: feeType === 1 ? 'REV' : 'FIX',
			subject,
			description: null,
			feeDate: iso(ms),
			feeType,
			finalized: false,
			isWrittenOff: false,
			isBillable: true,
			isInvoicedExternally: false,
			tax: 0,
			taxInclusive: false,
			taxExempt: false,
			taxOutOfScope: false,
			duration,
			durationWorked: duration || null,
			rate,
			isDeleted: false,
		};
	});
}

// [matter, subject, costType, quantity, price, day]
const EXPENSES = [
	['m1', 'Local authority search', 'Hard', 1, 189.5, 12],
	['m1', 'Land Registry fee', 'Hard', 1, 150, 13],
	['m2', 'Office copy entries', 'Hard', 2, 7, 6],
	['m5', 'Courier', 'Soft', 1, 25, -50],
];

function expenseRecords() {
	return EXPENSES.map(([matter, subject, costType, quantity, price, day], i) => {
		const ms = T0 + day * DAY + i * HOUR;
		return {
			id: guid(`expense:${i + 1}`),
			matterId: guid(`matter:${matter}`),
			staffId: guid('staff:jsm'),
			createdByUserId: guid('user:jsm'),
			versionMs: ms,
			invoiceId: null,
			origin: null,
			activityCode: null,
			subject,
			description: null,
			expenseDate: iso(ms),
			costType,
			quantity,
			price,
			tax: 0,
			outputTax: 0,
			taxInclusive: false,
			taxZeroRated: false,
			taxOutOfScope: false,
			taxExempt: false,
			finalized: false,
			isWrittenOff: false,
			isBillable: true,
			isInvoicedExternally: false,
			isDeleted: false,
		};
	});
}

// [matter, name, extension, text, day, additionalData]
const FILES = [
	[
		'm1',
		'Quote PP-123456',
		'.pdf',
		'%PDF-1.4\n% Perfect Portal quote PP-123456\n',
		3,
		{ externalSystemId: 'perfectportal:quote:PP-123456' },
	],
	['m1', 'Client care letter', '.pdf', '%PDF-1.4\n% Client care letter\n', 5, {}],
	['m2', 'Draft contract', '.docx', 'PK\u0003\u0004 draft contract', 15, {}],
];

function fileRecords() {
	const files = [];
	const blobs = {};
	FILES.forEach(([matter, name, fileExtension, text, day, additionalData], i) => {
		const ms = T0 + day * DAY + i * HOUR;
		const id = guid(`file:${i + 1}`);
		const versionId = guid(`fileversion:${i + 1}:1`);
		const bytes = Buffer.from(text, 'utf8');
		files.push({
			id,
			versionId,
			matterId: guid(`matter:${matter}`),
			folderId: null,
			name,
			fileExtension,
			ownerId: guid('user:jsm'),
			dateCreated: iso(ms),
			dateModified: iso(ms),
			sizeBytes: bytes.length,
			additionalData,
			isUploaded: true,
			isDeleted: false,
			versionMs: ms,
		});
		blobs[id] = { versionId, base64: bytes.toString('base64') };
	});
	return { files, blobs };
}

// Layout designs the firm has defined (Layout Designs in the swagger): [key, name, description, fields].
const COMPLETION_FIELDS = [
	['Status', 'Combobox', ['Pending', 'Exchanged', 'Completed']],
	['ExchangeDate', 'Date'],
	['CompletionDate', 'Date'],
	['CompletionTime', 'Text'],
	['PurchasePrice', 'Number'],
	['DepositAmount', 'Number'],
	['MortgageAdvance', 'Number'],
	['LenderName', 'Text'],
	['Notes', 'Text'],
];
const LAYOUT_DESIGNS = [
	[
		'property',
		'Property Details',
		'The property being bought or sold',
		[
			['AddressLine1', 'Text'],
			['Postcode', 'Text'],
			['Tenure', 'Combobox', ['Freehold', 'Leasehold']],
		],
	],
	['completion', 'Completion Details', 'Exchange and completion', COMPLETION_FIELDS],
];

// The firm's referral types (Smokeball's referrers): [key, name, isDeleted].
const REFERRAL_TYPES = [
	['hunters', 'Hunters Estate Agents', false],
	['northshire', 'Northshire Mortgage Brokers', false],
	['old', 'Old Referral Scheme', true],
];

function referralTypeRecords() {
	return REFERRAL_TYPES.map(([key, name, isDeleted]) => ({
		id: guid(`referraltype:${key}`),
		name,
		isDeleted,
	}));
}

function layoutDesignRecords() {
	return LAYOUT_DESIGNS.map(([key, name, description, fields], i) => ({
		id: guid(`layout:${key}`),
		versionId: guid(`layout:${key}:v1`),
		name,
		description,
		versionMs: T0 + i * HOUR,
		fields: fields.map(([fieldName, type, possibleValues]) => ({
			name: fieldName,
			type,
			possibleValues: possibleValues || null,
		})),
	}));
}

/** The whole state of a fresh sandbox. */
function seed() {
	const staff = staffRecords();
	const matterTypes = matterTypeRecords();
	const stageSets = stageSetRecords();
	const matters = matterRecords(matterTypes);
	const { files, blobs } = fileRecords();
	return {
		firm: { accountId: ACCOUNT_ID, name: 'Smith & Baker Conveyancing', region: 'uk' },
		clients: [
			{
				clientId: DEMO_CLIENT_ID,
				clientSecret: DEMO_CLIENT_SECRET,
				accountId: ACCOUNT_ID,
				userId: guid('user:jsm'),
				name: 'legal-sync demo',
			},
			{
				clientId: PUBLIC_CLIENT_ID,
				clientSecret: null,
				accountId: ACCOUNT_ID,
				userId: guid('user:jsm'),
				name: 'public PKCE client',
			},
		],
		oauth: { codes: {}, access: {}, refresh: {} },
		staff,
		matterTypes,
		stageSets,
		contacts: contactRecords(),
		matters,
		matterStages: matterStageRecords(matters, matterTypes, stageSets),
		memos: memoRecords(),
		layoutDesigns: layoutDesignRecords(),
		layoutItems: [],
		referralTypes: referralTypeRecords(),
		fees: feeRecords(),
		expenses: expenseRecords(),
		files,
		blobs,
		portalMessages: [],
		webhooks: [],
		deliveries: [],
		pending: [],
		settings: { processingDelayMs: 200 },
	};
}

const byKey = (prefix, key) => guid(`${prefix}:${key}`);

/** What tests and templates may rely on. */
const SEED_FACTS = {
	accountId: ACCOUNT_ID,
	clientId: DEMO_CLIENT_ID,
	clientSecret: DEMO_CLIENT_SECRET,
	apiKey: DEMO_API_KEY,
	canaryApiKey: CANARY_API_KEY,
	publicClientId: PUBLIC_CLIENT_ID,
	firmName: 'Smith & Baker Conveyancing',
	processingDelayMs: 200,
	staff: {
		janeSmith: { id: byKey('staff', 'jsm'), userId: guid('user:jsm'), email: 'jane@firm.co.uk' },
		tomBaker: { id: byKey('staff', 'tba'), userId: guid('user:tba'), email: 'tom@firm.co.uk' },
		priyaPatel: { id: byKey('staff', 'ppa'), email: 'priya@firm.co.uk' },
		formerMarkEvans: { id: byKey('staff', 'mev'), email: 'mark@firm.co.uk' },
	},
	staffCount: STAFF.length,
	matterTypes: {
		purchase: `${byKey('mattertype', 'purchase')}_ENG`,
		sale: `${byKey('mattertype', 'sale')}_ENG`,
		remortgage: `${byKey('mattertype', 'remortgage')}_ENG`,
		leadPurchase: `${byKey('mattertype', 'lead-purchase')}_ENG`,
		leadSale: `${byKey('mattertype', 'lead-sale')}_ENG`,
	},
	contacts: {
		alan: {
			id: byKey('contact', 'alan'),
			externalSystemId: 'PP-CL-1001',
			email: 'alan@example.com',
		},
		beth: { id: byKey('contact', 'beth') },
		oliver: { id: byKey('contact', 'oliver') },
		amelia: { id: byKey('contact', 'amelia') },
		jack: { id: byKey('contact', 'jack') },
		northshire: { id: byKey('contact', 'northshire'), name: 'Northshire Building Society' },
		deleted: { id: byKey('contact', 'deleted') },
	},
	contactCount: CONTACTS.length,
	liveContactCount: CONTACTS.length - 1,
	matters: {
		purchase: { id: byKey('matter', 'm1'), number: 'PUR-0001', externalSystemId: 'PP-123456' },
		sale: { id: byKey('matter', 'm2'), number: 'SAL-0002' },
		pending: { id: byKey('matter', 'm4'), number: 'REM-0004' },
		closed: { id: byKey('matter', 'm5'), number: 'SAL-0005' },
	},
	leads: {
		open: {
			id: byKey('matter', 'l1'),
			externalSystemId: 'PP-123488',
			clientId: byKey('contact', 'jack'),
		},
		openSale: { id: byKey('matter', 'l2') },
		closed: { id: byKey('matter', 'l3') },
	},
	/** The matter and client shared with the Perfect Portal sandbox (case PP-104514, contact ct_18). */
	perfectPortal: {
		matter: {
			id: byKey('matter', PP_LINK.matterKey),
			number: PP_LINK.matterNumber,
			externalSystemId: PP_LINK.caseId,
		},
		client: { id: byKey('contact', PP_LINK.clientKey), externalSystemId: PP_LINK.clientContactId },
		stageName: 'Searches',
	},
	matterCount: MATTERS.filter((m) => !m[1].startsWith('lead-')).length,
	leadCount: MATTERS.filter((m) => m[1].startsWith('lead-')).length,
	openMatterCount: MATTERS.filter((m) => !m[1].startsWith('lead-') && m[5] === 'Open').length,
	purchaseStage: { stageSetName: 'Purchase', stageName: 'Exchange' },
	referralTypes: Object.fromEntries(
		REFERRAL_TYPES.map(([key, name, isDeleted]) => [
			key,
			{ id: byKey('referraltype', key), name, isDeleted },
		]),
	),
	layoutDesigns: {
		completion: {
			id: byKey('layout', 'completion'),
			name: 'Completion Details',
			fields: COMPLETION_FIELDS.map(([name]) => name),
		},
		property: { id: byKey('layout', 'property'), name: 'Property Details' },
	},
	memoCountOnPurchase: MEMOS.filter((m) => m[0] === 'm1').length,
	feeCountOnPurchase: FEES.filter((f) => f[0] === 'm1').length,
	expenseCountOnPurchase: EXPENSES.filter((e) => e[0] === 'm1').length,
	files: {
		quote: {
			id: guid('file:1'),
			name: 'Quote PP-123456',
			fileExtension: '.pdf',
			text: FILES[0][3],
			externalSystemId: 'perfectportal:quote:PP-123456',
		},
	},
	fileCountOnPurchase: FILES.filter((f) => f[0] === 'm1').length,
	// Last-updated times span 2025-05-03 .. 2025-06-16.
	updatedWindow: { from: iso(T0 + 2 * DAY), to: iso(T0 + 47 * DAY) },
};

module.exports = {
	seed,
	guid,
	SEED_FACTS,
	ACCOUNT_ID,
	DEMO_API_KEY,
	CANARY_API_KEY,
	DEMO_CLIENT_ID,
};
