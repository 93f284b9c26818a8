import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { BASE_URL_EXPRESSION, baseUrlAndKey, testRules } from './shared/fields';

export class PerfectPortalApi implements ICredentialType {
	name = 'perfectPortalApi';

	displayName = 'Perfect Portal API';

	icon: Icon = {
		light: 'file:../icons/perfectportal.svg',
		dark: 'file:../icons/perfectportal.dark.svg',
	};

	documentationUrl = 'https://github.com/legal-sync/n8n-nodes-legal-sync#perfect-portal';

	properties: INodeProperties[] = [
		...baseUrlAndKey('perfect-portal', 'https://yourfirm.perfectportal.co.uk'),
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
		rules: testRules('Perfect Portal', 'Perfect Portal (Settings › API access)'),
	};
}
