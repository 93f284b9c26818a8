import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filtersCollection, readLimit, returnAllAndLimit } from '../../../shared/descriptions';
import { collect } from '../../../shared/paging';
import { endpoints, smokeballList } from '../../transport';

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	filtersCollection([
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			placeholder: 'e.g. Completion Details',
			description: 'Only the design with this name (case and spaces ignored)',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['layout'], operation: ['getAllDesigns'] } },
	properties,
);

const norm = (v: unknown) =>
	String(v ?? '')
		.toLowerCase()
		.replace(/\s+/g, '');

/** The layout designs the firm has defined (GET /layouts). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const limit = readLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const name = norm(filters.name);
	// A name filter is applied here (the API has none), so every page is read before the limit.
	const designs = await collect(
		smokeballList<IDataObject>(
			this,
			endpoints.layoutDesigns(),
			{},
			{
				limit: name ? undefined : limit,
				itemIndex,
			},
		),
		name ? undefined : limit,
	);
	const kept = designs.filter((d) => !name || norm(d.name) === name);
	return (limit === undefined ? kept : kept.slice(0, limit)).map((d) => ({
		json: {
			id: d.id ?? null,
			name: d.name ?? null,
			versionId: d.versionId ?? null,
			lastUpdated: d.lastUpdated ?? null,
		},
	}));
}
