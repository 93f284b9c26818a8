import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { BASE_URL_EXPRESSION, baseUrlAndKey, testRules } from './shared/fields';

export class CasePeerApi implements ICredentialType {
	name = 'casePeerApi';

	displayName = 'CASEpeer API';

	icon: Icon = { light: 'file:../icons/casepeer.svg', dark: 'file:../icons/casepeer.dark.svg' };

	documentationUrl = 'https://github.com/legal-sync/n8n-nodes-legal-sync#casepeer';

	properties: INodeProperties[] = [...baseUrlAndKey('casepeer', 'https://yourfirm.casepeer.com')];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: '/v1/me',
		},
		rules: testRules('CASEpeer', 'CASEpeer (Settings › Integrations › API)'),
	};
}
