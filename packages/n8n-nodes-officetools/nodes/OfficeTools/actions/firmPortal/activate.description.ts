import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

const properties: INodeProperties[] = [
	{
		displayName:
			'Activating cannot be undone: every current portal user is moved to the new subdomain at once, and uploads to the old portal stop. Run Firm Portal › Check Subdomain first.',
		name: 'activateNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Subdomain',
		name: 'subdomain',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. acmeaccounting',
		description:
			'The firm\'s address on the new portal: lower-case letters, digits and inner hyphens, 3 to 63 characters. Checked with OfficeTools\' "Verify Link" before activating.',
	},
	{
		displayName: 'Portal Name',
		name: 'displayName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Acme Accounting Client Portal',
		description: 'The name clients see on the portal and in their welcome e-mail (branding)',
	},
	{
		displayName: 'Accept Terms and Conditions',
		name: 'acceptTerms',
		type: 'boolean',
		default: false,
		description:
			"Whether you accept OfficeTools' Firm Portal terms and conditions; activation needs it",
	},
	{
		displayName: 'Confirm Moving Portal Users',
		name: 'acknowledgeUserReroute',
		type: 'boolean',
		default: false,
		description:
			'Whether to activate knowing every current portal user is moved to the new subdomain at once, with no undo',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Logo Input Binary Field',
				name: 'logoBinaryPropertyName',
				type: 'string',
				default: '',
				placeholder: 'e.g. logo',
				description:
					'The input binary field holding your logo (PNG, JPEG or SVG, at most 2 MiB) to upload as custom branding',
			},
			{
				displayName: 'Notification Recipients',
				name: 'notificationRecipients',
				type: 'string',
				default: '',
				placeholder: 'e.g. office@acme.example, tax@acme.example',
				description: 'Comma-separated staff e-mail addresses the portal notifies (at most 10)',
			},
			{
				displayName: 'Primary Color',
				name: 'primaryColor',
				type: 'color',
				default: '',
				description: "The portal's main color as #RRGGBB",
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['firmPortal'], operation: ['activate'] } },
	properties,
);
