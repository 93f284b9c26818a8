'use strict';

// The Perfect Portal part of the messy firm (../messy-firm.js): POST /__admin/perfect-portal/messy-firm adds ten cases
// created this week and their contacts; DELETE /__admin/perfect-portal/cases/:id removes a case, as a user deleting
// it after a download would.

const { HttpError } = require('../../lib/http');
const { MESSY_FACTS: M, hoursAgo } = require('../messy-firm');
const {
	caseRecord,
	partyRecord,
	staffRef,
	branchRef,
	feesFor,
	matterDetailsFor,
	WORK_TYPES,
} = require('./seed');

function contactFor(state, id, fields, at) {
	const isOrg = Boolean(fields.company_name) && !fields.last_name;
	const contact = {
		id,
		type: isOrg ? 'organisation' : 'person',
		title: fields.title ?? null,
		first_name: fields.first_name ?? null,
		last_name: fields.last_name ?? null,
		company_name: fields.company_name ?? null,
		address: fields.address ?? null,
		phone: fields.phone ?? null,
		mobile: fields.mobile ?? null,
		email: fields.email ?? null,
		external_ref: fields.external_ref ?? null,
		external_system: fields.external_system ?? null,
		created_at: at,
		updated_at: at,
	};
	state.contacts.push(contact);
	return contact;
}

/** Adds the messy cases (idempotent: a second call adds nothing). */
function addMess(state, nowMs) {
	if (state.cases.some((c) => c.case_id === M.cases.returningClient)) return MESSY_FACTS_VIEW;
	const staff = (code) => state.staff.find((s) => s.code === code);
	const branchOf = (s) => state.branches.find((b) => b.id === s.branch_id) || null;
	const scale = state.fee_scales.find((s) => s.id === 'fs_1') || state.fee_scales[0];
	let party = state.next_ids.party;
	let property = state.next_ids.property;
	let line = state.next_ids.fee_line;
	const client = (contactId, fields, extra = {}) =>
		partyRecord(`pa_m${party++}`, { ...fields, contact_id: contactId, type: 'client', ...extra });
	const other = (type, fields) => partyRecord(`pa_m${party++}`, { ...fields, type });
	const person = (first, last, postcode, extra = {}) => ({
		title: extra.title ?? null,
		first_name: first,
		last_name: last,
		address: { line1: extra.line1 || '5 Cardigan Road', town: 'Leeds', postcode, country: 'GB' },
		mobile: extra.mobile ?? '07700 900500',
		email: extra.email ?? `${first}.${last}@example.co.uk`.toLowerCase(),
		...extra.fields,
	});

	const plan = [
		{
			id: M.cases.returningClient,
			ago: 30,
			clients: [
				[
					'ct_m1',
					{
						...M.george,
						address: { ...M.george.address, postcode: M.george.typedPostcode },
					},
				],
			],
			others: [
				[
					'estate_agent',
					{ ...M.agent, address: { ...M.agent.address, postcode: M.agent.typedPostcode } },
				],
			],
		},
		{
			id: M.cases.jointBuyers,
			ago: 40,
			clients: [
				['ct_m2a', person('Sam', 'Taylor', ' ls8  2et', { email: M.sharedEmail })],
				['ct_m2b', person('Alex', 'Taylor', 'LS8 2ET', { email: M.sharedEmail })],
			],
		},
		{
			id: M.cases.inSmokeball,
			ago: 50,
			target: 'smokeball',
			clients: [
				[
					M.helenContactId,
					person('Helen', 'Carter', 'LS17 6HR', {
						title: 'Mrs',
						email: M.helenNewEmail,
						fields: { external_ref: M.smokeball.helen.id, external_system: 'smokeball' },
					}),
				],
			],
			fees: true,
		},
		{
			id: M.cases.feeEarnerLeft,
			ago: 60,
			feeEarner: 'OLD',
			clients: [['ct_m4', person('Ruth', 'Okafor', 'LS7 3JB')]],
		},
		{
			id: M.cases.unknownAppCode,
			ago: 70,
			appCode: 'CX',
			clients: [['ct_m5', person('Imran', 'Hussain', 'LS11 9AB')]],
		},
		{ id: M.cases.plain, ago: 80, clients: [['ct_m6', person('Priya', 'Shah', 'LS2 7DJ')]] },
		{ id: M.cases.noClient, ago: 90, target: 'smokeball', clients: [] },
		{
			id: M.cases.noRights,
			ago: 100,
			feeEarner: 'ABC',
			clients: [['ct_m8', person('Tomasz', 'Nowak', 'LS9 8DE')]],
		},
		{
			id: M.cases.deletedMatter,
			ago: 110,
			target: 'smokeball',
			linkedTo: M.smokeball.deletedMatterId,
			clients: [['ct_m9', person('Grace', 'Lee', 'LS16 5HG')]],
			fees: true,
			// Its key stage moved on this morning, so the catch-ups look at it.
			keyStageHoursAgo: 10,
		},
		{ id: M.cases.changed, ago: 120, clients: [['ct_m10', person('Omar', 'Said', 'LS4 2PR')]] },
	];

	const searches = state.key_stages.find((k) => k.name === 'Searches Ordered');
	const wt = WORK_TYPES.purchase;
	for (const row of plan) {
		const created = hoursAgo(nowMs, row.ago);
		const stageAt = row.keyStageHoursAgo ? hoursAgo(nowMs, row.keyStageHoursAgo) : null;
		const fe = staff(row.feeEarner || 'JSM');
		const clients = row.clients.map(([contactId, fields], i) => {
			const c = contactFor(state, contactId, fields, created);
			return client(
				c.id,
				{ ...fields, external_ref: undefined, external_system: undefined },
				{
					is_primary: i === 0,
					spouse_or_partner_of_primary: i > 0,
				},
			);
		});
		const others = (row.others || []).map(([type, fields]) => other(type, fields));
		const address = (
			clients[0] || {
				address: { line1: '9 Kirkstall Lane', town: 'Leeds', postcode: 'LS5 3BW', country: 'GB' },
			}
		).address;
		const properties = [
			{
				id: `pr_m${property++}`,
				address: { ...address, line1: `Flat 2, ${address.line1}` },
				tenure: 'leasehold',
				price: '215000.00',
				transaction_type: 'purchase',
			},
		];
		state.cases.push(
			caseRecord({
				case_id: row.id,
				work_type: wt.name,
				app_code: row.appCode || wt.app,
				fee_earner: staffRef(fe),
				branch: branchRef(branchOf(fe)),
				matter_details: matterDetailsFor(wt, clients, properties),
				owner: staffRef(fe),
				lead_source: 'Returning client',
				price: '215000.00',
				fee_scale: row.fees ? { id: scale.id, name: scale.name } : null,
				fees: row.fees ? feesFor(scale, 215000, () => `fl_m${line++}`) : [],
				clients_contacts: [...clients, ...others],
				properties,
				key_stage: stageAt ? { id: searches.id, name: searches.name, reached_at: stageAt } : null,
				case_management_target: row.target || 'dps_one_office',
				case_management_link: row.linkedTo
					? {
							system: 'smokeball',
							matter_ref: row.linkedTo,
							client_refs: [],
							matter_url: null,
							linked_at: created,
						}
					: null,
				created_at: created,
				updated_at: stageAt || created,
			}),
		);
	}
	state.next_ids.party = party;
	state.next_ids.property = property;
	state.next_ids.fee_line = line;
	return MESSY_FACTS_VIEW;
}

const MESSY_FACTS_VIEW = M;

function adminMessyFirm({ state, now, send }) {
	return send(200, addMess(state, Date.parse(now())));
}

/** DELETE /cases/:id — the firm deletes a case (after a download, say). */
function adminDeleteCase({ state, params, send }) {
	const i = state.cases.findIndex((c) => c.case_id === params.id);
	if (i < 0) throw new HttpError(404, 'not_found', `No case ${params.id}.`);
	state.cases.splice(i, 1);
	return send(200, { deleted: params.id });
}

module.exports = { addMess, adminMessyFirm, adminDeleteCase };
