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
	{
		displayName: 'Include Hidden Contacts',
		name: 'includeHidden',
		type: 'boolean',
		default: false,
		description:
			'Whether to include contacts hidden on the old portal. Sync Contact leaves them out, so they are left out here unless asked.',
	},
	filtersCollection([
		clientIdFilter('Only contacts of this WorkSpace client'),
		emailField('Only contacts with this e-mail address (case-insensitive)'),
		{
			displayName: 'Synced to Firm Portal',
			name: 'migrated',
			type: 'boolean',
			default: false,
			description:
				'Whether to return only contacts that already have a Firm Portal user (on) or only those not yet synced (off)',
		},
		updatedSinceFilter('Only contacts changed at or after this time (oldest change first)'),
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['legacyContact'], operation: ['getAll'] } },
	properties,
);

const filtersSchema = z.object({
	clientId: z.string().trim().optional(),
	email: z.string().trim().optional(),
	migrated: z.boolean().optional(),
	updatedSince: isoTimestamp.optional().or(z.literal('')),
});

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const includeHidden = this.getNodeParameter('includeHidden', itemIndex, false) as boolean;
	const filters = readFilters(this, filtersSchema, itemIndex);
	const query = {
		hidden: includeHidden ? undefined : 'false',
		client_id: filters.clientId || undefined,
		email: filters.email || undefined,
		migrated: filters.migrated === undefined ? undefined : String(filters.migrated),
		updated_since: isoOrUndefined(filters.updatedSince),
	};
	const contacts = await listRecords.call(this, endpoints.legacyContacts(), query, itemIndex);
	return contacts.map((json) => ({ json }));
}
