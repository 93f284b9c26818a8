import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { BASE_URL_EXPRESSION, baseUrlAndKey, testRules, whereToFind } from './shared/fields';

export class PerfectPortalApi implements ICredentialType {
	name = 'perfectPortalApi';

	displayName = 'Perfect Portal API';

	icon: Icon = {
		light: 'file:../icons/perfectportal.svg',
		dark: 'file:../icons/perfectportal.dark.svg',
	};

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-legal-sync';

	properties: INodeProperties[] = [
		whereToFind(
			"In Perfect Portal, open Settings › API access: it shows your firm's API address and the API key.",
		),
		...baseUrlAndKey(
			'e.g. https://yourfirm.perfectportal.co.uk',
			"Your firm's Perfect Portal API address, as Settings › API access shows it",
			'Shown under Settings › API access in Perfect Portal',
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
		rules: testRules('Perfect Portal', 'Perfect Portal (Settings › API access)'),
	};
}
