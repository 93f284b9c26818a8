'use strict';

// The firm's set-up: /v1/me, key stages, fee scales, staff and branches (read only).

const { FieldErrors, queryList } = require('../../lib/http');
const { readPaging, pageEnvelope, compareIds, boolParam } = require('../../lib/paging');
const { DEMO_KEY } = require('./seed');
const V = require('./views');
const { KEY_INFO, byName, feedOrder, notFound, readFeedQuery } = require('./common');

function me({ state, key, send }) {
	const info = KEY_INFO[key] || KEY_INFO[DEMO_KEY];
	return send(200, {
		firm_id: state.firm.id,
		firm_name: state.firm.name,
		region: state.firm.region,
		user: { ...info.user },
		scopes: info.scopes.slice(),
	});
}

// ---------------------------------------------------------------- key stages, fee scales

function listKeyStages({ state, query, send }) {
	const errors = new FieldErrors();
	const p = readPaging(query, errors);
	const active = boolParam(query, 'active', errors);
	errors.throwIfAny();
	const rows = state.key_stages
		.filter((k) => active === undefined || k.active === active)
		.sort((a, b) => a.position - b.position || compareIds(a.id, b.id));
	return send(200, pageEnvelope(rows, p, V.keyStageView));
}

function listFeeScales({ state, query, send }) {
	const errors = new FieldErrors();
	const p = readPaging(query, errors);
	const keys = readFeedQuery(query, errors, { created: false });
	errors.throwIfAny();
	return send(
		200,
		pageEnvelope(feedOrder(state.fee_scales, keys), p, (s) => V.feeScaleView(s, false)),
	);
}

function getFeeScale({ state, params, send }) {
	const s = state.fee_scales.find((x) => x.id === params.id);
	if (!s) throw notFound('fee_scale', params.id);
	return send(200, V.feeScaleView(s, true));
}

// ---------------------------------------------------------------- staff, branches

function listStaff({ state, query, send }) {
	const errors = new FieldErrors();
	const p = readPaging(query, errors);
	const active = boolParam(query, 'active', errors);
	const emails = new Set(queryList(query, 'email').map((e) => e.toLowerCase()));
	errors.throwIfAny();
	const rows = state.staff
		.filter(
			(s) =>
				(active === undefined || s.active === active) &&
				(!emails.size || (s.email && emails.has(s.email.toLowerCase()))),
		)
		.sort(byName);
	return send(200, pageEnvelope(rows, p, V.staffView));
}

function listBranches({ state, query, send }) {
	const errors = new FieldErrors();
	const p = readPaging(query, errors);
	const active = boolParam(query, 'active', errors);
	errors.throwIfAny();
	const rows = state.branches
		.filter((b) => active === undefined || b.active === active)
		.sort(byName);
	return send(200, pageEnvelope(rows, p, V.branchView));
}

module.exports = { me, listKeyStages, listFeeScales, getFeeScale, listStaff, listBranches };
