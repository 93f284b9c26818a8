'use strict';

// Cases: list (a keyset feed), get, key-stage history and PUT key-stage, completion details, and the case
// management link.

const { HttpError, FieldErrors, queryList } = require('../../lib/http');
const { readPaging, pageEnvelope, compareIds, boolParam } = require('../../lib/paging');
const V = require('./views');
const {
	validateKeyStageSet,
	validateCompletion,
	assertCompletionConsistent,
	validateLink,
	TARGETS,
} = require('./validate');
const {
	apiUser,
	assertCaseOpenForWrites,
	enumList,
	feedOrder,
	findCase,
	nextId,
	readFeedQuery,
} = require('./common');

const CASE_STATUSES = ['open', 'completed', 'cancelled'];

function listCases({ state, query, send }) {
	const errors = new FieldErrors();
	const p = readPaging(query, errors);
	const keys = readFeedQuery(query, errors);
	const statuses = enumList(query, 'status', CASE_STATUSES, errors);
	const targets = enumList(query, 'case_management_target', TARGETS, errors);
	const linked = boolParam(query, 'has_case_management_link', errors);
	const quoteIds = new Set(queryList(query, 'quote_id'));
	const leadIds = new Set(queryList(query, 'lead_id'));
	errors.throwIfAny();
	const rows = state.cases.filter(
		(c) =>
			(!statuses.size || statuses.has(c.status)) &&
			(!targets.size || targets.has(c.case_management_target)) &&
			(linked === undefined || Boolean(c.case_management_link) === linked) &&
			(!quoteIds.size || quoteIds.has(c.source_quote_id)) &&
			(!leadIds.size || leadIds.has(c.source_lead_id)),
	);
	return send(
		200,
		pageEnvelope(
			feedOrder(rows, keys, (c) => c.case_id),
			p,
			V.caseSummaryView,
		),
	);
}

function getCase({ state, params, send }) {
	return send(200, V.caseView(findCase(state, params.id)));
}

function listKeyStageHistory({ state, params, query, send }) {
	const c = findCase(state, params.id);
	const errors = new FieldErrors();
	const p = readPaging(query, errors);
	errors.throwIfAny();
	const rows = state.key_stage_events
		.filter((e) => e.case_id === c.case_id)
		.sort((a, b) => Date.parse(a.reached_at) - Date.parse(b.reached_at) || compareIds(a.id, b.id));
	return send(200, pageEnvelope(rows, p, V.keyStageEventView));
}

/** Sets the current key stage; the same stage again is a no-op without a history entry. */
function applyKeyStage(state, c, v, at, setBy) {
	if (c.key_stage && c.key_stage.id === v.stage.id) return false;
	const reached = v.reached_at !== undefined ? new Date(v.reached_at).toISOString() : at;
	state.key_stage_events.push({
		id: nextId(state, 'event', 'kse_'),
		case_id: c.case_id,
		key_stage: { id: v.stage.id, name: v.stage.name },
		reached_at: reached,
		set_by: setBy,
		note: v.note ?? null,
	});
	c.key_stage = { id: v.stage.id, name: v.stage.name, reached_at: reached };
	c.updated_at = at;
	return true;
}

function assertKeyStagesAvailable(c) {
	if (c.origin === 'case_management')
		throw new HttpError(
			422,
			'key_stages_unavailable',
			`Case ${c.case_id} was started in case management; key stages work only for matters started in Perfect Portal.`,
			{ case_id: c.case_id, origin: c.origin },
		);
	assertCaseOpenForWrites(c);
}

/** set-key-stage. Order: 404, 400 body, 422 origin / cancelled, then the no-op rule. */
function setKeyStage({ state, params, body, key, strict, now, send }) {
	const c = findCase(state, params.id);
	const v = validateKeyStageSet(body, state, strict, Date.now());
	assertKeyStagesAvailable(c);
	applyKeyStage(state, c, v, now(), { type: 'api', name: apiUser(key).name });
	return send(200, V.keyStageOnCase(c.key_stage));
}

function getCompletion({ state, params, send }) {
	const c = findCase(state, params.id);
	return send(200, c.completion ? V.completionView(c.completion) : { ...V.EMPTY_COMPLETION });
}

/** update-completion: replaces every writable field. Identical content changes nothing (no new updated_at). */
function putCompletion({ state, params, body, strict, now, send }) {
	const c = findCase(state, params.id);
	const v = validateCompletion(body, strict);
	assertCaseOpenForWrites(c);
	assertCompletionConsistent(v);
	const current = c.completion ? V.completionView(c.completion) : null;
	const same = current && Object.keys(v).every((k) => (current[k] ?? null) === (v[k] ?? null));
	if (!same) {
		const at = now();
		c.completion = { ...v, updated_at: at };
		c.updated_at = at;
	}
	return send(200, V.completionView(c.completion));
}

/** link-matter: 409 link_exists for another matter unless replace; the same link again is a no-op. */
function putLink({ state, params, body, strict, now, send }) {
	const c = findCase(state, params.id);
	const v = validateLink(body, strict);
	const current = c.case_management_link;
	if (current && current.matter_ref !== v.matter_ref && !v.replace) {
		throw new HttpError(
			409,
			'link_exists',
			`Case ${c.case_id} is already linked to ${current.system} matter ${current.matter_ref}; send replace: true to change it.`,
			{ existing_id: current.matter_ref, field: 'matter_ref', value: v.matter_ref },
		);
	}
	const next = {
		system: v.system,
		matter_ref: v.matter_ref,
		client_refs: v.client_refs,
		matter_url: v.matter_url,
	};
	const unchanged =
		current &&
		current.system === next.system &&
		current.matter_ref === next.matter_ref &&
		JSON.stringify(current.client_refs || []) === JSON.stringify(next.client_refs) &&
		(current.matter_url ?? null) === next.matter_url;
	if (!unchanged) {
		const at = now();
		next.linked_at = current && current.matter_ref === next.matter_ref ? current.linked_at : at;
		c.case_management_link = next;
		c.updated_at = at;
	}
	return send(200, V.linkView(c.case_management_link));
}

module.exports = {
	applyKeyStage,
	CASE_STATUSES,
	assertKeyStagesAvailable,
	listCases,
	getCase,
	listKeyStageHistory,
	setKeyStage,
	getCompletion,
	putCompletion,
	putLink,
};
