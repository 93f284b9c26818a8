import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inputError } from '../../../shared/errors';
import { email, parseInput, z } from '../../../shared/validate';
import {
	endpoints,
	MAX_LOGO_BYTES,
	officeToolsApi,
	officeToolsRequest,
	officeToolsUpload,
} from '../../transport';
import { existingIdFrom } from '../common';

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

const SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$/;

const inputSchema = z.object({
	subdomain: z
		.string()
		.trim()
		.toLowerCase()
		.regex(
			SUBDOMAIN,
			'must be 3 to 63 lower-case letters, digits or inner hyphens, e.g. acmeaccounting',
		),
	displayName: z
		.string()
		.trim()
		.min(1, 'is empty; the portal needs a name')
		.max(100, 'is longer than 100 characters'),
	primaryColor: z
		.string()
		.trim()
		.regex(/^#[0-9A-Fa-f]{6}$/, 'must be a color as #RRGGBB, e.g. #1F4E79')
		.optional(),
	notificationRecipients: z.array(email).max(10, 'lists more than 10 addresses').optional(),
});

const REASONS: Record<string, string> = {
	invalid_format: 'is not a valid subdomain',
	reserved: 'is reserved by OfficeTools',
	taken: 'is already used by another firm',
};

/** Applies branding that differs from what the portal holds (a re-run converges instead of failing). */
async function syncBranding(
	ctx: IExecuteFunctions,
	portal: IDataObject,
	wanted: { displayName: string; primaryColor?: string },
	itemIndex: number,
): Promise<IDataObject> {
	const branding = (portal.branding ?? {}) as IDataObject;
	const patch: IDataObject = {};
	if (branding.display_name !== wanted.displayName) patch.display_name = wanted.displayName;
	if (
		wanted.primaryColor &&
		String(branding.primary_color ?? '').toLowerCase() !== wanted.primaryColor.toLowerCase()
	)
		patch.primary_color = wanted.primaryColor;
	if (!Object.keys(patch).length) return portal;
	return await officeToolsApi<IDataObject>(ctx, 'PATCH', endpoints.branding(), {
		body: patch,
		itemIndex,
	});
}

interface Logo {
	data: Buffer;
	fileName: string;
	mimeType?: string;
}

/** The logo from the input item, checked before anything is written (activation cannot be undone). */
async function readLogo(
	ctx: IExecuteFunctions,
	property: string,
	itemIndex: number,
): Promise<Logo> {
	const binary = ctx.helpers.assertBinaryData(itemIndex, property);
	const data = await ctx.helpers.getBinaryDataBuffer(itemIndex, property);
	const fileName = binary.fileName || 'logo';
	const problem = !data.length
		? 'holds an empty file'
		: data.length > MAX_LOGO_BYTES
			? `holds ${data.length} bytes, over the 2 MiB logo limit`
			: !/^image\/(png|jpeg|svg\+xml)$/.test(binary.mimeType ?? '') &&
				  !/\.(png|jpe?g|svg)$/i.test(fileName)
				? `holds '${fileName}' (${binary.mimeType ?? 'unknown type'}), not a PNG, JPEG or SVG`
				: null;
	if (problem) {
		throw inputError(
			ctx.getNode(),
			'Logo Input Binary Field',
			problem,
			'Give a PNG, JPEG or SVG logo of at most 2 MiB.',
			itemIndex,
		);
	}
	return { data, fileName, mimeType: binary.mimeType };
}

/** Uploads the logo unless the portal already shows the same file (same name and size). */
async function syncLogo(
	ctx: IExecuteFunctions,
	portal: IDataObject,
	logo: Logo,
	itemIndex: number,
): Promise<IDataObject> {
	const { data, fileName } = logo;
	const current = ((portal.branding ?? {}) as IDataObject).logo as IDataObject | null;
	if (current && current.file_name === fileName && current.size_bytes === data.length)
		return portal;
	const response = await officeToolsUpload<IDataObject>(
		ctx,
		'PUT',
		endpoints.brandingLogo(),
		[{ name: 'file', data, fileName, contentType: logo.mimeType }],
		{ itemIndex },
	);
	return response.body;
}

/**
 * Step 1 "Activate Firm Portal", idempotent: an active portal at the same subdomain is kept (its branding brought
 * up to date), one at another subdomain is an error naming it, since activation has no undo. Before activating,
 * the subdomain is checked ("Verify Link") so a taken one fails with the reason and nothing written.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const recipients = String(extra.notificationRecipients ?? '')
		.split(/[,;\s]+/)
		.map((r) => r.trim())
		.filter(Boolean);
	const input = parseInput(
		this.getNode(),
		inputSchema,
		{
			subdomain: this.getNodeParameter('subdomain', itemIndex, ''),
			displayName: this.getNodeParameter('displayName', itemIndex, ''),
			primaryColor: (extra.primaryColor as string) || undefined,
			notificationRecipients: recipients.length ? recipients : undefined,
		},
		itemIndex,
	);
	for (const [field, label] of [
		['acceptTerms', 'Accept Terms and Conditions'],
		['acknowledgeUserReroute', 'Confirm Moving Portal Users'],
	]) {
		if (this.getNodeParameter(field, itemIndex, false) !== true) {
			throw inputError(
				this.getNode(),
				label,
				'is off',
				'Activation reroutes every current portal user at once and cannot be undone; turn this on to confirm.',
				itemIndex,
			);
		}
	}
	const logoProperty = String(extra.logoBinaryPropertyName ?? '').trim();
	const logo = logoProperty ? await readLogo(this, logoProperty, itemIndex) : undefined;

	let portal = await officeToolsApi<IDataObject>(this, 'GET', endpoints.firmPortal(), {
		itemIndex,
	});
	let activated = false;
	if (portal.status !== 'active') {
		const check = await officeToolsApi<IDataObject>(
			this,
			'GET',
			endpoints.subdomainAvailability(),
			{
				query: { subdomain: input.subdomain },
				itemIndex,
			},
		);
		if (check.available === false) {
			const reason = String(check.reason ?? 'unavailable');
			throw inputError(
				this.getNode(),
				'Subdomain',
				`'${input.subdomain}' ${REASONS[reason] ?? `is not available (${reason})`}`,
				'Choose another subdomain; OfficeTools checks it the way the "Verify Link" button does.',
				itemIndex,
			);
		}
		const body: IDataObject = {
			subdomain: input.subdomain,
			accept_terms: true,
			acknowledge_user_reroute: true,
			display_name: input.displayName,
		};
		if (input.primaryColor) body.primary_color = input.primaryColor;
		if (input.notificationRecipients) body.notification_recipients = input.notificationRecipients;
		const response = await officeToolsRequest<IDataObject>(this, 'POST', endpoints.activation(), {
			body,
			idempotent: true,
			accept: [409],
			itemIndex,
		});
		// A 409 here is an earlier attempt of this run that landed (its response was lost).
		if (response.status === 409) {
			existingIdFrom.call(this, response, 'already_active', itemIndex);
			portal = await officeToolsApi<IDataObject>(this, 'GET', endpoints.firmPortal(), {
				itemIndex,
			});
		} else {
			portal = response.body;
		}
		activated = true;
	}
	if (portal.subdomain !== input.subdomain) {
		throw inputError(
			this.getNode(),
			'Subdomain',
			`'${input.subdomain}' differs: the Firm Portal is already active at '${String(portal.subdomain)}'`,
			`Activation cannot be undone or moved. Use '${String(portal.subdomain)}' as the subdomain, or ask OfficeTools to change it.`,
			itemIndex,
		);
	}
	if (!activated) portal = await syncBranding(this, portal, input, itemIndex);
	if (logo) portal = await syncLogo(this, portal, logo, itemIndex);
	return [{ json: { ...portal, activated } }];
}
