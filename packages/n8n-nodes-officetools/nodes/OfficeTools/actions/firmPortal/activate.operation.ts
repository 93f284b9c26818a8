import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { refuseField } from '../../../shared/problems';
import { email, parseInput, z } from '../../../shared/validate';
import { endpoints, officeToolsApi, officeToolsRequest } from '../../transport';
import { existingIdFrom } from '../common';
import { readLogo, syncBranding, syncLogo } from './activate.branding';

export { description } from './activate.description';

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
			refuseField(this, itemIndex, 'OfficeTools', {
				field: label,
				code: 'not_confirmed',
				message: 'is off',
				fix: 'Activation reroutes every current portal user at once and cannot be undone; turn this on to confirm.',
			});
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
			refuseField(this, itemIndex, 'OfficeTools', {
				field: 'Subdomain',
				code: 'subdomain_unavailable',
				message: `'${input.subdomain}' ${REASONS[reason] ?? `is not available (${reason})`}`,
				fix: 'Choose another subdomain; OfficeTools checks it the way the "Verify Link" button does.',
			});
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
		refuseField(this, itemIndex, 'OfficeTools', {
			field: 'Subdomain',
			code: 'subdomain_differs',
			message: `'${input.subdomain}' differs: the Firm Portal is already active at '${String(portal.subdomain)}'`,
			fix: `Activation cannot be undone or moved. Use '${String(portal.subdomain)}' as the subdomain, or ask OfficeTools to change it.`,
		});
	}
	if (!activated) portal = await syncBranding(this, portal, input, itemIndex);
	if (logo) portal = await syncLogo(this, portal, logo, itemIndex);
	return [{ json: { ...portal, activated } }];
}
