'use strict';

// Builds the seed's cases from the case plan (plan-cases.js), one row at a time: clients and other parties,
// properties, fees from the work type's fee scale, key-stage history, completion details, the Smokeball link,
// and for a converted row the quote or enquiry it came from (same content, converted when the case was made).

const { PLAN, SHARED_UPDATED, SMOKEBALL } = require('./plan-cases');
const { FIRST_CASE_NUMBER, WORK_TYPES } = require('./plan-firm');
const {
	MINUTE,
	HOUR,
	DAY,
	iso,
	pence,
	staffRef,
	branchRef,
	address,
	feesFor,
} = require('./records');
const { caseRecord, caseIdFor, matterDetailsFor, leadRecord } = require('./records');
const { leadReference } = require('./leads');

/** Key-stage events for the stages a case reached (spread over its life); returns its current stage. */
function stagesFor(b, caseId, reached, createdMs, updatedMs, setBy) {
	if (!reached.length) return null;
	const span = Math.max(HOUR, updatedMs - createdMs);
	let last = null;
	reached.forEach((idx, j) => {
		const ks = b.keyStages[idx];
		const at = iso(createdMs + Math.floor((span * j) / reached.length / MINUTE) * MINUTE);
		b.events.push({
			id: b.ids.event(),
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

/** The quote or enquiry a converted case came from; links the case back to it. */
function convertedLead(b, row, i, wt, record, createdMs) {
	const kind = row.src;
	const leadId = kind === 'quote' ? b.ids.quote() : b.ids.enquiry();
	const leadCreated = createdMs - (2 + (i % 4)) * DAY;
	const lead = leadRecord({
		id: leadId,
		kind,
		reference: leadReference(kind, leadId),
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
		converted_case_id: record.case_id,
		converted_at: record.created_at,
		created_at: iso(leadCreated),
		updated_at: record.created_at,
	});
	b.leads.push(lead);
	if (kind === 'quote') record.source_quote_id = leadId;
	else record.source_lead_id = leadId;
	record.conversion_notes = `Converted from ${kind} ${lead.reference}. Client prefers e-mail.`;
}

function clientsFor(b, row, i, createdMs) {
	const clients = [];
	for (let c = 0; c < row.clients; c++) {
		if (row.org && c === 0) clients.push(b.people.orgClient(i, createdMs));
		else {
			const partner = c > 0 && !row.org;
			const sameName = partner ? clients[0].last_name : undefined;
			clients.push(
				b.people.personClient(
					i * 3 + c,
					createdMs - DAY,
					partner ? { last_name: sameName, spouse_or_partner_of_primary: true } : {},
				),
			);
		}
	}
	if (clients[0]) clients[0].is_primary = true;
	return clients;
}

/** One case per PLAN row (case ids in PLAN order), pushed to b.cases; converted rows also push their lead. */
function buildCases(b) {
	const { rng, anchor } = b;
	PLAN.forEach((row, i) => {
		const caseId = caseIdFor(FIRST_CASE_NUMBER + i);
		const wt = WORK_TYPES[row.wt];
		const createdMs = b.ago(row.ago);
		const shared = SHARED_UPDATED.indexes.includes(i);
		const ageMs = anchor - createdMs;
		const updatedMs = shared
			? anchor - SHARED_UPDATED.hoursAgo * HOUR
			: createdMs + Math.floor((ageMs * (0.3 + 0.4 * rng())) / MINUTE) * MINUTE;
		const fe = b.staff[row.fe];
		const branch = b.branchById.get(fe.branch_id);
		const clients = clientsFor(b, row, i, createdMs);
		const others = row.parties.map((type, k) => b.people.otherParty(type, i + k));
		const price = wt.conveyancing ? 150000 + ((i * 37) % 20) * 12500 : 0;
		const properties = wt.tx.map((tx, k) => ({
			id: b.ids.property(),
			address: address(rng, i * 2 + k + 1),
			tenure: ['freehold', 'leasehold', 'freehold', 'unknown'][(i + k) % 4],
			price: i === 8 && k === 0 ? '0.00' : pence(price * 100 + k * 2500000),
			transaction_type: tx,
		}));
		const scale = wt.conveyancing ? b.feeScales[0] : row.wt === 'pi' ? b.feeScales[1] : null;
		const fees = scale
			? feesFor(scale, price, b.ids.feeLine, {
					skipLeasehold: !properties.some((p) => p.tenure === 'leasehold'),
				})
			: [];
		const referrer = i % 4 === 0 ? b.referrers[wt.conveyancing ? 0 : 2] : null;
		const owner = i % 5 === 0 ? b.staff[2] : fe;
		const status = row.status || 'open';
		const setBy = { type: 'user', name: fe.name };
		const keyStage =
			row.origin === 'case_management'
				? null
				: stagesFor(b, caseId, row.ks, createdMs, updatedMs, setBy);
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
		if (row.src) convertedLead(b, row, i, wt, record, createdMs);
		b.cases.push(record);
	});
}

module.exports = { buildCases };
