import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { testRules, whereToFind } from './shared/fields';

export class CaseStatusApi implements ICredentialType {
	name = 'caseStatusApi';

	displayName = 'Case Status API';

	icon: Icon = { light: 'file:../icons/casestatus.svg', dark: 'file:../icons/casestatus.dark.svg' };

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-legal-sync';

	properties: INodeProperties[] = [
		whereToFind(
			'The Case Status team issues each firm its API key: ask them for it. Keep Environment on Production unless Case Status gave your firm another address.',
		),
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'https://app.casestatus.com' },
				{ name: 'Case Status Test Environment', value: 'https://sandbox.creativebriefcase.com' },
				{ name: 'Custom URL', value: 'custom' },
			],
			default: 'https://app.casestatus.com',
			description:
				'Which Case Status server to use: Production, unless Case Status gave your firm a test or another address',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://yourfirm.casestatus.com',
			description: 'The address Case Status gave your firm',
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
			description: 'The key the Case Status team issued to your firm',
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
