import type { ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { whereToFind } from './shared/fields';

// Smokeball publishes one auth host and one API host per region and environment ("You MUST use the URLs for the
// region you are targeting"). Custom points both at another server (a test server).
const authEndpoint = (path: string): string =>
	`={{ ($self.environment === "custom" ? $self.customAuthUrl.replace(/\\/+$/, "") : "https://" + ($self.environment === "staging" ? "datastaging-auth" : "auth") + ".smokeball" + ({ us: ".com", au: ".com.au", uk: ".co.uk" })[$self.region]) + "${path}" }}`;

export class SmokeballOAuth2Api implements ICredentialType {
	name = 'smokeballOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Smokeball OAuth2 API';

	icon: Icon = { light: 'file:../icons/smokeball.svg', dark: 'file:../icons/smokeball.dark.svg' };

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-legal-sync';

	// n8n 2.40.7 merges an extending credential's fields into its parent's list (mergeNodeProperties in
	// credentials-helper and in the editor): the parent's fields keep their places, a redeclared one is replaced where
	// it stands, and fields of this credential's own come after all of them (Client ID, Client Secret, Allowed HTTP
	// Request Domains). So Region and Environment cannot be shown before the Client ID; the notice says where they are.
	properties: INodeProperties[] = [
		whereToFind(
			"Smokeball gives your app a Client ID, a Client Secret and an API key when it approves the integration (Smokeball developer portal). Enter the Client ID and Client Secret above, your firm's Region, Environment and the API key below, then click Connect and sign in as a user of the firm.",
		),
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
			placeholder: 'e.g. https://auth.smokeball.com',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Custom API URL',
			name: 'customApiUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://api.smokeball.com',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The API key Smokeball gave you with the Client ID and Client Secret',
		},
		{
			displayName: 'Account ID',
			name: 'accountId',
			type: 'string',
			default: '',
			required: true,
			description:
				"Your firm's Smokeball account ID; Smokeball gives it when it enables server-to-server access for the firm",
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
						'Smokeball did not accept this connection. Check the Client ID, Client Secret and API key Smokeball gave your app (Smokeball developer portal) and the Region and Environment, then click "Reconnect" and sign in again as a user of the firm.',
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
