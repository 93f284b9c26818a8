// The n8n credentials that point every system at the local sandbox. Their ids and names are the ones the
// templates in workflows/ reference, so an imported template runs unmodified against the sandbox.
const CREDENTIAL_REFS = {
	caseStatusApi: { id: 'legalSyncCaseStatus', name: 'Case Status account' },
	casePeerApi: { id: 'legalSyncCasePeer', name: 'CASEpeer account' },
};

/** Demo API keys the sandbox accepts (sandbox/systems/<system>). */
const DEMO_KEYS = {
	caseStatus: 'cs_demo_4f8a2c71e9b3',
	casePeer: 'cp_demo_8b2e61d94a07',
};

function sandboxCredentials(sandboxUrl, keys = DEMO_KEYS) {
	return [
		{
			...CREDENTIAL_REFS.caseStatusApi,
			type: 'caseStatusApi',
			data: { environment: 'custom', baseUrl: `${sandboxUrl}/case-status`, apiKey: keys.caseStatus },
		},
		{
			...CREDENTIAL_REFS.casePeerApi,
			type: 'casePeerApi',
			data: { baseUrl: `${sandboxUrl}/casepeer`, apiKey: keys.casePeer },
		},
	];
}

module.exports = { CREDENTIAL_REFS, DEMO_KEYS, sandboxCredentials };
