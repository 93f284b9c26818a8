'use strict';

// The DPS One Office emulator against docs/api/dps-one-office.md, over real HTTP: the key + database
// header auth, lookup lists, finds, creates with the contract's ref generation, idempotency, validation (every
// field at once), atomic creates, attachments, admin helpers and bulk generation.

const { startSandbox } = require('../../sandbox/server');
const { sandboxClient, adminClient } = require('../helpers/sandbox-client');
const dps = require('../../sandbox/systems/dps-one-office');
const { createRng } = require('../../sandbox/lib/rng');

const F = dps.SEED_FACTS;
let sb;
let base;

const { call, get, post } = sandboxClient({
	base: () => base,
	auth: ({ key = F.demoKey, database = F.database }) => ({
		...(key ? { Authorization: `Bearer ${key}` } : {}),
		...(database !== null ? { 'X-DPS-Database': database } : {}),
	}),
	read: 'jsonOrNull',
	rawStrings: true,
});
const admin = adminClient(() => sb.url);
const state = async () => (await admin('GET', '/__admin/state/dps-one-office')).body;
const fieldsOf = (res) => res.body.error.details.fields;
const fieldNames = (res) => fieldsOf(res).map((f) => `${f.field}:${f.code}`);

const CLIENT = {
	type: 'person',
	title: 'Ms',
	first_name: 'Bea',
	last_name: 'Ng',
	address: { line1: '1 Canal Wharf', town: 'Leeds', postcode: ' ls11 5pz ' },
	mobile: '07700 900321',
	email: 'bea@example.com',
	external_ref: 'ppc_5001',
	external_source: 'perfect_portal',
};
const MATTER = {
	client_ref: 'SMI001',
	app_code: 'CP',
	fee_earner: 'JSM',
	branch: 'LDS',
	matter_details: 'Purchase of 9 Canal Wharf, Leeds',
	external_ref: 'PP-777001',
	external_source: 'perfect_portal',
	properties: [
		{
			address: { line1: '9 Canal Wharf', town: 'Leeds', postcode: 'ls115pz' },
			tenure: 'leasehold',
			price: '185000.00',
		},
	],
};

beforeAll(async () => {
	sb = await startSandbox({ port: 0, rateLimit: false });
	base = `${sb.url}/dps-one-office`;
});
afterAll(() => sb.close());
beforeEach(() => admin('POST', '/__admin/reset'));

describe('auth: Bearer key AND X-DPS-Database on every request', () => {
	test('the demo and canary keys with DEMOFIRM are accepted; /v1/me says who and which database', async () => {
		const me = await get('/v1/me');
		expect(me.status).toBe(200);
		expect(me.body).toEqual({
			user_code: F.demoUser.user_code,
			name: F.demoUser.name,
			database: 'DEMOFIRM',
			firm_name: F.firmName,
		});
		expect((await get('/v1/me', { key: F.canaryKey })).status).toBe(200);
		// SQL Server names compare case-insensitively; /v1/me gives the canonical name.
		expect((await get('/v1/me', { database: ' demofirm ' })).body.database).toBe('DEMOFIRM');
	});

	test('a missing or wrong key is 401 whatever the database', async () => {
		for (const res of [
			await get('/v1/me', { key: null }),
			await get('/v1/me', { key: 'dps_wrong_000000' }),
			await get('/v1/me', { key: 'dps_wrong_000000', database: null }),
		]) {
			expect(res.status).toBe(401);
			expect(res.body.error.code).toBe('unauthenticated');
			expect(res.headers.get('www-authenticate')).toBe('Bearer');
		}
	});

	test('a missing or blank database header is 400 validation_failed on the header, on every route', async () => {
		for (const path of ['/v1/me', '/v1/clients', '/v1/no-such-route']) {
			const res = await get(path, { database: null });
			expect(res.status).toBe(400);
			expect(res.body.error.code).toBe('validation_failed');
			expect(fieldsOf(res)).toEqual([
				expect.objectContaining({ field: 'X-DPS-Database', code: 'required' }),
			]);
		}
		expect((await post('/v1/clients', CLIENT, { database: '  ' })).status).toBe(400);
		expect((await state()).clients).toHaveLength(F.clientCount);
	});

	test('a database the key may not use, or that does not exist, is 403 database_forbidden (not told apart)', async () => {
		const res = await get('/v1/me', { database: 'OTHERFIRM' });
		expect(res.status).toBe(403);
		expect(res.body.error.code).toBe('database_forbidden');
		expect((await post('/v1/clients', CLIENT, { database: 'OTHERFIRM' })).status).toBe(403);
		expect((await state()).clients).toHaveLength(F.clientCount);
	});
});

describe('rate limit: 5/s, burst 5, per key + database', () => {
	test('the 6th request in a burst is 429 with Retry-After; another key has its own bucket', async () => {
		await admin('POST', '/__admin/config', { rateLimits: { 'dps-one-office': null } });
		try {
			const burst = await Promise.all(Array.from({ length: 6 }, () => get('/v1/me')));
			const statuses = burst.map((r) => r.status).sort();
			expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
			const limited = burst.find((r) => r.status === 429);
			expect(limited.body.error).toEqual(
				expect.objectContaining({ code: 'rate_limited', details: { retry_after_seconds: 1 } }),
			);
			expect(limited.headers.get('retry-after')).toBe('1');
			expect((await get('/v1/me', { key: F.canaryKey })).status).toBe(200);
		} finally {
			await admin('POST', '/__admin/config', { rateLimits: false });
		}
	});
});

describe('lookup lists: paginated, sorted by code', () => {
	test('AppCodes: the ten defaults plus the retired firm code; active filter; paging', async () => {
		const all = await get('/v1/app-codes');
		expect(all.body.data.map((a) => a.code)).toEqual([...F.appCodes, F.inactiveAppCode].sort());
		expect(all.body.data.find((a) => a.code === 'CP')).toEqual({
			code: 'CP',
			description: 'Convey (Purchase)',
			active: true,
			is_default: true,
		});
		const active = await get('/v1/app-codes?active=true');
		expect(active.body.data.map((a) => a.code)).toEqual(F.appCodes);
		const page2 = await get('/v1/app-codes?per_page=4&page=2');
		expect(page2.body.meta).toEqual({ page: 2, per_page: 4, total: 11, next_page: 3 });
		expect(page2.body.data.map((a) => a.code)).toEqual(['CW', 'EM', 'FA', 'GP']);
		const last = await get('/v1/app-codes?per_page=4&page=3');
		expect(last.body.meta.next_page).toBeNull();
		expect(fieldNames(await get('/v1/app-codes?per_page=201&active=maybe'))).toEqual([
			'per_page:out_of_range',
			'active:invalid_value',
		]);
	});

	test('fee earners: rights, branch and active filters', async () => {
		const all = await get('/v1/fee-earners');
		expect(all.body.data.map((f) => f.code)).toEqual(['ABC', 'JSM', 'OLD']);
		expect(all.body.data[1]).toEqual({
			code: 'JSM',
			name: 'Jane Smith',
			email: 'jane@firm.co.uk',
			branch: 'LDS',
			app_codes: ['CP', 'CS', 'CC'],
			active: true,
		});
		const cp = await get('/v1/fee-earners?app_code=CP&active=true');
		expect(cp.body.data.map((f) => f.code)).toEqual(['JSM']);
		const man = await get('/v1/fee-earners?branch=MAN');
		expect(man.body.data.map((f) => f.code)).toEqual(['ABC']);
		expect((await get('/v1/fee-earners?active=false')).body.data.map((f) => f.code)).toEqual([
			'OLD',
		]);
	});

	test('branches and contact types', async () => {
		expect((await get('/v1/branches')).body.data).toEqual([
			{ code: 'LDS', name: 'Leeds', active: true },
			{ code: 'MAN', name: 'Manchester', active: true },
		]);
		const types = await get('/v1/contact-types');
		expect(types.body.data.map((t) => t.code)).toEqual(F.contactTypes);
		expect(types.body.data.find((t) => t.code === 'OSS').description).toBe('Other Side Solicitor');
	});
});

describe('clients', () => {
	test('find by external_ref (repeatable), by name + postcode (normalised, exact), get, 404', async () => {
		const byRef = await get(
			`/v1/clients?external_ref=${F.existingClient.external_ref}&external_ref=nope`,
		);
		expect(byRef.body.data.map((c) => c.client_ref)).toEqual(['SMI001']);
		const byName = await get('/v1/clients?name=%20alan%20%20SMITH%20&postcode=ls14ab');
		expect(byName.body.data.map((c) => c.client_ref)).toEqual(['SMI001']);
		expect((await get('/v1/clients?name=Alan&postcode=LS1%204AB')).body.data).toEqual([]);
		const one = await get('/v1/clients/SMI001');
		expect(one.body).toEqual(
			expect.objectContaining({
				client_ref: 'SMI001',
				display_name: 'Alan Smith',
				organisation_name: null,
				address: expect.objectContaining({ postcode: 'LS1 4AB', country: 'GB', line2: null }),
				external_ref: 'ppc_1001',
			}),
		);
		const missing = await get('/v1/clients/XXX999');
		expect(missing.status).toBe(404);
		expect(missing.body.error).toEqual(
			expect.objectContaining({ code: 'not_found', details: { resource: 'client', id: 'XXX999' } }),
		);
	});

	test('external_ref with name + postcode is 400; name and postcode must come together', async () => {
		expect(
			fieldNames(await get('/v1/clients?external_ref=a&name=Alan%20Smith&postcode=LS1%204AB')),
		).toEqual(['external_ref:invalid_value']);
		expect(fieldNames(await get('/v1/clients?name=Alan%20Smith'))).toEqual(['postcode:required']);
		expect(fieldNames(await get('/v1/clients?postcode=LS1%204AB'))).toEqual(['name:required']);
	});

	test('the list is a keyset feed ordered by (updated_at, client_ref)', async () => {
		const all = (await get('/v1/clients')).body.data;
		const order = all.map((c) => [c.updated_at, c.client_ref]);
		expect(order).toEqual(order.slice().sort((a, b) => (a[0] + a[1] < b[0] + b[1] ? -1 : 1)));
		const cut = all[1];
		const after = await get(
			`/v1/clients?updated_since=${cut.updated_at}&after_id=${cut.client_ref}`,
		);
		expect(after.body.data.map((c) => c.client_ref)).toEqual(all.slice(2).map((c) => c.client_ref));
		expect(fieldNames(await get('/v1/clients?after_id=SMI001'))).toEqual([
			'updated_since:required',
		]);
	});

	test('create: Client Ref = first 3 letters of the surname, letters only, X-padded, + 3-digit sequence', async () => {
		const smith = await post('/v1/clients', { ...CLIENT, last_name: 'Smith', external_ref: null });
		expect(smith.status).toBe(201);
		expect(smith.body.client_ref).toBe(F.nextRefs.smithClient);
		const ng = await post('/v1/clients', CLIENT);
		expect(ng.body).toEqual(
			expect.objectContaining({
				client_ref: 'NGX001',
				display_name: 'Bea Ng',
				address: expect.objectContaining({ postcode: 'LS11 5PZ', country: 'GB' }),
				date_of_birth: null,
				phone: null,
			}),
		);
		const obrien = await post('/v1/clients', {
			...CLIENT,
			last_name: "o'brien",
			external_ref: 'x1',
		});
		expect(obrien.body.client_ref).toBe('OBR002');
		const accents = await post('/v1/clients', {
			...CLIENT,
			last_name: 'Öztürk',
			external_ref: 'x2',
		});
		expect(accents.body.client_ref).toBe('OZT001');
		const org = await post('/v1/clients', {
			type: 'organisation',
			organisation_name: '3D Homes Ltd',
			address: { line1: 'Unit 1', postcode: 'M1 1AE' },
		});
		expect(org.body).toEqual(
			expect.objectContaining({
				client_ref: 'DHO001',
				display_name: '3D Homes Ltd',
				first_name: null,
			}),
		);
		expect((await get('/v1/clients/NGX001')).body.client_ref).toBe('NGX001');
	});

	test('a repeated external_ref is 409 with existing_id, before validation; nothing is written', async () => {
		const res = await post('/v1/clients', { external_ref: F.existingClient.external_ref });
		expect(res.status).toBe(409);
		expect(res.body.error).toEqual(
			expect.objectContaining({
				code: 'duplicate_external_ref',
				details: { existing_id: 'SMI001', field: 'external_ref', value: 'ppc_1001' },
			}),
		);
		expect((await state()).clients).toHaveLength(F.clientCount);
	});

	test('validation lists every failing field', async () => {
		const res = await post('/v1/clients', {
			type: 'person',
			first_name: ' ',
			title: 'x'.repeat(21),
			address: { line2: 'Flat 2', postcode: 'ZZ' },
			phone: '0113 abc',
			mobile: '+44 (0) 7700-900123',
			email: 'nope',
			date_of_birth: '2999-01-01',
			external_ref: 'x'.repeat(101),
		});
		expect(res.status).toBe(400);
		expect(fieldNames(res)).toEqual([
			'title:too_long',
			'first_name:required',
			'last_name:required',
			'address.line1:required',
			'address.postcode:invalid_format',
			'phone:invalid_format',
			'email:invalid_format',
			'external_ref:too_long',
			'date_of_birth:out_of_range',
		]);
		expect(fieldNames(await post('/v1/clients', { type: 'organisation' }))).toEqual([
			'organisation_name:required',
			'address:required',
		]);
		expect(fieldNames(await post('/v1/clients', {}))).toEqual([
			'type:required',
			'address:required',
		]);
		// A non-GB address keeps its own postcode format.
		const abroad = await post('/v1/clients', {
			...CLIENT,
			external_ref: null,
			address: { line1: '5 Rue X', postcode: '75001', country: 'fr' },
		});
		expect(abroad.body.address).toEqual(
			expect.objectContaining({ postcode: '75001', country: 'FR' }),
		);
	});

	test('strict mode rejects unknown fields', async () => {
		await admin('POST', '/__admin/config', { strict: true });
		const res = await post('/v1/clients', {
			...CLIENT,
			nickname: 'B',
			address: { ...CLIENT.address, flat: 2 },
		});
		expect(fieldNames(res)).toEqual(['nickname:unknown_field', 'address.flat:unknown_field']);
	});
});

describe('contacts', () => {
	test('find by external_ref, contact_type, name + postcode; get; 404', async () => {
		expect(
			(await get(`/v1/contacts?external_ref=${F.existingContact.external_ref}`)).body.data.map(
				(c) => c.contact_id,
			),
		).toEqual([F.existingContact.contact_id]);
		expect(
			(await get('/v1/contacts?contact_type=EA&contact_type=OSS')).body.data.map(
				(c) => c.contact_id,
			),
		).toEqual(['CT00001', 'CT00003']);
		expect(
			(await get('/v1/contacts?name=hunters%20property%20(leeds)&postcode=LS16EN')).body.data,
		).toHaveLength(1);
		const one = await get('/v1/contacts/CT00002');
		expect(one.body).toEqual(
			expect.objectContaining({
				contact_type: 'LEN',
				address: null,
				display_name: 'Northern Building Society',
			}),
		);
		expect((await get('/v1/contacts/CT99999')).status).toBe(404);
	});

	test('create: needs an active contact type (never CLIENT) and a last name; address optional; 409 on a repeat', async () => {
		const created = await post('/v1/contacts', {
			type: 'person',
			last_name: 'Moss',
			contact_type: 'SUR',
			external_ref: 'ppc_7',
		});
		expect(created.status).toBe(201);
		expect(created.body).toEqual(
			expect.objectContaining({
				contact_id: F.nextRefs.contact,
				contact_type: 'SUR',
				address: null,
				first_name: null,
			}),
		);
		const again = await post('/v1/contacts', {
			type: 'person',
			contact_type: 'SUR',
			external_ref: 'ppc_7',
		});
		expect(again.status).toBe(409);
		expect(again.body.error.details.existing_id).toBe(F.nextRefs.contact);
		expect(
			fieldNames(await post('/v1/contacts', { type: 'person', contact_type: 'CLIENT' })),
		).toEqual(['contact_type:unknown_value', 'last_name:required']);
		expect(
			fieldNames(
				await post('/v1/contacts', {
					type: 'organisation',
					contact_type: 'XX',
					organisation_name: 'A',
					address: { town: 'Leeds' },
				}),
			),
		).toEqual([
			'contact_type:unknown_value',
			'address.line1:required',
			'address.postcode:required',
		]);
	});
});

describe('matters', () => {
	test('find by the Perfect Portal Case ID, by client_ref (joint clients too); get by Mat Ref; 404', async () => {
		const imported = await get(`/v1/matters?external_ref=${F.importedCase.case_id}`);
		expect(imported.body.data).toHaveLength(1);
		expect(imported.body.data[0]).toEqual(
			expect.objectContaining({
				mat_ref: F.importedCase.mat_ref,
				client_ref: 'SMI001',
				status: 'open',
				contacts: [
					expect.objectContaining({
						contact_id: 'CT00001',
						contact_type: 'EA',
						reference: 'HP/4471',
					}),
					expect.objectContaining({ contact_id: 'CT00002', contact_type: 'LEN', reference: null }),
				],
				properties: [
					expect.objectContaining({ tenure: 'freehold', price: '250000.00', currency: 'GBP' }),
				],
			}),
		);
		expect((await get('/v1/matters?client_ref=SMI001')).body.data.map((m) => m.mat_ref)).toEqual([
			'SMI001-0001',
			'SMI001-0002',
		]);
		expect((await get('/v1/matters/NOR001-0001')).body.app_code).toBe('CC');
		const missing = await get('/v1/matters/SMI001-9999');
		expect(missing.status).toBe(404);
		expect(missing.body.error.details).toEqual({ resource: 'matter', id: 'SMI001-9999' });
	});

	test('create: Mat Ref = client ref + 4-digit sequence per client; defaults filled', async () => {
		const res = await post('/v1/matters', MATTER);
		expect(res.status).toBe(201);
		expect(res.body).toEqual(
			expect.objectContaining({
				mat_ref: F.nextRefs.matterForSMI001,
				status: 'open',
				contacts: [],
				additional_client_refs: [],
				opened_on: new Date().toISOString().slice(0, 10),
				properties: [
					{
						address: expect.objectContaining({ postcode: 'LS11 5PZ' }),
						tenure: 'leasehold',
						price: '185000.00',
						currency: 'GBP',
					},
				],
			}),
		);
		const first = await post('/v1/matters', {
			...MATTER,
			client_ref: F.clientWithoutMatter,
			additional_client_refs: ['SMI002'],
			external_ref: 'PP-777002',
			opened_on: '2025-06-01',
		});
		expect(first.body).toEqual(
			expect.objectContaining({
				mat_ref: F.nextRefs.matterForOBR001,
				opened_on: '2025-06-01',
				additional_client_refs: ['SMI002'],
			}),
		);
		expect((await get('/v1/matters?client_ref=SMI002')).body.data.map((m) => m.mat_ref)).toEqual([
			F.nextRefs.matterForOBR001,
		]);
	});

	test('a repeated Perfect Portal Case ID is 409 with the existing Mat Ref, even with a body that would not validate', async () => {
		const res = await post('/v1/matters', { external_ref: F.importedCase.case_id });
		expect(res.status).toBe(409);
		expect(res.body.error).toEqual(
			expect.objectContaining({
				code: 'duplicate_external_ref',
				details: expect.objectContaining({ existing_id: F.importedCase.mat_ref }),
			}),
		);
	});

	test('unknown or inactive AppCode / Fee Earner / Branch: one unknown_value entry per field, all at once; atomic', async () => {
		const before = await state();
		const res = await post('/v1/matters', {
			...MATTER,
			app_code: F.inactiveAppCode,
			fee_earner: 'ZZZ',
			branch: 'XYZ',
		});
		expect(res.status).toBe(400);
		expect(fieldsOf(res)).toEqual([
			expect.objectContaining({
				field: 'app_code',
				code: 'unknown_value',
				message: expect.stringMatching(/inactive/),
			}),
			expect.objectContaining({ field: 'fee_earner', code: 'unknown_value' }),
			expect.objectContaining({ field: 'branch', code: 'unknown_value' }),
		]);
		expect(
			fieldNames(await post('/v1/matters', { ...MATTER, fee_earner: F.inactiveFeeEarner })),
		).toEqual(['fee_earner:unknown_value']);
		const all = await post('/v1/matters', {
			client_ref: 'NOPE01',
			additional_client_refs: ['SMI001', 'SMI002', 'SMI002', 'NOPE02'],
			matter_details: '   ',
			properties: [
				{
					address: { line1: 'x', postcode: 'bad' },
					tenure: 'rented',
					price: 1000,
					currency: 'gbp',
				},
			],
			opened_on: '2999-01-01',
		});
		expect(fieldNames(all)).toEqual([
			'client_ref:unknown_value',
			'additional_client_refs[2]:invalid_value',
			'additional_client_refs[3]:unknown_value',
			'app_code:required',
			'fee_earner:required',
			'branch:required',
			'matter_details:required',
			'properties[0].address.postcode:invalid_format',
			'properties[0].tenure:invalid_value',
			'properties[0].price:invalid_format',
			'properties[0].currency:invalid_format',
			'opened_on:out_of_range',
		]);
		const after = await state();
		expect(after.matters).toEqual(before.matters);
		expect(after.clients).toEqual(before.clients);
		expect(after.sequences).toEqual(before.sequences);
	});

	test('a fee earner without rights to the AppCode is 422 fee_earner_lacks_app_rights; nothing written', async () => {
		const res = await post('/v1/matters', { ...MATTER, fee_earner: 'ABC' });
		expect(res.status).toBe(422);
		expect(res.body.error.code).toBe('fee_earner_lacks_app_rights');
		expect(res.body.error.message).toMatch(/User does not have rights to access this matter/);
		expect(res.body.error.details).toEqual(
			expect.objectContaining({ fee_earner: 'ABC', app_code: 'CP' }),
		);
		expect((await state()).matters).toHaveLength(F.matterCount);
	});
});

describe('matter contacts', () => {
	test('attach with a contact type and their reference; list; a repeat is 409 already_attached', async () => {
		const res = await post(`/v1/matters/${F.importedCase.mat_ref}/contacts`, {
			contact_id: 'CT00003',
			contact_type: 'OSS',
			reference: 'GC/1',
		});
		expect(res.status).toBe(201);
		expect(res.body).toEqual({
			contact_id: 'CT00003',
			contact_type: 'OSS',
			reference: 'GC/1',
			attached_at: expect.any(String),
		});
		const list = await get(`/v1/matters/${F.importedCase.mat_ref}/contacts`);
		expect(list.body.data.map((c) => `${c.contact_id}:${c.contact_type}`)).toEqual([
			'CT00001:EA',
			'CT00002:LEN',
			'CT00003:OSS',
		]);
		expect((await get(`/v1/matters/${F.importedCase.mat_ref}`)).body.updated_at).toBe(
			res.body.attached_at,
		);
		const again = await post(`/v1/matters/${F.importedCase.mat_ref}/contacts`, {
			contact_id: 'CT00003',
			contact_type: 'OSS',
		});
		expect(again.status).toBe(409);
		expect(again.body.error).toEqual(
			expect.objectContaining({
				code: 'already_attached',
				details: expect.objectContaining({ existing_id: 'CT00003' }),
			}),
		);
		// The same contact with another type is another attachment.
		expect(
			(
				await post(`/v1/matters/${F.importedCase.mat_ref}/contacts`, {
					contact_id: 'CT00003',
					contact_type: 'OTH',
				})
			).status,
		).toBe(201);
	});

	test('400 for an unknown contact or type, 404 for the matter, 422 on a closed matter', async () => {
		expect(
			fieldNames(
				await post(`/v1/matters/${F.importedCase.mat_ref}/contacts`, {
					contact_id: 'CT99999',
					contact_type: 'CLIENT',
					reference: 'x'.repeat(51),
				}),
			),
		).toEqual(['contact_id:unknown_value', 'contact_type:unknown_value', 'reference:too_long']);
		expect(
			(await post('/v1/matters/NOPE-0001/contacts', { contact_id: 'CT00001', contact_type: 'EA' }))
				.status,
		).toBe(404);
		const closed = await post(`/v1/matters/${F.closedMatter}/contacts`, {
			contact_id: 'CT00001',
			contact_type: 'EA',
		});
		expect(closed.status).toBe(422);
		expect(closed.body.error.code).toBe('matter_closed');
	});
});

describe('admin helpers and faults', () => {
	test('facts, close / reopen a matter, and a firm edit of a lookup list', async () => {
		expect((await admin('GET', '/__admin/dps-one-office/facts')).body).toEqual(
			JSON.parse(JSON.stringify(F)),
		);
		const closed = await admin(
			'POST',
			`/__admin/dps-one-office/matters/${F.importedCase.mat_ref}/close`,
		);
		expect(closed.body.status).toBe('closed');
		expect(
			(await admin('POST', `/__admin/dps-one-office/matters/${F.importedCase.mat_ref}/reopen`)).body
				.status,
		).toBe('open');
		const retired = await admin('PUT', '/__admin/dps-one-office/lookups/fee-earners/JSM', {
			active: false,
		});
		expect(retired.body).toEqual(expect.objectContaining({ code: 'JSM', active: false }));
		expect(fieldNames(await post('/v1/matters', MATTER))).toEqual(['fee_earner:unknown_value']);
		const added = await admin('PUT', '/__admin/dps-one-office/lookups/app-codes/RM', {
			description: 'Remortgage',
		});
		expect(added.body).toEqual({
			code: 'RM',
			description: 'Remortgage',
			active: true,
			is_default: false,
		});
		expect((await admin('PUT', '/__admin/dps-one-office/lookups/nope/X', {})).status).toBe(404);
	});

	test('an injected 503 comes back in the contract envelope with Retry-After', async () => {
		await admin('POST', '/__admin/config', {
			faults: { script: [{ status: 503, match: { system: 'dps-one-office', method: 'POST' } }] },
		});
		const res = await post('/v1/matters', MATTER);
		expect(res.status).toBe(503);
		expect(res.body.error.code).toBe('unavailable');
		expect(res.headers.get('retry-after')).toBe('1');
		expect((await post('/v1/matters', MATTER)).status).toBe(201);
	});
});

describe('seed and bulk generation', () => {
	test('the seed is the same for every run seed and matches SEED_FACTS', () => {
		const a = dps.seed(createRng(1), { seed: 1 });
		const b = dps.seed(createRng(99), { seed: 99 });
		expect(a).toEqual(b);
		expect(a.clients.map((c) => c.client_ref)).toEqual(F.clientRefs);
		expect(a.matters.map((m) => m.mat_ref)).toEqual(F.matRefs);
		expect(a.contacts.map((c) => c.contact_id)).toEqual(F.contactIds);
		expect(a.matters.filter((m) => /^PP-\d+$/.test(m.external_ref || ''))).toHaveLength(1);
		expect(a.clients.find((c) => c.client_ref === 'SMI001').external_ref).toBe(
			F.existingClient.external_ref,
		);
	});

	test('generate adds findable clients and Perfect Portal matters, repeatably after a reset', async () => {
		const run = () =>
			admin('POST', '/__admin/seed/dps-one-office', {
				clients: 40,
				mattersPerClient: 2,
				contacts: 5,
			});
		const first = await run();
		expect(first.body).toEqual(
			expect.objectContaining({
				added: { clients: 40, matters: 80, contacts: 5 },
				first_case_id: 'PP-200000',
				last_case_id: 'PP-200079',
				totals: {
					clients: F.clientCount + 40,
					matters: F.matterCount + 80,
					contacts: F.contactCount + 5,
				},
			}),
		);
		const s1 = await state();
		await admin('POST', '/__admin/reset');
		await run();
		expect(await state()).toEqual(s1);
		for (const c of s1.clients.slice(F.clientCount))
			expect(c.client_ref).toMatch(/^[A-Z]{3}\d{3,}$/);
		const found = await get('/v1/matters?external_ref=PP-200010');
		expect(found.body.data).toHaveLength(1);
		const again = await run();
		expect(again.body.first_case_id).toBe('PP-200080');
		expect(
			fieldNames(
				await admin('POST', '/__admin/seed/dps-one-office', { clients: -1 }).then((r) => ({
					body: r.body,
				})),
			),
		).toEqual(['clients:out_of_range']);
	});

	test('PUT /__admin/state keeps refs increasing from a hand-written state', async () => {
		await admin('PUT', '/__admin/state/dps-one-office', {
			clients: [
				{
					client_ref: 'SMI007',
					type: 'person',
					first_name: 'A',
					last_name: 'Smith',
					address: { line1: 'x', postcode: 'LS1 1AA' },
					created_at: '2025-01-01T00:00:00.000Z',
				},
			],
			matters: [
				{
					mat_ref: 'SMI007-0003',
					client_ref: 'SMI007',
					app_code: 'CP',
					fee_earner: 'JSM',
					branch: 'LDS',
					matter_details: 'x',
					opened_on: '2025-01-01',
					created_at: '2025-01-01T00:00:00.000Z',
				},
			],
		});
		expect(
			(await post('/v1/clients', { ...CLIENT, last_name: 'Smith', external_ref: null })).body
				.client_ref,
		).toBe('SMI008');
		expect((await post('/v1/matters', { ...MATTER, client_ref: 'SMI007' })).body.mat_ref).toBe(
			'SMI007-0004',
		);
		expect((await get('/v1/app-codes?active=true')).body.data).toHaveLength(10);
	});
});
