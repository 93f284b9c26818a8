'use strict';

// The messy firm (sandbox/systems/messy-firm.js): opt-in and additive, the same people in Perfect Portal, DPS One
// Office and Smokeball, and a second call adds nothing.

const { startSandbox } = require('../../sandbox/server');
const { adminClient } = require('../helpers/sandbox-client');
const { MESSY_FACTS: M } = require('../../sandbox/systems/messy-firm');

let sb;
const admin = adminClient(() => sb.url);
const state = async (system) => (await admin('GET', `/__admin/state/${system}`)).body;

beforeAll(async () => {
	sb = await startSandbox({ port: 0, rateLimit: false });
});
afterAll(() => sb.close());

test('the seed stays clean until the mess is asked for; then each system holds its part, once', async () => {
	const before = {
		pp: (await state('perfect-portal')).cases.length,
		dps: (await state('dps-one-office')).clients.length,
		sb: (await state('smokeball')).matters.length,
	};
	expect((await state('perfect-portal')).cases.some((c) => c.case_id === M.cases.inSmokeball)).toBe(
		false,
	);
	for (let i = 0; i < 2; i++)
		for (const system of ['perfect-portal', 'dps-one-office', 'smokeball'])
			expect((await admin('POST', `/__admin/${system}/messy-firm`)).status).toBe(200);

	const pp = await state('perfect-portal');
	const dps = await state('dps-one-office');
	const smokeball = await state('smokeball');
	expect(pp.cases.length - before.pp).toBe(Object.keys(M.cases).length);
	expect(dps.clients.length - before.dps).toBe(1);
	expect(smokeball.matters.length - before.sb).toBe(1);

	// George Brown: a new Perfect Portal contact, postcode as typed; in DPS without a reference, normalised.
	const returning = pp.cases.find((c) => c.case_id === M.cases.returningClient);
	const george = returning.clients_contacts.find((p) => p.type === 'client');
	expect(george).toEqual(
		expect.objectContaining({ last_name: 'Brown', contact_id: expect.any(String) }),
	);
	expect(george.address.postcode).toBe(M.george.typedPostcode);
	expect(dps.clients.find((c) => c.client_ref === M.george.dpsClientRef)).toEqual(
		expect.objectContaining({
			display_name: 'George Brown',
			external_ref: null,
			address: expect.objectContaining({ postcode: M.george.address.postcode }),
		}),
	);
	expect(dps.contacts.find((c) => c.contact_id === M.agent.dpsContactId).external_ref).toBeNull();

	// PP-242932: already a Smokeball matter under another client; Helen's contact holds her Smokeball ID.
	expect(smokeball.matters.find((m) => m.externalSystemId === M.cases.inSmokeball).id).toBe(
		M.smokeball.matter.id,
	);
	const helen = pp.contacts.find((c) => c.id === M.helenContactId);
	expect(helen).toEqual(
		expect.objectContaining({ external_ref: M.smokeball.helen.id, email: M.helenNewEmail }),
	);
	expect(smokeball.contacts.find((c) => c.id === M.smokeball.helen.id).person.email).not.toBe(
		helen.email,
	);
	// PP-242938 is linked to a matter Smokeball no longer has.
	expect(smokeball.matters.some((m) => m.id === M.smokeball.deletedMatterId)).toBe(false);

	// A case deleted after a download.
	expect((await admin('DELETE', `/__admin/perfect-portal/cases/${M.cases.plain}`)).status).toBe(
		200,
	);
	expect((await state('perfect-portal')).cases.some((c) => c.case_id === M.cases.plain)).toBe(
		false,
	);
	expect((await admin('DELETE', `/__admin/perfect-portal/cases/${M.cases.plain}`)).status).toBe(
		404,
	);
});
