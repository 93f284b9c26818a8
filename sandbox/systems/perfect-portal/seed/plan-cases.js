'use strict';

// The Perfect Portal seed's data plan, part 2: which cases, open leads and documents exist, and which contacts
// came from Smokeball. Plain data: one row per case (cases.js builds it), one per open quote or enquiry
// (leads.js); documents.js adds the files.

const { PP_SMOKEBALL_LINK } = require('../../shared-ids');

// The linked case (PP-104514) is the Smokeball sandbox's matter PUR-0007, its client contact ct_18 that
// matter's client: the two sandboxes describe the same firm there, so the Smokeball templates run end to end.
const SMOKEBALL = PP_SMOKEBALL_LINK;

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

// Contacts that came from Smokeball (external_ref = the Smokeball contact id), by index in the contact list; the
// linked case's client (SMOKEBALL.clientContactId) also carries its Smokeball contact id.
const SMOKEBALL_CONTACTS = [
	[0, 'sb:contact:10001'],
	[3, 'sb:contact:10004'],
];

// Cases (PLAN indexes) with a client care letter. Every quote also has its quote PDF, and the first two cases a
// contract pack (DOCX, from Smokeball) and an accident photo (JPEG).
const CLIENT_CARE_LETTERS = [0, 2, 6, 10, 14];

module.exports = {
	SMOKEBALL,
	PLAN,
	SHARED_UPDATED,
	OPEN_LEADS,
	SMOKEBALL_CONTACTS,
	CLIENT_CARE_LETTERS,
};
