import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { BASE_URL_EXPRESSION, baseUrlAndKey, testRules } from './shared/fields';

export class DpsOneOfficeApi implements ICredentialType {
	name = 'dpsOneOfficeApi';

	displayName = 'DPS One Office API';

	icon: Icon = {
		light: 'file:../icons/dpsoneoffice.svg',
		dark: 'file:../icons/dpsoneoffice.dark.svg',
	};

	documentationUrl = 'https://github.com/legal-sync/n8n-nodes-legal-sync#dps-one-office';

	properties: INodeProperties[] = [
		...baseUrlAndKey('dps-one-office', 'https://api.yourfirm.example'),
		{
			displayName: 'Database',
			name: 'database',
			type: 'string',
			default: '',
			required: true,
			description: 'The firm database name; sent as X-DPS-Database on every request',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
				'X-DPS-Database': '={{$credentials.database}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: '/v1/me',
		},
		rules: [
			...testRules('DPS One Office', 'your DPS One Office administrator'),
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'DPS One Office accepted the key but not this Database. Enter the firm database name exactly as your DPS administrator gave it.',
				},
			},
		],
	};
}
