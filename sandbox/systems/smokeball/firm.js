'use strict';

// The firm's set-up, read only in the API: staff, firm users, matter types, stage sets and stages, referral
// types.

const views = require('./views');
const { badRequest, notFound } = require('./errors');
const { matterOr404 } = require('./matters');
const { paged, parseSearch, querySince, querySingle, termMatches } = require('./query');

function listStaff(c) {
	const { state, query } = c;
	const terms = parseSearch(query, ['email', 'name']);
	const fields = (querySingle(query, 'Fields') || '').split(',').map((s) => s.trim());
	const rows = state.staff.filter((s) =>
		terms.every((t) =>
			termMatches(
				t,
				t.field === 'email' ? [s.email] : [`${s.firstName} ${s.lastName}`, s.firstName, s.lastName],
			),
		),
	);
	return c.send(
		200,
		paged(c, rows, (s) => views.staffView(state, c.api, s, fields), '/staff'),
	);
}

function getStaff(c) {
	const s = c.state.staff.find((x) => x.id === c.params.id);
	if (!s) throw notFound('Staff', c.params.id);
	return c.send(200, views.staffView(c.state, c.api, s, ['rate']));
}

function listFirmUsers(c) {
	return c.send(
		200,
		c.state.staff.filter((s) => s.userId).map((s) => views.firmUserView(c.state, c.api, s)),
	);
}

function listMatterTypes(c) {
	const { state, query } = c;
	const name = (querySingle(query, 'Name') || '').toLowerCase();
	const location = querySingle(query, 'Location');
	const category = querySingle(query, 'Category');
	const type = querySingle(query, 'Type');
	if (type !== undefined && type !== '' && !['0', '1'].includes(type))
		throw badRequest('Type must be 0 (Matter Type) or 1 (Lead Type).', { Type: ['invalid'] });
	const rows = state.matterTypes.filter(
		(t) =>
			(!name || t.name.toLowerCase().includes(name)) &&
			(!location || t.location.toLowerCase() === location.toLowerCase()) &&
			(!category || t.category.toLowerCase() === category.toLowerCase()) &&
			(type === undefined || type === '' || t.type === Number(type)),
	);
	return c.send(
		200,
		paged(c, rows, (t) => views.matterTypeView(state, c.api, t), '/mattertypes'),
	);
}

function getMatterType(c) {
	const t = c.state.matterTypes.find((x) => x.id.toLowerCase() === c.params.id.toLowerCase());
	if (!t) throw notFound('Matter type', c.params.id);
	return c.send(200, views.matterTypeView(c.state, c.api, t));
}

function listStageSets(c) {
	const since = querySince(c.query, { allowBoth: true });
	const rows = c.state.stageSets.filter((s) => since === null || s.versionMs >= since);
	return c.send(
		200,
		paged(c, rows, (s) => views.stageSetView(c.state, c.api, s), '/stagesets'),
	);
}

function getStageSet(c) {
	const set = c.state.stageSets.find((s) => s.id === c.params.id);
	if (!set) throw notFound('Stage set', c.params.id);
	return c.send(200, views.stageSetView(c.state, c.api, set));
}

function getStage(c) {
	const set = c.state.stageSets.find((s) => s.id === c.params.stageSetId);
	const stage = set && set.stages.find((s) => s.id === c.params.id);
	if (!stage) throw notFound('Stage', c.params.id);
	return c.send(200, views.stageView(c.api, set, stage));
}

function listMatterStages(c) {
	const since = querySince(c.query, { allowBoth: true });
	const rows = c.state.matterStages.filter((s) => since === null || s.versionMs >= since);
	return c.send(
		200,
		paged(c, rows, (s) => views.matterStageView(c.state, c.api, s), '/stages'),
	);
}

function getMatterStage(c) {
	matterOr404(c.state, c.params.matterId);
	const ms = c.state.matterStages.find((s) => s.matterId === c.params.matterId);
	if (!ms) throw notFound('Matter stage information for matter', c.params.matterId);
	return c.send(200, views.matterStageView(c.state, c.api, ms));
}

// ---------------------------------------------------------------- referral types (read only in the API)

const referralTypeView = (api, t) => ({
	href: `${api}/referraltypes/${t.id}`,
	id: t.id,
	name: t.name,
	isDeleted: t.isDeleted === true,
});

function listReferralTypes(c) {
	return c.send(200, {
		href: `${c.api}/referraltypes`,
		value: (c.state.referralTypes || []).map((t) => referralTypeView(c.api, t)),
	});
}

function getReferralType(c) {
	const t = (c.state.referralTypes || []).find((x) => x.id === c.params.id);
	if (!t) throw notFound('Referral type', c.params.id);
	return c.send(200, referralTypeView(c.api, t));
}

module.exports = {
	listStaff,
	getStaff,
	listFirmUsers,
	listMatterTypes,
	getMatterType,
	listStageSets,
	getStageSet,
	getStage,
	listMatterStages,
	getMatterStage,
	listReferralTypes,
	getReferralType,
};
