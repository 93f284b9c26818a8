'use strict';

// The Perfect Portal seed's data plan, part 1: the firm and its reference data (branches, staff, key stages,
// work types, fee scales, referrers) and the word lists the builders draw names and addresses from. Plain data:
// the builders (index.js) turn it into records.

const DEMO_KEY = 'pp_demo_3c9d7e215a84';
const CANARY_KEY = 'pp_canary_1a2b3c4d5e6f';
const FIRM = {
	id: 'firm_rk01',
	name: 'Reyes & Khan Injury Law',
	region: 'uk',
	host: 'reyeskhan.perfectportal.co.uk',
};
const CURRENCY = 'GBP';
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

module.exports = {
	FIRM,
	CURRENCY,
	FEE_SCALES,
	FEE_SECTIONS,
	STREETS,
	WORK_TYPES,
	FIRST_NAMES,
	LAST_NAMES,
	DEMO_KEY,
	CANARY_KEY,
	FIRST_CASE_NUMBER,
	FIRST_QUOTE_REFERENCE,
	BRANCHES,
	STAFF,
	KEY_STAGES,
	REFERRERS,
	FIRST_ENQUIRY_REFERENCE,
	ORGS,
};
