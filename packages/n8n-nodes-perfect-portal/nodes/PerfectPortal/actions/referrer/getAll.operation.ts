import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../shared/descriptions';
import { z } from '../../../shared/validate';
import { endpoints } from '../../transport';
import {
	listRecords,
	namedRecordFilterShape,
	namedRecordFilters,
	namedRecordQuery,
} from '../common';
import { readFilters } from '../../../shared/listRows';

const filtersSchema = z.object({ active: z.boolean().optional(), ...namedRecordFilterShape });

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	namedRecordFilters('referrer', {
		displayName: 'Active',
		name: 'active',
		type: 'boolean',
		default: true,
		description: 'Whether to return only active referrers (on) or only inactive ones (off)',
	}),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['referrer'], operation: ['getAll'] } },
	properties,
);

/** Referrers (estate agents, brokers, introducers); Active is sent as "true" / "false" when set. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const { active, ...filters } = readFilters(this, filtersSchema, itemIndex);
	const query = {
		active: active === undefined ? undefined : String(active),
		...namedRecordQuery(filters),
	};
	const referrers = await listRecords.call(this, itemIndex, endpoints.referrers(), query);
	return referrers.map((json) => ({ json }));
}
