import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	filtersCollection,
	listOptionsField,
	readLimit,
	returnAllAndLimit,
} from '../../../shared/descriptions';
import { listRows } from '../../../shared/listRows';
import { casePeerList, endpoints } from '../../transport';

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	filtersCollection([
		{
			displayName: 'Active',
			name: 'active',
			type: 'boolean',
			default: true,
			description: 'Whether to return only active stages (on) or only inactive ones (off)',
		},
		listOptionsField(
			'Practice Area',
			'practiceArea',
			'getPracticeAreas',
			'Only stages of this practice area (and those for all areas)',
		),
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['stage'], operation: ['getAll'] } },
	properties,
);

/** CASEpeer's stages in their configured order; Case Status stage mappings match these names exactly. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const limit = readLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const active = typeof filters.active === 'boolean' ? String(filters.active) : undefined;
	const practiceArea = (filters.practiceArea as string) || undefined;
	return await listRows(
		this,
		casePeerList,
		endpoints.stages(),
		{ active, practice_area: practiceArea },
		{ limit, itemIndex },
	);
}
