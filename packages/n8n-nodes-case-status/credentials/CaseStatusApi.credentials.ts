import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { testRules } from './shared/fields';

export class CaseStatusApi implements ICredentialType {
	name = 'caseStatusApi';

	displayName = 'Case Status API';

	icon: Icon = { light: 'file:../icons/casestatus.svg', dark: 'file:../icons/casestatus.dark.svg' };

	documentationUrl = 'https://github.com/legal-sync/n8n-nodes-legal-sync#case-status';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'https://app.casestatus.com' },
				{ name: 'Case Status Sandbox', value: 'https://sandbox.creativebriefcase.com' },
				{ name: 'Custom URL', value: 'custom' },
			],
			default: 'https://app.casestatus.com',
			description:
				'Which Case Status server to use. Custom URL also points the node at the local legal-sync sandbox.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:4010/case-status',
			required: true,
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The key the Case Status team generated for your firm',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=ApiKey {{$credentials.apiKey}}' } },
	};

	// The stream Case Status's own connectors use for their connection check.
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ ($credentials.environment === "custom" ? $credentials.baseUrl : $credentials.environment).replace(/\\/+$/, "") }}',
			url: '/v1/api/messages',
			qs: { 'page[number]': 1 },
		},
		rules: testRules('Case Status', 'the Case Status team (they issue each firm its key)'),
	};
}
