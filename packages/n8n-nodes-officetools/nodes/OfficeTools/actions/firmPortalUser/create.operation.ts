import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { endpoints, findFirst, officeToolsRequest } from '../../transport';
import { existingIdFrom, legacyContactLocator, readLocatorId, refusal } from '../common';

const properties: INodeProperties[] = [legacyContactLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['firmPortalUser'], operation: ['create'] } },
	properties,
);

/**
 * Step 3 "Sync Contact", idempotent by legacy contact: an existing user for the contact is returned (no second
 * welcome e-mail); otherwise the user is created, which makes OfficeTools send the welcome e-mail. A 409
 * duplicate_legacy_contact_id on a retried create means the first attempt landed. Hidden contacts, contacts
 * without a valid e-mail and a second contact with an e-mail already in use are refused by OfficeTools
 * (422 contact_hidden / contact_email_invalid, 409 email_in_use) and fail the item.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const contactId = readLocatorId.call(
		this,
		'legacyContact',
		'Legacy Contact',
		itemIndex,
		'Pick a legacy contact from the list or enter its ID (e.g. lc_1001), e.g. {{ $json.id }} after Legacy Portal Contact › Get Many.',
	);
	const find = async () =>
		await findFirst<IDataObject>(
			this,
			endpoints.portalUsers(),
			{ legacy_contact_id: contactId },
			itemIndex,
		);
	const before = await find();
	if (before) return [{ json: { ...before, created: false, welcome_email_sent: false } }];

	const response = await officeToolsRequest<IDataObject>(this, 'POST', endpoints.portalUsers(), {
		body: { legacy_contact_id: contactId },
		idempotent: true,
		accept: [409, 422],
		itemIndex,
	});
	if (response.status === 422) throw refusal.call(this, response, itemIndex);
	if (response.status !== 409)
		return [{ json: { ...response.body, created: true, welcome_email_sent: true } }];

	const existingId = existingIdFrom.call(this, response, 'duplicate_legacy_contact_id', itemIndex);
	const after = await find();
	return [
		{
			json: {
				...(after ?? { id: existingId, legacy_contact_id: contactId }),
				created: false,
				welcome_email_sent: false,
			},
		},
	];
}
