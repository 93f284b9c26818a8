import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	emailField,
	filtersCollection,
	readLimit,
	returnAllAndLimit,
	updatedSinceFilter,
} from '../../../shared/descriptions';
import { collect } from '../../../shared/paging';
import { isoTimestamp, parseInput, z } from '../../../shared/validate';
import { endpoints, officeToolsList } from '../../transport';
import { clientIdFilter, isoOrUndefined } from '../common';

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
	const limit = readLimit(this, itemIndex);
	const filters = parseInput(
		this.getNode(),
		filtersSchema,
		this.getNodeParameter('filters', itemIndex, {}),
		itemIndex,
		{ field: 'Filters' },
	);
	const query = {
		client_id: filters.clientId || undefined,
		email: filters.email || undefined,
		legacy_contact_id: filters.legacyContactId || undefined,
		updated_since: isoOrUndefined(filters.updatedSince),
	};
	const users = await collect(
		officeToolsList<IDataObject>(this, endpoints.portalUsers(), query, { limit, itemIndex }),
		limit,
	);
	return users.map((json) => ({ json }));
}
