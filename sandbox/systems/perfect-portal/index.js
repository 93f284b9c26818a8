'use strict';

// Perfect Portal emulator: the whole of docs/api/perfect-portal.md. Lists use the
// shared `page`/`per_page` envelope; case, quote, lead, contact, referrer, fee-scale and document lists are keyset
// feeds ordered by (updated_at, id) (for cases the id is case_id). Internal records hold the contract shapes;
// views.js picks the response fields. Seed times are relative to the seed time, ids are fixed (seed/).
//
// This file is the route table: every route and the module that answers it. The rest of the folder: common.js
// (who a key is, errors, feed queries, lookups) · validate.js (write bodies) · views.js (the JSON shapes) ·
// seed/ (the data) · messy.js (the messy firm).

const { seed, generate, SEED_FACTS, DEMO_KEY, CANARY_KEY } = require('./seed');
const firm = require('./firm');
const cases = require('./cases');
const leads = require('./leads');
const contacts = require('./contacts');
const documents = require('./documents');
const admin = require('./admin');
const messy = require('./messy');

const { MAX_FILE_BYTES, ALLOWED_UPLOAD_TYPES } = documents;

function auth(req) {
	const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization || '');
	return m ? m[1] : null;
}

module.exports = {
	name: 'perfect-portal',
	prefix: '/perfect-portal',
	demoKey: DEMO_KEY,
	keys: [DEMO_KEY, CANARY_KEY],
	auth,
	authHint:
		'Missing or invalid Perfect Portal API key. Send the header "Authorization: Bearer <key>".',
	authChallenge: 'Bearer',
	rateLimit: { perSecond: 10, burst: 10 },
	seed,
	generate,
	normalizeState: admin.normalizeState,
	SEED_FACTS,
	routes: [
		{ method: 'GET', path: '/v1/me', handler: firm.me },
		{ method: 'GET', path: '/v1/cases', handler: cases.listCases },
		{ method: 'GET', path: '/v1/cases/:id', handler: cases.getCase },
		{ method: 'GET', path: '/v1/cases/:id/key-stages', handler: cases.listKeyStageHistory },
		{ method: 'PUT', path: '/v1/cases/:id/key-stage', handler: cases.setKeyStage },
		{ method: 'GET', path: '/v1/cases/:id/completion', handler: cases.getCompletion },
		{ method: 'PUT', path: '/v1/cases/:id/completion', handler: cases.putCompletion },
		{ method: 'PUT', path: '/v1/cases/:id/case-management-link', handler: cases.putLink },
		{ method: 'GET', path: '/v1/key-stages', handler: firm.listKeyStages },
		{ method: 'GET', path: '/v1/fee-scales', handler: firm.listFeeScales },
		{ method: 'GET', path: '/v1/fee-scales/:id', handler: firm.getFeeScale },
		{ method: 'GET', path: '/v1/quotes', handler: leads.listLeads('quote') },
		{ method: 'GET', path: '/v1/quotes/:id', handler: leads.getLead('quote') },
		{ method: 'POST', path: '/v1/quotes/:id/convert', handler: leads.convert('quote') },
		{ method: 'GET', path: '/v1/leads', handler: leads.listLeads('enquiry') },
		{ method: 'GET', path: '/v1/leads/:id', handler: leads.getLead('enquiry') },
		{ method: 'POST', path: '/v1/leads/:id/convert', handler: leads.convert('enquiry') },
		{ method: 'GET', path: '/v1/contacts', handler: contacts.listContacts },
		{ method: 'POST', path: '/v1/contacts', handler: contacts.createContact },
		{ method: 'GET', path: '/v1/contacts/:id', handler: contacts.getContact },
		{ method: 'PATCH', path: '/v1/contacts/:id', handler: contacts.updateContact },
		{ method: 'GET', path: '/v1/referrers', handler: contacts.listReferrers },
		{ method: 'POST', path: '/v1/referrers', handler: contacts.createReferrer },
		{ method: 'GET', path: '/v1/referrers/:id', handler: contacts.getReferrer },
		{ method: 'PATCH', path: '/v1/referrers/:id', handler: contacts.updateReferrer },
		{ method: 'GET', path: '/v1/staff', handler: firm.listStaff },
		{ method: 'GET', path: '/v1/branches', handler: firm.listBranches },
		{ method: 'GET', path: '/v1/cases/:id/documents', handler: documents.listCaseDocuments },
		{ method: 'GET', path: '/v1/quotes/:id/documents', handler: documents.listQuoteDocuments },
		{ method: 'GET', path: '/v1/documents/:id/content', handler: documents.downloadDocument },
		{
			method: 'POST',
			path: '/v1/cases/:id/documents',
			handler: documents.upload('case'),
			upload: { maxFileBytes: MAX_FILE_BYTES },
		},
		{
			method: 'POST',
			path: '/v1/quotes/:id/documents',
			handler: documents.upload('quote'),
			upload: { maxFileBytes: MAX_FILE_BYTES },
		},
	],
	adminRoutes: [
		{ method: 'GET', path: '/facts', handler: admin.adminFacts },
		{ method: 'POST', path: '/leads', handler: admin.adminCreateLead },
		{ method: 'POST', path: '/leads/:id/convert', handler: admin.adminConvert },
		{ method: 'POST', path: '/cases', handler: admin.adminCreateCase },
		{ method: 'PATCH', path: '/cases/:id', handler: admin.adminEditCase },
		{ method: 'PUT', path: '/cases/:id/key-stage', handler: admin.adminSetKeyStage },
		{ method: 'DELETE', path: '/cases/:id', handler: messy.adminDeleteCase },
		{ method: 'POST', path: '/messy-firm', handler: messy.adminMessyFirm },
	],
	helpers: { MAX_FILE_BYTES, ALLOWED_UPLOAD_TYPES },
};
