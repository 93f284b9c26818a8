// The OfficeTools portal migration, its five steps (docs/api/officetools.md#migration-order) with the OfficeTools node:
//  1. Firm Portal › Activate;
//  2. Legacy Portal Document › Get Many (not downloaded into WorkSpace, file still there) → Download →
//     WorkSpace Document › Upload (keyed by the legacy document id);
//  3. Legacy Portal Contact › Get Many (visible) → Firm Portal User › Create (one welcome e-mail per user);
//  4. Firm Portal User › Get Many, Legacy Portal Document › Get Many (not yet on the Firm Portal; documents:
//     invoices cannot be migrated) of contacts that have a portal user, file still there or in WorkSpace →
//     Download (the WorkSpace copy when retention removed the file) → Firm Portal Document › Upload (keyed by the
//     legacy document id);
//  5. Legacy Portal Document › Get Many (migrated, file still there) → Delete (only if verified: same bytes on
//     the Firm Portal).
// The steps of workflows/officetools-portal-migration.json, without its dry-run branches and report.
// Each step's filter is its checkpoint, kept by OfficeTools itself, so a re-run after a crash continues where it
// stopped. Per-record errors (e-mails in use or invalid, files lost to retention) go to error items.
const { OfficeTools } = require('../../../nodes/OfficeTools/OfficeTools.node.ts');
const officeToolsSandbox = require('../../../sandbox/systems/officetools');
const { execute, assertAlive, splitErrors } = require('../lib/nodes');

const node = new OfficeTools();
const F = officeToolsSandbox.SEED_FACTS;
const PAGE = 50; // files travel as binary items: a modest batch keeps memory flat
const byId = (value) => ({ __rl: true, mode: 'id', value: String(value) });

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

async function setup(env, { clients = 0 } = {}) {
	if (clients) {
		await env.admin('POST', '/seed/officetools', {
			clients,
			contactsPerClient: 2,
			documentsPerContact: 3,
			bytes: 4096,
		});
	}
	const firm = (await env.state('officetools')).firms[F.firmId];
	return { contacts: firm.legacy_contacts.length, documents: firm.legacy_documents.length };
}

async function step(env, parameters, extra = {}) {
	const out = await execute({ node, credentials: env.credentials, parameters, ...extra });
	assertAlive();
	return out.output;
}

const list = (env, resource, extra) =>
	step(env, { resource, operation: 'getAll', returnAll: true, ...extra });

function collectFailures(result, label, batch, output, recordOf) {
	const { ok, failed } = splitErrors(output);
	for (const item of failed) {
		result.failed.push({
			step: label,
			record: recordOf(batch[item.pairedItem.item]),
			reason: item.json.error,
		});
	}
	return ok;
}

async function downloadBatch(env, result, label, batch) {
	const downloaded = await step(
		env,
		{ resource: 'legacyDocument', operation: 'download', documentId: (item) => item.json.id },
		{ input: batch, continueOnFail: true },
	);
	return collectFailures(result, `${label}: download`, batch, downloaded, (i) => i.json.id);
}

async function run(env, { page = PAGE } = {}) {
	const result = { failed: [], workspace: 0, users: 0, portalDocuments: 0, deleted: 0 };
	await step(env, ACTIVATE);

	// 2. Get Documents into WorkSpace.
	const toDownload = await list(env, 'legacyDocument', {
		filters: { downloadedToWorkspace: false, contentAvailable: true },
	});
	for (let start = 0; start < toDownload.length; start += page) {
		const batch = toDownload.slice(start, start + page).map((i) => ({ json: i.json }));
		const files = await downloadBatch(env, result, 'workspace', batch);
		if (!files.length) continue;
		const uploaded = await step(
			env,
			{
				resource: 'workspaceDocument',
				operation: 'upload',
				client: (item) => byId(item.json.client_id),
				legacyDocumentId: (item) => item.json.id,
			},
			{ input: files, continueOnFail: true },
		);
		result.workspace += collectFailures(
			result,
			'workspace: upload',
			files,
			uploaded,
			(i) => i.json.id,
		).length;
	}

	// 3. Sync contacts to Firm Portal users.
	const contacts = await list(env, 'legacyContact', {});
	if (contacts.length) {
		const input = contacts.map((i) => ({ json: i.json }));
		const users = await step(
			env,
			{
				resource: 'firmPortalUser',
				operation: 'create',
				legacyContact: (item) => byId(item.json.id),
			},
			{ input, continueOnFail: true },
		);
		result.users += collectFailures(result, 'users', input, users, (i) => i.json.id).length;
	}

	// 4. Upload the documents of every contact that has a portal user, whose file is still there or in WorkSpace.
	const userOf = new Map();
	for (const u of await list(env, 'firmPortalUser', { filters: {} })) {
		if (u.json.legacy_contact_id) userOf.set(u.json.legacy_contact_id, u.json.id);
	}
	const toMigrate = (
		await list(env, 'legacyDocument', { filters: { migrated: false, kind: 'document' } })
	).filter(
		(d) =>
			userOf.has(d.json.legacy_contact_id) &&
			(d.json.content_available || d.json.downloaded_to_workspace),
	);
	for (let start = 0; start < toMigrate.length; start += page) {
		const batch = toMigrate.slice(start, start + page).map((i) => ({ json: i.json }));
		const files = await downloadBatch(env, result, 'firm portal', batch);
		if (!files.length) continue;
		const uploaded = await step(
			env,
			{
				resource: 'firmPortalDocument',
				operation: 'upload',
				target: 'user',
				user: (item) => byId(userOf.get(item.json.legacy_contact_id)),
				legacyDocumentId: (item) => item.json.id,
			},
			{ input: files, continueOnFail: true },
		);
		result.portalDocuments += collectFailures(
			result,
			'firm portal: upload',
			files,
			uploaded,
			(i) => i.json.id,
		).length;
	}

	// 5. Delete what is verified on the Firm Portal (same bytes) from the old portal.
	const migrated = await list(env, 'legacyDocument', {
		filters: { migrated: true, contentAvailable: true },
	});
	if (migrated.length) {
		const input = migrated.map((i) => ({ json: i.json }));
		const deleted = await step(
			env,
			{
				resource: 'legacyDocument',
				operation: 'delete',
				documentId: (item) => item.json.id,
				options: { onlyIfVerified: true },
			},
			{ input, continueOnFail: true },
		);
		result.deleted += collectFailures(result, 'delete', input, deleted, (i) => i.json.id).length;
	}
	return result;
}

/** Per legacy document and contact: where it ended up (by content hash), how many copies, welcome e-mails. */
async function snapshot(env) {
	const firm = (await env.state('officetools')).firms[F.firmId];
	let duplicates = 0;
	const count = (rows, key) => {
		const m = new Map();
		for (const r of rows) if (r[key]) m.set(r[key], (m.get(r[key]) || 0) + 1);
		for (const n of m.values()) if (n > 1) duplicates += n - 1;
		return m;
	};
	const ws = count(firm.workspace_documents, 'legacy_document_id');
	const portal = count(firm.portal_documents, 'legacy_document_id');
	const users = count(firm.portal_users, 'legacy_contact_id');
	const emails = count(firm.welcome_emails || [], 'legacy_contact_id');
	const wsSha = new Map(firm.workspace_documents.map((d) => [d.legacy_document_id, d.sha256]));
	const portalSha = new Map(firm.portal_documents.map((d) => [d.legacy_document_id, d.sha256]));
	const documents = {};
	for (const d of firm.legacy_documents) {
		documents[d.id] = {
			inWorkspace: ws.has(d.id) && wsSha.get(d.id) === d.sha256,
			onFirmPortal: portal.has(d.id) && portalSha.get(d.id) === d.sha256,
			contentAvailable: Boolean(d.content_available),
		};
	}
	const contacts = {};
	for (const c of firm.legacy_contacts)
		contacts[c.id] = { user: users.has(c.id), welcomeEmails: emails.get(c.id) || 0 };
	return {
		documents,
		contacts,
		portal: firm.firm_portal.status,
		counts: {
			workspaceDocuments: firm.workspace_documents.length,
			portalDocuments: firm.portal_documents.length,
			users: firm.portal_users.length,
			welcomeEmails: (firm.welcome_emails || []).length,
			duplicates,
		},
	};
}

module.exports = { setup, run, snapshot };
