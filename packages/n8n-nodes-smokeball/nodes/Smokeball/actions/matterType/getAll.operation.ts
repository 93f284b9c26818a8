import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filtersCollection, readLimit, returnAllAndLimit } from '../../../shared/descriptions';
import { simplifyMatterType } from '../../mapping';
import { endpoints, smokeballList } from '../../transport';
import { readSimplify, simplifyProperty } from '../common';

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	filtersCollection([
		{
			displayName: 'Category',
			name: 'category',
			type: 'string',
			default: '',
			placeholder: 'e.g. Conveyancing',
		},
		{
			displayName: 'Include Deleted',
			name: 'includeDeleted',
			type: 'boolean',
			default: false,
			description: 'Whether to include matter types the firm deleted',
		},
		{
			displayName: 'Kind',
			name: 'kind',
			type: 'options',
			options: [
				{ name: 'Matter Types', value: 0 },
				{ name: 'Lead Types', value: 1 },
			],
			default: 0,
			description: 'Matters and leads use different matter types',
		},
		{
			displayName: 'Location',
			name: 'location',
			type: 'string',
			default: '',
			placeholder: 'e.g. ENG',
			description: 'The state or location code, e.g. IL (US), NSW (AU), ENG (UK)',
		},
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			placeholder: 'e.g. Conveyancing - Purchase',
			description: 'Matter types whose name contains this text',
		},
	]),
	simplifyProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['matterType'], operation: ['getAll'] } },
	properties,
);

const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() ? value.trim() : undefined;

/** GET /mattertypes with Smokeball's own filters (Name is a partial match there). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const limit = readLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const simplify = readSimplify(this, itemIndex);
	const query = {
		Name: text(filters.name),
		Category: text(filters.category),
		Location: text(filters.location),
		Type: filters.kind === 0 || filters.kind === 1 ? filters.kind : undefined,
	};
	const keep = (t: IDataObject) => filters.includeDeleted === true || t.isDeleted !== true;
	const types: IDataObject[] = [];
	for await (const t of smokeballList<IDataObject>(this, endpoints.matterTypes(), query, {
		itemIndex,
	})) {
		if (!keep(t)) continue;
		types.push(t);
		if (limit !== undefined && types.length >= limit) break;
	}
	return types.map((t) => ({ json: simplify ? simplifyMatterType(t) : t }));
}
