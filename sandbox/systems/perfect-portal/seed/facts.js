'use strict';

// SEED_FACTS: what the tests and templates may name in the Perfect Portal seed, derived from the data plan alone
// (no seed run), so it holds for every seed number and start time.

const { OPEN_LEADS, PLAN, SHARED_UPDATED, SMOKEBALL } = require('./plan-cases');
const {
	BRANCHES,
	CANARY_KEY,
	CURRENCY,
	DEMO_KEY,
	FEE_SCALES,
	FIRM,
	FIRST_CASE_NUMBER,
	FIRST_QUOTE_REFERENCE,
	KEY_STAGES,
	REFERRERS,
	STAFF,
	WORK_TYPES,
} = require('./plan-firm');
const { caseIdFor } = require('./records');

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

module.exports = { SEED_FACTS };
