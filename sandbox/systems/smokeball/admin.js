'use strict';

// Test helpers under /__admin/smokeball, and normalizeState for PUT /__admin/state/smokeball.

const { HttpError } = require('../../lib/http');
const oauth = require('./oauth');
const { emit } = require('./webhooks');
const { seed, guid } = require('./seed');
const { applyDue, matterPayload } = require('./processing');

function adminFireEvent({ state, body }) {
	if (!body || typeof body.type !== 'string')
		throw new HttpError(400, 'validation_failed', 'Give {type, payload?}.');
	let payload = body.payload;
	if (!payload && body.matterId) {
		const m = state.matters.find((x) => x.id === body.matterId);
		if (!m) throw new HttpError(404, 'not_found', `No matter ${body.matterId}.`);
		payload = matterPayload(state, m);
	}
	return emit(
		state,
		{
			type: body.type,
			payload: payload || {},
			requestId: body.requestId,
			source: body.source || 'Smokeball',
		},
		Date.now,
		{ copies: body.copies || 1, subscriptionId: body.subscriptionId },
	).then((deliveries) => ({ deliveries }));
}

/** A user moves a matter to another stage in Smokeball (the API cannot), which sends matterstage.updated. */
function adminSetStage({ state, params, body }) {
	const m = state.matters.find((x) => x.id === params.id);
	if (!m) throw new HttpError(404, 'not_found', `No matter ${params.id}.`);
	const type = state.matterTypes.find((t) => t.id === m.matterTypeId);
	const set = state.stageSets.find((s) => s.id === (body.stageSetId || (type && type.stageSetId)));
	const stage = set && set.stages.find((s) => s.id === body.stageId || s.name === body.stageName);
	if (!stage)
		throw new HttpError(
			400,
			'validation_failed',
			"Give stageId or stageName of the matter type's stage set.",
		);
	let ms = state.matterStages.find((x) => x.matterId === m.id);
	if (!ms) {
		ms = {
			id: guid(`matterstage:${m.id}`),
			matterId: m.id,
			stageSetId: set.id,
			stageId: stage.id,
			versionMs: 0,
		};
		state.matterStages.push(ms);
	}
	Object.assign(ms, { stageSetId: set.id, stageId: stage.id, versionMs: Date.now() });
	const payload = {
		id: ms.id,
		matter: { id: m.id, relation: 'matter' },
		stageSet: { id: set.id, relation: 'stageSet' },
		stage: { id: stage.id, name: stage.name },
	};
	return emit(state, { type: 'matterstage.updated', payload, source: 'Smokeball' }, Date.now).then(
		(deliveries) => ({ matterStage: ms, deliveries }),
	);
}

/** As Smokeball does when the refresh token expires or access is revoked (changelog 2025-05-30). */
function adminExpireSubscriptions({ state, body }) {
	const clientId = body && body.clientId;
	const before = state.webhooks.length;
	state.webhooks = state.webhooks.filter((w) => clientId && w.clientId !== clientId);
	oauth.expireRefreshTokens(state, clientId);
	return { deleted: before - state.webhooks.length };
}

function adminExpireTokens({ state }) {
	oauth.expireAccessTokens(state);
	return { ok: true };
}

function adminProcessing({ state, body }) {
	if (body && body.delayMs !== undefined) {
		if (!(Number.isInteger(body.delayMs) && body.delayMs >= 0))
			throw new HttpError(400, 'validation_failed', 'delayMs must be an integer ≥ 0.');
		state.settings.processingDelayMs = body.delayMs;
	}
	return { processingDelayMs: state.settings.processingDelayMs, pending: state.pending.length };
}

function adminFlush({ state }) {
	const count = state.pending.length;
	applyDue(state, Date.now(), { all: true });
	return { applied: count };
}

/** PUT /__admin/state: fill what a hand-written state may lack. */
function normalizeState(input) {
	const base = seed();
	const s = { ...base, ...input };
	s.settings = { ...base.settings, ...(input.settings || {}) };
	s.oauth = { codes: {}, access: {}, refresh: {}, ...(input.oauth || {}) };
	return s;
}

module.exports = {
	adminFireEvent,
	adminSetStage,
	adminExpireSubscriptions,
	adminExpireTokens,
	adminProcessing,
	adminFlush,
	normalizeState,
};
