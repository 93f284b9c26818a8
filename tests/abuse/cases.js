// Malformed inputs, across every action node: missing and invalid fields, wrong types, huge strings, bad dates,
// invalid phones and e-mails, unknown ids, empty binaries, oversized files, injection-looking strings in fields
// that have a format. Each case: the node, its system (whose state must not change), the parameters (a function
// value is evaluated per item, like an n8n expression), the input item, and `field`: what the error must name.
const cs = require('../../sandbox/systems/case-status').SEED_FACTS;
const cp = require('../../sandbox/systems/casepeer').SEED_FACTS;
const pp = require('../../sandbox/systems/perfect-portal').SEED_FACTS;
const dps = require('../../sandbox/systems/dps-one-office').SEED_FACTS;
const sb = require('../../sandbox/systems/smokeball').SEED_FACTS;
const ot = require('../../sandbox/systems/officetools').SEED_FACTS;

const id = (value, mode = 'id') => ({ __rl: true, mode, value });
const file = (bytes, fileName = 'letter.pdf', mimeType = 'application/pdf') => ({
	json: {},
	binary: { data: { data: Buffer.from(bytes).toString('base64'), fileName, mimeType } },
});
const HUGE = 'x'.repeat(200000);
const SQL = '1 OR 1=1; DROP TABLE cases; --';
const PATH = '../../__admin/reset';
const SMOKEBALL_MATTER = sb.matters.purchase.id;
const MiB = 1024 * 1024;

const csCase = {
	resource: 'case',
	operation: 'create',
	source: 'fields',
	integrationId: '990001',
	readableId: '2026-9001',
	name: 'Abuse v. Suite',
	primaryAttorneyEmail: cs.attorneyEmails[0],
	practiceArea: cs.practiceAreaNames[0],
	stage: cs.stageNames[0],
	clients: { client: [{ firstName: 'Ana', lastName: 'Diaz', cellPhone: '+15552019999' }] },
};

/** One valid canonical case (a CASEpeer "Canonical" item), to spoil one field at a time. */
const canonical = {
	source: { system: 'casepeer', id: '990002', url: null },
	externalRef: '990002',
	number: '2026-9002',
	name: 'Canonical v. Abuse',
	status: 'open',
	practiceArea: cs.practiceAreaNames[0],
	stage: { sourceId: null, name: cs.stageNames[0], position: null },
	primaryAttorney: {
		sourceId: null,
		role: 'attorney',
		firstName: null,
		lastName: null,
		companyName: null,
		email: cs.attorneyEmails[0],
		phone: null,
		birthDate: null,
		isPrimary: true,
	},
	staff: [],
	clients: [
		{
			sourceId: null,
			role: 'client',
			firstName: 'Ana',
			lastName: 'Diaz',
			companyName: null,
			email: null,
			phone: '+15552019999',
			birthDate: null,
			isPrimary: true,
		},
	],
	incidentDate: null,
	description: null,
	createdAt: null,
	updatedAt: null,
	closedAt: null,
	linked: true,
};

const ppContact = {
	resource: 'contact',
	operation: 'create',
	type: 'person',
	firstName: 'Ana',
	lastName: 'Diaz',
};
const dpsClient = {
	resource: 'client',
	operation: 'create',
	type: 'person',
	firstName: 'Ana',
	lastName: 'Diaz',
	addressLine1: '1 Canal Wharf',
	postcode: 'LS11 5PZ',
	externalRef: 'abuse-1',
};
const dpsMatter = {
	resource: 'matter',
	operation: 'create',
	clientSource: 'existing',
	client: id(dps.clientRefs[0]),
	appCode: 'CP',
	feeEarner: 'JSM',
	branch: 'LDS',
	matterDetails: 'Purchase of 1 Abuse Street',
	externalRef: 'PP-ABUSE-1',
};
const sbFee = {
	resource: 'fee',
	operation: 'create',
	matter: id(SMOKEBALL_MATTER),
	subject: 'Legal fee',
	feeDate: '2026-01-05T10:00:00Z',
	feeType: 0,
	rate: 100,
};
const otActivate = {
	resource: 'firmPortal',
	operation: 'activate',
	subdomain: ot.subdomains.free,
	displayName: 'Brightline Client Portal',
	acceptTerms: true,
	acknowledgeUserReroute: true,
	additionalFields: {},
};

module.exports = [
	// ---------------------------------------------------------------- Case Status
	{
		id: 'cs-missing-integration-id',
		node: 'caseStatus',
		system: 'case-status',
		parameters: { ...csCase, integrationId: '' },
		field: /integration.?id/i,
	},
	{
		id: 'cs-invalid-attorney-email',
		node: 'caseStatus',
		system: 'case-status',
		parameters: { ...csCase, primaryAttorneyEmail: 'not-an-email' },
		field: /attorney/i,
	},
	{
		id: 'cs-unknown-attorney',
		node: 'caseStatus',
		system: 'case-status',
		parameters: { ...csCase, primaryAttorneyEmail: 'ghost@nowhere.example' },
		field: /attorney/i,
	},
	{
		id: 'cs-invalid-cell-phone',
		node: 'caseStatus',
		system: 'case-status',
		parameters: {
			...csCase,
			clients: { client: [{ firstName: 'Ana', lastName: 'Diaz', cellPhone: 'call me maybe' }] },
		},
		field: /cell.?phone|phone/i,
	},
	{
		id: 'cs-bad-incident-date',
		node: 'caseStatus',
		system: 'case-status',
		parameters: { ...csCase, additionalFields: { incidentDate: '2025-13-45' } },
		field: /incident/i,
	},
	{
		id: 'cs-huge-name',
		node: 'caseStatus',
		system: 'case-status',
		parameters: { ...csCase, name: HUGE },
		field: /name/i,
	},
	{
		id: 'cs-canonical-wrong-type',
		node: 'caseStatus',
		system: 'case-status',
		parameters: { resource: 'case', operation: 'create', source: 'canonical' },
		input: { json: { ...canonical, name: 12345 } },
		field: /name/i,
	},
	{
		id: 'cs-canonical-missing-clients',
		node: 'caseStatus',
		system: 'case-status',
		parameters: { resource: 'case', operation: 'create', source: 'canonical' },
		input: { json: { ...canonical, clients: 'Ana Diaz' } },
		field: /clients/i,
	},
	{
		id: 'cs-message-empty',
		node: 'caseStatus',
		system: 'case-status',
		parameters: {
			resource: 'message',
			operation: 'send',
			case: id(cs.firstIntegrationId, 'integrationId'),
			content: '   ',
		},
		field: /content|message/i,
	},
	{
		id: 'cs-message-unknown-case',
		node: 'caseStatus',
		system: 'case-status',
		parameters: {
			resource: 'message',
			operation: 'send',
			case: id('99999999', 'integrationId'),
			content: 'Hello',
		},
		field: /case|99999999/i,
	},
	{
		id: 'cs-message-injection-case-id',
		node: 'caseStatus',
		system: 'case-status',
		parameters: { resource: 'message', operation: 'send', case: id(SQL), content: 'Hello' },
		field: /case/i,
	},
	{
		id: 'cs-file-empty',
		node: 'caseStatus',
		system: 'case-status',
		parameters: { resource: 'file', operation: 'upload', case: id(String(cs.firstCaseId)) },
		input: file(Buffer.alloc(0)),
		field: /file|binary|empty/i,
	},
	{
		id: 'cs-file-oversized',
		node: 'caseStatus',
		system: 'case-status',
		parameters: { resource: 'file', operation: 'upload', case: id(String(cs.firstCaseId)) },
		input: () => file(Buffer.alloc(50 * MiB + 1, 0x25)),
		field: /file|50 MiB|limit/i,
	},
	{
		id: 'cs-file-missing-binary',
		node: 'caseStatus',
		system: 'case-status',
		parameters: { resource: 'file', operation: 'upload', case: id(String(cs.firstCaseId)) },
		input: { json: { note: 'no file here' } },
		field: /binary|data|file/i,
	},
	{
		id: 'cs-messages-bad-since',
		node: 'caseStatus',
		system: 'case-status',
		parameters: {
			resource: 'message',
			operation: 'getAll',
			returnAll: true,
			filters: { createdSince: 'last tuesday' },
		},
		field: /created.?since|since/i,
	},

	// ---------------------------------------------------------------- CASEpeer
	{
		id: 'cp-note-empty-text',
		node: 'casePeer',
		system: 'casepeer',
		parameters: {
			resource: 'caseNote',
			operation: 'create',
			case: id(String(cp.firstCaseId)),
			text: '',
		},
		field: /text|note/i,
	},
	{
		id: 'cp-note-case-not-a-number',
		node: 'casePeer',
		system: 'casepeer',
		parameters: {
			resource: 'caseNote',
			operation: 'create',
			case: id('twenty-seven'),
			text: 'Hello',
		},
		field: /case/i,
	},
	{
		id: 'cp-note-unknown-case',
		node: 'casePeer',
		system: 'casepeer',
		parameters: { resource: 'caseNote', operation: 'create', case: id('99999999'), text: 'Hello' },
		field: /case|99999999/i,
	},
	{
		id: 'cp-note-path-injection',
		node: 'casePeer',
		system: 'casepeer',
		parameters: { resource: 'caseNote', operation: 'create', case: id(PATH), text: 'Hello' },
		field: /case/i,
	},
	{
		id: 'cp-note-huge-text',
		node: 'casePeer',
		system: 'casepeer',
		parameters: {
			resource: 'caseNote',
			operation: 'create',
			case: id(String(cp.firstCaseId)),
			text: HUGE,
		},
		field: /text/i,
	},
	{
		id: 'cp-connect-negative-id',
		node: 'casePeer',
		system: 'casepeer',
		parameters: {
			resource: 'case',
			operation: 'connect',
			case: id(String(cp.unconnectedIds[0])),
			options: { caseStatusId: -5 },
		},
		field: /case status id/i,
	},
	{
		id: 'cp-connect-wrong-type',
		node: 'casePeer',
		system: 'casepeer',
		parameters: {
			resource: 'case',
			operation: 'connect',
			case: id(String(cp.unconnectedIds[0])),
			options: { caseStatusId: 'five thousand' },
		},
		field: /case status id/i,
	},
	{
		id: 'cp-document-empty',
		node: 'casePeer',
		system: 'casepeer',
		parameters: { resource: 'document', operation: 'upload', case: id(String(cp.firstCaseId)) },
		input: file(Buffer.alloc(0)),
		field: /file|binary|empty/i,
	},
	{
		id: 'cp-cases-bad-updated-since',
		node: 'casePeer',
		system: 'casepeer',
		parameters: {
			resource: 'case',
			operation: 'getAll',
			returnAll: true,
			filters: { updatedSince: '31/02/2025' },
		},
		field: /updated.?since/i,
	},

	// ---------------------------------------------------------------- Perfect Portal
	{
		id: 'pp-contact-invalid-email',
		node: 'perfectPortal',
		system: 'perfect-portal',
		parameters: { ...ppContact, email: 'ana@@example' },
		field: /e-?mail/i,
	},
	{
		id: 'pp-contact-invalid-phone',
		node: 'perfectPortal',
		system: 'perfect-portal',
		parameters: {
			...ppContact,
			additionalFields: { mobile: '+44 7700 900321 / +44 7700 900322 (eve)' },
		},
		field: /mobile|phone/i,
	},
	{
		id: 'pp-contact-missing-last-name',
		node: 'perfectPortal',
		system: 'perfect-portal',
		parameters: { ...ppContact, lastName: '' },
		field: /last.?name/i,
	},
	{
		id: 'pp-link-matter-ref-too-long',
		node: 'perfectPortal',
		system: 'perfect-portal',
		parameters: {
			resource: 'case',
			operation: 'linkMatter',
			case: id(pp.dps.importable[0]),
			system: 'dps_one_office',
			matterRef: 'M'.repeat(51),
		},
		field: /matter.?ref/i,
	},
	{
		id: 'pp-case-unknown',
		node: 'perfectPortal',
		system: 'perfect-portal',
		parameters: { resource: 'case', operation: 'get', case: id('PP-000000') },
		field: /case|PP-000000/i,
	},
	{
		id: 'pp-completion-bad-date',
		node: 'perfectPortal',
		system: 'perfect-portal',
		parameters: {
			resource: 'completion',
			operation: 'update',
			case: id(pp.dps.importable[0]),
			updateFields: { completionDate: '2026-02-30' },
		},
		field: /completion.?date/i,
	},
	{
		id: 'pp-key-stage-unknown',
		node: 'perfectPortal',
		system: 'perfect-portal',
		parameters: {
			resource: 'keyStage',
			operation: 'set',
			case: id(pp.dps.importable[0]),
			keyStageId: 'ks_999',
		},
		field: /key.?stage/i,
	},
	{
		id: 'pp-document-empty',
		node: 'perfectPortal',
		system: 'perfect-portal',
		parameters: { resource: 'document', operation: 'upload', case: id(pp.dps.importable[0]) },
		input: file(Buffer.alloc(0)),
		field: /file|binary|empty/i,
	},

	// ---------------------------------------------------------------- DPS One Office
	{
		id: 'dps-client-bad-postcode',
		node: 'dpsOneOffice',
		system: 'dps-one-office',
		parameters: { ...dpsClient, postcode: 'ABC 123' },
		field: /postcode/i,
	},
	{
		id: 'dps-client-invalid-email',
		node: 'dpsOneOffice',
		system: 'dps-one-office',
		parameters: { ...dpsClient, additionalFields: { email: 'ana.example.com' } },
		field: /e-?mail/i,
	},
	{
		id: 'dps-client-future-birth',
		node: 'dpsOneOffice',
		system: 'dps-one-office',
		parameters: { ...dpsClient, additionalFields: { dateOfBirth: '2999-01-01' } },
		field: /birth/i,
	},
	{
		id: 'dps-client-invalid-phone',
		node: 'dpsOneOffice',
		system: 'dps-one-office',
		parameters: { ...dpsClient, additionalFields: { mobile: '07700 900321 ext. <script>' } },
		field: /mobile|phone/i,
	},
	{
		id: 'dps-matter-missing-codes',
		node: 'dpsOneOffice',
		system: 'dps-one-office',
		parameters: { ...dpsMatter, appCode: '', feeEarner: '', branch: '' },
		field: /app.?code/i,
	},
	{
		id: 'dps-matter-unknown-fee-earner',
		node: 'dpsOneOffice',
		system: 'dps-one-office',
		parameters: { ...dpsMatter, feeEarner: 'ZZZ' },
		field: /fee.?earner/i,
	},
	{
		id: 'dps-matter-unknown-client',
		node: 'dpsOneOffice',
		system: 'dps-one-office',
		parameters: { ...dpsMatter, client: id('NOP999') },
		field: /client/i,
	},
	{
		id: 'dps-matter-negative-price',
		node: 'dpsOneOffice',
		system: 'dps-one-office',
		parameters: {
			...dpsMatter,
			propertyDetails: {
				property: [
					{ line1: '1 Abuse Street', postcode: 'LS1 1AA', tenure: 'freehold', price: '-250000' },
				],
			},
		},
		field: /price/i,
	},
	{
		id: 'dps-client-get-injection',
		node: 'dpsOneOffice',
		system: 'dps-one-office',
		parameters: { resource: 'client', operation: 'get', client: id(SQL) },
		field: /client/i,
	},

	// ---------------------------------------------------------------- Smokeball
	{
		id: 'sb-fee-empty-subject',
		node: 'smokeball',
		system: 'smokeball',
		parameters: { ...sbFee, subject: '' },
		field: /subject/i,
	},
	{
		id: 'sb-fee-negative-rate',
		node: 'smokeball',
		system: 'smokeball',
		parameters: { ...sbFee, rate: -1 },
		field: /rate/i,
	},
	{
		id: 'sb-fee-bad-date',
		node: 'smokeball',
		system: 'smokeball',
		parameters: { ...sbFee, feeDate: 'the fifth of never' },
		field: /fee date/i,
	},
	{
		id: 'sb-fee-matter-not-guid',
		node: 'smokeball',
		system: 'smokeball',
		parameters: { ...sbFee, matter: id(SQL) },
		field: /matter/i,
	},
	{
		id: 'sb-fee-unknown-matter',
		node: 'smokeball',
		system: 'smokeball',
		parameters: { ...sbFee, matter: id('00000000-0000-4000-8000-000000000000') },
		field: /matter|not.?found|404/i,
	},
	{
		id: 'sb-expense-price-precision',
		node: 'smokeball',
		system: 'smokeball',
		parameters: {
			resource: 'expense',
			operation: 'create',
			matter: id(SMOKEBALL_MATTER),
			subject: 'Search fee',
			expenseDate: '2026-01-05T10:00:00Z',
			price: 12.3456,
			quantity: 1,
			costType: 'Hard',
		},
		field: /price/i,
	},
	{
		id: 'sb-contact-invalid-email',
		node: 'smokeball',
		system: 'smokeball',
		parameters: {
			resource: 'contact',
			operation: 'create',
			contactType: 'person',
			firstName: 'Ana',
			lastName: 'Diaz',
			additionalFields: { email: 'ana at example dot com' },
		},
		field: /e-?mail/i,
	},
	{
		id: 'sb-memo-empty-text',
		node: 'smokeball',
		system: 'smokeball',
		parameters: {
			resource: 'memo',
			operation: 'create',
			matter: id(SMOKEBALL_MATTER),
			title: 'Call',
			text: '',
		},
		field: /text/i,
	},
	{
		id: 'sb-document-empty',
		node: 'smokeball',
		system: 'smokeball',
		parameters: { resource: 'document', operation: 'upload', matter: id(SMOKEBALL_MATTER) },
		input: file(Buffer.alloc(0)),
		field: /file|binary|empty/i,
	},

	// ---------------------------------------------------------------- OfficeTools
	{
		id: 'ot-activate-bad-subdomain',
		node: 'officeTools',
		system: 'officetools',
		parameters: { ...otActivate, subdomain: PATH },
		field: /subdomain/i,
	},
	{
		id: 'ot-activate-terms-not-accepted',
		node: 'officeTools',
		system: 'officetools',
		parameters: { ...otActivate, acceptTerms: false },
		field: /terms/i,
	},
	{
		id: 'ot-activate-oversized-logo',
		node: 'officeTools',
		system: 'officetools',
		parameters: { ...otActivate, additionalFields: { logoBinaryPropertyName: 'data' } },
		input: () => file(Buffer.alloc(2 * MiB + 1, 0x89), 'logo.png', 'image/png'),
		field: /logo/i,
	},
	{
		id: 'ot-activate-logo-not-an-image',
		node: 'officeTools',
		system: 'officetools',
		parameters: { ...otActivate, additionalFields: { logoBinaryPropertyName: 'data' } },
		input: file(Buffer.from('MZ\x90\x00 not an image'), 'logo.exe', 'application/x-msdownload'),
		field: /logo/i,
	},
	{
		id: 'ot-user-empty-contact',
		node: 'officeTools',
		system: 'officetools',
		parameters: { resource: 'firmPortalUser', operation: 'create', legacyContact: id('') },
		field: /legacy contact/i,
	},
	{
		id: 'ot-workspace-empty-file',
		node: 'officeTools',
		system: 'officetools',
		parameters: { resource: 'workspaceDocument', operation: 'upload', client: id('wc_1001') },
		input: file(Buffer.alloc(0)),
		field: /file|binary|empty/i,
	},
	{
		id: 'ot-workspace-oversized-for-firm',
		node: 'officeTools',
		system: 'officetools',
		setup: [['POST', '/officetools/settings', { max_upload_bytes: 1000 }]],
		parameters: { resource: 'workspaceDocument', operation: 'upload', client: id('wc_1001') },
		input: file(Buffer.alloc(2000, 0x25)),
		field: /larger|413|file/i,
	},
	{
		id: 'ot-download-unknown',
		node: 'officeTools',
		system: 'officetools',
		parameters: { resource: 'legacyDocument', operation: 'download', documentId: 'ld_0000' },
		field: /ld_0000|document/i,
	},
	{
		id: 'ot-documents-bad-date',
		node: 'officeTools',
		system: 'officetools',
		parameters: {
			resource: 'legacyDocument',
			operation: 'getAll',
			returnAll: true,
			filters: { createdFrom: '2023-02-31' },
		},
		field: /created.?from/i,
	},
];
