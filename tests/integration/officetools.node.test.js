// The OfficeTools node against the sandbox: real HTTP, real credential auth (Bearer + X-Firm-Id), the sandbox's
// state as truth. Covers every operation, header errors, 401/404/409/410/413/422/429 and injected 5xx, idempotent
// re-runs of the migration steps, hidden contacts, verified delete, and binary round trips checked by sha256.
const crypto = require('node:crypto');
const { NodeApiError, NodeOperationError } = require('n8n-workflow');
const { startSandbox } = require('../../sandbox/server');
const { SEED_FACTS: F } = require('../../sandbox/systems/officetools');
const { OfficeTools } = require('../../nodes/OfficeTools/OfficeTools.node');
const { runNode, runMethod, testCredential } = require('../helpers/harness');
const { resetBuckets } = require('../../nodes/shared/rateLimit');
const { adminApi } = require('../helpers/sandbox-client');

const DEMO_KEY = 'ot_demo_2d4f6a8c0e1b';
// The node paces itself under the vendor's 5 requests/s, so multi-step tests take seconds.
jest.setTimeout(30000);
let sandbox;
let creds;
const node = new OfficeTools();

const admin = adminApi(() => sandbox.url);
const firmState = async (id = F.firmId) => (await admin('GET', '/state/officetools')).firms[id];
const requests = () => admin('GET', '/requests?system=officetools');
const clearRequests = () => admin('DELETE', '/requests');
const run = (parameters, extra = {}) => runNode({ node, parameters, credentials: creds, ...extra });
const byId = (value) => ({ __rl: true, mode: 'id', value });
const sha256 = (buffer) => crypto.createHash('sha256').update(buffer).digest('hex');
const bytesOf = (binary) => Buffer.from(binary.data, 'base64');
const fileItem = (bytes, fileName = 'file.pdf', mimeType = 'application/pdf', json = {}) => ({
	json,
	binary: { data: { data: bytes.toString('base64'), fileName, mimeType } },
});

const ACTIVATE = {
	resource: 'firmPortal',
	operation: 'activate',
	subdomain: F.subdomains.free,
	displayName: 'Brightline Client Portal',
	acceptTerms: true,
	acknowledgeUserReroute: true,
	additionalFields: {
		primaryColor: '#1F4E79',
		notificationRecipients: 'office@brightline.example',
	},
};
const activate = () => run(ACTIVATE);

/** A raw multipart upload to the sandbox (another client sharing the firm's upload slots). */
function rawUpload(path, fields = {}) {
	const form = new FormData();
	for (const [k, v] of Object.entries(fields)) form.append(k, v);
	form.append(
		'file',
		new Blob([Buffer.from('%PDF-1.4 other client\n')], { type: 'application/pdf' }),
		'other.pdf',
	);
	return fetch(`${sandbox.url}/officetools${path}`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${DEMO_KEY}`, 'X-Firm-Id': F.firmId },
		body: form,
	});
}

/** Steps 2 → 4 for one legacy document, the way the template chains them: download, then upload with the id. */
async function download(documentId, options = {}) {
	const { output } = await run({
		resource: 'legacyDocument',
		operation: 'download',
		documentId,
		options,
	});
	return output[0];
}

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
	creds = {
		officeToolsApi: { baseUrl: `${sandbox.url}/officetools/`, apiKey: DEMO_KEY, firmId: F.firmId },
	};
});
afterAll(() => sandbox.close());
beforeEach(async () => {
	resetBuckets();
	await admin('POST', '/reset');
});

describe('credential and headers', () => {
	test('GET /v1/firm: 200 with the demo key and firm; 401 wrong key; 400 no firm; 403 another firm', async () => {
		expect(F.demoKey).toBe(DEMO_KEY);
		const data = creds.officeToolsApi;
		expect(await testCredential('officeToolsApi', data)).toBe(200);
		expect(await testCredential('officeToolsApi', { ...data, apiKey: 'ot_wrong_0000' })).toBe(401);
		expect(await testCredential('officeToolsApi', { ...data, firmId: '' })).toBe(400);
		expect(await testCredential('officeToolsApi', { ...data, firmId: F.otherFirmId })).toBe(403);
		expect(
			await testCredential('officeToolsApi', {
				...data,
				apiKey: F.canaryKey,
				firmId: F.otherFirmId,
			}),
		).toBe(200);
	});

	test('through the node: 401 hides the key, 400 names X-Firm-Id, 403 is firm_forbidden', async () => {
		const params = { resource: 'firmPortal', operation: 'getStatus' };
		const wrong = await runNode({
			node,
			parameters: params,
			credentials: { officeToolsApi: { ...creds.officeToolsApi, apiKey: 'ot_wrongkey_77aa' } },
		}).catch((e) => e);
		expect(wrong).toBeInstanceOf(NodeApiError);
		expect(wrong.httpCode).toBe('401');
		expect(wrong.description).toMatch(/OfficeTools credential/);
		expect(JSON.stringify([wrong.message, wrong.description, wrong.context])).not.toContain(
			'wrongkey',
		);
		const noFirm = await runNode({
			node,
			parameters: params,
			credentials: { officeToolsApi: { ...creds.officeToolsApi, firmId: '' } },
		}).catch((e) => e);
		expect(noFirm.httpCode).toBe('400');
		expect(noFirm.message).toMatch(/X-Firm-Id: required/);
		const other = await runNode({
			node,
			parameters: params,
			credentials: { officeToolsApi: { ...creds.officeToolsApi, firmId: F.otherFirmId } },
		}).catch((e) => e);
		expect(other.httpCode).toBe('403');
		expect(other.message).toMatch(/firm_forbidden/);
	});
});

describe('Firm Portal (step 1)', () => {
	test('Get Status, then Activate with a logo; a re-run writes nothing; another subdomain is refused', async () => {
		expect(
			(await run({ resource: 'firmPortal', operation: 'getStatus' })).output[0].json.status,
		).toBe('not_activated');
		const logo = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), crypto.randomBytes(500)]);
		const params = {
			...ACTIVATE,
			additionalFields: { ...ACTIVATE.additionalFields, logoBinaryPropertyName: 'data' },
		};
		const input = [fileItem(logo, 'brightline.png', 'image/png')];
		const first = (await run(params, { input })).output[0].json;
		expect(first).toEqual(
			expect.objectContaining({
				activated: true,
				status: 'active',
				subdomain: F.subdomains.free,
				legacy_users_rerouted: true,
				portal_url: `${sandbox.url}/officetools/portals/${F.subdomains.free}`,
				notification_recipients: ['office@brightline.example'],
			}),
		);
		expect(first.branding).toEqual({
			display_name: 'Brightline Client Portal',
			primary_color: '#1F4E79',
			logo: {
				file_name: 'brightline.png',
				content_type: 'image/png',
				size_bytes: logo.length,
				sha256: sha256(logo),
			},
		});

		await clearRequests();
		const again = (await run(params, { input })).output[0].json;
		expect(again).toEqual({ ...first, activated: false });
		expect((await requests()).map((r) => r.method)).toEqual(['GET']);

		const moved = await run({ ...ACTIVATE, subdomain: 'brightline2' }).catch((e) => e);
		expect(moved).toBeInstanceOf(NodeOperationError);
		expect(moved.message).toMatch(/already active at '/);
	});

	test('a taken subdomain and missing confirmations are refused before any write', async () => {
		await clearRequests();
		const taken = await run({ ...ACTIVATE, subdomain: F.subdomains.otherFirm }).catch((e) => e);
		expect(taken).toBeInstanceOf(NodeOperationError);
		expect(taken.message).toMatch(/'Subdomain' 'northbay' is already used by another firm/);
		const unconfirmed = await run({ ...ACTIVATE, acceptTerms: false }).catch((e) => e);
		expect(unconfirmed.message).toMatch(/'Accept Terms and Conditions' is off/);
		expect((await requests()).filter((r) => r.method !== 'GET')).toEqual([]);
		expect((await firmState()).firm_portal.status).toBe('not_activated');
	});
});

describe('for a dry run: Check Subdomain and the retention clock', () => {
	test('Check Subdomain reads "Verify Link" for a free, a taken and an own subdomain', async () => {
		const check = async (subdomain) =>
			(await run({ resource: 'firmPortal', operation: 'checkSubdomain', subdomain })).output[0]
				.json;
		expect(await check(F.subdomains.free)).toEqual({
			subdomain: F.subdomains.free,
			available: true,
			reason: null,
		});
		expect(await check(F.subdomains.taken)).toEqual(
			expect.objectContaining({ available: false, reason: 'taken' }),
		);
		await activate();
		expect((await check(F.subdomains.free)).reason).toBe('in_use_by_this_firm');
	});

	test("retention_hours_left counts down on the sandbox clock, not on this machine's", async () => {
		const hoursLeft = async () =>
			Object.fromEntries(
				(
					await run({
						resource: 'legacyDocument',
						operation: 'getAll',
						returnAll: true,
						filters: { contentAvailable: true },
					})
				).output.map((i) => [i.json.id, i.json.retention_hours_left]),
			);
		const before = await hoursLeft();
		for (const { id, hours_left: hours } of F.nearExpiry)
			expect(Math.abs(before[id] - hours)).toBeLessThan(0.2);
		for (const id of F.policy365Ids) expect(before[id]).toBeNull();
		await admin('POST', '/officetools/clock', { advance_hours: 10 });
		const after = await hoursLeft();
		expect(after[F.nearExpiry[0].id]).toBeUndefined(); // removed by retention meanwhile
		expect(Math.abs(after[F.nearExpiry[1].id] - (F.nearExpiry[1].hours_left - 10))).toBeLessThan(
			0.2,
		);
	});
});

describe('Legacy Portal Document: Get Many and Download', () => {
	test('"not yet downloaded into WorkSpace", invoices, name and date range, Limit', async () => {
		const ids = async (filters) =>
			(
				await run({ resource: 'legacyDocument', operation: 'getAll', returnAll: true, filters })
			).output
				.map((i) => i.json.id)
				.sort();
		expect(await ids({ downloadedToWorkspace: false, contentAvailable: true })).toEqual(
			[...F.toDownloadIds].sort(),
		);
		expect(await ids({ kind: 'invoice' })).toEqual([...F.invoiceIds].sort());
		expect(await ids({ readyForDeletion: true })).toEqual([...F.readyForDeletionIds].sort());
		expect(await ids({ name: F.nameSearch.name })).toEqual([...F.nameSearch.ids].sort());
		const s = await firmState();
		const day = s.legacy_documents.find((d) => d.id === 'ld_1014').created_at.slice(0, 10);
		expect(await ids({ createdFrom: day, createdTo: day })).toEqual(['ld_1014']);
		await clearRequests();
		const limited = await run({
			resource: 'legacyDocument',
			operation: 'getAll',
			returnAll: false,
			limit: 3,
		});
		expect(limited.output).toHaveLength(3);
		expect(await requests()).toHaveLength(1);
	});

	test('Download round-trips the bytes (sha256); removed content comes from WorkSpace; lost content is a 410', async () => {
		const item = await download(F.unicodeDocumentId);
		expect(item.json).toEqual(
			expect.objectContaining({
				id: F.unicodeDocumentId,
				source: 'legacy_portal',
				file_name: F.unicodeFileName,
			}),
		);
		expect(item.binary.data.fileName).toBe(F.unicodeFileName);
		expect(sha256(bytesOf(item.binary.data))).toBe(item.json.sha256);
		expect(item.pairedItem).toEqual({ item: 0 });

		const [expired] = F.expiredInWorkspaceIds;
		const copy = await download(expired);
		expect(copy.json).toEqual(
			expect.objectContaining({ id: expired, source: 'workspace', content_available: false }),
		);
		expect(sha256(bytesOf(copy.binary.data))).toBe(copy.json.sha256);

		const lost = await download(F.lostIds[0]).catch((e) => e);
		expect(lost).toBeInstanceOf(NodeApiError);
		expect(lost.httpCode).toBe('410');
		expect(lost.message).toMatch(/content_expired/);
		const off = await download(expired, { useWorkspaceCopy: false }).catch((e) => e);
		expect(off.httpCode).toBe('410');

		const missing = await download('ld_0000').catch((e) => e);
		expect(missing.httpCode).toBe('404');
	});

	test('retention: once the clock passes a near-expiry document, it is listed as removed and only WorkSpace could help', async () => {
		const [soonest] = F.nearExpiry;
		const available = async () =>
			(
				await run({
					resource: 'legacyDocument',
					operation: 'getAll',
					returnAll: true,
					filters: { contentAvailable: true },
				})
			).output.map((i) => i.json.id);
		expect(await available()).toContain(soonest.id);
		await admin('POST', '/officetools/clock', { advance_hours: soonest.hours_left + 1 });
		expect(await available()).not.toContain(soonest.id);
		const gone = await download(soonest.id).catch((e) => e);
		expect(gone.httpCode).toBe('410');
	});
});

describe('Legacy Portal Contact', () => {
	test('hidden contacts are excluded unless asked', async () => {
		const ids = async (extra) =>
			(
				await run({ resource: 'legacyContact', operation: 'getAll', returnAll: true, ...extra })
			).output
				.map((i) => i.json.id)
				.sort();
		expect(await ids({})).toEqual([...F.visibleContactIds].sort());
		expect(await ids({ includeHidden: true })).toEqual([...F.contactIds].sort());
		expect(await ids({ filters: { email: F.sharedEmail.email.toUpperCase() } })).toEqual(
			F.sharedEmail.contactIds,
		);
		expect(await ids({ filters: { clientId: 'wc_1002' } })).toEqual(['lc_1003']);
	});
});

describe('WorkSpace Document (step 2)', () => {
	test('download + upload with the legacy id; a re-run uploads nothing and the legacy document is marked', async () => {
		const ids = F.documentsByContact.lc_1001
			.concat(F.documentsByContact.lc_1002)
			.filter((id) => F.toDownloadIds.includes(id));
		const input = [];
		for (const id of ids) {
			const item = await download(id);
			input.push({ json: item.json, binary: item.binary });
		}
		const params = {
			resource: 'workspaceDocument',
			operation: 'upload',
			client: byId('wc_1001'),
			legacyDocumentId: (item) => item.json.id,
		};
		const first = await run(params, { input });
		expect(
			first.output.map((i) => [i.json.legacy_document_id, i.json.created, i.json.folder]),
		).toEqual(ids.map((id) => [id, true, F.defaultFolder]));
		first.output.forEach((o, k) => {
			expect(o.json.sha256).toBe(input[k].json.sha256);
			expect(o.pairedItem).toEqual({ item: k });
		});

		await clearRequests();
		const again = await run(params, { input });
		expect(again.output.map((i) => i.json.created)).toEqual(ids.map(() => false));
		expect(again.output.map((i) => i.json.id)).toEqual(first.output.map((i) => i.json.id));
		expect((await requests()).filter((r) => r.method === 'POST')).toEqual([]);
		const s = await firmState();
		for (const id of ids) {
			expect(s.workspace_documents.filter((w) => w.legacy_document_id === id)).toHaveLength(1);
			expect(s.legacy_documents.find((d) => d.id === id).downloaded_to_workspace).toBe(true);
		}
		const listed = await run({
			resource: 'workspaceDocument',
			operation: 'getAll',
			client: { __rl: true, mode: 'list', value: 'wc_1001' },
			returnAll: true,
			filters: { legacyDocumentId: ids[0] },
		});
		expect(listed.output.map((i) => i.json.id)).toEqual([first.output[0].json.id]);
	});

	test('another client’s document is a 422 owner_mismatch; an oversized file is a 413', async () => {
		const item = await download('ld_1013');
		const mismatch = await run(
			{
				resource: 'workspaceDocument',
				operation: 'upload',
				client: byId('wc_1001'),
				legacyDocumentId: 'ld_1013',
			},
			{ input: [item] },
		).catch((e) => e);
		expect(mismatch).toBeInstanceOf(NodeApiError);
		expect(mismatch.httpCode).toBe('422');
		expect(mismatch.message).toMatch(/owner_mismatch/);

		await admin('POST', '/officetools/settings', { max_upload_bytes: 1000 });
		const big = await run(
			{ resource: 'workspaceDocument', operation: 'upload', client: byId('wc_1001') },
			{ input: [fileItem(crypto.randomBytes(2000))] },
		).catch((e) => e);
		expect(big).toBeInstanceOf(NodeApiError);
		expect(big.httpCode).toBe('413');
		expect(big.message).toMatch(/^The file is larger than OfficeTools accepts/);
		expect(big.description).toMatch(/\(HTTP 413\)$/);
	});
});

describe('Firm Portal User (step 3)', () => {
	test('sync every visible contact: welcome e-mails once, blockers fail their own items, a re-run duplicates nothing', async () => {
		await activate();
		const ids = F.visibleContactIds.concat(F.hiddenContactIds);
		const input = ids.map((id) => ({ json: { id } }));
		const params = {
			resource: 'firmPortalUser',
			operation: 'create',
			legacyContact: (item) => byId(item.json.id),
		};
		const { output } = await run(params, { input, continueOnFail: true });
		expect(output.map((o) => o.pairedItem.item)).toEqual(ids.map((_, k) => k));
		const byContact = Object.fromEntries(ids.map((id, k) => [id, output[k].json]));
		for (const id of F.syncableContactIds)
			expect(byContact[id]).toEqual(
				expect.objectContaining({
					legacy_contact_id: id,
					status: 'invited',
					created: true,
					welcome_email_sent: true,
				}),
			);
		expect(byContact.lc_1002.error).toMatch(/\(reason: email_in_use\)$/);
		for (const id of F.hiddenContactIds) expect(byContact[id].error).toMatch(/\(reason: contact_hidden\)$/);
		for (const id of [...F.noEmailContactIds, ...F.invalidEmailContactIds])
			expect(byContact[id].error).toMatch(/\(reason: contact_email_invalid\)$/);

		const emails = await admin('GET', `/officetools/welcome-emails?firm_id=${F.firmId}`);
		expect(emails.map((e) => e.legacy_contact_id).sort()).toEqual([...F.syncableContactIds].sort());

		const again = await run(params, {
			input: F.syncableContactIds.map((id) => ({ json: { id } })),
		});
		expect(
			again.output.every((o) => o.json.created === false && o.json.welcome_email_sent === false),
		).toBe(true);
		expect((await firmState()).welcome_emails).toHaveLength(F.syncableContactIds.length);
		expect((await firmState()).portal_users).toHaveLength(F.syncableContactIds.length);

		const one = byContact.lc_1005;
		expect(
			(await run({ resource: 'firmPortalUser', operation: 'get', user: byId(one.id) })).output[0]
				.json.email,
		).toBe(one.email);
		const many = await run({
			resource: 'firmPortalUser',
			operation: 'getAll',
			returnAll: true,
			filters: { legacyContactId: 'lc_1005' },
		});
		expect(many.output.map((i) => i.json.id)).toEqual([one.id]);
		const missing = await run({
			resource: 'firmPortalUser',
			operation: 'get',
			user: byId('pu_0000'),
		}).catch((e) => e);
		expect(missing.httpCode).toBe('404');
	});

	test('before activation the create is a 422 firm_portal_not_active', async () => {
		const error = await run({
			resource: 'firmPortalUser',
			operation: 'create',
			legacyContact: byId('lc_1001'),
		}).catch((e) => e);
		expect(error.httpCode).toBe('422');
		expect(error.message).toMatch(/firm_portal_not_active/);
	});
});

describe('Firm Portal Document (step 4) and Delete (step 5)', () => {
	async function migrated(contactId, documentId) {
		const user = (
			await run({ resource: 'firmPortalUser', operation: 'create', legacyContact: byId(contactId) })
		).output[0].json;
		const item = await download(documentId);
		const { output } = await run(
			{
				resource: 'firmPortalDocument',
				operation: 'upload',
				user: byId(user.id),
				legacyDocumentId: documentId,
			},
			{ input: [item] },
		);
		return { user, item, document: output[0].json };
	}

	test('upload for a user with the legacy id: bytes match; re-run and a lost response duplicate nothing', async () => {
		await activate();
		const { user, item, document } = await migrated('lc_1001', F.unicodeDocumentId);
		expect(document).toEqual(
			expect.objectContaining({
				created: true,
				user_id: user.id,
				legacy_document_id: F.unicodeDocumentId,
				sha256: item.json.sha256,
				size_bytes: item.json.size_bytes,
				sha256_matches_legacy: true,
			}),
		);

		await clearRequests();
		const again = await run(
			{
				resource: 'firmPortalDocument',
				operation: 'upload',
				user: byId(user.id),
				legacyDocumentId: F.unicodeDocumentId,
			},
			{ input: [item] },
		);
		expect(again.output[0].json).toEqual(
			expect.objectContaining({ id: document.id, created: false }),
		);
		expect((await requests()).filter((r) => r.method === 'POST')).toEqual([]);

		await admin('POST', '/config', {
			faults: {
				script: [
					{ status: 503, afterHandler: true, match: { system: 'officetools', method: 'POST' } },
				],
			},
		});
		const second = await download('ld_1001');
		const lostResponse = await run(
			{
				resource: 'firmPortalDocument',
				operation: 'upload',
				user: byId(user.id),
				legacyDocumentId: 'ld_1001',
			},
			{ input: [second] },
		);
		expect(lostResponse.output[0].json).toEqual(
			expect.objectContaining({
				created: false,
				legacy_document_id: 'ld_1001',
				sha256_matches_legacy: true,
			}),
		);
		expect((await requests()).filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([
			503, 409,
		]);
		expect(
			(await firmState()).portal_documents.filter((d) => d.legacy_document_id === 'ld_1001'),
		).toHaveLength(1);

		const listed = await run({
			resource: 'firmPortalDocument',
			operation: 'getAll',
			returnAll: true,
			filters: { userId: user.id },
		});
		expect(listed.output.map((i) => i.json.legacy_document_id).sort()).toEqual(
			[F.unicodeDocumentId, 'ld_1001'].sort(),
		);
	});

	test('an invoice is a 422 invoice_not_migratable', async () => {
		await activate();
		const user = (
			await run({ resource: 'firmPortalUser', operation: 'create', legacyContact: byId('lc_1003') })
		).output[0].json;
		const invoice = await download(F.invoiceIds[0]);
		const error = await run(
			{
				resource: 'firmPortalDocument',
				operation: 'upload',
				user: byId(user.id),
				legacyDocumentId: F.invoiceIds[0],
			},
			{ input: [invoice] },
		).catch((e) => e);
		expect(error.httpCode).toBe('422');
		expect(error.message).toMatch(/invoice_not_migratable/);
	});

	test('verified delete refuses an unmigrated and a mismatched document, deletes a verified one', async () => {
		await activate();
		await migrated('lc_1001', F.unicodeDocumentId);
		// Wrong bytes uploaded for ld_1007 (for its client): the Firm Portal copy does not verify.
		await run(
			{
				resource: 'firmPortalDocument',
				operation: 'upload',
				target: 'client',
				client: byId('wc_1003'),
				legacyDocumentId: 'ld_1007',
			},
			{ input: [fileItem(Buffer.from('not the statement'))] },
		);
		const ids = ['ld_1013', 'ld_1007', F.unicodeDocumentId];
		const params = {
			resource: 'legacyDocument',
			operation: 'delete',
			documentId: (item) => item.json.id,
			options: { onlyIfVerified: true },
		};
		const { output } = await run(params, {
			input: ids.map((id) => ({ json: { id } })),
			continueOnFail: true,
		});
		expect(output[0].json.error).toMatch(
			/'Legacy Document ID' 'ld_1013' is not verified on the Firm Portal: no Firm Portal document carries it/,
		);
		expect(output[1].json.error).toMatch(/.*'ld_1007' is not verified.*differs/);
		expect(output[2].json).toEqual(
			expect.objectContaining({ id: F.unicodeDocumentId, deleted: true, verified: true }),
		);
		expect(output.map((o) => o.pairedItem.item)).toEqual([0, 1, 2]);
		const s = await firmState();
		const available = (id) => s.legacy_documents.find((d) => d.id === id).content_available;
		expect([available('ld_1013'), available('ld_1007'), available(F.unicodeDocumentId)]).toEqual([
			true,
			true,
			false,
		]);

		const thrown = await run({ ...params, documentId: 'ld_1013' }).catch((e) => e);
		expect(thrown).toBeInstanceOf(NodeOperationError);
		expect(thrown.context.itemIndex).toBe(0);
	});

	test('delete as is: 422 document_not_secured unless forced; ready documents go; repeats are harmless', async () => {
		const unsecured = await run({
			resource: 'legacyDocument',
			operation: 'delete',
			documentId: 'ld_1013',
		}).catch((e) => e);
		expect(unsecured.httpCode).toBe('422');
		expect(unsecured.message).toMatch(/document_not_secured/);
		const forced = await run({
			resource: 'legacyDocument',
			operation: 'delete',
			documentId: 'ld_1013',
			options: { force: true },
		});
		expect(forced.output[0].json).toEqual({
			id: 'ld_1013',
			deleted: true,
			verified: null,
			firm_portal_document_id: null,
		});
		const ready = F.readyForDeletionIds.map((id) => ({ json: { id } }));
		const params = {
			resource: 'legacyDocument',
			operation: 'delete',
			documentId: (item) => item.json.id,
		};
		await run(params, { input: ready });
		await run(params, { input: ready });
		const s = await firmState();
		expect(
			s.legacy_documents
				.filter((d) => F.readyForDeletionIds.includes(d.id))
				.every((d) => !d.content_available && d.removed_at),
		).toBe(true);
		expect(s.legacy_documents).toHaveLength(F.documentCount);
	});
});

describe('upload limits, 429 and faults', () => {
	test('the sandbox refuses a third concurrent upload with 429; the node, retrying after Retry-After, gets through', async () => {
		await admin('POST', '/officetools/settings', { upload_processing_ms: 1500 });
		// Another client holds both of the firm's upload slots.
		const others = [
			rawUpload('/v1/workspace/clients/wc_1002/documents'),
			rawUpload('/v1/workspace/clients/wc_1002/documents'),
		];
		while ((await firmState()).upload_stats.total < 2) await new Promise((r) => setTimeout(r, 20));
		const third = await rawUpload('/v1/workspace/clients/wc_1002/documents');
		expect(third.status).toBe(429);
		expect((await third.json()).error.details.reason).toBe('uploads_in_flight');

		await admin('POST', '/officetools/settings', { upload_processing_ms: 0 });
		const { output } = await run(
			{ resource: 'workspaceDocument', operation: 'upload', client: byId('wc_1001') },
			{ input: [fileItem(Buffer.from('%PDF-1.4 mine\n'), 'mine.pdf')] },
		);
		expect(output[0].json.created).toBe(true);
		expect((await Promise.all(others)).map((r) => r.status)).toEqual([201, 201]);
		const posts = (await requests()).filter((r) => r.method === 'POST').map((r) => r.status);
		expect(posts.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
		expect(posts.at(-1)).toBe(201);
	});

	test('concurrent node executions keep at most 2 uploads in flight: no 429 at all', async () => {
		await admin('POST', '/officetools/settings', { upload_processing_ms: 250 });
		const batch = (n) =>
			Array.from({ length: 3 }, (_, k) =>
				fileItem(Buffer.from(`%PDF-1.4 ${n}-${k}\n`), `b${n}-${k}.pdf`),
			);
		const params = { resource: 'workspaceDocument', operation: 'upload', client: byId('wc_1003') };
		const runs = await Promise.all([
			run(params, { input: batch(1) }),
			run(params, { input: batch(2) }),
			run(params, { input: batch(3) }),
		]);
		expect(runs.flatMap((r) => r.output).every((o) => o.json.created === true)).toBe(true);
		const stats = (await firmState()).upload_stats;
		expect(stats).toEqual({ total: 9, max_in_flight: 2, refused_in_flight: 0 });
	});

	test('injected 500/503, a dropped connection and a 429 on reads are retried; the list is complete', async () => {
		await admin('POST', '/config', {
			faults: {
				script: [{ status: 500 }, { status: 503 }, { drop: true }, { status: 429 }].map((s) => ({
					...s,
					match: { system: 'officetools', method: 'GET' },
				})),
			},
		});
		const { output } = await run({
			resource: 'legacyDocument',
			operation: 'getAll',
			returnAll: true,
		});
		expect(output).toHaveLength(F.documentCount);
		expect((await requests()).filter((r) => r.faulted || r.dropped)).toHaveLength(4);
	});
});

describe('list search', () => {
	test('WorkSpace clients, visible legacy contacts and portal users', async () => {
		const o = { node, credentials: creds };
		const clients = await runMethod(o, 'listSearch', 'searchWorkspaceClients', 'flores');
		expect(clients.results).toEqual([{ name: 'Flores Dental PC (wc_1006)', value: 'wc_1006' }]);
		const contacts = await runMethod(o, 'listSearch', 'searchLegacyContacts');
		expect(contacts.results.map((r) => r.value).sort()).toEqual([...F.visibleContactIds].sort());
		await activate();
		await run({ resource: 'firmPortalUser', operation: 'create', legacyContact: byId('lc_1005') });
		const users = await runMethod(o, 'listSearch', 'searchPortalUsers', 'wei');
		expect(users.results).toEqual([
			{ name: 'Wei Chen (wei.chen@example.com)', value: expect.stringMatching(/^pu_/) },
		]);
	});
});
