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
//
// The folder: plan-firm.js and plan-cases.js are the data plan (plain data); people.js, cases.js, leads.js and
// documents.js build records from it, in this order, drawing from one rng (the order is what keeps a seed
// number's data the same); records.js holds the record shapes the API shares; generate.js the bulk generator;
// facts.js the SEED_FACTS the tests name.

const { PLAN, SMOKEBALL, SMOKEBALL_CONTACTS } = require('./plan-cases');
const { FIRM, BRANCHES, STAFF, KEY_STAGES, FIRST_CASE_NUMBER, WORK_TYPES } = require('./plan-firm');
const { DEMO_KEY, CANARY_KEY, CURRENCY } = require('./plan-firm');
const {
	MINUTE,
	HOUR,
	DAY,
	iso,
	pence,
	staffRef,
	branchRef,
	feesFor,
	feeTotals,
} = require('./records');
const { buildFeeScales, caseRecord, caseIdFor, leadRecord, partyRecord } = require('./records');
const { documentRecord, matterDetailsFor } = require('./records');
const { buildReferrers, peopleBuilder } = require('./people');
const { buildCases } = require('./cases');
const { buildOpenLeads } = require('./leads');
const { buildDocuments } = require('./documents');
const { generate } = require('./generate');
const { SEED_FACTS } = require('./facts');

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
	const staff = STAFF.map((s) => ({ ...s }));
	const branches = BRANCHES.map((b) => ({ ...b }));
	const contacts = [];
	// What the builders share: the plan's reference data as records, and the lists they fill.
	const b = {
		rng,
		anchor,
		ago: ([days, hours]) => anchor - days * DAY - hours * HOUR,
		ids,
		staff,
		branches,
		branchById: new Map(branches.map((x) => [x.id, x])),
		keyStages: KEY_STAGES.map((k) => ({ ...k })),
		feeScales: buildFeeScales(anchor),
		referrers: buildReferrers(rng, anchor),
		people: peopleBuilder(rng, ids, contacts),
		contacts,
		cases: [],
		leads: [],
		events: [],
		documents: [],
	};

	buildCases(b);
	buildOpenLeads(b);
	for (const [index, ref] of SMOKEBALL_CONTACTS) {
		contacts[index].external_ref = ref;
		contacts[index].external_system = 'smokeball';
	}
	const linkedClient = contacts.find((c) => c.id === SMOKEBALL.clientContactId);
	linkedClient.external_ref = SMOKEBALL.client;
	linkedClient.external_system = 'smokeball';
	buildDocuments(b);

	return {
		anchor: iso(anchor),
		firm: { ...FIRM },
		staff,
		branches,
		key_stages: b.keyStages,
		fee_scales: b.feeScales,
		referrers: b.referrers,
		contacts,
		leads: b.leads,
		cases: b.cases,
		key_stage_events: b.events,
		documents: b.documents,
		next_ids: {
			case: FIRST_CASE_NUMBER + PLAN.length,
			quote: ids.quote.peek(),
			enquiry: ids.enquiry.peek(),
			party: ids.party.peek(),
			property: ids.property.peek(),
			fee_line: ids.feeLine.peek(),
			contact: ids.contact.peek(),
			referrer: b.referrers.length + 1,
			event: ids.event.peek(),
			document: ids.document.peek(),
		},
	};
}

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
