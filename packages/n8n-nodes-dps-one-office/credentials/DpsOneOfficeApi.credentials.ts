import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { BASE_URL_EXPRESSION, baseUrlAndKey, testRules, whereToFind } from './shared/fields';

export class DpsOneOfficeApi implements ICredentialType {
	name = 'dpsOneOfficeApi';

	displayName = 'DPS One Office API';

	icon: Icon = {
		light: 'file:../icons/dpsoneoffice.svg',
		dark: 'file:../icons/dpsoneoffice.dark.svg',
	};

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-legal-sync';

	properties: INodeProperties[] = [
		whereToFind(
			"Your DPS One Office administrator gives you three values: the API address of your firm's One Office, an API key, and the name of your firm's database.",
		),
		...baseUrlAndKey(
			'e.g. https://oneoffice.yourfirm.co.uk/api',
			"Your firm's One Office API address, from your DPS One Office administrator",
			'From your DPS One Office administrator',
		),
		{
			displayName: 'Database',
			name: 'database',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. SMITHLAW',
			description: "Your firm's database name in DPS One Office, as your administrator gives it",
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
