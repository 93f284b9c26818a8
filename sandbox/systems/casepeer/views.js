'use strict';

// Internal records → API shapes (docs/api/casepeer.md). Fields are picked explicitly so internal data
// (extra, bytes) never leaks, and key order stays stable for the no-op comparison of admin edits.

function clientView(c) {
	return {
		id: c.id,
		first_name: c.first_name ?? null,
		last_name: c.last_name ?? null,
		cell_phone: c.cell_phone ?? null,
		email: c.email ?? null,
		birth_date: c.birth_date ?? null,
		company_name: c.company_name ?? null,
		is_primary: Boolean(c.is_primary),
	};
}

const personSummary = (p) => (p ? { id: p.id, name: p.name, email: p.email ?? null } : null);

/** Case. `host` is the firm's CASEpeer host: the web URL is https://<host>/case/<id>/. */
function caseView(c, host) {
	return {
		id: c.id,
		number: c.number ?? null,
		name: c.name,
		url: `https://${host}/case/${c.id}/`,
		practice_area: c.practice_area ?? null,
		case_type: c.case_type ?? null,
		stage: c.stage ? { id: c.stage.id, name: c.stage.name } : null,
		stage_updated_at: c.stage_updated_at ?? null,
		status: c.status,
		status_label: c.status_label ?? (c.status === 'closed' ? 'Closed' : 'Open'),
		incident_date: c.incident_date ?? null,
		primary_attorney: personSummary(c.primary_attorney),
		staff: (c.staff || []).map((s) => ({
			id: s.id,
			name: s.name,
			email: s.email ?? null,
			role: s.role,
		})),
		clients: (c.clients || []).map(clientView),
		case_status_connected: Boolean(c.case_status_connected),
		case_status_connected_at: c.case_status_connected_at ?? null,
		case_status_id: c.case_status_id ?? null,
		created_at: c.created_at,
		updated_at: c.updated_at,
		closed_at: c.closed_at ?? null,
	};
}

function stageView(s) {
	return {
		id: s.id,
		name: s.name,
		position: s.position,
		practice_area: s.practice_area ?? null,
		active: Boolean(s.active),
	};
}

function staffView(s) {
	return {
		id: s.id,
		first_name: s.first_name,
		last_name: s.last_name,
		name: `${s.first_name} ${s.last_name}`,
		email: s.email ?? null,
		role: s.role,
		active: Boolean(s.active),
	};
}

function noteCategoryView(x) {
	return { id: x.id, name: x.name, active: Boolean(x.active), is_default: Boolean(x.is_default) };
}

function noteView(n) {
	return {
		id: n.id,
		case_id: n.case_id,
		text: n.text,
		category_id: n.category_id,
		is_critical: Boolean(n.is_critical),
		external_ref: n.external_ref ?? null,
		author: n.author ? { id: n.author.id, name: n.author.name } : null,
		created_at: n.created_at,
		updated_at: n.updated_at,
	};
}

function documentView(d) {
	return {
		id: d.id,
		case_id: d.case_id,
		file_name: d.file_name,
		content_type: d.content_type,
		size_bytes: d.size_bytes,
		sha256: d.sha256,
		folder: d.folder ?? null,
		description: d.description ?? null,
		external_ref: d.external_ref ?? null,
		created_at: d.created_at,
		updated_at: d.updated_at,
	};
}

module.exports = {
	caseView,
	clientView,
	stageView,
	staffView,
	noteCategoryView,
	noteView,
	documentView,
};
