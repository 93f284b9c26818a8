import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { BASE_URL_EXPRESSION, baseUrlAndKey, testRules, whereToFind } from './shared/fields';

export class CasePeerApi implements ICredentialType {
	name = 'casePeerApi';

	displayName = 'CASEpeer API';

	icon: Icon = { light: 'file:../icons/casepeer.svg', dark: 'file:../icons/casepeer.dark.svg' };

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-legal-sync';

	properties: INodeProperties[] = [
		whereToFind(
			"In CASEpeer, open Settings › Integrations › API: it shows your firm's API address and lets an administrator create the API key.",
		),
		...baseUrlAndKey(
			'e.g. https://yourfirm.casepeer.com',
			"Your firm's CASEpeer API address, as Settings › Integrations › API shows it",
			'Created by a CASEpeer administrator under Settings › Integrations › API',
		),
	];

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
