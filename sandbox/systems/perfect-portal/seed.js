'use strict';

// Deterministic Perfect Portal seed for the demo firm (Reyes & Khan, here its UK conveyancing and PI desk; GBP).
// Ids and structure are fixed and exported as SEED_FACTS; the seed number varies only phone digits and a few
// texts. Times are relative to an anchor = the seed time rounded down to the minute, because "Cases within the
// last day / week / month" is about now: every timestamp is anchor − a fixed offset, ids never move.
//
// What the seed holds (docs/api/perfect-portal.md#sandbox):
//   - 28 cases over the last ~90 days (2 in the last day, 6 in the last week, 14 in the last 30 days), with 1–2
//     clients, extra contacts (estate agents, lenders, other side), 0–2 properties, fees, key-stage history,
//     completion details; plus the DPS import blockers (no AppCode, fee earner without a code, no client, a fee
//     earner without rights to the AppCode), a cancelled case, a case started in the CMS, a linked case;
//   - quotes and enquiries, some converted (each converted one is the source of a case), open, lost, expired;
//   - 3 fee scales (one inactive), 7 key stages (one inactive), 4 staff (one inactive, one without a code),
//     3 branches (one inactive), contacts, referrers, documents with bytes + sha256 (a quote PDF per quote).

const { FieldErrors } = require('../../lib/http');
const { sha256Hex } = require('../../lib/files');
const { isoFromMs } = require('../../lib/time');
const { PP_SMOKEBALL_LINK } = require('../shared-ids');

const DEMO_KEY = 'pp_demo_3c9d7e215a84';
const CANARY_KEY = 'pp_canary_1a2b3c4d5e6f';
const FIRM = {
	id: 'firm_rk01',
	name: 'Reyes & Khan Injury Law',
	region: 'uk',
	host: 'reyeskhan.perfectportal.co.uk',
};
const CURRENCY = 'GBP';
// The linked case (PP-104514) is the Smokeball sandbox's matter PUR-0007, its client contact ct_18 that
// matter's client: the two sandboxes describe the same firm there, so the Smokeball templates run end to end.
const SMOKEBALL = PP_SMOKEBALL_LINK;

const MINUTE = 60000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const iso = isoFromMs;

const FIRST_CASE_NUMBER = 104501;
const FIRST_QUOTE_REFERENCE = 3865731; // ~7-digit integers as seen in public (docs/api/perfect-portal.md#ids-and-money)
const FIRST_ENQUIRY_REFERENCE = 4120051;

// ---------------------------------------------------------------- reference data

const BRANCHES = [
	{ id: 'br_1', name: 'Leeds', code: 'LDS', active: true },
	{ id: 'br_2', name: 'Manchester', code: 'MAN', active: true },
	{ id: 'br_3', name: 'York', code: 'YRK', active: false },
];

// Codes match the DPS One Office sandbox fee earners (JSM: CP/CS/CC at LDS; ABC: PI/GP at MAN; OLD inactive).
const STAFF = [
	{
		id: 'st_1',
		name: 'Jane Smith',
		email: 'jane.smith@reyeskhan.co.uk',
		code: 'JSM',
		branch_id: 'br_1',
		active: true,
	},
	{
		id: 'st_2',
		name: 'Aisha Bello-Clarke',
		email: 'aisha.bello-clarke@reyeskhan.co.uk',
		code: 'ABC',
		branch_id: 'br_2',
		active: true,
	},
	{
		id: 'st_3',
		name: 'Tom Price',
		email: 'tom.price@reyeskhan.co.uk',
		code: null, // no CMS user code: a case of his cannot be imported into DPS as it stands
		branch_id: 'br_1',
		active: true,
	},
	{
		id: 'st_4',
		name: 'Owen Dale',
		email: 'owen.dale@reyeskhan.co.uk',
		code: 'OLD',
		branch_id: 'br_1',
		active: false,
	},
];

const smokeballStage = (matterType, stageName) => ({
	system: 'smokeball',
	matter_type: matterType,
	stage_name: stageName,
});
// Stage names of the Smokeball sandbox's Purchase stage set (sandbox/systems/smokeball/seed.js).
const KEY_STAGES = [
	{ name: 'Instruction Received', map: smokeballStage('Conveyancing - Purchase', 'Instruction') },
	{ name: 'Searches Ordered', map: smokeballStage('Conveyancing - Purchase', 'Searches') },
	{
		name: 'Mortgage Offer Received',
		map: smokeballStage('Conveyancing - Purchase', 'Pre-Exchange'),
	},
	{ name: 'Exchanged', map: smokeballStage('Conveyancing - Purchase', 'Exchange') },
	{ name: 'Completed', map: smokeballStage('Conveyancing - Purchase', 'Completion') },
	{ name: 'Post Completion', map: null },
	{ name: 'File Opened (old)', map: null, active: false },
].map((k, i) => ({
	id: `ks_${i + 1}`,
	name: k.name,
	position: i + 1,
	active: k.active !== false,
	case_management_mapping: k.map,
}));

// Work types as chosen on a quote or enquiry; app_code is the DPS Application Code the firm maps each to.
const WORK_TYPES = {
	purchase: { name: 'Conveyancing - Purchase', app: 'CP', tx: ['purchase'], conveyancing: true },
	sale: { name: 'Conveyancing - Sale', app: 'CS', tx: ['sale'], conveyancing: true },
	salePurchase: {
		name: 'Conveyancing - Sale & Purchase',
		app: 'CP',
		tx: ['sale', 'purchase'],
		conveyancing: true,
	},
	remortgage: {
		name: 'Conveyancing - Remortgage',
		app: 'CP',
		tx: ['remortgage'],
		conveyancing: true,
	},
	// No AppCode mapped for this work type: DPS needs one before import.
	transfer: {
		name: 'Conveyancing - Transfer of Equity',
		app: null,
		tx: ['transfer_of_equity'],
		conveyancing: true,
	},
	commercial: {
		name: 'Conveyancing - Commercial',
		app: 'CC',
		tx: ['purchase'],
		conveyancing: true,
	},
	pi: { name: 'Personal Injury - Road Traffic Accident', app: 'PI', tx: [], conveyancing: false },
	wills: { name: 'Wills', app: 'CW', tx: [], conveyancing: false },
};

// Fee scales: amounts in pence; null = calculated per case (price band). `vat` in percent.
const FEE_SCALES = [
	{
		id: 'fs_1',
		name: 'Residential Conveyancing 2025',
		active: true,
		sections: {
			legal_fees: {
				map: true,
				lines: [
					['Legal fee (price band)', null, 20, true],
					['Leasehold supplement', 25000, 20, true],
				],
			},
			additional_fees: {
				map: false,
				lines: [
					['Stamp Duty Land Tax return', 9500, 20, true],
					['Electronic ID check (per client)', 1200, 20, false],
				],
			},
			disbursements: {
				map: true,
				lines: [
					['Land Registry fee', 15000, 0, true],
					['Search pack', 30000, 20, true],
					['Bank transfer fee', 4000, 20, false],
				],
			},
		},
	},
	{
		id: 'fs_2',
		name: 'Personal Injury (CFA)',
		active: true,
		sections: {
			legal_fees: { map: true, lines: [['Success fee (capped)', null, 20, true]] },
			additional_fees: { map: true, lines: [['Medical report review', 15000, 20, true]] },
			disbursements: { map: true, lines: [['Medical report', 45000, 0, false]] },
		},
	},
	{
		id: 'fs_3',
		name: 'Residential Conveyancing 2024',
		active: false,
		sections: {
			legal_fees: { map: false, lines: [['Legal fee', 85000, 20, true]] },
			additional_fees: { map: false, lines: [] },
			disbursements: { map: false, lines: [['Land Registry fee', 15000, 0, true]] },
		},
	},
];
const FEE_SECTIONS = ['legal_fees', 'additional_fees', 'disbursements'];

const REFERRERS = [
	{
		name: 'Hunters Estate Agents (Leeds)',
		contact: 'Priya Shah',
		email: 'priya.shah@hunters.example.co.uk',
		ref: 'sb:referrer:7001',
	},
	{ name: 'Moneywise Mortgages', contact: 'Gary Flynn', email: 'gary@moneywise.example.co.uk' },
	{ name: 'Claims Direct North', contact: null, email: 'intake@claimsdirect.example.co.uk' },
	{ name: 'Old Mill Lettings', contact: 'Ruth Gill', email: null, active: false },
];

// First names with a fitting title.
const FIRST_NAMES = [
	['Alan', 'Mr'],
	['Sarah', 'Mrs'],
	['Mohammed', 'Mr'],
	['Emily', 'Ms'],
	['David', 'Dr'],
	['Grace', 'Miss'],
	['Oliver', 'Mr'],
	['Fatima', 'Mrs'],
	['James', 'Mr'],
	['Chloe', 'Ms'],
	['Harry', 'Mr'],
	['Amelia', 'Mrs'],
	['Ravi', 'Dr'],
	['Sophie', 'Miss'],
	['Thomas', 'Mr'],
	['Isla', 'Ms'],
];
const LAST_NAMES = [
	'Smith',
	'Patel',
	'Jones',
	'Hughes',
	'Khan',
	'Wilson',
	'Taylor',
	'Brown',
	'Evans',
	'Walker',
	'Wright',
	'Robinson',
	'Thompson',
	'White',
];
const STREETS = [
	['Kirkstall Road', 'Leeds', 'LS4 2AH'],
	['Otley Road', 'Leeds', 'LS6 3PX'],
	['Wilmslow Road', 'Manchester', 'M14 5TQ'],
	['Chapel Allerton Lane', 'Leeds', 'LS7 3NL'],
	['Deansgate', 'Manchester', 'M3 4LQ'],
	['Harrogate Road', 'Leeds', 'LS17 6HL'],
	['Burton Road', 'Manchester', 'M20 1LH'],
	['Roundhay Road', 'Leeds', 'LS8 5AJ'],
	['Stockport Road', 'Manchester', 'M19 2EJ'],
	['Street Lane', 'Leeds', 'LS8 2ET'],
];
const ORGS = {
	estate_agent: ['Hunters Estate Agents', 'Linley & Simpson', 'Bridgfords'],
	lender: ['Nationwide Building Society', 'Leeds Building Society', 'Halifax'],
	other_side_solicitor: ['Carter & Webb LLP', 'Ward Hadaway', 'Slater Heelis'],
	other_side: ['Aviva Insurance Ltd', 'Direct Line Insurance'],
};

// ---------------------------------------------------------------- the case plan

// Each row: created (days + hours before the anchor), work type, fee earner, branch, clients, other parties,
// status, key stages reached (indexes into KEY_STAGES), CMS target, source (quote/enquiry it was converted from).
// Offsets keep ≥ 1 hour away from the day/week/30-day boundaries so "within the last N" is unambiguous.
const PLAN = [
	// 0–1: within the last day
	{
		ago: [0, 3],
		wt: 'purchase',
		fe: 0,
		clients: 2,
		parties: ['estate_agent', 'lender'],
		ks: [0],
		src: 'quote',
	},
	{ ago: [0, 20], wt: 'pi', fe: 1, clients: 1, parties: ['other_side'], ks: [], src: 'enquiry' },
	// 2–5: within the last week
	{
		ago: [2, 4],
		wt: 'sale',
		fe: 0,
		clients: 1,
		parties: ['estate_agent'],
		ks: [0, 1],
		target: 'smokeball',
	},
	{ ago: [3, 6], wt: 'transfer', fe: 0, clients: 2, parties: [], ks: [0], note: 'missingAppCode' },
	{
		ago: [5, 2],
		wt: 'remortgage',
		fe: 2,
		clients: 1,
		parties: ['lender'],
		ks: [0],
		note: 'missingFeeEarnerCode',
	},
	{
		ago: [6, 9],
		wt: 'purchase',
		fe: 0,
		clients: 0,
		parties: ['estate_agent'],
		ks: [0],
		note: 'noClients',
	},
	// 6–13: within the last 30 days
	{
		ago: [9, 5],
		wt: 'salePurchase',
		fe: 0,
		clients: 2,
		parties: ['estate_agent', 'lender', 'other_side_solicitor'],
		ks: [0, 1, 2],
		src: 'quote',
	},
	{ ago: [11, 1], wt: 'pi', fe: 1, clients: 1, parties: ['other_side'], ks: [], target: null },
	{
		ago: [13, 7],
		wt: 'commercial',
		fe: 0,
		clients: 1,
		parties: ['other_side_solicitor'],
		ks: [0, 1],
		org: true,
	},
	{
		ago: [16, 3],
		wt: 'wills',
		fe: 1,
		clients: 2,
		parties: [],
		ks: [],
		note: 'wrongRights',
		target: null,
	},
	{
		ago: [19, 8],
		wt: 'purchase',
		fe: 0,
		clients: 1,
		parties: ['estate_agent', 'lender'],
		ks: [0, 1, 2, 3],
		completion: 'exchanged',
	},
	{ ago: [22, 2], wt: 'sale', fe: 0, clients: 1, parties: [], ks: [0], status: 'cancelled' },
	{
		ago: [25, 6],
		wt: 'purchase',
		fe: 0,
		clients: 2,
		parties: ['lender'],
		ks: [],
		origin: 'case_management',
		target: 'smokeball',
	},
	{
		ago: [28, 4],
		wt: 'purchase',
		fe: 0,
		clients: 1,
		parties: ['estate_agent'],
		ks: [0, 1],
		target: 'smokeball',
		linked: true,
	},
	// 14–27: 31–90 days ago
	{
		ago: [33, 3],
		wt: 'sale',
		fe: 0,
		clients: 1,
		parties: ['estate_agent'],
		ks: [0, 1, 2, 3, 4],
		completion: 'completed',
		status: 'completed',
		src: 'quote',
	},
	{ ago: [37, 5], wt: 'pi', fe: 1, clients: 1, parties: ['other_side'], ks: [], src: 'enquiry' },
	{
		ago: [41, 2],
		wt: 'purchase',
		fe: 0,
		clients: 2,
		parties: ['estate_agent', 'lender'],
		ks: [0, 1, 2, 3],
		completion: 'exchanged',
	},
	{
		ago: [45, 7],
		wt: 'remortgage',
		fe: 0,
		clients: 1,
		parties: ['lender'],
		ks: [0, 1, 2, 3, 4, 5],
		completion: 'completed',
		status: 'completed',
	},
	{
		ago: [49, 1],
		wt: 'salePurchase',
		fe: 0,
		clients: 2,
		parties: ['estate_agent'],
		ks: [0, 1, 2],
		src: 'quote',
	},
	{ ago: [53, 6], wt: 'pi', fe: 1, clients: 1, parties: [], ks: [] },
	{
		ago: [57, 3],
		wt: 'sale',
		fe: 0,
		clients: 1,
		parties: ['other_side_solicitor'],
		ks: [0, 1, 2, 3, 4],
		completion: 'completed',
		status: 'completed',
	},
	{
		ago: [61, 4],
		wt: 'purchase',
		fe: 0,
		clients: 1,
		parties: ['estate_agent', 'lender'],
		ks: [0, 1, 2],
	},
	{ ago: [65, 8], wt: 'commercial', fe: 0, clients: 1, parties: [], ks: [0, 1, 2, 3], org: true },
	{
		ago: [70, 2],
		wt: 'pi',
		fe: 1,
		clients: 2,
		parties: ['other_side'],
		ks: [],
		status: 'completed',
	},
	{
		ago: [74, 5],
		wt: 'sale',
		fe: 0,
		clients: 1,
		parties: ['estate_agent'],
		ks: [0, 1, 2, 3, 4],
		completion: 'completed',
		status: 'completed',
	},
	{
		ago: [79, 1],
		wt: 'purchase',
		fe: 0,
		clients: 2,
		parties: ['lender'],
		ks: [0, 1, 2, 3, 4, 5],
		completion: 'completed',
		status: 'completed',
	},
	{ ago: [84, 6], wt: 'remortgage', fe: 0, clients: 1, parties: ['lender'], ks: [0, 1] },
	{
		ago: [88, 3],
		wt: 'sale',
		fe: 0,
		clients: 1,
		parties: [],
		ks: [0, 1, 2, 3],
		completion: 'exchanged',
	},
];
// (updated_at, case_id) ties for keyset tests: these cases share one updated_at.
const SHARED_UPDATED = { indexes: [16, 17, 18], hoursAgo: 30 };

// Quotes and enquiries that were not converted (the converted ones come from PLAN rows with `src`).
const OPEN_LEADS = [
	{ kind: 'quote', wt: 'purchase', status: 'open', ago: [1, 2], referrer: 0 },
	{ kind: 'quote', wt: 'sale', status: 'open', ago: [4, 5], referrer: null },
	{ kind: 'quote', wt: 'purchase', status: 'lost', ago: [20, 3], referrer: 1 },
	{ kind: 'quote', wt: 'remortgage', status: 'expired', ago: [60, 1], referrer: null },
	{ kind: 'enquiry', wt: 'pi', status: 'open', ago: [2, 6], referrer: 2 },
	{ kind: 'enquiry', wt: 'wills', status: 'open', ago: [8, 4], referrer: null },
	{ kind: 'enquiry', wt: 'pi', status: 'lost', ago: [30, 7], referrer: 2 },
];

// ---------------------------------------------------------------- helpers

const pence = (p) => (p / 100).toFixed(2);
const vatOf = (amount, rate) => Math.round((amount * rate) / 100);
const cmCategory = (section) => (section === 'disbursements' ? 'cost_recoveries' : 'fees');
const staffRef = (s) => (s ? { id: s.id, name: s.name, email: s.email, code: s.code } : null);
const branchRef = (b) => (b ? { id: b.id, name: b.name, code: b.code } : null);

function address(rng, k, extra = {}) {
	const [street, town, postcode] = STREETS[k % STREETS.length];
	return {
		line1: `${1 + ((k * 7 + rng.int(0, 3)) % 120)} ${street}`,
		line2: null,
		line3: null,
		town,
		county: town === 'Leeds' ? 'West Yorkshire' : 'Greater Manchester',
		postcode,
		country: 'GB',
		...extra,
	};
}

const mobile = (rng) => `07700 ${String(rng.int(900000, 900999))}`;

/** A fee scale's lines priced for one case: price-band lines take a share of the property price. */
function feesFor(scale, price, nextLineId, opts = {}) {
	const fees = [];
	for (const section of FEE_SECTIONS) {
		for (const line of scale.sections[section].lines) {
			if (opts.skipLeasehold && /Leasehold/.test(line.description)) continue;
			const amount =
				line.amount === null
					? Math.max(75000, Math.min(250000, Math.round(price * 0.004) * 100)) // price in pounds
					: Number(line.amount.replace('.', ''));
			const rate = Number(line.vat_rate);
			fees.push({
				id: nextLineId(),
				section,
				description: line.description,
				amount: pence(amount),
				vat_amount: pence(vatOf(amount, rate)),
				vat_rate: line.vat_rate,
				mapped_to_case_management: line.mapped_to_case_management,
				case_management_category: cmCategory(section),
			});
		}
	}
	return fees;
}

/** Sums of the fee lines, in money strings. */
function feeTotals(fees) {
	const sum = { legal_fees: 0, additional_fees: 0, disbursements: 0, vat: 0 };
	for (const f of fees || []) {
		const amount = Math.round(Number(f.amount) * 100);
		sum[f.section] = (sum[f.section] || 0) + amount;
		sum.vat += Math.round(Number(f.vat_amount) * 100);
	}
	const total = sum.legal_fees + sum.additional_fees + sum.disbursements + sum.vat;
	return {
		legal_fees: pence(sum.legal_fees),
		additional_fees: pence(sum.additional_fees),
		disbursements: pence(sum.disbursements),
		vat: pence(sum.vat),
		total: pence(total),
	};
}

function buildFeeScales(at) {
	let line = 1;
	return FEE_SCALES.map((s, i) => ({
		id: s.id,
		name: s.name,
		active: s.active,
		updated_at: iso(at - (200 - i * 20) * DAY),
		sections: Object.fromEntries(
			FEE_SECTIONS.map((section) => [
				section,
				{
					map_all_to_case_management: s.sections[section].map,
					lines: s.sections[section].lines.map(([description, amount, vat, mapped]) => ({
						id: `fsl_${line++}`,
						description,
						amount: amount === null ? null : pence(amount),
						vat_rate: vat.toFixed(2),
						mapped_to_case_management: mapped,
					})),
				},
			]),
		),
	}));
}

function documentRecord(id, fields, bytes, at) {
	return {
		id,
		case_id: fields.case_id ?? null,
		quote_id: fields.quote_id ?? null,
		kind: fields.kind || 'other',
		file_name: fields.file_name,
		content_type: fields.content_type,
		size_bytes: bytes.length,
		sha256: sha256Hex(bytes),
		description: fields.description ?? null,
		external_ref: fields.external_ref ?? null,
		created_at: at,
		updated_at: at,
		content_base64: bytes.toString('base64'),
	};
}

function pdfBytes(title, lines) {
	return Buffer.from(
		`%PDF-1.4\n% Perfect Portal sandbox document\n% ${title}\n${lines.map((l) => `% ${l}`).join('\n')}\n%%EOF\n`,
	);
}

function docxBytes(title, rng) {
	return Buffer.concat([
		Buffer.from([0x50, 0x4b, 0x03, 0x04]),
		Buffer.from(`word/document.xml ${title} ${rng.int(100000, 999999)}`),
	]);
}

function jpegBytes(rng) {
	const body = Buffer.from(Array.from({ length: 96 }, () => rng.int(0, 255)));
	return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), body, Buffer.from([0xff, 0xd9])]);
}

// ---------------------------------------------------------------- building blocks shared with the API

/** A client or other party on a case or lead. */
function partyRecord(id, fields) {
	const isOrg = Boolean(fields.company_name) && !fields.last_name;
	const name =
		fields.name ||
		(isOrg
			? fields.company_name
			: [fields.title, fields.first_name, fields.last_name].filter(Boolean).join(' '));
	return {
		id,
		contact_id: fields.contact_id ?? null,
		type: fields.type || 'client',
		is_primary: Boolean(fields.is_primary),
		spouse_or_partner_of_primary: Boolean(fields.spouse_or_partner_of_primary),
		title: fields.title ?? null,
		first_name: fields.first_name ?? null,
		last_name: fields.last_name ?? null,
		company_name: fields.company_name ?? null,
		name,
		address: fields.address ?? null,
		phone: fields.phone ?? null,
		mobile: fields.mobile ?? null,
		email: fields.email ?? null,
	};
}

/** Everything a case record holds (the Case object; fee_totals is derived in the view). */
function caseRecord(f) {
	return {
		case_id: f.case_id,
		status: f.status || 'open',
		origin: f.origin || 'perfect_portal',
		source_quote_id: f.source_quote_id ?? null,
		source_lead_id: f.source_lead_id ?? null,
		work_type: f.work_type,
		app_code: f.app_code ?? null,
		fee_earner: f.fee_earner ?? null,
		branch: f.branch ?? null,
		matter_details: f.matter_details ?? '',
		owner: f.owner ?? null,
		referrer: f.referrer ?? null,
		lead_source: f.lead_source ?? null,
		price: f.price ?? '0.00',
		currency: f.currency || CURRENCY,
		fee_scale: f.fee_scale ?? null,
		fees: f.fees ?? [],
		clients_contacts: f.clients_contacts ?? [],
		properties: f.properties ?? [],
		key_stage: f.key_stage ?? null,
		completion: f.completion ?? null,
		conversion_notes: f.conversion_notes ?? null,
		case_management_target: f.case_management_target ?? null,
		case_management_link: f.case_management_link ?? null,
		created_at: f.created_at,
		updated_at: f.updated_at,
	};
}

const caseIdFor = (n) => `PP-${n}`;

/** "Purchase of 14 Kirkstall Road, Leeds" / "RTA claim: Alan Smith". */
function matterDetailsFor(wt, clients, properties) {
	const who = clients[0] ? clients[0].name : 'client';
	if (!wt.conveyancing) return `${wt.name}: ${who}`;
	const verb = {
		purchase: 'Purchase',
		sale: 'Sale',
		remortgage: 'Remortgage',
		transfer_of_equity: 'Transfer of equity',
		other: 'Matter',
	};
	const parts = properties.map(
		(p) => `${verb[p.transaction_type]} of ${p.address.line1}, ${p.address.town}`,
	);
	return (parts.join(' and ') || `${wt.name}: ${who}`).slice(0, 255);
}

// ---------------------------------------------------------------- the seed

function nextIdFactory(prefix, start) {
	let n = start;
	const next = () => `${prefix}${n++}`;
	next.peek = () => n;
	return next;
}

/**
 * The Perfect Portal state. `anchorMs` defaults to now rounded down to the minute; tests may pass one to get a
 * byte-identical state.
 */
function seed(rng, ctx = {}) {
	const anchor =
		ctx.anchorMs !== undefined ? ctx.anchorMs : Math.floor(Date.now() / MINUTE) * MINUTE;
	const ago = ([days, hours]) => anchor - days * DAY - hours * HOUR;

	const staff = STAFF.map((s) => ({ ...s }));
	const branches = BRANCHES.map((b) => ({ ...b }));
	const staffById = new Map(staff.map((s) => [s.id, s]));
	const branchById = new Map(branches.map((b) => [b.id, b]));
	const keyStages = KEY_STAGES.map((k) => ({ ...k }));
	const feeScales = buildFeeScales(anchor);
	const ids = {
		party: nextIdFactory('pa_', 1),
		property: nextIdFactory('pr_', 1),
		feeLine: nextIdFactory('fl_', 1),
		contact: nextIdFactory('ct_', 1),
		event: nextIdFactory('kse_', 1),
		document: nextIdFactory('doc_', 9001),
		quote: nextIdFactory('qt_', 501),
		enquiry: nextIdFactory('enq_', 301),
	};

	const referrers = REFERRERS.map((r, i) => {
		const at = iso(anchor - (150 - i * 10) * DAY);
		return {
			id: `rf_${i + 1}`,
			name: r.name,
			contact_name: r.contact ?? null,
			email: r.email ?? null,
			phone: i % 2 === 0 ? `0113 496 ${String(rng.int(0, 999)).padStart(4, '0')}` : null,
			address: null,
			active: r.active !== false,
			external_ref: r.ref ?? null,
			created_at: at,
			updated_at: at,
		};
	});

	const contacts = [];
	let nameNo = 0;
	/** A person client; also saved as a Contact (the contact list the quote form offers). */
	function personClient(k, atMs, extra = {}) {
		const [first, title] = FIRST_NAMES[nameNo % FIRST_NAMES.length];
		const last = extra.last_name || LAST_NAMES[(nameNo * 5 + 3) % LAST_NAMES.length];
		nameNo++;
		const addr = address(rng, k);
		const email =
			`${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '') + `${nameNo}@example.co.uk`;
		const contact = {
			id: ids.contact(),
			type: 'person',
			title,
			first_name: first,
			last_name: last,
			company_name: null,
			address: addr,
			phone: null,
			mobile: mobile(rng),
			email,
			external_ref: null,
			external_system: null,
			created_at: iso(atMs),
			updated_at: iso(atMs),
		};
		contacts.push(contact);
		return partyRecord(ids.party(), {
			contact_id: contact.id,
			type: 'client',
			title,
			first_name: first,
			last_name: last,
			address: addr,
			mobile: contact.mobile,
			email,
			...extra,
		});
	}
	function orgClient(k, atMs) {
		const company = ['Northern Lights Retail Ltd', 'Kirkgate Holdings Ltd'][k % 2];
		const addr = address(rng, k + 3);
		const contact = {
			id: ids.contact(),
			type: 'organisation',
			title: null,
			first_name: null,
			last_name: null,
			company_name: company,
			address: addr,
			phone: `0161 496 ${String(rng.int(0, 999)).padStart(4, '0')}`,
			mobile: null,
			email: `office@${company.split(' ')[0].toLowerCase()}.example.co.uk`,
			external_ref: null,
			external_system: null,
			created_at: iso(atMs),
			updated_at: iso(atMs),
		};
		contacts.push(contact);
		return partyRecord(ids.party(), {
			contact_id: contact.id,
			type: 'client',
			company_name: company,
			address: addr,
			phone: contact.phone,
			email: contact.email,
		});
	}
	function otherParty(type, k) {
		const company = ORGS[type][k % ORGS[type].length];
		return partyRecord(ids.party(), {
			type,
			company_name: company,
			address: address(rng, k + 5, { line2: 'Suite 2' }),
			phone: `0113 496 ${String(rng.int(0, 999)).padStart(4, '0')}`,
			email: `conveyancing@${company.split(/[\s&]+/)[0].toLowerCase()}.example.co.uk`,
		});
	}

	const cases = [];
	const leads = [];
	const events = [];
	const documents = [];
	const docAt = (ms) => iso(ms);

	function stagesFor(caseId, reached, createdMs, updatedMs, setBy) {
		if (!reached.length) return null;
		const span = Math.max(HOUR, updatedMs - createdMs);
		let last = null;
		reached.forEach((idx, j) => {
			const ks = keyStages[idx];
			const at = iso(createdMs + Math.floor((span * j) / reached.length / MINUTE) * MINUTE);
			events.push({
				id: ids.event(),
				case_id: caseId,
				key_stage: { id: ks.id, name: ks.name },
				reached_at: at,
				set_by: setBy,
				note: j === 0 ? null : `Moved on by ${setBy.name}`,
			});
			last = { id: ks.id, name: ks.name, reached_at: at };
		});
		return last;
	}

	function completionFor(kind, createdMs, updatedMs, price) {
		if (!kind) return null;
		const day = (ms) => iso(ms).slice(0, 10);
		const exchange = createdMs + Math.floor((updatedMs - createdMs) * 0.6);
		return {
			status: kind,
			exchange_date: day(exchange),
			completion_date: kind === 'completed' ? day(exchange + 14 * DAY) : day(exchange + 21 * DAY),
			completion_time: kind === 'completed' ? '12:30' : null,
			purchase_price: pence(price * 100),
			deposit_amount: pence(price * 10),
			mortgage_advance: pence(price * 70),
			lender_name: 'Nationwide Building Society',
			notes: kind === 'completed' ? 'Keys released by the agent at 12:30.' : null,
			updated_at: iso(updatedMs),
		};
	}

	PLAN.forEach((row, i) => {
		const caseId = caseIdFor(FIRST_CASE_NUMBER + i);
		const wt = WORK_TYPES[row.wt];
		const createdMs = ago(row.ago);
		const shared = SHARED_UPDATED.indexes.includes(i);
		const ageMs = anchor - createdMs;
		const updatedMs = shared
			? anchor - SHARED_UPDATED.hoursAgo * HOUR
			: createdMs + Math.floor((ageMs * (0.3 + 0.4 * rng())) / MINUTE) * MINUTE;
		const fe = staff[row.fe];
		const branch = branchById.get(fe.branch_id);
		const clients = [];
		for (let c = 0; c < row.clients; c++) {
			if (row.org && c === 0) clients.push(orgClient(i, createdMs));
			else {
				const partner = c > 0 && !row.org;
				const sameName = partner ? clients[0].last_name : undefined;
				clients.push(
					personClient(
						i * 3 + c,
						createdMs - DAY,
						partner ? { last_name: sameName, spouse_or_partner_of_primary: true } : {},
					),
				);
			}
		}
		if (clients[0]) clients[0].is_primary = true;
		const others = row.parties.map((type, k) => otherParty(type, i + k));
		const price = wt.conveyancing ? 150000 + ((i * 37) % 20) * 12500 : 0;
		const properties = wt.tx.map((tx, k) => ({
			id: ids.property(),
			address: address(rng, i * 2 + k + 1),
			tenure: ['freehold', 'leasehold', 'freehold', 'unknown'][(i + k) % 4],
			price: i === 8 && k === 0 ? '0.00' : pence(price * 100 + k * 2500000),
			transaction_type: tx,
		}));
		const scale = wt.conveyancing ? feeScales[0] : row.wt === 'pi' ? feeScales[1] : null;
		const fees = scale
			? feesFor(scale, price, ids.feeLine, {
					skipLeasehold: !properties.some((p) => p.tenure === 'leasehold'),
				})
			: [];
		const referrer = i % 4 === 0 ? referrers[wt.conveyancing ? 0 : 2] : null;
		const owner = i % 5 === 0 ? staff[2] : fe;
		const status = row.status || 'open';
		const setBy = { type: 'user', name: fe.name };
		const keyStage =
			row.origin === 'case_management'
				? null
				: stagesFor(caseId, row.ks, createdMs, updatedMs, setBy);
		const target =
			row.target !== undefined ? row.target : row.wt === 'wills' ? null : 'dps_one_office';
		const link = row.linked
			? {
					system: 'smokeball',
					matter_ref: SMOKEBALL.matter,
					client_refs: [SMOKEBALL.client],
					matter_url: null,
					linked_at: iso(createdMs + 2 * HOUR),
				}
			: null;
		let matterDetails = matterDetailsFor(wt, clients.length ? clients : others, properties);
		if (row.note === 'noClients')
			matterDetails = `Purchase of ${properties[0].address.line1} (client to be added)`;
		const record = caseRecord({
			case_id: caseId,
			status,
			origin: row.origin,
			work_type: wt.name,
			app_code: wt.app,
			fee_earner: staffRef(fe),
			branch: branchRef(branch),
			matter_details: matterDetails,
			owner: staffRef(owner),
			referrer: referrer ? { id: referrer.id, name: referrer.name } : null,
			lead_source: referrer ? 'Referrer' : ['Website', 'Google', 'Returning client'][i % 3],
			price: pence(price * 100),
			fee_scale: scale ? { id: scale.id, name: scale.name } : null,
			fees,
			clients_contacts: [...clients, ...others],
			properties,
			key_stage: keyStage,
			completion: completionFor(row.completion, createdMs, updatedMs, price),
			case_management_target: target,
			case_management_link: link,
			created_at: iso(createdMs),
			updated_at: iso(updatedMs),
		});

		if (row.src) {
			// The quote or enquiry this case was converted from: same content, converted when the case was made.
			const kind = row.src;
			const leadId = kind === 'quote' ? ids.quote() : ids.enquiry();
			const leadCreated = createdMs - (2 + (i % 4)) * DAY;
			const lead = leadRecord({
				id: leadId,
				kind,
				reference: String(
					kind === 'quote'
						? FIRST_QUOTE_REFERENCE + Number(leadId.slice(3)) - 501
						: FIRST_ENQUIRY_REFERENCE + Number(leadId.slice(4)) - 301,
				),
				status: 'converted',
				work_type: wt.name,
				owner: record.owner,
				referrer: record.referrer,
				lead_source: record.lead_source,
				fee_scale: record.fee_scale,
				price: record.price,
				fees: record.fees.map((f) => ({ ...f })),
				clients_contacts: record.clients_contacts.map((p) => ({ ...p })),
				properties: record.properties.map((p) => ({ ...p })),
				converted_case_id: caseId,
				converted_at: record.created_at,
				created_at: iso(leadCreated),
				updated_at: record.created_at,
			});
			leads.push(lead);
			if (kind === 'quote') record.source_quote_id = leadId;
			else record.source_lead_id = leadId;
			record.conversion_notes = `Converted from ${kind} ${lead.reference}. Client prefers e-mail.`;
		}
		cases.push(record);
	});

	// Leads that were not converted.
	for (const row of OPEN_LEADS) {
		const wt = WORK_TYPES[row.wt];
		const createdMs = ago(row.ago);
		const leadId = row.kind === 'quote' ? ids.quote() : ids.enquiry();
		const k = 40 + leads.length;
		const clients = [personClient(k, createdMs)];
		clients[0].is_primary = true;
		const price = wt.conveyancing ? 210000 + leads.length * 5000 : 0;
		const properties = wt.tx.map((tx, j) => ({
			id: ids.property(),
			address: address(rng, k + j),
			tenure: 'freehold',
			price: pence(price * 100),
			transaction_type: tx,
		}));
		const scale = wt.conveyancing ? feeScales[0] : row.wt === 'pi' ? feeScales[1] : null;
		const referrer = row.referrer === null ? null : referrers[row.referrer];
		const owner = staff[wt.conveyancing ? 0 : 1];
		const updatedMs = createdMs + (row.status === 'open' ? HOUR : 5 * DAY);
		leads.push(
			leadRecord({
				id: leadId,
				kind: row.kind,
				reference: String(
					row.kind === 'quote'
						? FIRST_QUOTE_REFERENCE + Number(leadId.slice(3)) - 501
						: FIRST_ENQUIRY_REFERENCE + Number(leadId.slice(4)) - 301,
				),
				status: row.status,
				work_type: wt.name,
				owner: staffRef(owner),
				referrer: referrer ? { id: referrer.id, name: referrer.name } : null,
				lead_source: referrer ? 'Referrer' : 'Website',
				fee_scale: scale ? { id: scale.id, name: scale.name } : null,
				price: pence(price * 100),
				fees: scale ? feesFor(scale, price, ids.feeLine, { skipLeasehold: true }) : [],
				clients_contacts: clients,
				properties,
				created_at: iso(createdMs),
				updated_at: iso(Math.min(updatedMs, anchor - MINUTE)),
			}),
		);
	}
	leads.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

	// A few contacts that came from Smokeball (external_ref = the Smokeball contact id).
	contacts[0].external_ref = 'sb:contact:10001';
	contacts[0].external_system = 'smokeball';
	contacts[3].external_ref = 'sb:contact:10004';
	contacts[3].external_system = 'smokeball';
	// The client of the case linked to Smokeball carries its Smokeball contact id.
	const linkedClient = contacts.find((c) => c.id === SMOKEBALL.clientContactId);
	linkedClient.external_ref = SMOKEBALL.client;
	linkedClient.external_system = 'smokeball';

	// Documents: a quote PDF on every quote (on the case too once converted), client care letters, others.
	for (const lead of leads) {
		if (lead.kind !== 'quote') continue;
		const bytes = pdfBytes(`Quote ${lead.reference}`, [
			`${lead.work_type} for ${lead.clients_contacts[0].name}`,
			`Total ${feeTotals(lead.fees).total} GBP`,
		]);
		documents.push(
			documentRecord(
				ids.document(),
				{
					case_id: lead.converted_case_id,
					quote_id: lead.id,
					kind: 'quote_pdf',
					file_name: `Quote ${lead.reference}.pdf`,
					content_type: 'application/pdf',
					description: `Quote ${lead.reference}`,
				},
				bytes,
				docAt(Date.parse(lead.created_at) + 10 * MINUTE),
			),
		);
	}
	const CARE = [0, 2, 6, 10, 14];
	for (const i of CARE) {
		const c = cases[i];
		documents.push(
			documentRecord(
				ids.document(),
				{
					case_id: c.case_id,
					kind: 'client_care',
					file_name: 'Client Care Letter.pdf',
					content_type: 'application/pdf',
					description: `Client care letter for ${c.case_id}`,
				},
				pdfBytes('Client Care Letter', [c.matter_details]),
				docAt(Date.parse(c.created_at) + 30 * MINUTE),
			),
		);
	}
	documents.push(
		documentRecord(
			ids.document(),
			{
				case_id: cases[0].case_id,
				kind: 'other',
				file_name: 'Contract Pack.docx',
				content_type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
				external_ref: 'sb:document:55001',
			},
			docxBytes('Contract Pack', rng),
			docAt(Date.parse(cases[0].created_at) + 40 * MINUTE),
		),
		documentRecord(
			ids.document(),
			{
				case_id: cases[1].case_id,
				kind: 'other',
				file_name: 'Accident Photo.jpg',
				content_type: 'image/jpeg',
			},
			jpegBytes(rng),
			docAt(Date.parse(cases[1].created_at) + 45 * MINUTE),
		),
	);

	return {
		anchor: iso(anchor),
		firm: { ...FIRM },
		staff,
		branches,
		key_stages: keyStages,
		fee_scales: feeScales,
		referrers,
		contacts,
		leads,
		cases,
		key_stage_events: events,
		documents,
		next_ids: {
			case: FIRST_CASE_NUMBER + PLAN.length,
			quote: ids.quote.peek(),
			enquiry: ids.enquiry.peek(),
			party: ids.party.peek(),
			property: ids.property.peek(),
			fee_line: ids.feeLine.peek(),
			contact: ids.contact.peek(),
			referrer: referrers.length + 1,
			event: ids.event.peek(),
			document: ids.document.peek(),
		},
	};
}

/** A quote or enquiry (the Lead object; fee_totals derived in the view). */
function leadRecord(f) {
	return {
		id: f.id,
		kind: f.kind,
		reference: f.reference,
		status: f.status || 'open',
		work_type: f.work_type,
		owner: f.owner ?? null,
		referrer: f.referrer ?? null,
		lead_source: f.lead_source ?? null,
		fee_scale: f.fee_scale ?? null,
		price: f.price ?? '0.00',
		currency: f.currency || CURRENCY,
		fees: f.fees ?? [],
		clients_contacts: f.clients_contacts ?? [],
		properties: f.properties ?? [],
		converted_case_id: f.converted_case_id ?? null,
		converted_at: f.converted_at ?? null,
		created_at: f.created_at,
		updated_at: f.updated_at,
	};
}

// ---------------------------------------------------------------- bulk generation

/**
 * POST /__admin/seed/perfect-portal { cases: N }: N more cases that import cleanly into DPS (mapped AppCode, a fee
 * earner with a code and rights, a client with an address), created over the 90 days before the state's anchor.
 * Case ids continue after the highest one. Plain loops and a fast ISO formatter: 2,000 cases in well under 1 s.
 */
function generate(state, rng, opts = {}) {
	const errors = new FieldErrors();
	if (!opts || typeof opts !== 'object' || Array.isArray(opts))
		errors.add('body', 'invalid_format', 'The body must be a JSON object.').throwIfAny();
	if (
		opts.cases !== undefined &&
		!(Number.isInteger(opts.cases) && opts.cases >= 0 && opts.cases <= 1000000)
	)
		errors.add('cases', 'out_of_range', 'cases must be an integer 0..1000000.');
	errors.throwIfAny();
	const count = opts.cases || 0;
	const anchor = Date.parse(state.anchor) || Math.floor(Date.now() / MINUTE) * MINUTE;
	const jane = state.staff.find((s) => s.code === 'JSM' && s.active) || state.staff[0];
	const aisha = state.staff.find((s) => s.code === 'ABC' && s.active) || jane;
	const branchOf = (s) => state.branches.find((b) => b.id === s.branch_id) || null;
	const scale = state.fee_scales.find((s) => s.id === 'fs_1') || state.fee_scales[0];
	const piScale = state.fee_scales.find((s) => s.id === 'fs_2') || scale;
	const first = state.key_stages.filter((k) => k.active).sort((a, b) => a.position - b.position)[0];
	let number = state.next_ids.case;
	for (const c of state.cases) {
		const n = Number(String(c.case_id).slice(3));
		if (Number.isInteger(n) && n >= number) number = n + 1;
	}
	const firstId = caseIdFor(number);
	const ids = state.next_ids;
	const kinds = ['purchase', 'sale', 'remortgage', 'pi'];
	for (let k = 0; k < count; k++) {
		const wt = WORK_TYPES[kinds[k % 4]];
		const fe = wt.conveyancing ? jane : aisha;
		const createdMs = anchor - rng.int(60, 90 * 24 * 60) * MINUTE;
		const updatedMs = Math.min(anchor - MINUTE, createdMs + rng.int(0, 5 * 24 * 60) * MINUTE);
		const caseId = caseIdFor(number++);
		const first_name = FIRST_NAMES[rng.int(0, FIRST_NAMES.length - 1)][0];
		const last_name = LAST_NAMES[rng.int(0, LAST_NAMES.length - 1)];
		const addr = address(rng, k);
		const client = partyRecord(`pa_${ids.party++}`, {
			type: 'client',
			is_primary: true,
			first_name,
			last_name,
			address: addr,
			mobile: mobile(rng),
			email: `${first_name}.${last_name}.${caseId}`.toLowerCase() + '@example.co.uk',
		});
		const price = wt.conveyancing ? 100000 + rng.int(0, 40) * 10000 : 0;
		const properties = wt.tx.map((tx) => ({
			id: `pr_${ids.property++}`,
			address: addr,
			tenure: 'freehold',
			price: pence(price * 100),
			transaction_type: tx,
		}));
		const feeScale = wt.conveyancing ? scale : piScale;
		const fees = feesFor(feeScale, price, () => `fl_${ids.fee_line++}`, { skipLeasehold: true });
		const created = iso(createdMs);
		state.cases.push(
			caseRecord({
				case_id: caseId,
				work_type: wt.name,
				app_code: wt.app,
				fee_earner: staffRef(fe),
				branch: branchRef(branchOf(fe)),
				matter_details: matterDetailsFor(wt, [client], properties),
				owner: staffRef(fe),
				lead_source: 'Website',
				price: pence(price * 100),
				fee_scale: { id: feeScale.id, name: feeScale.name },
				fees,
				clients_contacts: [client],
				properties,
				key_stage: first ? { id: first.id, name: first.name, reached_at: created } : null,
				case_management_target: 'dps_one_office',
				created_at: created,
				updated_at: iso(updatedMs),
			}),
		);
	}
	ids.case = number;
	return {
		added: { cases: count },
		first_id: count ? firstId : null,
		last_id: count ? caseIdFor(number - 1) : null,
		totals: {
			cases: state.cases.length,
			leads: state.leads.length,
			documents: state.documents.length,
		},
	};
}

// ---------------------------------------------------------------- facts

const caseIds = (pred) =>
	PLAN.map((row, i) => [row, i])
		.filter(([row, i]) => pred(row, i))
		.map(([, i]) => caseIdFor(FIRST_CASE_NUMBER + i));
const daysAgo = (row) => row.ago[0] + row.ago[1] / 24;
// Which quote/enquiry ids the converted PLAN rows get, in PLAN order.
const convertedSources = (() => {
	let q = 501;
	let e = 301;
	const out = [];
	PLAN.forEach((row, i) => {
		if (row.src === 'quote')
			out.push({ kind: 'quote', id: `qt_${q++}`, caseId: caseIdFor(FIRST_CASE_NUMBER + i) });
		if (row.src === 'enquiry')
			out.push({ kind: 'enquiry', id: `enq_${e++}`, caseId: caseIdFor(FIRST_CASE_NUMBER + i) });
	});
	const open = OPEN_LEADS.map((row) => ({
		...row,
		id: row.kind === 'quote' ? `qt_${q++}` : `enq_${e++}`,
	}));
	return { converted: out, open };
})();
const leadIds = (kind, status) =>
	convertedSources.open.filter((l) => l.kind === kind && l.status === status).map((l) => l.id);
const DPS_BLOCKERS = ['missingAppCode', 'missingFeeEarnerCode', 'noClients', 'wrongRights'];

/** Facts about the seed that hold for every seed number and every start time. */
const SEED_FACTS = Object.freeze({
	demoKey: DEMO_KEY,
	canaryKey: CANARY_KEY,
	firm: { ...FIRM },
	currency: CURRENCY,
	caseCount: PLAN.length,
	firstCaseId: caseIdFor(FIRST_CASE_NUMBER),
	lastCaseId: caseIdFor(FIRST_CASE_NUMBER + PLAN.length - 1),
	caseIds: caseIds(() => true),
	/** Cases created within the last day / 7 days / 30 days / 90 days before the anchor. */
	createdWithin: {
		day: caseIds((row) => daysAgo(row) < 1),
		week: caseIds((row) => daysAgo(row) < 7),
		month: caseIds((row) => daysAgo(row) < 30),
		quarter: caseIds((row) => daysAgo(row) < 90),
	},
	/** How long before the anchor each case was created: [days, hours]. */
	createdAgo: Object.fromEntries(PLAN.map((row, i) => [caseIdFor(FIRST_CASE_NUMBER + i), row.ago])),
	statuses: {
		completed: caseIds((row) => row.status === 'completed'),
		cancelled: caseIds((row) => row.status === 'cancelled'),
	},
	cancelledCaseId: caseIds((row) => row.status === 'cancelled')[0],
	/** origin case_management: key stages refused (422 key_stages_unavailable). */
	caseManagementOriginCaseId: caseIds((row) => row.origin === 'case_management')[0],
	/** Has a case_management_link: the Smokeball sandbox's matter PUR-0007 (its id is the matter_ref). */
	linkedCaseId: caseIds((row) => row.linked)[0],
	linkedMatterRef: SMOKEBALL.matter,
	/** The linked case's client: contact ct_18, whose external_ref is its Smokeball contact id. */
	linkedClient: { id: SMOKEBALL.clientContactId, external_ref: SMOKEBALL.client },
	twoClientCaseIds: caseIds((row) => row.clients === 2),
	organisationClientCaseIds: caseIds((row) => row.org),
	withContactsCaseIds: caseIds((row) => row.parties.length > 0),
	/** Sale & purchase: two properties. */
	twoPropertyCaseIds: caseIds((row) => WORK_TYPES[row.wt].tx.length === 2),
	noPropertyCaseIds: caseIds((row) => WORK_TYPES[row.wt].tx.length === 0),
	/** A property whose price is "0.00" (not known yet). */
	unknownPriceCaseId: caseIdFor(FIRST_CASE_NUMBER + 8),
	/** Cases a DPS One Office import would refuse, by reason; the rest of dpsTarget imports cleanly. */
	dps: {
		missingAppCode: caseIds((row) => row.note === 'missingAppCode'),
		missingFeeEarnerCode: caseIds((row) => row.note === 'missingFeeEarnerCode'),
		noClients: caseIds((row) => row.note === 'noClients'),
		/** Fee earner ABC has no DPS rights to CW. */
		wrongRights: caseIds((row) => row.note === 'wrongRights'),
		target: caseIds(
			(row) =>
				(row.target !== undefined ? row.target : row.wt === 'wills' ? null : 'dps_one_office') ===
				'dps_one_office',
		),
		importable: caseIds(
			(row) =>
				!DPS_BLOCKERS.includes(row.note) &&
				row.target === undefined &&
				row.wt !== 'wills' &&
				(row.status || 'open') === 'open' &&
				row.origin !== 'case_management',
		),
	},
	cmsTargets: {
		smokeball: caseIds((row) => row.target === 'smokeball'),
		none: caseIds((row) => row.target === null || (row.target === undefined && row.wt === 'wills')),
	},
	/** Cases with no key stage yet (the PI and wills cases and the CMS-origin case). */
	noKeyStageCaseIds: caseIds((row) => !row.ks.length || row.origin === 'case_management'),
	sharedUpdatedAt: {
		caseIds: SHARED_UPDATED.indexes.map((i) => caseIdFor(FIRST_CASE_NUMBER + i)),
		hoursAgo: SHARED_UPDATED.hoursAgo,
	},
	completion: {
		exchanged: caseIds((row) => row.completion === 'exchanged'),
		completed: caseIds((row) => row.completion === 'completed'),
		none: caseIds((row) => !row.completion),
	},
	quotes: {
		converted: convertedSources.converted.filter((s) => s.kind === 'quote').map((s) => s.id),
		open: leadIds('quote', 'open'),
		lost: leadIds('quote', 'lost'),
		expired: leadIds('quote', 'expired'),
	},
	enquiries: {
		converted: convertedSources.converted.filter((s) => s.kind === 'enquiry').map((s) => s.id),
		open: leadIds('enquiry', 'open'),
		lost: leadIds('enquiry', 'lost'),
	},
	/** Converted quote/enquiry id → the case made from it. */
	convertedTo: Object.fromEntries(convertedSources.converted.map((s) => [s.id, s.caseId])),
	quoteCount:
		convertedSources.converted.filter((s) => s.kind === 'quote').length +
		OPEN_LEADS.filter((l) => l.kind === 'quote').length,
	enquiryCount:
		convertedSources.converted.filter((s) => s.kind === 'enquiry').length +
		OPEN_LEADS.filter((l) => l.kind === 'enquiry').length,
	firstQuoteReference: String(FIRST_QUOTE_REFERENCE),
	staff: {
		count: STAFF.length,
		active: STAFF.filter((s) => s.active).map((s) => s.id),
		inactive: STAFF.filter((s) => !s.active).map((s) => s.id),
		noCode: STAFF.filter((s) => s.code === null).map((s) => s.id),
		janeSmith: { id: 'st_1', code: 'JSM', branch_id: 'br_1', email: STAFF[0].email },
		aisha: { id: 'st_2', code: 'ABC', branch_id: 'br_2', email: STAFF[1].email },
	},
	branches: {
		count: BRANCHES.length,
		active: BRANCHES.filter((b) => b.active).map((b) => b.id),
		inactive: BRANCHES.filter((b) => !b.active).map((b) => b.id),
		codes: Object.fromEntries(BRANCHES.map((b) => [b.id, b.code])),
	},
	keyStages: {
		count: KEY_STAGES.length,
		names: KEY_STAGES.map((k) => k.name),
		active: KEY_STAGES.filter((k) => k.active).map((k) => k.id),
		inactive: KEY_STAGES.filter((k) => !k.active).map((k) => k.id),
		unmapped: KEY_STAGES.filter((k) => !k.case_management_mapping).map((k) => k.id),
		first: { id: 'ks_1', name: KEY_STAGES[0].name },
	},
	feeScales: {
		count: FEE_SCALES.length,
		active: FEE_SCALES.filter((s) => s.active).map((s) => s.id),
		inactive: FEE_SCALES.filter((s) => !s.active).map((s) => s.id),
		conveyancing: 'fs_1',
		/** fs_1 lines not synced to the CMS (mapped_to_case_management false). */
		unmappedLineDescriptions: ['Electronic ID check (per client)', 'Bank transfer fee'],
		/** fs_1 "Will all … be mapped?" per section. */
		mapAll: { legal_fees: true, additional_fees: false, disbursements: true },
		lineCounts: { fs_1: 7, fs_2: 3, fs_3: 2 },
	},
	referrers: {
		count: REFERRERS.length,
		inactive: ['rf_4'],
		withExternalRef: { id: 'rf_1', external_ref: 'sb:referrer:7001' },
	},
	contacts: {
		withExternalRef: { id: 'ct_1', external_ref: 'sb:contact:10001' },
	},
	documents: {
		quotePdfCount:
			convertedSources.converted.filter((s) => s.kind === 'quote').length +
			OPEN_LEADS.filter((l) => l.kind === 'quote').length,
		clientCareCaseIds: [0, 2, 6, 10, 14].map((i) => caseIdFor(FIRST_CASE_NUMBER + i)),
		withExternalRef: { case_id: caseIdFor(FIRST_CASE_NUMBER), external_ref: 'sb:document:55001' },
		firstId: 'doc_9001',
	},
	allowedUploadTypes: [
		'application/pdf',
		'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
		'application/msword',
		'image/jpeg',
		'image/png',
	],
});

module.exports = {
	seed,
	generate,
	caseRecord,
	leadRecord,
	partyRecord,
	documentRecord,
	feesFor,
	feeTotals,
	matterDetailsFor,
	staffRef,
	branchRef,
	caseIdFor,
	pence,
	WORK_TYPES,
	SEED_FACTS,
	DEMO_KEY,
	CANARY_KEY,
	FIRST_CASE_NUMBER,
	CURRENCY,
	MINUTE,
	DAY,
};
