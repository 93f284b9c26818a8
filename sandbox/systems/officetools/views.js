'use strict';

// Internal records → API shapes (docs/api/officetools.md). Fields are picked explicitly so internal data
// (bytes, removal reason, key labels, counters) never leaks.

function firmPortalView(firm, baseUrl) {
	const p = firm.firm_portal;
	return {
		status: p.status,
		subdomain: p.subdomain ?? null,
		// The parent domain is unknown (contract): the sandbox serves portals under its own host.
		portal_url: p.subdomain ? `${baseUrl}/portals/${p.subdomain}` : null,
		activated_at: p.activated_at ?? null,
		legacy_users_rerouted: Boolean(p.legacy_users_rerouted),
		branding: {
			display_name: p.branding.display_name ?? null,
			primary_color: p.branding.primary_color ?? null,
			logo: p.branding.logo
				? {
						file_name: p.branding.logo.file_name,
						content_type: p.branding.logo.content_type,
						size_bytes: p.branding.logo.size_bytes,
						sha256: p.branding.logo.sha256,
					}
				: null,
		},
		notification_recipients: (p.notification_recipients || []).slice(),
	};
}

function firmView(firm) {
	return {
		firm_id: firm.firm_id,
		name: firm.name,
		legacy_portal: {
			retention_policy: firm.legacy_portal.retention_policy,
			url: firm.legacy_portal.url,
		},
		firm_portal: { status: firm.firm_portal.status, subdomain: firm.firm_portal.subdomain ?? null },
	};
}

function legacyDocumentView(d) {
	return {
		id: d.id,
		legacy_contact_id: d.legacy_contact_id,
		client_id: d.client_id ?? null,
		kind: d.kind,
		file_name: d.file_name,
		content_type: d.content_type,
		size_bytes: d.size_bytes,
		sha256: d.sha256,
		uploaded_by: d.uploaded_by,
		created_at: d.created_at,
		downloaded_to_workspace: Boolean(d.downloaded_to_workspace),
		downloaded_to_workspace_at: d.downloaded_to_workspace_at ?? null,
		workspace_document_id: d.workspace_document_id ?? null,
		retention_policy: d.retention_policy,
		retention_expires_at: d.retention_expires_at ?? null,
		content_available: Boolean(d.content_available),
		removed_at: d.removed_at ?? null,
		migrated_to_firm_portal: Boolean(d.migrated_to_firm_portal),
		firm_portal_document_id: d.firm_portal_document_id ?? null,
		updated_at: d.updated_at,
	};
}

function legacyContactView(c) {
	return {
		id: c.id,
		client_id: c.client_id ?? null,
		first_name: c.first_name ?? null,
		last_name: c.last_name ?? null,
		display_name: c.display_name,
		email: c.email ?? null,
		hidden: Boolean(c.hidden),
		last_login_at: c.last_login_at ?? null,
		firm_portal_user_id: c.firm_portal_user_id ?? null,
		created_at: c.created_at,
		updated_at: c.updated_at,
	};
}

function workspaceClientView(c) {
	return {
		id: c.id,
		name: c.name,
		legacy_contact_ids: (c.legacy_contact_ids || []).slice(),
		updated_at: c.updated_at,
	};
}

function workspaceDocumentView(d) {
	return {
		id: d.id,
		client_id: d.client_id,
		folder: d.folder,
		file_name: d.file_name,
		content_type: d.content_type,
		size_bytes: d.size_bytes,
		sha256: d.sha256,
		legacy_document_id: d.legacy_document_id ?? null,
		created_at: d.created_at,
		updated_at: d.updated_at,
	};
}

function portalUserView(u) {
	return {
		id: u.id,
		legacy_contact_id: u.legacy_contact_id,
		client_id: u.client_id ?? null,
		email: u.email,
		first_name: u.first_name ?? null,
		last_name: u.last_name ?? null,
		status: u.status,
		welcome_email_sent_at: u.welcome_email_sent_at,
		mfa_enabled: Boolean(u.mfa_enabled),
		password_expires_at: u.password_expires_at ?? null,
		last_login_at: u.last_login_at ?? null,
		created_at: u.created_at,
		updated_at: u.updated_at,
	};
}

function portalDocumentView(d) {
	return {
		id: d.id,
		user_id: d.user_id ?? null,
		client_id: d.client_id ?? null,
		legacy_document_id: d.legacy_document_id ?? null,
		display_name: d.display_name,
		file_name: d.file_name,
		content_type: d.content_type,
		size_bytes: d.size_bytes,
		sha256: d.sha256,
		sha256_matches_legacy: d.legacy_document_id ? Boolean(d.sha256_matches_legacy) : null,
		created_at: d.created_at,
		updated_at: d.updated_at,
	};
}

module.exports = {
	firmView,
	firmPortalView,
	legacyDocumentView,
	legacyContactView,
	workspaceClientView,
	workspaceDocumentView,
	portalUserView,
	portalDocumentView,
};
