'use strict';

// Record shapes and small builders, shared by the seed, the bulk generator and the API (index.js, messy.js):
// money, fee lines, fee scales, parties, cases, leads, documents.

const { sha256Hex } = require('../../../lib/files');
const { isoFromMs } = require('../../../lib/time');
const { CURRENCY, FEE_SCALES, FEE_SECTIONS, STREETS } = require('./plan-firm');

const MINUTE = 60000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const iso = isoFromMs;
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

module.exports = {
	MINUTE,
	iso,
	pence,
	staffRef,
	branchRef,
	address,
	mobile,
	feesFor,
	partyRecord,
	caseRecord,
	caseIdFor,
	matterDetailsFor,
	HOUR,
	DAY,
	feeTotals,
	buildFeeScales,
	documentRecord,
	leadRecord,
};
