// The Perfect Portal ↔ Smokeball processes on a messy firm, as the workflows/perfect-portal-smokeball-*.json
// templates chain their node operations (the quote PDF upload of convert lead is left out):
//   convert lead   Perfect Portal Trigger (lead converted) → Case › Get (errors to their own output) → the clients
//                  found or created in Smokeball (Contact › Create: External System ID, the Perfect Portal contact's
//                  link, e-mail + name) → the link noted on the contact → Matter › Create (External System ID, all
//                  matters) → the conversion notes as a memo (skip if exists) → Case › Link Matter once the memo is there; and its hourly
//                  catch-up over the week's cases for Smokeball not linked yet;
//   contacts       Perfect Portal Trigger (contact changed) → Smokeball Contact › Create (found before created) →
//                  Update what differs → the link on the Perfect Portal contact; the other way, Smokeball Trigger
//                  (contact.created, a webhook) → Contact › Get → Perfect Portal Contact › Create (found by its
//                  external_ref); and the catch-ups over 2 days, both ways;
//   fee mapping    the linked open cases → Matter › Get → each mapped fee line as a Fee or an Expense (skip if
//                  exists).
// Permanent per-record failures mixed in: a lead whose case was deleted after the conversion, a lead whose client
// Smokeball refuses (an e-mail that is not an address), contacts Smokeball refuses the same way, Smokeball contacts
// Perfect Portal refuses (no e-mail, phone or mobile) or that are gone before the webhook's run reads them, the
// messy firm's case with no client and its case linked to a matter deleted in Smokeball; and records the firm already
// holds: a matter open by hand with the case's External System ID (PP-242932), a client linked through her contact's
// external_ref. A crash right after the triggers emitted loses that batch's run (n8n saved the polling triggers'
// position and answered the webhooks): the catch-ups must deliver it, exactly once. Failures are the firm's digest: a
// record stays reported until it is delivered.
const { PerfectPortal } = require('../../nodes/PerfectPortal/PerfectPortal.node.ts');
const { PerfectPortalTrigger } = require('../../nodes/PerfectPortal/PerfectPortalTrigger.node.ts');
const { Smokeball } = require('../../nodes/Smokeball/Smokeball.node.ts');
const { execute, poll, assertAlive, splitErrors, Killed } = require('../bench/lib/nodes');
const {
	feeLines,
	LINKED_CASES,
	linkedToSmokeball,
	MATTER_OF_CASE,
	isFee,
	FEE,
	EXPENSE,
} = require('../bench/pipelines/smokeball-fees');
const { MESSY_FACTS: M } = require('../../sandbox/systems/messy-firm');
const { guid } = require('../../sandbox/systems/smokeball/seed');

const perfectPortal = new PerfectPortal();
const ppTrigger = new PerfectPortalTrigger();
const smokeball = new Smokeball();
const byId = (value) => ({ __rl: true, mode: 'id', value: String(value) });
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MATTER_TYPES = {
	'Conveyancing - Purchase': 'Conveyancing - Purchase',
	'Conveyancing - Sale': 'Conveyancing - Sale',
	'Conveyancing - Sale & Purchase': 'Conveyancing - Purchase',
	'Conveyancing - Remortgage': 'Remortgage',
};
const BAD_EMAIL = (k) => `soak${k} at example.co.uk`;
const same = (a, b) =>
	!!a && !!b && String(a).trim().toLowerCase() === String(b).trim().toLowerCase();
const reasonOf = (item) => String(item.json.error ?? '').replace(/^Item \d+: /, '');

/**
 * The messy firm in both systems, `leads` open quotes converted over `batches` (one in `deletedEvery` then deleted
 * in Perfect Portal, one in `refusedEvery` with a client Smokeball refuses) and `contacts` new Perfect Portal
 * contacts (one in `refusedEvery` refused).
 */
async function setup(env, size) {
	for (const system of ['perfect-portal', 'smokeball'])
		await env.admin('POST', `/${system}/messy-firm`);
	const plan = Array.from({ length: size.batches }, () => ({
		leads: [],
		contacts: [],
		fromSmokeball: [],
	}));
	for (let k = 0; k < size.leads; k++) {
		const refused = k % size.refusedEvery === 2;
		const lead = await env.admin('POST', '/perfect-portal/leads', {
			kind: 'quote',
			work_type: 'purchase',
			first_name: `Soak${k}`,
			last_name: 'Buyer',
			email: refused ? BAD_EMAIL(k) : `soak${k}.buyer@example.co.uk`,
		});
		plan[k % size.batches].leads.push({
			id: lead.id,
			notes: `Soak conversion ${k}: keys with the agent, "quotes" ✓`,
			deleted: k % size.deletedEvery === 1,
			refused,
		});
	}
	for (let k = 0; k < size.contacts; k++) {
		const refused = k % size.refusedEvery === 4;
		plan[k % size.batches].contacts.push({
			id: `ct_soak${k}`,
			first_name: `Contact${k}`,
			last_name: 'Soak',
			email: refused ? BAD_EMAIL(1000 + k) : `contact${k}.soak@example.co.uk`,
			mobile: '07700 900' + String(100 + k).slice(-3),
			refused,
		});
	}
	for (let k = 0; k < size.sbContacts; k++) {
		plan[k % size.batches].fromSmokeball.push({
			id: guid(`contact:soak-${k}`),
			firstName: `Smoke${k}`,
			lastName: 'Soak',
			// Perfect Portal refuses a contact with no e-mail, phone or mobile.
			email: k % size.refusedEvery === 1 ? null : `smoke${k}.soak@example.co.uk`,
			deleted: k % size.deletedEvery === 3,
		});
	}
	const sb = await env.state('smokeball');
	const pp = await env.state('perfect-portal');
	env.baseline = {
		contacts: countBy(
			sb.contacts.filter((c) => !c.isDeleted),
			contactKey,
		),
		ppIds: pp.contacts.map((c) => c.id),
	};
	env.expected = { cases: new Set(), contacts: new Set(), sbContacts: new Set() };
	return { plan };
}

function countBy(rows, key) {
	const out = {};
	for (const r of rows) out[key(r)] = (out[key(r)] || 0) + 1;
	return out;
}

const contactKey = (c) =>
	c.externalSystemId
		? `ext ${c.externalSystemId}`
		: c.person
			? `person ${c.person.firstName} ${c.person.lastName}`
			: `company ${(c.company || {}).name}`;

/** Arrivals of one batch: leads converted (some deleted right after), new Perfect Portal contacts. */
async function arrive(env, batch) {
	for (const l of batch.leads) {
		const c = await env.admin('POST', `/perfect-portal/leads/${l.id}/convert`, {
			case_management_target: 'smokeball',
			conversion_notes: l.notes,
		});
		l.caseId = c.case_id;
		if (l.deleted) await env.admin('DELETE', `/perfect-portal/cases/${c.case_id}`);
		else if (!l.refused) env.expected.cases.add(c.case_id);
	}
	const fresh = batch.fromSmokeball.filter((c) => !c.deleted);
	if (fresh.length) {
		// New in Smokeball; one of every few removed again before the run its webhook starts reads it.
		const sb = await env.state('smokeball');
		for (const c of fresh) {
			if (c.email) env.expected.sbContacts.add(c.id);
			if (sb.contacts.some((x) => x.id === c.id)) continue;
			sb.contacts.push({
				id: c.id,
				externalSystemId: null,
				person: {
					firstName: c.firstName,
					lastName: c.lastName,
					...(c.email ? { email: c.email } : {}),
				},
				company: null,
				isDeleted: false,
				tags: [],
				versionMs: Date.now(),
			});
		}
		await env.putState('smokeball', sb);
	}
	if (!batch.contacts.length) return;
	const pp = await env.state('perfect-portal');
	const at = new Date().toISOString();
	for (const c of batch.contacts) {
		if (!c.refused) env.expected.contacts.add(c.id);
		if (pp.contacts.some((x) => x.id === c.id)) continue;
		pp.contacts.push({
			id: c.id,
			type: 'person',
			title: null,
			first_name: c.first_name,
			last_name: c.last_name,
			company_name: null,
			address: null,
			phone: null,
			mobile: c.mobile,
			email: c.email,
			external_ref: null,
			external_system: null,
			created_at: at,
			updated_at: at,
		});
	}
	await env.putState('perfect-portal', pp);
}

// The templates use every node at version 1.
function run(env, o) {
	return execute({ credentials: env.credentials, typeVersion: 1, ...o }).then((r) => {
		assertAlive();
		return r;
	});
}
const sbRun = (env, o) => run(env, { node: smokeball, oauth2: true, ...o });
const ppRun = (env, o) => run(env, { node: perfectPortal, ...o });

/** The convert-lead chain from "Map work type" on: the cases (raw), each sent or its row. */
async function convert(env, r, cases) {
	const todo = cases
		.filter(
			(c, i, all) =>
				c.case_management_target === 'smokeball' &&
				!c.case_management_link &&
				c.status === 'open' &&
				all.findIndex((x) => x.case_id === c.case_id) === i,
		)
		.map((c) => ({ ...c, smokeball_matter_type: MATTER_TYPES[c.work_type] ?? c.work_type }));
	if (!todo.length) return;
	const staff = (
		await sbRun(env, {
			parameters: { resource: 'staff', operation: 'getAll', returnAll: true, filters: {} },
		})
	).output
		.map((i) => i.json)
		.filter((s) => !s.former);
	const types = (
		await sbRun(env, {
			parameters: {
				resource: 'matterType',
				operation: 'getAll',
				returnAll: true,
				filters: { kind: 0 },
			},
		})
	).output.map((i) => i.json);
	const ready = [];
	for (const c of todo) {
		const fe = c.fee_earner || {};
		const responsible =
			staff.find((s) => same(s.email, fe.email)) || staff.find((s) => same(s.name, fe.name));
		const type = types.find((t) => same(t.name, c.smokeball_matter_type));
		const clients = (c.clients_contacts || []).filter((p) => p.type === 'client');
		const problem = !clients.length
			? 'no_client'
			: !responsible
				? 'fee_earner_not_in_smokeball'
				: !type
					? 'unknown_matter_type'
					: null;
		if (problem) report(r, `case ${c.case_id}`, problem);
		else ready.push({ c, responsible, type, clients });
	}
	const parties = ready.flatMap((x) =>
		x.clients.map((p) => ({ ...p, party_id: p.id, case_id: x.c.case_id })),
	);
	if (!parties.length) return;
	const ppContacts = await ppRun(env, {
		continueOnFail: true,
		input: parties.map((json) => ({ json })),
		parameters: {
			resource: 'contact',
			operation: 'get',
			contact: (item) => byId(item.json.contact_id ?? ''),
		},
	});
	const input = parties.map((p, i) => ({ json: { party: p, contact: ppContacts.output[i].json } }));
	const isCompany = (p) => Boolean(p.company_name && !p.last_name);
	const found = await sbRun(env, {
		continueOnFail: true,
		input,
		parameters: {
			resource: 'contact',
			operation: 'create',
			contactType: (item) => (isCompany(item.json.party) ? 'company' : 'person'),
			firstName: (item) => (isCompany(item.json.party) ? '' : (item.json.party.first_name ?? '')),
			lastName: (item) => (isCompany(item.json.party) ? '' : (item.json.party.last_name ?? '')),
			companyName: (item) => (isCompany(item.json.party) ? item.json.party.company_name : ''),
			externalSystemId: (item) => item.json.party.contact_id || item.json.party.party_id,
			knownContactId: (item) =>
				item.json.contact.external_system === 'smokeball'
					? (item.json.contact.external_ref ?? '')
					: '',
			lookupScope: 'search',
			matchEmail: true,
			additionalFields: (item) => {
				const p = item.json.party;
				const a = isCompany(p) || !p.address ? {} : p.address;
				return {
					title: isCompany(p) ? '' : (p.title ?? ''),
					email: p.email ?? '',
					cell: isCompany(p) ? '' : (p.mobile ?? ''),
					phone: p.phone ?? '',
					addressLine1: a.line1 ?? '',
					addressLine2: a.line2 ?? '',
					city: a.town ?? '',
					state: a.county ?? '',
					zipCode: a.postcode ?? '',
					country: a.country === 'GB' ? 'United Kingdom' : (a.country ?? ''),
				};
			},
			waitUntilReadable: true,
			waitTimeout: 60,
			simplify: true,
		},
	});
	// "Link missing on the Perfect Portal contact?" → "Note the Smokeball ID on the contact" (errors pass on).
	const toNote = found.output
		.map((item, i) => ({ item, i }))
		.filter(
			({ item, i }) =>
				!item.json.error &&
				!!parties[i].contact_id &&
				input[i].json.contact.external_ref !== item.json.id,
		);
	if (toNote.length)
		await ppRun(env, {
			continueOnFail: true,
			input: toNote.map(({ item, i }) => ({ json: { id: item.json.id, party: parties[i] } })),
			parameters: {
				resource: 'contact',
				operation: 'update',
				contact: (item) => byId(item.json.party.contact_id),
				updateFields: (item) => ({ externalRef: item.json.id, externalSystem: 'smokeball' }),
			},
		});
	const planned = [];
	for (const x of ready) {
		const mine = parties
			.map((p, i) => ({ p, out: found.output[i].json }))
			.filter((m) => m.p.case_id === x.c.case_id);
		const failed = mine.filter((m) => m.out.error || !m.out.id);
		if (failed.length)
			report(
				r,
				`case ${x.c.case_id}`,
				`client_not_in_smokeball: ${reasonOf({ json: failed[0].out })}`,
			);
		else planned.push({ ...x, clientIds: [...new Set(mine.map((m) => m.out.id))] });
	}
	if (!planned.length) return;
	const matters = await sbRun(env, {
		continueOnFail: true,
		input: planned.map((x) => ({ json: x })),
		parameters: {
			resource: 'matter',
			operation: 'create',
			kind: 'matter',
			matterTypeId: (item) => item.json.type.id,
			clientIds: (item) => item.json.clientIds.join(','),
			status: 'Open',
			externalSystemId: (item) => item.json.c.case_id,
			lookupScope: 'all',
			additionalFields: (item) => ({
				description: item.json.c.matter_details ?? '',
				personResponsibleStaffId: item.json.responsible.id,
			}),
			waitUntilReadable: true,
			waitTimeout: 60,
			simplify: true,
		},
	});
	const inSmokeball = [];
	matters.output.forEach((item, i) => {
		if (item.json.error) report(r, `case ${planned[i].c.case_id}`, reasonOf(item));
		else inSmokeball.push({ ...planned[i], matterId: item.json.id, created: item.json.created });
	});
	const withNotes = inSmokeball.filter((x) => String(x.c.conversion_notes ?? '').trim());
	const memos = withNotes.length
		? await sbRun(env, {
				continueOnFail: true,
				input: withNotes.map((x) => ({ json: x })),
				parameters: {
					resource: 'memo',
					operation: 'create',
					matter: (item) => byId(item.json.matterId),
					title: 'Conversion notes',
					text: (item) => item.json.c.conversion_notes,
					additionalFields: {},
					skipIfExists: true,
					simplify: true,
				},
			})
		: { output: [] };
	const memoFailed = new Set();
	memos.output.forEach((item, i) => {
		if (item.json.error) {
			memoFailed.add(withNotes[i].c.case_id);
			report(r, `case ${withNotes[i].c.case_id}`, `notes not added: ${reasonOf(item)}`);
		}
	});
	// As the template: a case is linked only once its notes are in Smokeball, so a failed memo leaves it for the
	// catch-up (which finds the matter and the memo it already wrote).
	const toLink = inSmokeball.filter((x) => !memoFailed.has(x.c.case_id));
	if (!toLink.length) return;
	const links = await ppRun(env, {
		continueOnFail: true,
		input: toLink.map((x) => ({ json: x })),
		parameters: {
			resource: 'case',
			operation: 'linkMatter',
			case: (item) => byId(item.json.c.case_id),
			system: 'smokeball',
			matterRef: (item) => item.json.matterId,
			additionalFields: (item) => ({ clientRefs: item.json.clientIds.join(', ') }),
		},
	});
	links.output.forEach((item, i) => {
		const id = toLink[i].c.case_id;
		if (item.json.error) report(r, `case ${id}`, `not linked: ${reasonOf(item)}`);
		else delivered(r, `case ${id}`);
	});
}

function report(r, record, reason) {
	r.open.set(record, reason);
}
function delivered(r, record) {
	r.open.delete(record);
}

/** The trigger path of convert lead: each emitted conversion's case, read again, then the chain. */
async function converted(env, r, emitted) {
	if (!emitted.length) return;
	const got = await ppRun(env, {
		continueOnFail: true,
		input: emitted.map((json) => ({ json })),
		parameters: {
			resource: 'case',
			operation: 'get',
			case: (item) => byId(item.json.converted_case_id),
			output: 'raw',
		},
	});
	const { ok, failed } = splitErrors(got.output);
	for (const f of failed) {
		const id = emitted[f.pairedItem.item].converted_case_id;
		report(
			r,
			`case ${id}`,
			/\(reason: not_found[,)]/.test(f.json.error) ? 'deleted_in_perfect_portal' : reasonOf(f),
		);
	}
	await convert(
		env,
		r,
		ok.map((i) => i.json),
	);
}

/** The contacts template, Perfect Portal → Smokeball: found or created, what differs updated, the link noted. */
async function sendContacts(env, r, contacts) {
	const todo = contacts.filter((c) => !!c.id && ['person', 'organisation'].includes(c.type));
	if (!todo.length) return;
	const org = (c) => c.type === 'organisation';
	const found = await sbRun(env, {
		continueOnFail: true,
		input: todo.map((json) => ({ json })),
		parameters: {
			resource: 'contact',
			operation: 'create',
			contactType: (item) => (org(item.json) ? 'company' : 'person'),
			firstName: (item) => item.json.first_name ?? '',
			lastName: (item) => item.json.last_name ?? '',
			companyName: (item) => item.json.company_name ?? '',
			externalSystemId: (item) => item.json.id,
			knownContactId: (item) => item.json.external_ref ?? '',
			matchEmail: true,
			additionalFields: (item) => ({
				email: item.json.email ?? '',
				cell: org(item.json) ? '' : (item.json.mobile ?? ''),
				phone: item.json.phone ?? '',
				title: item.json.title ?? '',
			}),
			simplify: true,
		},
	});
	const sent = [];
	found.output.forEach((item, i) => {
		if (item.json.error) report(r, `contact ${todo[i].id}`, `not copied: ${reasonOf(item)}`);
		else sent.push({ pp: todo[i], sb: item.json });
	});
	const existing = sent.filter((x) => x.sb.created === false);
	if (existing.length) {
		const updated = await sbRun(env, {
			continueOnFail: true,
			input: existing.map((x) => ({ json: x })),
			parameters: {
				resource: 'contact',
				operation: 'update',
				contact: (item) => byId(item.json.sb.id),
				updateFields: (item) => {
					const p = item.json.pp;
					return {
						firstName: org(p) ? '' : (p.first_name ?? ''),
						lastName: org(p) ? '' : (p.last_name ?? ''),
						companyName: org(p) ? (p.company_name ?? '') : '',
						email: p.email ?? '',
						cell: org(p) ? '' : (p.mobile ?? ''),
						phone: p.phone ?? '',
					};
				},
				simplify: true,
			},
		});
		updated.output.forEach((item, i) => {
			if (item.json.error) {
				report(r, `contact ${existing[i].pp.id}`, `not updated: ${reasonOf(item)}`);
				existing[i].failed = true;
			}
		});
	}
	const ok = sent.filter((x) => !x.failed);
	const toLink = ok.filter(
		(x) =>
			!(x.pp.external_ref === x.sb.id || (!!x.pp.external_ref && !GUID.test(x.pp.external_ref))),
	);
	const linkFailed = new Set();
	if (toLink.length) {
		const linked = await ppRun(env, {
			continueOnFail: true,
			input: toLink.map((x) => ({ json: x })),
			parameters: {
				resource: 'contact',
				operation: 'update',
				contact: (item) => byId(item.json.pp.id),
				updateFields: (item) => ({ externalRef: item.json.sb.id }),
			},
		});
		linked.output.forEach((item, i) => {
			if (item.json.error) {
				linkFailed.add(toLink[i].pp.id);
				report(r, `contact ${toLink[i].pp.id}`, `not linked: ${reasonOf(item)}`);
			}
		});
	}
	for (const x of ok) if (!linkFailed.has(x.pp.id)) delivered(r, `contact ${x.pp.id}`);
}

/** The contacts template, Smokeball → Perfect Portal: the contacts not from Perfect Portal, created there once. */
async function copyToPerfectPortal(env, r, contacts) {
	const todo = contacts.filter(
		(c) => !c.isDeleted && !!(c.person || c.company) && !c.externalSystemId,
	);
	if (!todo.length) return;
	const tel = (p) => (p ? [p.areaCode, p.number].filter(Boolean).join(' ') : '');
	const created = await ppRun(env, {
		continueOnFail: true,
		input: todo.map((json) => ({ json })),
		parameters: {
			resource: 'contact',
			operation: 'create',
			type: (item) => (item.json.company ? 'organisation' : 'person'),
			firstName: (item) => item.json.person?.firstName ?? '',
			lastName: (item) => item.json.person?.lastName ?? '',
			companyName: (item) => item.json.company?.name ?? '',
			email: (item) => (item.json.person ?? item.json.company)?.email ?? '',
			externalRef: (item) => item.json.id,
			additionalFields: (item) => ({
				externalSystem: 'smokeball',
				title: item.json.person?.title ?? '',
				mobile: tel(item.json.person?.cell),
				phone: tel((item.json.person ?? item.json.company)?.phone),
			}),
		},
	});
	created.output.forEach((item, i) =>
		item.json.error
			? report(r, `smokeball contact ${todo[i].id}`, `not copied: ${reasonOf(item)}`)
			: delivered(r, `smokeball contact ${todo[i].id}`),
	);
}

/** The Smokeball Trigger's contact.created deliveries: each contact read, then copied. */
async function createdInSmokeball(env, r, ids) {
	if (!ids.length) return;
	const got = await sbRun(env, {
		continueOnFail: true,
		input: ids.map((id) => ({ json: { payload: { id } } })),
		parameters: {
			resource: 'contact',
			operation: 'get',
			contact: (item) => byId(item.json.payload.id),
			simplify: false,
		},
	});
	const { ok, failed } = splitErrors(got.output);
	for (const f of failed)
		report(
			r,
			`smokeball contact ${ids[f.pairedItem.item]}`,
			/\(reason: not_found[,)]/.test(f.json.error) ? 'contact_not_in_smokeball' : reasonOf(f),
		);
	await copyToPerfectPortal(
		env,
		r,
		ok.map((i) => i.json),
	);
}

/** One poll of each Perfect Portal trigger and the runs they start. */
async function pollOnce(env, r) {
	const conversions = await poll({
		node: ppTrigger,
		typeVersion: 1,
		credentials: env.credentials,
		staticData: r.memory.conversions,
		parameters: { event: 'leadConverted', kinds: 'both', simplify: true },
	});
	assertAlive();
	const contacts = await poll({
		node: ppTrigger,
		typeVersion: 1,
		credentials: env.credentials,
		staticData: r.memory.contacts,
		parameters: { event: 'contactChanged' },
	});
	assertAlive();
	return {
		conversions: (conversions.output || []).map((i) => i.json),
		contacts: (contacts.output || []).map((i) => i.json),
	};
}

/** The scheduled passes: convert lead's catch-up, the contacts catch-up, and the fee mapping. */
async function catchUp(env, r) {
	const recent = await ppRun(env, {
		parameters: {
			resource: 'case',
			operation: 'getAll',
			timeFrame: 'week',
			returnAll: true,
			filters: {
				caseManagementTarget: 'smokeball',
				hasCaseManagementLink: false,
				status: ['open'],
			},
			options: { includeDetails: true },
			output: 'raw',
		},
	});
	await convert(
		env,
		r,
		recent.output.map((i) => i.json),
	);
	const since = new Date(Date.now() - 2 * 24 * 3600 * 1000).toISOString();
	const changed = await ppRun(env, {
		parameters: {
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
			filters: { updatedSince: since },
		},
	});
	await sendContacts(
		env,
		r,
		changed.output.map((i) => i.json),
	);
	const fromSmokeball = await sbRun(env, {
		parameters: {
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
			filters: { types: ['Person', 'Organisation'], updatedSince: since },
			simplify: false,
		},
	});
	await copyToPerfectPortal(
		env,
		r,
		fromSmokeball.output.map((i) => i.json),
	);
	await fees(env, r);
}

/** The fee mapping template over every linked open case. */
async function fees(env, r) {
	const listed = await ppRun(env, { parameters: LINKED_CASES });
	const cases = listed.output.map((i) => i.json).filter(linkedToSmokeball);
	if (!cases.length) return;
	const matters = await sbRun(env, {
		continueOnFail: true,
		input: cases.map((c) => ({ json: c })),
		parameters: MATTER_OF_CASE,
	});
	const lines = [];
	matters.output.forEach((item, k) => {
		if (item.json.error)
			return report(
				r,
				`fees ${cases[k].case_id}`,
				/\(reason: not_found[,)]/.test(item.json.error)
					? 'matter_not_in_smokeball'
					: reasonOf(item),
			);
		delivered(r, `fees ${cases[k].case_id}`);
		lines.push(
			...feeLines(cases[k], item.json).filter((l) => l.json.mapped_to_case_management === true),
		);
	});
	const tally = (input, output) =>
		output.forEach((item, i) =>
			item.json.error
				? report(r, `fee line ${input[i].json.line_id}`, reasonOf(item))
				: delivered(r, `fee line ${input[i].json.line_id}`),
		);
	for (const [input, parameters] of [
		[lines.filter(isFee), FEE],
		[lines.filter((l) => !isFee(l)), EXPENSE],
	]) {
		if (!input.length) continue;
		const { output } = await sbRun(env, { continueOnFail: true, input, parameters });
		tally(input, output);
	}
}

const failedOf = (r) => [...r.open].map(([record, reason]) => ({ record, reason }));

module.exports = {
	setup,
	/** Activation, then per batch: arrivals, one poll of each trigger and the runs they start; then the catch-ups. */
	async run(env, ctx) {
		if (!ctx.sb) {
			ctx.sb = {
				memory: { conversions: { node: {}, global: {} }, contacts: { node: {}, global: {} } },
				next: 0,
				arrived: new Set(),
				open: new Map(),
			};
			await pollOnce(env, ctx.sb); // activation: both triggers set their position
		}
		const r = ctx.sb;
		// A crash lost the run of what the triggers had emitted (`inFlight`): only the catch-up can deliver it.
		if (ctx.crashed && r.inFlight && !r.lostInCrash)
			[r.lostInCrash, r.inFlight] = [r.inFlight, null];
		while (r.next < ctx.plan.length) {
			const b = r.next;
			if (!r.arrived.has(b)) {
				await arrive(env, ctx.plan[b]);
				r.arrived.add(b);
			}
			r.next = b + 1; // the polls below emit (and n8n saves their position) before anything can fail after them
			const emitted = await pollOnce(env, r);
			// Smokeball's webhook delivers contact.created for each new contact (n8n answered it on receipt).
			const hooks = ctx.plan[b].fromSmokeball.map((c) => c.id);
			r.inFlight = [
				...emitted.conversions.map((c) => ['cases', c.converted_case_id]),
				...emitted.contacts.map((c) => ['contacts', c.id]),
				...hooks.map((id) => ['sbContacts', id]),
			];
			await converted(env, r, emitted.conversions);
			await sendContacts(env, r, emitted.contacts);
			await createdInSmokeball(env, r, hooks);
			r.inFlight = null;
		}
		await catchUp(env, r);
		if (r.lostInCrash) {
			const s = await snapshot(env);
			const deliverable = r.lostInCrash.filter(([kind, id]) => env.expected[kind].has(id));
			ctx.caughtUp = `${
				deliverable.filter(([kind, id]) =>
					kind === 'cases'
						? s.links[id] === id
						: kind === 'contacts'
							? !!s.contactLinks[id]
							: !!s.copied[id],
				).length
			} of the ${deliverable.length} deliverable records the crashed run had emitted`;
		}
		return { failed: failedOf(r) };
	},
	/** What happens next: the triggers go on, and the scheduled catch-ups deliver what a failed or killed run left. */
	async rerun(env, ctx) {
		return this.run(env, ctx);
	},
	snapshot,
	Killed,
};

/**
 * Smokeball's matters by External System ID (type, person responsible, clients, memos, fees, expenses), its
 * contacts by External System ID or name, and the Perfect Portal side's links; free of generated ids.
 */
async function snapshot(env) {
	await env.admin('POST', '/smokeball/processing/flush');
	const sb = await env.state('smokeball');
	const pp = await env.state('perfect-portal');
	const contacts = sb.contacts.filter((c) => !c.isDeleted);
	const keyOfContact = new Map(contacts.map((c) => [c.id, contactKey(c)]));
	const live = sb.matters.filter((m) => m.status !== 'Deleted' && m.externalSystemId);
	const extOf = new Map(live.map((m) => [m.id, m.externalSystemId]));
	let duplicates = 0;
	const matters = {};
	for (const m of live) {
		if (matters[m.externalSystemId]) duplicates++;
		matters[m.externalSystemId] = {
			type: m.matterTypeId,
			responsible: m.personResponsibleStaffId,
			status: m.status,
			clients: (m.clientIds || []).map((id) => keyOfContact.get(id) || id),
			memos: [],
			fees: [],
			expenses: [],
		};
	}
	const add = (rows, field, text) => {
		for (const x of rows) {
			const m = matters[extOf.get(x.matterId)];
			if (!m || x.isDeleted) continue;
			const t = text(x);
			if (m[field].includes(t)) duplicates++;
			m[field].push(t);
		}
	};
	add(sb.memos, 'memos', (x) => `${x.title}: ${x.text}`);
	add(sb.fees, 'fees', (x) => `${x.subject} | ${x.description} | ${x.rate} | ${x.tax}`);
	add(sb.expenses, 'expenses', (x) => `${x.subject} | ${x.description} | ${x.price} | ${x.tax}`);
	for (const m of Object.values(matters))
		for (const f of ['memos', 'fees', 'expenses']) m[f].sort();
	const people = countBy(contacts, contactKey);
	for (const [k, n] of Object.entries(people))
		duplicates += Math.max(0, n - Math.max(1, (env.baseline.contacts || {})[k] || 0));
	const links = {};
	for (const c of pp.cases)
		if (c.case_management_target === 'smokeball')
			links[c.case_id] = c.case_management_link
				? extOf.get(c.case_management_link.matter_ref) ||
					`missing ${c.case_id === M.cases.deletedMatter}`
				: null;
	// Perfect Portal contacts: those copied from Smokeball by the Smokeball contact they copy (their ids are handed
	// out in the order they were created, which a fault or a crash changes), the others by id.
	const contactLinks = {};
	const copied = {};
	const before = new Set(env.baseline.ppIds);
	for (const c of pp.contacts) {
		if (!c.external_ref) continue;
		if (before.has(c.id) || c.id.startsWith('ct_soak'))
			contactLinks[c.id] = keyOfContact.get(c.external_ref) || c.external_ref;
		else
			(copied[c.external_ref] = copied[c.external_ref] || []).push(
				`${c.first_name} ${c.last_name} <${c.email ?? ''}>`,
			);
	}
	for (const list of Object.values(copied)) duplicates += list.length - 1;
	let lost = 0;
	for (const id of env.expected.cases) if (links[id] !== id) lost++;
	for (const id of env.expected.contacts) if (!contactLinks[id]) lost++;
	for (const id of env.expected.sbContacts) if (!copied[id]) lost++;
	return {
		matters,
		contacts: people,
		links,
		contactLinks,
		copied,
		counts: {
			matters: live.length,
			contacts: contacts.length,
			memos: sb.memos.length,
			fees: sb.fees.length,
			expenses: sb.expenses.length,
			duplicates,
			lost,
		},
	};
}
