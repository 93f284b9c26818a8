import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { emailField, returnAllAndLimit } from '../../../shared/descriptions';
import { z } from '../../../shared/validate';
import { endpoints } from '../../transport';
import {
	listRecords,
	namedRecordFilterShape,
	namedRecordFilters,
	namedRecordQuery,
} from '../common';
import { readFilters } from '../../../shared/listRows';

const filtersSchema = z.object({ email: z.string().optional(), ...namedRecordFilterShape });

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	namedRecordFilters(
		'contact',
		emailField('Only contacts with this email address (any letter case)'),
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['getAll'] } },
	properties,
);

/** Contacts in list order, or oldest change first with Updated Since; filters left empty are not sent. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const filters = readFilters(this, filtersSchema, itemIndex);
	const query = { email: filters.email?.trim() || undefined, ...namedRecordQuery(filters) };
	const contacts = await listRecords.call(this, itemIndex, endpoints.contacts(), query);
	return contacts.map((json) => ({ json }));
}
