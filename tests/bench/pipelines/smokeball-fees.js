// The Perfect Portal → Smokeball fee mapping (docs/api/perfect-portal.md#get-fee-scale) as
// workflows/perfect-portal-smokeball-fee-mapping.json chains it: legal and additional fees go to Smokeball's
// Time & Fees, disbursements to its Cost Recoveries, only the lines the fee scale maps. Perfect Portal Case › Get
// Many (target Smokeball, linked, open; raw with details) → only cases linked to a Smokeball matter id → Smokeball
// Matter › Get → one item per mapped fee line → Fee › Create (fixed fee, for the person responsible; the same fee
// on the matter is not created again) or Expense › Create.
const crypto = require('node:crypto');
const { PerfectPortal } = require('../../../nodes/PerfectPortal/PerfectPortal.node.ts');
const { Smokeball } = require('../../../nodes/Smokeball/Smokeball.node.ts');
const { execute, assertAlive } = require('../lib/nodes');

const perfectPortal = new PerfectPortal();
const smokeball = new Smokeball();
const byId = (value) => ({ __rl: true, mode: 'id', value: String(value) });

/**
 * `cases` Perfect Portal cases sent to Smokeball: each gets a Smokeball matter (its External System ID = the
 * Case ID) and the case-management link to it, as a lead converted to Smokeball has.
 */
async function setup(env, { cases }) {
	const before = await env.state('perfect-portal');
	const known = new Set(before.cases.map((c) => c.case_id));
	await env.admin('POST', '/seed/perfect-portal', { cases });
	const pp = await env.state('perfect-portal');
	const fresh = pp.cases.filter((c) => !known.has(c.case_id));
	const sb = await env.state('smokeball');
	const template = sb.matters.find((m) => !m.isLead && m.status === 'Open') || sb.matters[0];
	for (const c of fresh) {
		const id = crypto.randomUUID();
		sb.matters.push({
			...template,
			id,
			externalSystemId: c.case_id,
			number: `PP-${c.case_id.slice(3)}`,
			description: c.matter_details,
		});
		c.case_management_target = 'smokeball';
		c.case_management_link = {
			system: 'smokeball',
			matter_ref: id,
			client_refs: [],
			matter_url: null,
			linked_at: c.updated_at,
		};
	}
	await env.putState('smokeball', sb);
	await env.putState('perfect-portal', pp);
	const lines = fresh.flatMap((c) => c.fees.filter((f) => f.mapped_to_case_management));
	return { cases: fresh.length, lines: lines.length, caseIds: fresh.map((c) => c.case_id) };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SECTIONS = {
	legal_fees: 'Legal fees',
	additional_fees: 'Additional fees',
	disbursements: 'Disbursements',
};

/** The template's "Fee lines": every line of the case, with the matter and its person responsible. */
function feeLines(kase, matter) {
	return (kase.fees || []).map((f) => ({
		json: {
			...f,
			line_id: f.id,
			case_id: kase.case_id,
			matter_id: matter.id,
			person_responsible_id: matter.personResponsibleStaffId,
			fee_date: kase.created_at,
		},
	}));
}

const common = {
	matter: (item) => byId(item.json.matter_id),
	subject: (item) => item.json.description,
	skipIfExists: true,
	simplify: true,
};
const extra = (item) => ({
	description: `Perfect Portal ${item.json.case_id}: ${SECTIONS[item.json.section] ?? item.json.section}`,
	staffId: item.json.person_responsible_id ?? '',
	tax: Number(item.json.vat_amount),
});

// The fee-mapping template's steps as node parameters, shared with the soak (tests/soak/messy-smokeball.js).
/** "Linked open cases": Perfect Portal cases sent to Smokeball and linked to a matter. */
const LINKED_CASES = {
	resource: 'case',
	operation: 'getAll',
	returnAll: true,
	timeFrame: 'any',
	filters: { caseManagementTarget: 'smokeball', hasCaseManagementLink: true, status: ['open'] },
	output: 'raw',
	options: { includeDetails: true },
};
/** A listed case whose link names a Smokeball matter. */
const linkedToSmokeball = (c) =>
	c.case_management_link?.system === 'smokeball' &&
	GUID.test(c.case_management_link?.matter_ref ?? '');
/** "Its matter": the matter a case is linked to. */
const MATTER_OF_CASE = {
	resource: 'matter',
	operation: 'get',
	matter: (item) => byId(item.json.case_management_link.matter_ref),
	simplify: true,
};
/** A fee line the mapping sends to Time & Fees (the others go to Cost Recoveries). */
const isFee = (line) => line.json.case_management_category === 'fees';
const FEE = {
	...common,
	resource: 'fee',
	operation: 'create',
	feeDate: (item) => item.json.fee_date,
	feeType: 0,
	rate: (item) => Number(item.json.amount),
	additionalFields: (item) => ({ ...extra(item), taxInclusive: false }),
};
const EXPENSE = {
	...common,
	resource: 'expense',
	operation: 'create',
	expenseDate: (item) => item.json.fee_date,
	price: (item) => Number(item.json.amount),
	quantity: 1,
	costType: 'Hard',
	additionalFields: extra,
};

/** `caseIds`: only these cases (the bench's own, not the seed's). */
async function run(env, { caseIds } = {}) {
	const listed = await execute({
		node: perfectPortal,
		credentials: env.credentials,
		parameters: LINKED_CASES,
	});
	assertAlive();
	const only = caseIds && new Set(caseIds);
	const cases = listed.output
		.map((i) => i.json)
		.filter((c) => (!only || only.has(c.case_id)) && linkedToSmokeball(c));
	const result = { cases: cases.length, fees: 0, expenses: 0, skipped: 0, failed: [] };
	if (!cases.length) return result;
	const matters = await execute({
		node: smokeball,
		oauth2: true,
		credentials: env.credentials,
		input: cases.map((c) => ({ json: c })),
		parameters: MATTER_OF_CASE,
	});
	assertAlive();
	const lines = cases
		.flatMap((c, k) => feeLines(c, matters.output[k].json))
		.filter((l) => l.json.mapped_to_case_management === true);
	const fees = lines.filter(isFee);
	const costs = lines.filter((l) => !isFee(l));
	const tally = (output, kind) => {
		for (const item of output) {
			if (item.json.created === false) result.skipped++;
			else result[kind]++;
		}
	};
	if (fees.length) {
		const { output } = await execute({
			node: smokeball,
			oauth2: true,
			credentials: env.credentials,
			input: fees,
			parameters: FEE,
		});
		assertAlive();
		tally(output, 'fees');
	}
	if (costs.length) {
		const { output } = await execute({
			node: smokeball,
			oauth2: true,
			credentials: env.credentials,
			input: costs,
			parameters: EXPENSE,
		});
		assertAlive();
		tally(output, 'expenses');
	}
	return result;
}

module.exports = {
	setup,
	run,
	feeLines,
	LINKED_CASES,
	linkedToSmokeball,
	MATTER_OF_CASE,
	isFee,
	FEE,
	EXPENSE,
};
