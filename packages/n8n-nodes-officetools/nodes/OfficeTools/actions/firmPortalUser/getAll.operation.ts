import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	emailField,
	filtersCollection,
	returnAllAndLimit,
	updatedSinceFilter,
} from '../../../shared/descriptions';
import { isoTimestamp, z } from '../../../shared/validate';
import { endpoints } from '../../transport';
import { clientIdFilter, isoOrUndefined, listRecords } from '../common';
import { readFilters } from '../../../shared/listRows';

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	filtersCollection([
		clientIdFilter('Only users of this WorkSpace client'),
		emailField('Only the user with this e-mail address (case-insensitive)'),
		{
			displayName: 'Legacy Contact ID',
			name: 'legacyContactId',
			type: 'string',
			default: '',
			placeholder: 'e.g. lc_1001',
			description: 'Only the user synced from this old-portal contact',
		},
		updatedSinceFilter('Only users changed at or after this time (oldest change first)'),
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['firmPortalUser'], operation: ['getAll'] } },
	properties,
);

const filtersSchema = z.object({
	clientId: z.string().trim().optional(),
	email: z.string().trim().optional(),
	legacyContactId: z.string().trim().optional(),
	updatedSince: isoTimestamp.optional().or(z.literal('')),
});

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const filters = readFilters(this, filtersSchema, itemIndex);
	const query = {
		client_id: filters.clientId || undefined,
		email: filters.email || undefined,
		legacy_contact_id: filters.legacyContactId || undefined,
		updated_since: isoOrUndefined(filters.updatedSince),
	};
	const users = await listRecords.call(this, endpoints.portalUsers(), query, itemIndex);
	return users.map((json) => ({ json }));
}
