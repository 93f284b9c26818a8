import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { BASE_URL_EXPRESSION, baseUrlAndKey, testRules, whereToFind } from './shared/fields';

export class OfficeToolsApi implements ICredentialType {
	name = 'officeToolsApi';

	displayName = 'OfficeTools API';

	icon: Icon = {
		light: 'file:../icons/officetools.svg',
		dark: 'file:../icons/officetools.dark.svg',
	};

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-legal-sync';

	properties: INodeProperties[] = [
		whereToFind(
			'In OfficeTools, open Firm settings › Integrations: it shows the API address, your Firm ID and the API key.',
		),
		...baseUrlAndKey(
			'e.g. https://api.officetools.com',
			'The API address shown under Firm settings › Integrations in OfficeTools',
			'Shown under Firm settings › Integrations in OfficeTools',
		),
		{
			displayName: 'Firm ID',
			name: 'firmId',
			type: 'string',
			default: '',
			required: true,
			description:
				"Your firm's ID in OfficeTools, shown beside the API key under Firm settings › Integrations",
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
