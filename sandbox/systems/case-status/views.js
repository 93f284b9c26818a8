'use strict';

// Internal records → API shapes. Picking fields explicitly keeps internal data (extra, app, bytes, direction)
// out of every response, and keeps key order stable for the no-op comparison in PATCH.

const { fullName } = require('./seed');

function clientView(c) {
	return {
		id: c.id,
		first_name: c.first_name ?? null,
		last_name: c.last_name ?? null,
		company_name: c.company_name ?? null,
		cell_phone: c.cell_phone ?? null,
		email: c.email ?? null,
		birth_date: c.birth_date ?? null,
	};
}

const userSummary = (u) =>
	u ? { id: u.id, email: u.email, first_name: u.first_name, last_name: u.last_name } : null;

/** Case (docs/api/case-status.md#cases). */
function caseView(c) {
	return {
		id: c.id,
		integration_id: c.integration_id,
		readable_id: c.readable_id,
		name: c.name,
		status: c.status,
		practice_area: c.practice_area
			? { id: c.practice_area.id, display_name: c.practice_area.display_name }
			: null,
		stage: c.stage ? { id: c.stage.id, display_name: c.stage.display_name } : null,
		primary_attorney: userSummary(c.primary_attorney),
		attorneys: (c.attorneys || []).map(userSummary),
		clients: (c.clients || []).map(clientView),
		incident_date: c.incident_date ?? null,
		description: c.description ?? null,
		created_at: c.created_at,
		updated_at: c.updated_at,
		closed_at: c.closed_at ?? null,
		activated_at: c.activated_at ?? null,
	};
}

/** Known Message fields + the assumed case_id, sender_email, external_ref. Case ids are derived, never copied. */
function messageView(m, caseById) {
	const c = caseById.get(m.case_id);
	return {
		id: m.id,
		type: m.type,
		content: m.content,
		sent_at: m.sent_at,
		created_at: m.created_at,
		readable_id: c ? c.readable_id : null,
		sender_name: m.sender_name ?? null,
		integration_id: c ? c.integration_id : null,
		case_id: m.case_id,
		sender_email: m.sender_email ?? null,
		external_ref: m.external_ref ?? null,
	};
}

function extensionOf(fileName) {
	const dot = fileName.lastIndexOf('.');
	return dot > 0 && dot < fileName.length - 1 ? fileName.slice(dot + 1).toLowerCase() : null;
}

/** Known File fields (case_id is a string there) + external_ref and sha256. `url` serves the bytes (download-file). */
function fileView(f, caseById, baseUrl) {
	const c = caseById.get(f.case_id);
	return {
		id: f.id,
		url: `${baseUrl}/v1/api/files/${f.id}/content`,
		size: f.size,
		case_id: String(f.case_id),
		extension: extensionOf(f.file_name),
		file_name: f.file_name,
		content_type: f.content_type,
		created_at: f.created_at,
		updated_at: f.updated_at,
		case_readable_id: c ? c.readable_id : null,
		case_practice_area: c && c.practice_area ? c.practice_area.display_name : null,
		case_integration_id: c ? c.integration_id : null,
		external_ref: f.external_ref ?? null,
		sha256: f.sha256 ?? null,
	};
}

/** Per-case counters for the report, computed once per request over all messages and files. */
function engagementIndex(state) {
	const byCase = new Map();
	const get = (id) => {
		let e = byCase.get(id);
		if (!e)
			byCase.set(
				id,
				(e = {
					docs: 0,
					docsSent: 0,
					docsReceived: 0,
					messages: 0,
					lastSent: null,
					lastReceived: null,
					lastAny: null,
				}),
			);
		return e;
	};
	for (const f of state.files) {
		const e = get(f.case_id);
		e.docs++;
		if (f.direction === 'received') e.docsReceived++;
		else e.docsSent++;
	}
	for (const m of state.messages) {
		const e = get(m.case_id);
		e.messages++;
		if (m.type === 'received') {
			if (!e.lastReceived || m.sent_at > e.lastReceived) e.lastReceived = m.sent_at;
		} else if (!e.lastSent || m.sent_at > e.lastSent) e.lastSent = m.sent_at;
		if (!e.lastAny || m.sent_at > e.lastAny) e.lastAny = m.sent_at;
	}
	return (id) => byCase.get(id) || get(id);
}

const latest = (values) => values.filter(Boolean).sort().pop() ?? null;

/**
 * Case report row (docs/api/case-status.md#report-cases), with exactly the known keys (spaces included), regularised to
 * Attorney 1..4, Client 1..3 and Case Manager 1..2. "Attorneys" lists the case's additional attorneys (the primary has
 * its own columns). "Last Message Sent/Received" are timestamps of the latest firm→client / client→firm message.
 */
function reportRow(c, usersById, engagement) {
	const x = c.extra || {};
	const e = engagement(c.id);
	const clients = c.clients || [];
	const lead = clients[0] || {};
	const managers = (x.case_manager_ids || []).map((id) => usersById.get(id)).filter(Boolean);
	const row = {
		'Internal ID': c.id,
		'Integration ID': c.integration_id,
		'Case Name': c.name,
		Status: c.status,
		'Practice Area': c.practice_area ? c.practice_area.display_name : null,
		'Incident Date': c.incident_date ?? null,
		'Case Created At': c.created_at,
		'Case Closed At': c.closed_at ?? null,
		'Case Deleted At': x.deleted_at ?? null,
		'Case Activated Date': c.activated_at ?? null,
		'Last Updated': c.updated_at,
		'Last Login': latest(clients.map((cl) => cl.app && cl.app.last_opened)),
		'Review Sent At': x.review_sent_at ?? null,
		'Target Language': x.target_language ?? null,
		'Attorney Id': c.primary_attorney ? c.primary_attorney.id : null,
		'Attorney Email': c.primary_attorney ? c.primary_attorney.email : null,
		'Attorney First Name': c.primary_attorney ? c.primary_attorney.first_name : null,
		'Attorney Last Name': c.primary_attorney ? c.primary_attorney.last_name : null,
		'Client First Name': lead.first_name ?? null,
		'Client Last Name': lead.last_name ?? null,
	};
	for (let n = 1; n <= 2; n++) {
		const m = managers[n - 1];
		row[`Case Manager ${n} ID`] = m ? m.id : null;
		row[`Case Manager ${n} First Name`] = m ? m.first_name : null;
		row[`Case Manager ${n} Last Name`] = m ? m.last_name : null;
	}
	const attorneys = {};
	for (let n = 1; n <= 4; n++) {
		const a = (c.attorneys || [])[n - 1];
		attorneys[`Attorney ${n} Id`] = a ? a.id : null;
		attorneys[`Attorney ${n} Email`] = a ? a.email : null;
		attorneys[`Attorney ${n} First Name`] = a ? a.first_name : null;
		attorneys[`Attorney ${n} Last Name`] = a ? a.last_name : null;
	}
	row.Attorneys = attorneys;
	const clientCols = {};
	for (let n = 1; n <= 3; n++) {
		const cl = clients[n - 1];
		const app = (cl && cl.app) || {};
		clientCols[`Client ${n} ID`] = cl ? cl.id : null;
		clientCols[`Client ${n} Email`] = cl ? (cl.email ?? null) : null;
		clientCols[`Client ${n} First Name`] = cl ? (cl.first_name ?? null) : null;
		clientCols[`Client ${n} Last Name`] = cl ? (cl.last_name ?? null) : null;
		clientCols[`Client ${n} Cell Phone`] = cl ? (cl.cell_phone ?? null) : null;
		clientCols[`Client ${n} Device Type`] = app.device_type ?? null;
		clientCols[`Client ${n} Last Opened`] = app.last_opened ?? null;
		clientCols[`Client ${n} Last Used Web App`] = app.last_used_web_app ?? null;
		clientCols[`Client ${n} Last Used iOS App`] = app.last_used_ios_app ?? null;
		clientCols[`Client ${n} Last Used Android App`] = app.last_used_android_app ?? null;
		clientCols[`Client ${n} Mobile OS Version`] = app.mobile_os_version ?? null;
		clientCols[`Client ${n} Mobile App Version`] = app.mobile_app_version ?? null;
	}
	row.Clients = clientCols;
	const logins = x.activities_login ?? 0;
	const engagementCount = x.activities_engagement ?? 0;
	Object.assign(row, {
		'Most Recent NPS': x.most_recent_nps ?? null,
		'Total Documents': e.docs,
		'Total Documents Sent': e.docsSent,
		'Total Documents Received': e.docsReceived,
		'Total Activities': logins + e.messages + engagementCount,
		'Total Activities Login': logins,
		'Total Activities Message': e.messages,
		'Total Activities Engagement': engagementCount,
		'Total Checklist Items': x.checklist_items ?? 0,
		'Total Checklist Items Completed': x.checklist_items_completed ?? 0,
		'Last Message Sent': e.lastSent,
		'Last Message Received': e.lastReceived,
		'Most Recent Message Sent At': e.lastAny,
	});
	return row;
}

/** Firm report row (report-firm): derived from the live state, strings as in the connector schema. */
function firmRow(state) {
	const activeUsers = state.users.filter((u) => u.active).length;
	const live = state.cases.filter(
		(c) => !(c.extra && c.extra.deleted_at) && c.status !== 'closed',
	).length;
	return {
		'Average Response Time': state.firm ? state.firm.average_response_time : null,
		'Cases Per Active User': activeUsers ? (live / activeUsers).toFixed(2) : '0.00',
	};
}

module.exports = {
	caseView,
	clientView,
	messageView,
	fileView,
	reportRow,
	firmRow,
	engagementIndex,
	userSummary,
	fullName,
	extensionOf,
};
