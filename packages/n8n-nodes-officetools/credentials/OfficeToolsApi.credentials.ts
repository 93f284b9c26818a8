import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { BASE_URL_EXPRESSION, baseUrlAndKey, testRules } from './shared/fields';

export class OfficeToolsApi implements ICredentialType {
	name = 'officeToolsApi';

	displayName = 'OfficeTools API';

	icon: Icon = {
		light: 'file:../icons/officetools.svg',
		dark: 'file:../icons/officetools.dark.svg',
	};

	documentationUrl = 'https://github.com/legal-sync/n8n-nodes-legal-sync#officetools';

	properties: INodeProperties[] = [
		...baseUrlAndKey('officetools', 'https://api.officetools.example'),
		{
			displayName: 'Firm ID',
			name: 'firmId',
			type: 'string',
			default: '',
			required: true,
			description: 'Your OfficeTools firm ID; sent as X-Firm-Id on every request',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
				'X-Firm-Id': '={{$credentials.firmId}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: '/v1/firm',
		},
		rules: testRules('OfficeTools', 'OfficeTools (Firm settings › Integrations)'),
	};
}
