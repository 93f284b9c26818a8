// The n8n credentials that point every system at the local sandbox. Their ids and names are the ones the
// templates in workflows/ reference, so an imported template runs unmodified against the sandbox.
const CREDENTIAL_REFS = {
	caseStatusApi: { id: 'legalSyncCaseStatus', name: 'Case Status account' },
	casePeerApi: { id: 'legalSyncCasePeer', name: 'CASEpeer account' },
	dpsOneOfficeApi: { id: 'legalSyncDpsOneOffice', name: 'DPS One Office account' },
	officeToolsApi: { id: 'legalSyncOfficeTools', name: 'OfficeTools account' },
	perfectPortalApi: { id: 'legalSyncPerfectPortal', name: 'Perfect Portal account' },
	smokeballOAuth2Api: { id: 'legalSyncSmokeball', name: 'Smokeball account' },
};

/** Demo API keys the sandbox accepts (sandbox/systems/<system>). */
const DEMO_KEYS = {
	caseStatus: 'cs_demo_4f8a2c71e9b3',
	casePeer: 'cp_demo_8b2e61d94a07',
	dpsOneOffice: 'dps_demo_6a1f0b93c2d7',
	officeTools: 'ot_demo_2d4f6a8c0e1b',
	perfectPortal: 'pp_demo_3c9d7e215a84',
	smokeball: 'sb_demo_apikey_51c2',
};

/** The sandbox firm's Smokeball account id (sandbox/systems/smokeball/seed.js SEED_FACTS.accountId). */
const SMOKEBALL_ACCOUNT_ID = '28c29745-4e17-43eb-a5eb-1af34038e975';

/** n8n's own SMTP credential, pointed at the sandbox's mail sink (sandbox/smtp.js) for templates that email. */
const SMTP_REF = { id: 'legalSyncSmtp', name: 'SMTP account' };

/**
 * The key the templates' webhooks require (n8n's Header Auth): a caller without it, or with another value, is refused
 * before the workflow starts. The sandbox value is public; a firm sets its own long random value.
 */
const WEBHOOK_AUTH = {
	ref: { id: 'legalSyncWebhookAuth', name: 'Webhook key' },
	header: 'X-Legal-Sync-Key',
	value: 'demo_webhook_key_9e41c7',
};

/**
 * The login n8n asks for before it shows a form template (n8n's Basic Auth on the Form Trigger): Perfect Portal →
 * DPS One Office "Open from File" and CASEpeer "Connect a case" use it. The sandbox values are public; a firm sets
 * its own.
 */
const FORM_AUTH = {
	ref: { id: 'legalSyncFormLogin', name: 'Form login' },
	user: 'ops',
	password: 'demo_form_password_5b8e2d',
};

function smtpCredential(port) {
	return { ...SMTP_REF, type: 'smtp', data: { user: '', password: '', host: '127.0.0.1', port, secure: false, disableStartTls: true } };
}

function sandboxCredentials(sandboxUrl, keys = DEMO_KEYS, { smtpPort } = {}) {
	return [
		...(smtpPort ? [smtpCredential(smtpPort)] : []),
		{
			...WEBHOOK_AUTH.ref,
			type: 'httpHeaderAuth',
			data: { name: WEBHOOK_AUTH.header, value: WEBHOOK_AUTH.value },
		},
		{
			...FORM_AUTH.ref,
			type: 'httpBasicAuth',
			data: { user: FORM_AUTH.user, password: FORM_AUTH.password },
		},
		{
			...CREDENTIAL_REFS.caseStatusApi,
			type: 'caseStatusApi',
			data: {
				environment: 'custom',
				baseUrl: `${sandboxUrl}/case-status`,
				apiKey: keys.caseStatus,
			},
		},
		{
			...CREDENTIAL_REFS.casePeerApi,
			type: 'casePeerApi',
			data: { baseUrl: `${sandboxUrl}/casepeer`, apiKey: keys.casePeer },
		},
		{
			...CREDENTIAL_REFS.dpsOneOfficeApi,
			type: 'dpsOneOfficeApi',
			data: {
				baseUrl: `${sandboxUrl}/dps-one-office`,
				apiKey: keys.dpsOneOffice,
				database: 'DEMOFIRM',
			},
		},
		{
			...CREDENTIAL_REFS.officeToolsApi,
			type: 'officeToolsApi',
			data: {
				baseUrl: `${sandboxUrl}/officetools`,
				apiKey: keys.officeTools,
				firmId: 'FIRM-1001',
			},
		},
		{
			...CREDENTIAL_REFS.perfectPortalApi,
			type: 'perfectPortalApi',
			data: { baseUrl: `${sandboxUrl}/perfect-portal`, apiKey: keys.perfectPortal },
		},
		{
			// Client credentials against the sandbox's OAuth2 server: n8n fetches the token itself.
			...CREDENTIAL_REFS.smokeballOAuth2Api,
			type: 'smokeballOAuth2Api',
			data: {
				grantType: 'clientCredentials',
				environment: 'custom',
				customAuthUrl: `${sandboxUrl}/smokeball/auth`,
				customApiUrl: `${sandboxUrl}/smokeball/api`,
				clientId: 'sb_demo_client',
				clientSecret: 'sb_demo_secret',
				apiKey: keys.smokeball,
				accountId: SMOKEBALL_ACCOUNT_ID,
			},
		},
	];
}

module.exports = { CREDENTIAL_REFS, DEMO_KEYS, SMTP_REF, WEBHOOK_AUTH, FORM_AUTH, sandboxCredentials };
