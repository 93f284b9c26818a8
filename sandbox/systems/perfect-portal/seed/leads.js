'use strict';

// Builds the seed's open leads: one quote or enquiry per OPEN_LEADS row (plan-cases.js) that was not converted
// (open, lost, expired). Converted ones are built with their case (cases.js).

const { OPEN_LEADS } = require('./plan-cases');
const { FIRST_QUOTE_REFERENCE, FIRST_ENQUIRY_REFERENCE, WORK_TYPES } = require('./plan-firm');
const {
	MINUTE,
	HOUR,
	DAY,
	iso,
	pence,
	staffRef,
	address,
	feesFor,
	leadRecord,
} = require('./records');

/** The public reference of quote qt_501… or enquiry enq_301… (~7-digit integers). */
const leadReference = (kind, leadId) =>
	String(
		kind === 'quote'
			? FIRST_QUOTE_REFERENCE + Number(leadId.slice(3)) - 501
			: FIRST_ENQUIRY_REFERENCE + Number(leadId.slice(4)) - 301,
	);

/** Pushes the open leads to b.leads, then sorts b.leads by id. */
function buildOpenLeads(b) {
	const { rng, anchor, leads } = b;
	for (const row of OPEN_LEADS) {
		const wt = WORK_TYPES[row.wt];
		const createdMs = b.ago(row.ago);
		const leadId = row.kind === 'quote' ? b.ids.quote() : b.ids.enquiry();
		const k = 40 + leads.length;
		const clients = [b.people.personClient(k, createdMs)];
		clients[0].is_primary = true;
		const price = wt.conveyancing ? 210000 + leads.length * 5000 : 0;
		const properties = wt.tx.map((tx, j) => ({
			id: b.ids.property(),
			address: address(rng, k + j),
			tenure: 'freehold',
			price: pence(price * 100),
			transaction_type: tx,
		}));
		const scale = wt.conveyancing ? b.feeScales[0] : row.wt === 'pi' ? b.feeScales[1] : null;
		const referrer = row.referrer === null ? null : b.referrers[row.referrer];
		const owner = b.staff[wt.conveyancing ? 0 : 1];
		const updatedMs = createdMs + (row.status === 'open' ? HOUR : 5 * DAY);
		leads.push(
			leadRecord({
				id: leadId,
				kind: row.kind,
				reference: leadReference(row.kind, leadId),
				status: row.status,
				work_type: wt.name,
				owner: staffRef(owner),
				referrer: referrer ? { id: referrer.id, name: referrer.name } : null,
				lead_source: referrer ? 'Referrer' : 'Website',
				fee_scale: scale ? { id: scale.id, name: scale.name } : null,
				price: pence(price * 100),
				fees: scale ? feesFor(scale, price, b.ids.feeLine, { skipLeasehold: true }) : [],
				clients_contacts: clients,
				properties,
				created_at: iso(createdMs),
				updated_at: iso(Math.min(updatedMs, anchor - MINUTE)),
			}),
		);
	}
	leads.sort((a, b2) => (a.id < b2.id ? -1 : a.id > b2.id ? 1 : 0));
}

module.exports = { buildOpenLeads, leadReference };
