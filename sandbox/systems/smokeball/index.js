'use strict';

// Smokeball emulator, following Smokeball's own swagger (openapi.json, pruned from smokeballdev/api-docs) and
// guides (docs/api/smokeball.md), not the modelled conventions of docs/api/README.md:
//   /smokeball/auth/oauth2/{authorize,token}   Cognito-style OAuth2 (oauth.js)
//   /smokeball/api[/{accountId}]/...            the API: x-api-key AND a bearer token on every request; the
//                                               /{accountId} prefix is required under client credentials and
//                                               refused otherwise; 5 requests/s, burst 5, per partner key
//   /smokeball/files/{fileId}/{upload,download} presigned "S3" URLs the API hands out (no auth headers; a
//                                               signature in the query; uploads need an empty Content-Type)
// Writes the swagger marks 202 answer a Link {id, href} (+ Location) and are applied after
// settings.processingDelayMs (processing.js, docs/api/smokeball.md#asynchronous-writes); a write that fails then
// is reported through the `error` webhook. Webhooks are signed and delivered at least once (webhooks.js). Errors
// are RFC 7807 ProblemDetails (errors.js); a missing or bad token is API Gateway's 401 {message} (api.js).
//
// This file is the route table: every route and the module that answers it. The rest of the folder:
//   auth.js the auth hook and public routes · api.js the wrapper of every /api route · query.js Search=, sort,
//   paging · processing.js queued writes · seed.js the data · views.js the JSON shapes · openapi.js body checks

const { EVENT_TYPES } = require('./webhooks');
const { ticksString } = require('./ticks');
const { seed, SEED_FACTS, DEMO_API_KEY, CANARY_API_KEY } = require('./seed');
const { PUBLIC_KEY, auth, authorizeRoute, publicRoute, tokenRoute } = require('./auth');
const { apiRoutes } = require('./api');
const firm = require('./firm');
const layouts = require('./layouts');
const matters = require('./matters');
const memos = require('./memos');
const fees = require('./fees');
const documents = require('./documents');
const portal = require('./portal');
const contacts = require('./contacts');
const subscriptions = require('./subscriptions');
const admin = require('./admin');
const messy = require('./messy');

/** The API, as the swagger names it; apiRoutes() serves each path as is and under /{accountId}. */
const API = [
	['GET', '/layouts', layouts.listDesigns],
	['GET', '/layouts/{id}', layouts.getDesign],
	['GET', '/matters/{matterId}/layouts', layouts.listItems],
	['POST', '/matters/{matterId}/layouts', layouts.addItem],
	['GET', '/matters/{matterId}/layouts/{itemId}', layouts.getItem],
	['PATCH', '/matters/{matterId}/layouts/{itemId}', layouts.mergeItem],
	['GET', '/referraltypes', firm.listReferralTypes],
	['GET', '/referraltypes/{id}', firm.getReferralType],
	['GET', '/matters', matters.listMatters],
	['POST', '/matters', matters.createMatter],
	['GET', '/matters/{matterId}', matters.getMatter],
	['PUT', '/matters/{matterId}', (c) => matters.updateMatter(c, false)],
	['PATCH', '/matters/{matterId}', (c) => matters.updateMatter(c, true)],
	['DELETE', '/matters/{matterId}', matters.deleteMatter],
	['GET', '/matters/{matterId}/stages', firm.getMatterStage],
	['GET', '/matters/{matterId}/memos', memos.listMemos],
	['POST', '/matters/{matterId}/memos', memos.createMemo],
	['GET', '/matters/{matterId}/memos/{id}', memos.getMemo],
	['GET', '/matters/{matterId}/fees', fees.listFees],
	['POST', '/matters/{matterId}/fees', fees.createFee],
	['GET', '/matters/{matterId}/fees/{id}', fees.getFee],
	['GET', '/matters/{matterId}/expenses', fees.listExpenses],
	['POST', '/matters/{matterId}/expenses', fees.createExpense],
	['GET', '/matters/{matterId}/expenses/{id}', fees.getExpense],
	['GET', '/matters/{matterId}/documents/files', documents.listFiles],
	['POST', '/matters/{matterId}/documents/files', documents.addFile],
	['GET', '/matters/{matterId}/documents/files/{fileId}', documents.getFile],
	['GET', '/matters/{matterId}/documents/files/{fileId}/download', documents.downloadInfo],
	['GET', '/matters/{matterId}/documents/files/{fileId}/upload', documents.uploadInfo],
	['POST', '/matters/{matterId}/portal/messages', portal.sendPortalMessage],
	['GET', '/contacts', contacts.listContacts],
	['POST', '/contacts', contacts.createContact],
	['GET', '/contacts/{id}', contacts.getContact],
	['PUT', '/contacts/{id}', contacts.updateContact],
	['GET', '/staff', firm.listStaff],
	['GET', '/staff/{id}', firm.getStaff],
	['GET', '/firmusers', firm.listFirmUsers],
	['GET', '/mattertypes', firm.listMatterTypes],
	['GET', '/mattertypes/{id}', firm.getMatterType],
	['GET', '/stages', firm.listMatterStages],
	['GET', '/stagesets', firm.listStageSets],
	['GET', '/stagesets/{id}', firm.getStageSet],
	['GET', '/stagesets/{stageSetId}/stages/{id}', firm.getStage],
	['GET', '/webhooks/types', subscriptions.listWebhookTypes],
	['GET', '/webhooks', subscriptions.listWebhooks],
	['POST', '/webhooks', subscriptions.createWebhook],
	['GET', '/webhooks/{id}', subscriptions.getWebhook],
	['PUT', '/webhooks/{id}', subscriptions.updateWebhook],
	['DELETE', '/webhooks/{id}', subscriptions.deleteWebhook],
	['POST', '/webhooks/{id}/notify', subscriptions.notifyWebhook],
];

module.exports = {
	name: 'smokeball',
	prefix: '/smokeball',
	demoKey: DEMO_API_KEY,
	keys: [DEMO_API_KEY, CANARY_API_KEY, PUBLIC_KEY],
	auth,
	authHint:
		'Missing or invalid partner API key. Send "x-api-key: <key>" and "Authorization: Bearer <access token>" on every request.',
	rateLimit: { perSecond: 5, burst: 5 },
	seed,
	normalizeState: admin.normalizeState,
	SEED_FACTS,
	routes: [
		{ method: 'POST', path: '/auth/oauth2/token', handler: publicRoute(tokenRoute) },
		{ method: 'GET', path: '/auth/oauth2/authorize', handler: publicRoute(authorizeRoute) },
		{
			method: 'PUT',
			path: '/files/:fileId/upload',
			handler: publicRoute(documents.presignedUpload),
		},
		{
			method: 'GET',
			path: '/files/:fileId/download',
			handler: publicRoute(documents.presignedDownload),
		},
		...apiRoutes(API),
	],
	adminRoutes: [
		{ method: 'GET', path: '/facts', handler: () => SEED_FACTS },
		{ method: 'POST', path: '/messy-firm', handler: messy.adminMessyFirm },
		{ method: 'POST', path: '/events', handler: admin.adminFireEvent },
		{ method: 'POST', path: '/matters/:id/stage', handler: admin.adminSetStage },
		{ method: 'POST', path: '/subscriptions/expire', handler: admin.adminExpireSubscriptions },
		{ method: 'POST', path: '/tokens/expire', handler: admin.adminExpireTokens },
		{ method: 'POST', path: '/processing', handler: admin.adminProcessing },
		{ method: 'POST', path: '/processing/flush', handler: admin.adminFlush },
		{ method: 'GET', path: '/deliveries', handler: ({ state }) => state.deliveries },
		{ method: 'GET', path: '/portal-messages', handler: ({ state }) => state.portalMessages },
	],
	helpers: {
		EVENT_TYPES,
		ticksString,
		API_ROUTES: API.map(([method, path]) => ({ method, path })),
	},
};
