import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	matterLocator,
	readMatterId,
	readSimplify,
	simplifyProperty,
	waitOptions,
} from '../common';
import {
	changedValues,
	checkFieldNames,
	designIdOf,
	getDesign,
	itemIdProperty,
	otherFieldsProperty,
	readItemId,
	readValues,
	simplifyLayoutItem,
	valuesProperty,
} from './fields';
import { getItem, writeValues } from './write';

const properties: INodeProperties[] = [
	matterLocator,
	itemIdProperty,
	valuesProperty,
	otherFieldsProperty,
	...waitOptions,
	simplifyProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['layout'], operation: ['update'] } },
	properties,
);

/** Merges the values that differ into a layout on a matter; nothing is sent when none differ. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const matterId = readMatterId(this, itemIndex);
	const itemId = readItemId(this, itemIndex);
	const simplify = readSimplify(this, itemIndex);
	const item = await getItem(this, matterId, itemId, itemIndex);
	const designId = designIdOf(item);
	let values = readValues(this, itemIndex);
	let skipped: string[] = [];
	if (designId)
		({ values, skipped } = checkFieldNames(
			this,
			itemIndex,
			await getDesign(this, designId, itemIndex),
			values,
		));
	const out = (record: IDataObject, extra: IDataObject): INodeExecutionData[] => [
		{
			json: {
				...(simplify ? simplifyLayoutItem(record, matterId) : record),
				...(skipped.length ? { skipped } : {}),
				...extra,
			},
		},
	];
	const changes = changedValues(item, values);
	if (!changes.length) return out(item, { updated: false });
	const written = await writeValues(this, itemIndex, matterId, itemId, changes);
	return out(written, { updated: true, changed: changes.map((c) => c.key) });
}
