// Real n8n runs the Perfect Portal ↔ Smokeball templates, unmodified, against the sandbox's two demo firms. The
// Smokeball credential uses client credentials: n8n fetches (and on a 401 renews) the token itself.
const { startStack } = require('../helpers/e2e');
const { SEED_FACTS: PP } = require('../../sandbox/systems/perfect-portal/seed');
const { SEED_FACTS: SB } = require('../../sandbox/systems/smokeball/seed');
const { MESSY_FACTS: M } = require('../../sandbox/systems/messy-firm');

jest.setTimeout(15 * 60 * 1000);

const CONVERT = 'perfect-portal-smokeball-convert-lead.json';
const FEES = 'perfect-portal-smokeball-fee-mapping.json';
const STAGES = 'perfect-portal-smokeball-key-stages.json';
const RESYNC = 'perfect-portal-smokeball-resync.json';
const CONTACTS = 'perfect-portal-smokeball-contacts.json';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NOTES = 'Client wants to complete before the end of July. Buyer works from home on Fridays.';

let stack;
beforeAll(async () => {
	stack = await startStack();
});
afterAll(async () => stack && stack.stop());
beforeEach(async () => {
	await stack.admin('POST', '/reset');
	await stack.admin('DELETE', '/requests');
});

const pp = () => stack.admin('GET', '/state/perfect-portal');
// Smokeball applies writes a moment after its 202: apply what is queued before reading its state.
const sb = async () => {
	await stack.admin('POST', '/smokeball/processing/flush');
	return stack.admin('GET', '/state/smokeball');
};
const requestsTo = (system) => stack.admin('GET', `/requests?system=${system}`);
// Writes to the API (the token endpoint is n8n renewing its token after a reset, not a write).
const writesTo = async (system) =>
	(await requestsTo(system)).filter((r) => r.method !== 'GET' && !r.path.endsWith('/oauth2/token'));
const ids = {};
async function runTemplate(file) {
	ids[file] = ids[file] || (await stack.n8n.importWorkflow(stack.template(file)));
	const run = await stack.n8n.execute(ids[file]);
	expect(run.error).toBeNull();
	return run;
}
const ppApi = (method, path, body) =>
	fetch(`${stack.sandbox.url}/perfect-portal${path}`, {
		method,
		headers: { authorization: `Bearer ${PP.demoKey}`, 'content-type': 'application/json' },
		body: body ? JSON.stringify(body) : undefined,
	}).then((r) => r.json());

/**
 * The lead conversion the templates start from: the open purchase quote converted with "send to Smokeball" and
 * conversion notes; the buyer's partner, already a Smokeball client, joins the case as a second client.
 */
async function convertQuote() {
	const converted = await stack.admin(
		'POST',
		`/perfect-portal/leads/${PP.quotes.open[0]}/convert`,
		{
			case_management_target: 'smokeball',
			conversion_notes: NOTES,
		},
	);
	const partner = {
		type: 'client',
		first_name: 'Alan',
		last_name: 'Example',
		email: SB.contacts.alan.email,
		spouse_or_partner_of_primary: true,
	};
	await stack.admin('PATCH', `/perfect-portal/cases/${converted.case_id}`, {
		clients_contacts: [...converted.clients_contacts, partner],
	});
	return converted.case_id;
}

// The seed's other case for Smokeball that is not linked yet (created this week).
const [unsentSeedCase] = PP.cmsTargets.smokeball.filter(
	(id) => PP.createdWithin.week.includes(id) && id !== PP.linkedCaseId,
);

test('convert lead: a matter per case, with its person responsible, clients found or created, the notes as a memo and the quote PDF; re-runs duplicate nothing', async () => {
	const caseId = await convertQuote();
	const sentIds = [unsentSeedCase, caseId].sort();
	// An injury enquiry sent to Smokeball too, whose fee earner has no Smokeball user: refused with the fix.
	const enquiry = await stack.admin(
		'POST',
		`/perfect-portal/leads/${PP.enquiries.open[0]}/convert`,
		{ case_management_target: 'smokeball' },
	);
	const seedContacts = (await sb()).contacts.length;

	const run = await runTemplate(CONVERT);
	const sent = run.byNode('Sent to Smokeball');
	expect(sent.map((r) => r.case_id).sort()).toEqual(sentIds);
	for (const row of sent)
		expect(row).toEqual(
			expect.objectContaining({
				result: 'matter created',
				person_responsible: 'Jane Smith',
				matter_id: expect.stringMatching(GUID),
			}),
		);
	expect(run.byNode('Not sent')).toEqual([
		{
			case_id: enquiry.case_id,
			result: 'not sent',
			matter_id: '',
			reason_code: 'fee_earner_not_in_smokeball',
			reason: `no Smokeball staff member matches the fee earner ${enquiry.fee_earner.name}`,
			fix: "Add them in Smokeball, or correct the fee earner's name or email in Perfect Portal; the next run sends the case.",
		},
	]);
	expect(run.byNode('Report')[0]).toEqual(expect.objectContaining({ sent: 2, not_sent: 1 }));
	// n8n fetched the client-credentials token itself.
	expect(
		(await requestsTo('smokeball')).filter((r) => r.path.endsWith('/oauth2/token')),
	).toHaveLength(1);

	const s = await sb();
	const p = await pp();
	const matterOf = (id) => s.matters.filter((m) => m.externalSystemId === id);
	for (const id of sentIds) expect(matterOf(id)).toHaveLength(1);
	const matter = matterOf(caseId)[0];
	const ppCase = p.cases.find((c) => c.case_id === caseId);
	expect(matter).toEqual(
		expect.objectContaining({
			matterTypeId: SB.matterTypes.purchase,
			personResponsibleStaffId: SB.staff.janeSmith.id,
			status: 'Open',
			description: ppCase.matter_details,
		}),
	);
	expect(matterOf(unsentSeedCase)[0].matterTypeId).toBe(SB.matterTypes.sale);
	expect(matterOf(enquiry.case_id)).toHaveLength(0);
	expect(p.cases.find((c) => c.case_id === enquiry.case_id).case_management_link).toBeNull();

	// Clients: the buyer is created once (External System ID = her Perfect Portal contact); the partner already in
	// Smokeball (same email and name) is reused, not duplicated.
	const buyer = ppCase.clients_contacts.find((c) => c.is_primary);
	const buyerContact = s.contacts.find((c) => c.externalSystemId === buyer.contact_id);
	expect(buyerContact.person).toEqual(
		expect.objectContaining({
			firstName: buyer.first_name,
			lastName: buyer.last_name,
			email: buyer.email,
		}),
	);
	expect(matter.clientIds).toEqual([buyerContact.id, SB.contacts.alan.id]);
	expect(
		s.contacts.filter((c) => c.person && c.person.email === SB.contacts.alan.email),
	).toHaveLength(1);
	expect(s.contacts).toHaveLength(seedContacts + 2);
	// …and each Perfect Portal contact now carries its Smokeball contact ID.
	expect(p.contacts.find((c) => c.id === buyer.contact_id)).toEqual(
		expect.objectContaining({ external_ref: buyerContact.id, external_system: 'smokeball' }),
	);

	// Conversion notes → memo; quote PDF → the matter's documents, byte for byte.
	expect(s.memos.filter((m) => m.matterId === matter.id)).toEqual([
		expect.objectContaining({ title: 'Conversion notes', text: NOTES }),
	]);
	expect(s.memos.filter((m) => m.matterId === matterOf(unsentSeedCase)[0].id)).toHaveLength(0);
	const quotePdf = p.documents.find((d) => d.case_id === caseId && d.kind === 'quote_pdf');
	const files = s.files.filter((f) => f.matterId === matter.id);
	expect(files).toEqual([
		expect.objectContaining({
			name: quotePdf.file_name.replace(/\.pdf$/, ''),
			fileExtension: '.pdf',
			isUploaded: true,
			additionalData: { externalSystemId: `perfectportal:document:${quotePdf.id}` },
		}),
	]);
	expect(s.blobs[files[0].id].base64).toBe(quotePdf.content_base64);

	// Linked in Perfect Portal, so the next run has nothing to send.
	for (const id of sentIds)
		expect(p.cases.find((c) => c.case_id === id).case_management_link).toEqual(
			expect.objectContaining({ system: 'smokeball', matter_ref: matterOf(id)[0].id }),
		);
	await stack.admin('DELETE', '/requests');
	const again = await runTemplate(CONVERT);
	expect(again.byNode('Sent to Smokeball')).toBeUndefined();
	expect(await writesTo('smokeball')).toHaveLength(0);
	expect(
		(await requestsTo('smokeball')).filter((r) => r.path.endsWith('/oauth2/token')),
	).toHaveLength(0);

	// A run that stopped before linking (links removed): everything is found, nothing is written twice.
	const state = await pp();
	for (const c of state.cases) if (sentIds.includes(c.case_id)) c.case_management_link = null;
	await stack.admin('PUT', '/state/perfect-portal', state);
	await stack.admin('DELETE', '/requests');
	const rerun = await runTemplate(CONVERT);
	expect(rerun.byNode('Sent to Smokeball').map((r) => r.result)).toEqual([
		'matter already in Smokeball, now linked',
		'matter already in Smokeball, now linked',
	]);
	expect(await writesTo('smokeball')).toHaveLength(0);
	const after = await sb();
	for (const key of ['matters', 'contacts', 'memos', 'files'])
		expect(after[key]).toHaveLength(s[key].length);
	for (const id of sentIds)
		expect((await pp()).cases.find((c) => c.case_id === id).case_management_link.matter_ref).toBe(
			matterOf(id)[0].id,
		);
});

test('fee mapping: mapped legal and additional fees become Time & Fees, disbursements Cost Recoveries; unmapped lines are listed; a re-run adds nothing', async () => {
	await convertQuote();
	await runTemplate(CONVERT);
	const linked = (await pp()).cases.filter(
		(c) =>
			c.status === 'open' && c.case_management_link && GUID.test(c.case_management_link.matter_ref),
	);
	expect(linked.map((c) => c.case_id)).toEqual(
		expect.arrayContaining([PP.linkedCaseId, unsentSeedCase]),
	);
	await stack.admin('DELETE', '/requests');

	const run = await runTemplate(FEES);
	const s = await sb();
	const lines = linked.flatMap((c) =>
		c.fees.map((f) => ({ ...f, case_id: c.case_id, matter_id: c.case_management_link.matter_ref })),
	);
	const mapped = lines.filter((l) => l.mapped_to_case_management);
	for (const line of mapped) {
		const list = line.case_management_category === 'fees' ? s.fees : s.expenses;
		const found = list.filter(
			(r) => r.matterId === line.matter_id && r.subject === line.description,
		);
		expect(found).toHaveLength(1);
		if (line.case_management_category === 'fees') {
			expect(['legal_fees', 'additional_fees']).toContain(line.section);
			expect(found[0]).toEqual(
				expect.objectContaining({
					feeType: 0,
					rate: Number(line.amount),
					tax: Number(line.vat_amount),
					staffId: SB.staff.janeSmith.id,
				}),
			);
		} else {
			expect(line.section).toBe('disbursements');
			expect(found[0]).toEqual(
				expect.objectContaining({ quantity: 1, price: Number(line.amount), costType: 'Hard' }),
			);
		}
	}
	const unmapped = lines.filter((l) => !l.mapped_to_case_management);
	expect(unmapped.length).toBeGreaterThan(0);
	for (const line of unmapped) {
		expect(
			[...s.fees, ...s.expenses].some(
				(r) => r.matterId === line.matter_id && r.subject === line.description,
			),
		).toBe(false);
		expect(PP.feeScales.unmappedLineDescriptions).toContain(line.description);
	}
	expect(run.byNode('Not mapped')).toHaveLength(unmapped.length);
	const rows = [...run.byNode('Fee in Smokeball'), ...run.byNode('Cost recovery in Smokeball')];
	expect(rows).toHaveLength(mapped.length);
	expect(rows.every((r) => r.result === 'added')).toBe(true);
	expect(run.byNode('Fee in Smokeball').every((r) => r.in_smokeball === 'Time & Fees')).toBe(true);
	expect(
		run.byNode('Cost recovery in Smokeball').every((r) => r.in_smokeball === 'Cost Recoveries'),
	).toBe(true);
	expect((await writesTo('smokeball')).filter((r) => r.method === 'POST')).toHaveLength(
		mapped.length,
	);

	await stack.admin('DELETE', '/requests');
	const again = await runTemplate(FEES);
	expect(
		[...again.byNode('Fee in Smokeball'), ...again.byNode('Cost recovery in Smokeball')].every(
			(r) => r.result === 'already there',
		),
	).toBe(true);
	expect(await writesTo('smokeball')).toHaveLength(0);
	const later = await sb();
	expect(later.fees).toHaveLength(s.fees.length);
	expect(later.expenses).toHaveLength(s.expenses.length);
});

test('key stages: "Run now" catches up on the changes of the last 2 days both ways, whatever the firm; a Smokeball stage sets the key stage, a key stage becomes a memo; nothing echoes', async () => {
	const matter = SB.perfectPortal.matter;
	const keyStage = async () =>
		(await pp()).cases.find((c) => c.case_id === matter.externalSystemId).key_stage;
	const memos = async () => (await sb()).memos.filter((m) => m.matterId === matter.id);
	expect((await keyStage()).name).toBe('Searches Ordered');

	// Nothing changed lately: nothing to do, nothing written, no sample record asked for.
	let run = await runTemplate(STAGES);
	expect(run.byNode('Report')).toBeUndefined();
	expect(await writesTo('perfect-portal')).toHaveLength(0);
	expect(await writesTo('smokeball')).toHaveLength(0);

	// Moved to "Exchange" in Smokeball, no webhook delivered (the workflow is not even published): the catch-up
	// sets "Exchanged" in Perfect Portal; the way back finds both in step.
	await stack.admin('POST', `/smokeball/matters/${matter.id}/stage`, { stageName: 'Exchange' });
	run = await runTemplate(STAGES);
	expect(run.byNode('Key stage set')).toEqual([
		{ case_id: matter.externalSystemId, key_stage: 'Exchanged', smokeball_stage: 'Exchange' },
	]);
	expect((await keyStage()).name).toBe('Exchanged');
	expect(await memos()).toHaveLength(0);

	// "Completed" in Perfect Portal → a memo asking to move the matter to "Completion"; Perfect Portal keeps its newer stage.
	await stack.admin('PUT', `/perfect-portal/cases/${matter.externalSystemId}/key-stage`, {
		key_stage_id: 'ks_5',
	});
	run = await runTemplate(STAGES);
	expect(run.byNode('Memo written')).toEqual([
		expect.objectContaining({
			key_stage: 'Completed',
			move_to_stage: 'Completion',
			new_memo: true,
		}),
	]);
	expect(run.byNode('In step or newer in Perfect Portal')).toEqual([
		expect.objectContaining({ result: 'the key stage changed later in Perfect Portal: kept' }),
	]);
	expect((await keyStage()).name).toBe('Completed');
	const [memo] = await memos();
	expect(memo.title).toBe('Perfect Portal key stage: Completed');
	expect(memo.text).toMatch(
		/Move this matter to the stage "Completion" in Smokeball \(it is at "Exchange"\): Smokeball's API cannot set a matter stage/,
	);
	run = await runTemplate(STAGES);
	expect(run.byNode('Memo written')[0].new_memo).toBe(false);
	expect(await memos()).toHaveLength(1);
	expect(run.byNode('Report')[0].problems).toBe(0);
});

test('resync: Smokeball client details reach the linked Perfect Portal contact; completion details reach the matter’s Completion Details layout once per version', async () => {
	const { client, matter } = SB.perfectPortal;
	const completion = {
		status: 'exchanged',
		exchange_date: '2026-06-12',
		completion_date: '2026-06-26',
		completion_time: '12:00',
		purchase_price: '162500.00',
		deposit_amount: '16250.00',
		mortgage_advance: '113750.00',
		lender_name: 'Nationwide Building Society',
		notes: 'Keys with the agent.',
	};
	await ppApi('PUT', `/v1/cases/${matter.externalSystemId}/completion`, completion);
	const before = (await pp()).contacts.find((c) => c.id === client.externalSystemId);
	expect(before.external_ref).toBe(client.id);
	// The client's details change in Smokeball; no webhook reaches n8n (not published): the catch-up copies them.
	const changed = await sb();
	const sbClient = changed.contacts.find((c) => c.id === client.id);
	sbClient.versionMs = Date.now();
	await stack.admin('PUT', '/state/smokeball', changed);

	const run = await runTemplate(RESYNC);
	const contact = (await pp()).contacts.find((c) => c.id === client.externalSystemId);
	const sbContact = (await sb()).contacts.find((c) => c.id === client.id).person;
	expect(contact).toEqual(
		expect.objectContaining({
			mobile: sbContact.cell.number,
			email: sbContact.email,
			first_name: 'Alan',
			last_name: 'White',
		}),
	);
	expect(contact.address).toEqual(
		expect.objectContaining({
			line1: sbContact.residentialAddress.addressLine1,
			town: 'Leeds',
			postcode: 'LS8 2ET',
			county: before.address.county,
		}),
	);
	expect(run.byNode('Perfect Portal contact resynced')[0]).toEqual(
		expect.objectContaining({
			contact_id: client.externalSystemId,
			smokeball_contact_id: client.id,
		}),
	);
	// Only what differed was written: the fields Perfect Portal already had the same are not sent.
	const written = run.byNode('Perfect Portal contact resynced')[0].changed;
	expect(written).toEqual(expect.arrayContaining(['mobile', 'address']));
	for (const field of ['first_name', 'last_name'])
		if (before[field] === contact[field]) expect(written).not.toContain(field);
	// The completion details are in the firm's Completion Details layout on the matter, each in its field.
	const layouts = async () => (await sb()).layoutItems.filter((i) => i.matterId === matter.id);
	const valuesOf = (item) => Object.fromEntries(item.values.map((v) => [v.key, v.value]));
	const [item] = await layouts();
	expect(item.layoutDesignId).toBe(SB.layoutDesigns.completion.id);
	expect(valuesOf(item)).toEqual({
		Status: 'Exchanged',
		ExchangeDate: '2026-06-12',
		CompletionDate: '2026-06-26',
		CompletionTime: '12:00',
		PurchasePrice: '162500.00',
		DepositAmount: '16250.00',
		MortgageAdvance: '113750.00',
		LenderName: 'Nationwide Building Society',
		Notes: 'Keys with the agent.',
	});
	expect(run.byNode('Completion details in the layout')).toEqual([
		expect.objectContaining({
			case_id: matter.externalSystemId,
			matter_id: matter.id,
			written_to: 'layout',
			written: true,
			not_in_layout: [],
		}),
	]);
	const memos = async () =>
		(await sb()).memos.filter((m) => m.matterId === matter.id && m.title === 'Completion details');
	expect(await memos()).toEqual([]);
	expect(run.byNode('Report')[0].message).not.toMatch(/no 'Completion Details' layout/);

	// Again: the layout already holds this version, so nothing is written anywhere.
	await stack.admin('DELETE', '/requests');
	const again = await runTemplate(RESYNC);
	expect(again.byNode('Completion details in the layout')).toEqual([
		expect.objectContaining({ written: false, changed: [] }),
	]);
	expect(again.byNode('Already up to date')).toEqual([
		expect.objectContaining({ contact_id: client.externalSystemId, result: 'already up to date' }),
	]);
	expect(await writesTo('perfect-portal')).toEqual([]);
	expect(await writesTo('smokeball')).toEqual([]);
	expect(await layouts()).toHaveLength(1);
	expect((await pp()).contacts.find((c) => c.id === client.externalSystemId).updated_at).toBe(
		contact.updated_at,
	);

	// A new version (completed) is merged into the same layout once: only the fields that changed are sent.
	await ppApi('PUT', `/v1/cases/${matter.externalSystemId}/completion`, {
		...completion,
		status: 'completed',
		completion_time: '14:30',
	});
	await stack.admin('DELETE', '/requests');
	const third = await runTemplate(RESYNC);
	expect(third.byNode('Completion details in the layout')[0].changed.sort()).toEqual([
		'CompletionTime',
		'Status',
	]);
	const sbWrites = await writesTo('smokeball');
	expect(sbWrites.map((r) => r.method)).toEqual(['PATCH']);
	const [merged] = await layouts();
	expect(valuesOf(merged)).toEqual(
		expect.objectContaining({
			Status: 'Completed',
			CompletionTime: '14:30',
			ExchangeDate: '2026-06-12',
		}),
	);
	await stack.admin('DELETE', '/requests');
	await runTemplate(RESYNC);
	expect(await writesTo('smokeball')).toEqual([]);
});

test('resync: a firm with no Completion Details layout gets the completion details as a memo, once, and the report says so', async () => {
	const { matter } = SB.perfectPortal;
	const state = await sb();
	state.layoutDesigns = state.layoutDesigns.filter((d) => d.name !== 'Completion Details');
	await stack.admin('PUT', '/state/smokeball', state);
	await ppApi('PUT', `/v1/cases/${matter.externalSystemId}/completion`, {
		status: 'exchanged',
		exchange_date: '2026-06-12',
		completion_date: '2026-06-26',
		completion_time: '12:00',
		purchase_price: '162500.00',
	});

	const run = await runTemplate(RESYNC);
	const memos = async () =>
		(await sb()).memos.filter((m) => m.matterId === matter.id && m.title === 'Completion details');
	const [memo] = await memos();
	expect(memo.text).toMatch(
		/Status: exchanged\nExchange date: 2026-06-12\nCompletion date: 2026-06-26 at 12:00\nPurchase price: £162500\.00/,
	);
	expect(run.byNode('Completion details sent')).toEqual([
		expect.objectContaining({
			case_id: matter.externalSystemId,
			written_to: 'memo',
			new_memo: true,
		}),
	]);
	expect(run.byNode('Report')[0].message).toMatch(
		/The firm has no 'Completion Details' layout in Smokeball, so the completion details were recorded as a memo instead\./,
	);
	expect((await sb()).layoutItems).toEqual([]);

	// Again: the same details find their memo.
	await stack.admin('DELETE', '/requests');
	const again = await runTemplate(RESYNC);
	expect(again.byNode('Completion details sent')[0].new_memo).toBe(false);
	expect(await writesTo('smokeball')).toEqual([]);
	expect(await memos()).toHaveLength(1);
});

test('contacts: a new Perfect Portal contact becomes one Smokeball contact, linked; a new Smokeball contact one Perfect Portal contact; nothing echoes, and a re-run writes nothing', async () => {
	// Made in Perfect Portal by hand.
	const nadia = await ppApi('POST', '/v1/contacts', {
		type: 'person',
		title: 'Ms',
		first_name: 'Nadia',
		last_name: 'Brook',
		email: 'nadia.brook@example.com',
		mobile: '07700 900123',
	});
	expect(nadia.id).toMatch(/^ct_/);
	// Made in Smokeball by hand (no webhook reaches n8n: not published; the catch-up finds it).
	const state = await sb();
	const omar = {
		id: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f',
		externalSystemId: null,
		versionMs: Date.now(),
		person: {
			firstName: 'Omar',
			lastName: 'Haddad',
			email: 'omar.haddad@example.com',
			cell: { areaCode: '', number: '07700 900456' },
		},
		company: null,
		isDeleted: false,
		tags: [],
	};
	state.contacts.push(omar);
	await stack.admin('PUT', '/state/smokeball', state);

	const run = await runTemplate(CONTACTS);
	const sbAfter = await sb();
	const ppAfter = await pp();
	// Nadia: one Smokeball contact carrying her Perfect Portal ID; her Perfect Portal contact now names it.
	const nadiaInSb = sbAfter.contacts.filter((c) => c.externalSystemId === nadia.id);
	expect(nadiaInSb).toHaveLength(1);
	expect(nadiaInSb[0].person).toEqual(
		expect.objectContaining({
			firstName: 'Nadia',
			lastName: 'Brook',
			email: 'nadia.brook@example.com',
		}),
	);
	expect(ppAfter.contacts.find((c) => c.id === nadia.id).external_ref).toBe(nadiaInSb[0].id);
	// Omar: one Perfect Portal contact whose External Reference is his Smokeball ID.
	const omarInPp = ppAfter.contacts.filter((c) => c.external_ref === omar.id);
	expect(omarInPp).toEqual([
		expect.objectContaining({
			first_name: 'Omar',
			last_name: 'Haddad',
			email: 'omar.haddad@example.com',
			mobile: '07700 900456',
		}),
	]);
	const rows = run.byNode('Report')[0].results;
	expect(rows).toEqual(
		expect.arrayContaining([
			expect.objectContaining({ contact_id: nadia.id, result: 'created in Smokeball and linked' }),
			expect.objectContaining({
				smokeball_contact_id: omar.id,
				result: 'created in Perfect Portal',
			}),
			// The Perfect Portal contact made for Omar comes back in the same catch-up: found, nothing to write.
			expect.objectContaining({
				contact_id: omarInPp[0].id,
				smokeball_contact_id: omar.id,
				result: 'found in Smokeball',
				written: false,
			}),
		]),
	);
	expect(run.byNode('Report')[0].problems).toBe(0);
	// No echo: Omar was not copied back into Smokeball, Nadia not back into Perfect Portal.
	expect(
		sbAfter.contacts.filter((c) => c.person?.email === 'omar.haddad@example.com'),
	).toHaveLength(1);
	expect(ppAfter.contacts.filter((c) => c.email === 'nadia.brook@example.com')).toHaveLength(1);

	// Again: everything is found and the same, so nothing is written to either system.
	await stack.admin('DELETE', '/requests');
	const again = await runTemplate(CONTACTS);
	expect(await writesTo('perfect-portal')).toEqual([]);
	expect(await writesTo('smokeball')).toEqual([]);
	expect(again.byNode('Report')[0].results.filter((r) => r.written)).toEqual([]);
	expect((await sb()).contacts).toHaveLength(sbAfter.contacts.length);
	expect((await pp()).contacts).toHaveLength(ppAfter.contacts.length);
});

test('referrers: Smokeball referral types become Perfect Portal referrers, renamed with them; a new Perfect Portal referrer becomes one Smokeball company, linked; a re-run writes nothing', async () => {
	const acme = await ppApi('POST', '/v1/referrers', {
		name: 'Acme Property Introducers',
		email: 'intro@acme.example.com',
	});
	const run = await runTemplate(CONTACTS);
	const fromSmokeball = async () =>
		(await pp()).referrers.filter((r) => String(r.external_ref).startsWith('sb:referraltype:'));
	const T = SB.referralTypes;
	expect((await fromSmokeball()).map((r) => [r.external_ref, r.name]).sort()).toEqual(
		[
			[`sb:referraltype:${T.hunters.id}`, T.hunters.name],
			[`sb:referraltype:${T.northshire.id}`, T.northshire.name],
		].sort(),
	);
	const companies = (await sb()).contacts.filter((c) => c.externalSystemId === acme.id);
	expect(companies).toHaveLength(1);
	expect(companies[0].company).toEqual(
		expect.objectContaining({ name: 'Acme Property Introducers', email: 'intro@acme.example.com' }),
	);
	expect((await pp()).referrers.find((r) => r.id === acme.id).external_ref).toBe(companies[0].id);
	expect(run.byNode('Report')[0].results).toEqual(
		expect.arrayContaining([
			expect.objectContaining({
				referrer_id: acme.id,
				result: 'company created in Smokeball and linked',
			}),
			expect.objectContaining({
				smokeball_referral_type_id: T.hunters.id,
				result: 'referrer created in Perfect Portal',
				written: true,
			}),
			expect.objectContaining({
				smokeball_referral_type_id: T.northshire.id,
				result: 'referrer created in Perfect Portal',
			}),
		]),
	);
	expect(run.byNode('Report')[0].problems).toBe(0);

	// A referral type renamed in Smokeball renames its referrer; nothing else is written.
	const state = await sb();
	state.referralTypes.find((t) => t.id === T.hunters.id).name = 'Hunters Estate Agents (Leeds)';
	await stack.admin('PUT', '/state/smokeball', state);
	await stack.admin('DELETE', '/requests');
	await runTemplate(CONTACTS);
	expect((await fromSmokeball()).find((r) => r.external_ref.endsWith(T.hunters.id)).name).toBe(
		'Hunters Estate Agents (Leeds)',
	);
	expect((await writesTo('perfect-portal')).map((r) => r.method)).toEqual(['PATCH']);
	expect(await writesTo('smokeball')).toEqual([]);

	await stack.admin('DELETE', '/requests');
	await runTemplate(CONTACTS);
	expect(await writesTo('perfect-portal')).toEqual([]);
	expect(await writesTo('smokeball')).toEqual([]);
	expect((await sb()).contacts.filter((c) => c.externalSystemId === acme.id)).toHaveLength(1);
});

describe('a messy firm', () => {
	const C = M.cases;
	beforeEach(async () => {
		for (const system of ['perfect-portal', 'smokeball'])
			await stack.admin('POST', `/${system}/messy-firm`);
	});
	const seedUnsent = PP.cmsTargets.smokeball.filter(
		(id) => PP.createdWithin.week.includes(id) && id !== PP.linkedCaseId,
	);

	test('convert lead: a matter already open under another client is found by its External System ID, a client by the Smokeball ID her Perfect Portal contact holds; nothing is created twice', async () => {
		const before = await sb();
		const run = await runTemplate(CONVERT);
		const after = await sb();
		const report = run.byNode('Report')[0];
		const row = (id) => report.cases.find((c) => c.case_id === id);

		// PP-242932: the open matter someone made by hand is used, and the case linked to it.
		expect(row(C.inSmokeball)).toEqual(
			expect.objectContaining({
				result: 'matter already in Smokeball, now linked',
				matter_id: M.smokeball.matter.id,
			}),
		);
		expect(after.matters.filter((m) => m.externalSystemId === C.inSmokeball)).toHaveLength(1);
		expect(
			(await pp()).cases.find((c) => c.case_id === C.inSmokeball).case_management_link.matter_ref,
		).toBe(M.smokeball.matter.id);
		// Helen changed her e-mail since she went into Smokeball: her contact's link finds her, no second Helen.
		expect(after.contacts.filter((c) => c.person && c.person.lastName === 'Carter')).toHaveLength(
			1,
		);
		const helen = (await pp()).contacts.find((c) => c.id === M.helenContactId);
		expect(helen).toEqual(
			expect.objectContaining({ external_ref: M.smokeball.helen.id, external_system: 'smokeball' }),
		);
		expect(
			(await writesTo('perfect-portal')).filter(
				(r) => r.path === `/v1/contacts/${M.helenContactId}`,
			),
		).toEqual([]);

		// The case with no client is its row with the fix; the seed's other case still goes.
		expect(row(C.noClient)).toEqual(
			expect.objectContaining({ result: 'not sent', reason_code: 'no_client' }),
		);
		for (const id of seedUnsent) expect(row(id).result).toBe('matter created');
		expect(after.matters.length - before.matters.length).toBe(seedUnsent.length);
		expect(run.error).toBeNull();
	});

	test('convert lead: a client Smokeball refuses stops only its case; the others are sent and the run ends with its report', async () => {
		const [refusedCase] = seedUnsent;
		const client = (await pp()).cases
			.find((c) => c.case_id === refusedCase)
			.clients_contacts.find((p) => p.type === 'client');
		await stack.admin('POST', '/config', {
			faults: {
				script: [
					{
						status: 400,
						match: {
							system: 'smokeball',
							method: 'POST',
							pathPrefix: `/api/${SB.accountId}/contacts`,
						},
					},
				],
			},
		});
		const run = await runTemplate(CONVERT);
		await stack.admin('POST', '/config', { faults: null });
		const report = run.byNode('Report')[0];
		const row = (id) => report.cases.find((c) => c.case_id === id);
		expect(row(refusedCase)).toEqual(
			expect.objectContaining({
				result: 'not sent',
				reason_code: 'client_not_in_smokeball',
				reason: expect.stringMatching(
					new RegExp(
						`^${client.name} could not be found or created in Smokeball: Smokeball refused the contact: `,
					),
				),
			}),
		);
		expect(row(C.inSmokeball).result).toBe('matter already in Smokeball, now linked');
		expect((await sb()).matters.some((m) => m.externalSystemId === refusedCase)).toBe(false);
		expect(
			(await pp()).cases.find((c) => c.case_id === refusedCase).case_management_link,
		).toBeNull();

		// Fixed (here: Smokeball accepts it now), the next run sends it: nothing was lost.
		const again = await runTemplate(CONVERT);
		expect(
			again
				.byNode('Report')[0]
				.cases.filter((c) => c.result !== 'not sent' || c.case_id === refusedCase),
		).toEqual([expect.objectContaining({ case_id: refusedCase, result: 'matter created' })]);
	});

	test('key stages and fees: a stage moved in Smokeball with no webhook is caught up; a case linked to a deleted matter is its row, the others go on', async () => {
		await runTemplate(CONVERT); // links PP-242932 to the matter opened by hand
		await stack.admin('POST', `/smokeball/matters/${M.smokeball.matter.id}/stage`, {
			stageName: 'Exchange',
		});
		const run = await runTemplate(STAGES);
		const report = run.byNode('Report')[0];
		expect((await pp()).cases.find((c) => c.case_id === C.inSmokeball).key_stage.name).toBe(
			'Exchanged',
		);
		expect(report.results).toEqual(
			expect.arrayContaining([
				expect.objectContaining({
					case_id: C.deletedMatter,
					reason_code: 'matter_not_in_smokeball',
					fix: expect.stringMatching(/^Link the case to its matter again/),
				}),
			]),
		);
		expect(run.error).toBeNull();

		const fees = await runTemplate(FEES);
		const lines = fees.byNode('Report')[0].results;
		expect(lines).toEqual(
			expect.arrayContaining([
				expect.objectContaining({
					case_id: C.deletedMatter,
					reason_code: 'matter_not_in_smokeball',
				}),
			]),
		);
		const added = (await sb()).fees.filter((f) => f.matterId === M.smokeball.matter.id);
		expect(added.length).toBeGreaterThan(0);
	});

	test('resync: a client changed in Smokeball with no webhook is caught up; only what differs is written, once', async () => {
		await runTemplate(CONVERT);
		const state = await sb();
		const helen = state.contacts.find((c) => c.id === M.smokeball.helen.id);
		helen.person.cell = { areaCode: '', number: '07700 900999' };
		helen.versionMs = Date.now();
		await stack.admin('PUT', '/state/smokeball', state);
		const before = (await pp()).contacts.find((c) => c.id === M.helenContactId);

		const run = await runTemplate(RESYNC);
		const row = run.byNode('Report')[0].results.find((r) => r.contact_id === M.helenContactId);
		expect(row).toEqual(expect.objectContaining({ result: 'resynced' }));
		expect(row.changed.sort()).toEqual(['email', 'mobile']);
		const after = (await pp()).contacts.find((c) => c.id === M.helenContactId);
		expect(after).toEqual({
			...before,
			mobile: '07700 900999',
			email: M.smokeball.helen.email,
			updated_at: expect.any(String),
		});

		await stack.admin('DELETE', '/requests');
		await runTemplate(RESYNC);
		expect(await writesTo('perfect-portal')).toEqual([]);
	});
});

test('published: Smokeball webhooks start the workflows; echoes of n8n’s own writes are ignored', async () => {
	await stack.n8n.publish(
		ids[STAGES] || (ids[STAGES] = await stack.n8n.importWorkflow(stack.template(STAGES))),
	);
	await stack.n8n.publish(
		ids[RESYNC] || (ids[RESYNC] = await stack.n8n.importWorkflow(stack.template(RESYNC))),
	);
	await stack.n8n.start();
	const { client, matter } = SB.perfectPortal;
	// Activation subscribes each trigger in Smokeball, with a signing key.
	const subscribed = await waitFor(async () => {
		const hooks = (await sb()).webhooks;
		return hooks.length === 2 && hooks.every((h) => h.key) ? hooks : null;
	});
	expect(subscribed.map((h) => h.eventTypes.join(',')).sort()).toEqual([
		'contact.updated,matter.updated',
		'matterstage.updated',
	]);

	// A stage moved in Smokeball reaches Perfect Portal through the signed webhook.
	await stack.admin('POST', `/smokeball/matters/${matter.id}/stage`, { stageName: 'Exchange' });
	await waitFor(
		async () =>
			(await pp()).cases.find((c) => c.case_id === matter.externalSystemId).key_stage.name ===
			'Exchanged',
	);

	// The client's mobile changes in Smokeball. An event carrying one of n8n's own RequestIds is an echo: ignored.
	const state = await sb();
	state.contacts.find((c) => c.id === client.id).person.cell = {
		areaCode: '',
		number: '07700 900999',
	};
	await stack.admin('PUT', '/state/smokeball', state);
	const mobile = async () =>
		(await pp()).contacts.find((c) => c.id === client.externalSystemId).mobile;
	const event = {
		type: 'contact.updated',
		payload: { id: client.id, externalSystemId: client.externalSystemId },
	};
	const echo = await stack.admin('POST', '/smokeball/events', {
		...event,
		requestId: '3b9f6c2a-8d41-4e7a-a0c5-1e9a15c0de00',
	});
	expect(echo.deliveries[0].attempts[0].status).toBe(200);
	await new Promise((r) => setTimeout(r, 3000));
	expect(await mobile()).not.toBe('07700 900999');
	// The same change made by a person in Smokeball is synced.
	await stack.admin('POST', '/smokeball/events', event);
	await waitFor(async () => (await mobile()) === '07700 900999');
});

async function waitFor(check, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error('timed out waiting');
		await new Promise((r) => setTimeout(r, 500));
	}
}
