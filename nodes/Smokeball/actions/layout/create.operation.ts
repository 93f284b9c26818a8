import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { refuseField } from '../../../shared/problems';
import type { Link } from '../../transport';
import { endpoints, smokeballApi, waitUntilReadable } from '../../transport';
import {
	matterLocator,
	readMatterId,
	readSimplify,
	readWait,
	simplifyProperty,
	waitOptions,
} from '../common';
import {
	changedValues,
	checkFieldNames,
	designIdOf,
	designProperty,
	getDesign,
	otherFieldsProperty,
	readDesignId,
	readValues,
	simplifyLayoutItem,
	valuesProperty,
} from './fields';
import { listItems, writeValues } from './write';

const properties: INodeProperties[] = [
	matterLocator,
	designProperty,
	valuesProperty,
	otherFieldsProperty,
	{
		displayName: 'If the Design Is Already on the Matter',
		name: 'ifExists',
		type: 'options',
		default: 'update',
		options: [
			{
				name: 'Update It',
				value: 'update',
				description:
					'Write the values that differ into the existing layout; nothing when all are the same (re-runs write nothing)',
			},
			{
				name: 'Leave It',
				value: 'skip',
				description: 'Return the existing layout unchanged',
			},
			{
				name: 'Add Another',
				value: 'add',
				description: 'Add a second layout of this design (e.g. a second property)',
			},
		],
	},
	...waitOptions,
	simplifyProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['layout'], operation: ['create'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const matterId = readMatterId(this, itemIndex);
	const designId = readDesignId(this, itemIndex);
	const ifExists = this.getNodeParameter('ifExists', itemIndex, 'update') as string;
	const simplify = readSimplify(this, itemIndex);
	const design = await getDesign(this, designId, itemIndex);
	const { values, skipped } = checkFieldNames(this, itemIndex, design, readValues(this, itemIndex));
	const output = (item: IDataObject, extra: IDataObject): INodeExecutionData[] => [
		{
			json: {
				...(simplify ? simplifyLayoutItem(item, matterId) : item),
				designName: design.name ?? null,
				...(skipped.length ? { skipped } : {}),
				...extra,
			},
		},
	];

	if (ifExists !== 'add') {
		const existing = (await listItems(this, matterId, itemIndex)).find(
			(i) => designIdOf(i) === designId,
		);
		if (existing) {
			if (ifExists === 'skip') return output(existing, { created: false, updated: false });
			const itemId = String(existing.itemId ?? existing.id);
			const changes = changedValues(existing, values);
			if (!changes.length) return output(existing, { created: false, updated: false });
			const written = await writeValues(this, itemIndex, matterId, itemId, changes);
			return output(written, { created: false, updated: true, changed: changes.map((c) => c.key) });
		}
	}

	if (!values.length)
		refuseField(this, itemIndex, 'Smokeball', {
			field: 'Fields',
			code: 'no_value',
			message: skipped.length
				? `has no field of the design '${String(design.name)}'`
				: 'has no value to write',
			fix: skipped.length
				? `Its fields are: ${((design.fields as IDataObject[] | undefined) ?? []).map((f) => String(f.name)).join(', ')}.`
				: 'Give at least one field a value.',
		});
	const body: IDataObject = { layoutDesignId: designId, values };
	const link = await smokeballApi<Link>(this, 'POST', endpoints.layoutItems(matterId), {
		body,
		itemIndex,
	});
	const { wait, timeoutMs } = readWait(this, itemIndex);
	if (!wait || !link?.id)
		return output(
			{
				itemId: link?.id ?? null,
				href: link?.href ?? null,
				layoutDesign: { id: designId },
				values,
			},
			{ accepted: true, created: true, updated: false },
		);
	const item = await waitUntilReadable(this, endpoints.layoutItem(matterId, link.id), {
		itemIndex,
		timeoutMs,
		what: 'layout',
	});
	return output(item, { created: true, updated: false });
}
