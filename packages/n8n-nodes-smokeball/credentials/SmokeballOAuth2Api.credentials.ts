import type { ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

// Smokeball publishes one auth host and one API host per region and environment ("You MUST use the URLs for the
// region you are targeting"). Custom points both at another server, such as the local legal-sync sandbox.
const authEndpoint = (path: string): string =>
	`={{ ($self.environment === "custom" ? $self.customAuthUrl.replace(/\\/+$/, "") : "https://" + ($self.environment === "staging" ? "datastaging-auth" : "auth") + ".smokeball" + ({ us: ".com", au: ".com.au", uk: ".co.uk" })[$self.region]) + "${path}" }}`;

export class SmokeballOAuth2Api implements ICredentialType {
	name = 'smokeballOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Smokeball OAuth2 API';

	icon: Icon = { light: 'file:../icons/smokeball.svg', dark: 'file:../icons/smokeball.dark.svg' };

	documentationUrl = 'https://github.com/legal-sync/n8n-nodes-legal-sync#smokeball';

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'options',
			options: [
				{ name: 'Authorization Code with PKCE', value: 'pkce' },
				{ name: 'Client Credentials (Server to Server)', value: 'clientCredentials' },
			],
			default: 'pkce',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: [
				{ name: 'United States', value: 'us' },
				{ name: 'Australia', value: 'au' },
				{ name: 'United Kingdom', value: 'uk' },
			],
			default: 'us',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production' },
				{ name: 'Staging', value: 'staging' },
				{ name: 'Custom URLs', value: 'custom' },
			],
			default: 'production',
		},
		{
			displayName: 'Custom Auth URL',
			name: 'customAuthUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:4010/smokeball/auth',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Custom API URL',
			name: 'customApiUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:4010/smokeball/api',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The partner API key Smokeball issued; sent as x-api-key on every request',
		},
		{
			displayName: 'Account ID',
			name: 'accountId',
			type: 'string',
			default: '',
			required: true,
			description:
				'The firm account ID. Client-credentials requests are made under /{accountId}/….',
			displayOptions: { show: { grantType: ['clientCredentials'] } },
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: authEndpoint('/oauth2/authorize'),
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: authEndpoint('/oauth2/token'),
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			// Smokeball's token endpoint takes the client id and secret as HTTP Basic auth.
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'header',
		},
	];

	// The API host of the region and environment, under /{accountId} for client credentials (as the transport).
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ ($credentials.environment === "custom" ? $credentials.customApiUrl.replace(/\\/+$/, "") : "https://" + ($credentials.environment === "staging" ? "stagingapi" : "api") + ".smokeball" + ({ us: ".com", au: ".com.au", uk: ".co.uk" })[$credentials.region]) + ($credentials.grantType === "clientCredentials" ? "/" + $credentials.accountId : "") }}',
			url: '/webhooks/types',
			headers: { 'x-api-key': '={{$credentials.apiKey}}' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Smokeball did not accept the API key or the access token. Paste the partner API key again (sent as x-api-key), then reconnect the credential.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Smokeball refused access to this firm account. For client credentials check the Account ID; otherwise reconnect with a user of the firm.',
				},
			},
		],
	};
}
