'use strict';

const { FieldErrors } = require('../../../lib/http');
const { FIRST_NAMES, LAST_NAMES, WORK_TYPES } = require('./plan-firm');
const {
	MINUTE,
	address,
	branchRef,
	caseIdFor,
	caseRecord,
	feesFor,
	iso,
	matterDetailsFor,
	mobile,
	partyRecord,
	pence,
	staffRef,
} = require('./records');

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

module.exports = { generate };
