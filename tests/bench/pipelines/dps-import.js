// The Perfect Portal → DPS One Office import as workflows/perfect-portal-dps-download-cases.json and
// perfect-portal-dps-import-selected.json chain it ("File → PerfectPortal → Download from Web", then "Import
// Selected Cases"): Perfect Portal Case › Get Many (target DPS, open; raw with details) → DPS One
// Office Matter › Import Case (the grid's defaults: every client of the case ticked, primary first, no other
// contacts, every property; the matter keyed by the Perfect Portal Case ID; errors to their own output) →
// Perfect Portal Case › Link to Case Management Matter (the Mat Ref and Client Refs written back). The templates
// keep the downloaded rows in n8n data tables between the two steps; here the rows are the items themselves,
// with the templates' own mapping, and each case is read again just before the import as the import template
// does (a case deleted, closed or changed since the download is reported, not written). A page of 200 cases at a
// time; the checkpoint is the link in Perfect Portal
// (the download lists cases not linked yet), and a matter created just before a crash is found by its external
// reference instead of being created again.
const { PerfectPortal } = require('../../../nodes/PerfectPortal/PerfectPortal.node.ts');
const { DpsOneOffice } = require('../../../nodes/DpsOneOffice/DpsOneOffice.node.ts');
const { execute, assertAlive, splitErrors } = require('../lib/nodes');

const perfectPortal = new PerfectPortal();
const dps = new DpsOneOffice();
const PAGE = 200;
const byId = (value) => ({ __rl: true, mode: 'id', value: String(value) });

/** `cases` more Perfect Portal cases that import cleanly, beside the seed's own (with its DPS blockers). */
async function setup(env, { cases, keepSeedCases = true }) {
	if (!keepSeedCases) {
		const pp = await env.state('perfect-portal');
		await env.putState('perfect-portal', { ...pp, cases: [] });
	}
	if (cases) await env.admin('POST', '/seed/perfect-portal', { cases });
	const pp = await env.state('perfect-portal');
	return {
		importable: pp.cases.filter(
			(c) =>
				c.status === 'open' &&
				c.case_management_target === 'dps_one_office' &&
				!c.case_management_link,
		).length,
	};
}

/** A Perfect Portal address as Import Case takes it: every line present, null when empty. */
const address = (a) => ({
	line1: a?.line1 ?? null,
	line2: a?.line2 ?? null,
	town: a?.town ?? null,
	county: a?.county ?? null,
	postcode: a?.postcode ?? null,
	country: a?.country ?? null,
});

/** A downloaded party as the import takes it (the templates' "Case to import" mapping). */
const party = (p) => ({
	type: p.company_name && !p.last_name ? 'organisation' : 'person',
	title: p.title,
	first_name: p.first_name,
	last_name: p.last_name,
	organisation_name: p.company_name,
	address: address(p.address),
	phone: p.phone,
	mobile: p.mobile,
	email: p.email,
	external_ref: p.contact_id ?? p.id,
});

/** Matter › Import Case, each parameter read from the downloaded case (the item), as the templates map it. */
const importParameters = {
	resource: 'matter',
	operation: 'importCase',
	partiesInput: 'json',
	externalRef: (item) => item.json.case_id,
	appCode: (item) => item.json.app_code ?? '',
	feeEarner: (item) => item.json.fee_earner?.code ?? '',
	branch: (item) => item.json.branch?.code ?? '',
	matterDetails: (item) => item.json.matter_details ?? '',
	clients: (item) =>
		(item.json.clients_contacts ?? [])
			.filter((p) => p.type === 'client')
			.sort((a, b) => (b.is_primary ? 1 : 0) - (a.is_primary ? 1 : 0))
			.map(party),
	contacts: [],
	properties: (item) =>
		(item.json.properties ?? []).map((p) => ({
			address: address(p.address),
			tenure: p.tenure,
			price: p.price,
		})),
	options: { externalSource: 'perfect_portal' },
};

async function run(env, { page = PAGE } = {}) {
	const listed = await execute({
		node: perfectPortal,
		credentials: env.credentials,
		parameters: {
			resource: 'case',
			operation: 'getAll',
			returnAll: true,
			timeFrame: 'any',
			filters: {
				caseManagementTarget: 'dps_one_office',
				hasCaseManagementLink: false,
				status: ['open'],
			},
			output: 'raw',
			options: { includeDetails: true },
		},
	});
	assertAlive();
	const result = { listed: listed.output.length, created: 0, exists: 0, linked: 0, failed: [] };
	for (let start = 0; start < listed.output.length; start += page) {
		const downloaded = listed.output.slice(start, start + page).map((i) => ({ json: i.json }));
		const reread = await execute({
			node: perfectPortal,
			credentials: env.credentials,
			input: downloaded,
			continueOnFail: true,
			parameters: {
				resource: 'case',
				operation: 'get',
				case: (item) => byId(item.json.case_id),
				output: 'raw',
			},
		});
		assertAlive();
		const batch = [];
		for (const item of reread.output) {
			const before = downloaded[item.pairedItem.item].json;
			const gone = 'error' in item.json;
			if (!gone && item.json.status === 'open' && item.json.updated_at === before.updated_at)
				batch.push({ json: before });
			else
				result.failed.push({
					record: before.case_id,
					reason: gone ? item.json.error : 'changed in Perfect Portal since the download',
				});
		}
		const imported = await execute({
			node: dps,
			credentials: env.credentials,
			input: batch,
			continueOnFail: true,
			parameters: importParameters,
		});
		assertAlive();
		const { ok, failed } = splitErrors(imported.output);
		for (const item of failed) {
			result.failed.push({
				record: batch[item.pairedItem.item].json.case_id,
				reason: item.json.error,
				fix: item.json.details,
			});
		}
		for (const item of ok) result[item.json.action] = (result[item.json.action] || 0) + 1;
		if (!ok.length) continue;
		const linked = await execute({
			node: perfectPortal,
			credentials: env.credentials,
			input: ok.map((i) => ({ json: i.json })),
			continueOnFail: true,
			parameters: {
				resource: 'case',
				operation: 'linkMatter',
				case: (item) => byId(item.json.external_ref),
				system: 'dps_one_office',
				matterRef: (item) => item.json.mat_ref,
				additionalFields: (item) => ({ clientRefs: (item.json.client_refs ?? []).join(', ') }),
			},
		});
		assertAlive();
		const links = splitErrors(linked.output);
		for (const item of links.failed)
			result.failed.push({
				record: ok[item.pairedItem.item].json.external_ref,
				reason: `not linked: ${item.json.error}`,
			});
		result.linked += links.ok.length;
	}
	return result;
}

/** Per Perfect Portal case: its DPS matter and client (by content, not by generated ref) and its link. */
async function snapshot(env) {
	const pp = await env.state('perfect-portal');
	const d = await env.state('dps-one-office');
	const matters = new Map();
	let duplicates = 0;
	for (const m of d.matters) {
		if (!m.external_ref) continue;
		if (matters.has(m.external_ref)) duplicates++;
		matters.set(m.external_ref, m);
	}
	const clientsByRef = new Map(d.clients.map((c) => [c.client_ref, c]));
	const clientRefs = new Map();
	for (const c of d.clients) {
		if (!c.external_ref) continue;
		if (clientRefs.has(c.external_ref)) duplicates++;
		clientRefs.set(c.external_ref, c);
	}
	const cases = {};
	for (const c of pp.cases) {
		const m = matters.get(c.case_id);
		const client = m ? clientsByRef.get(m.client_ref) : null;
		cases[c.case_id] = {
			matter: m
				? {
						app_code: m.app_code,
						fee_earner: m.fee_earner,
						branch: m.branch,
						matter_details: m.matter_details,
						properties: (m.properties || []).length,
						client: client
							? `${client.external_ref} ${client.last_name || client.organisation_name} ${client.address && client.address.postcode}`
							: null,
					}
				: null,
			linked: c.case_management_link
				? Boolean(m) &&
					c.case_management_link.matter_ref === m.mat_ref &&
					(c.case_management_link.client_refs || []).join() ===
						[m.client_ref, ...(m.additional_client_refs || [])].join()
				: false,
			clients: m
				? [m.client_ref, ...(m.additional_client_refs || [])].map(
						(ref) => (clientsByRef.get(ref) || {}).external_ref,
					)
				: null,
		};
	}
	return { cases, counts: { matters: matters.size, clients: d.clients.length, duplicates } };
}

module.exports = { setup, run, snapshot, importParameters, PAGE };
