import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readRequired } from '../../../shared/validate';
import { refuseField } from '../../../shared/problems';
import { endpoints, smokeballApi } from '../../transport';
import { readGuid } from '../common';

/** A layout design (Layout Designs in the swagger): a form the firm defines, with named fields. */
export const designProperty: INodeProperties = {
	displayName: 'Layout Design Name or ID',
	name: 'layoutDesign',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getLayoutDesigns' },
	required: true,
	default: '',
	description:
		'The layout the firm defined in Smokeball, e.g. Completion Details. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const itemIdProperty: INodeProperties = {
	displayName: 'Layout Item ID',
	name: 'itemId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 59791902-6280-471b-bd18-f8439ba3042f',
	description: 'The layout on the matter (its itemId), e.g. from Layout › Get Many',
};

/** Values by field name; a field left empty is not written. */
export const valuesProperty: INodeProperties = {
	displayName: 'Fields',
	name: 'fields',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Field',
	default: {},
	description:
		"Values for the layout's fields, by field name. A field left empty is not written; a name the design does not have is refused.",
	options: [
		{
			displayName: 'Field',
			name: 'field',
			values: [
				{
					displayName: 'Field Name or ID',
					name: 'key',
					type: 'options',
					typeOptions: {
						loadOptionsMethod: 'getLayoutFields',
						loadOptionsDependsOn: ['layoutDesign', 'itemId'],
					},
					default: '',
					description:
						'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
				},
			],
		},
	],
};

export interface LayoutValue {
	key: string;
	value: string;
}

export const readItemId = (ctx: IExecuteFunctions, itemIndex: number): string =>
	readGuid(
		ctx,
		itemIndex,
		'itemId',
		'Layout Item ID',
		'Enter the layout item ID, e.g. {{ $json.id }} from Layout › Get Many.',
	);

export function readDesignId(ctx: IExecuteFunctions, itemIndex: number): string {
	return readRequired(
		ctx,
		'layoutDesign',
		'Layout Design',
		itemIndex,
		'Pick the layout design from the list, or give its ID from Layout › Get Many Designs.',
	);
}

/** The Fields parameter as { key, value } pairs, empty values left out; each name appears once. */
export function readValues(ctx: IExecuteFunctions, itemIndex: number): LayoutValue[] {
	const raw = ctx.getNodeParameter('fields.field', itemIndex, []) as IDataObject[];
	const out: LayoutValue[] = [];
	for (const row of raw) {
		const key = String(row.key ?? '').trim();
		const value = row.value === null || row.value === undefined ? '' : String(row.value);
		if (!value.trim()) continue;
		if (!key)
			refuseField(ctx, itemIndex, 'Smokeball', {
				field: 'Fields › Field Name',
				code: 'empty',
				message: `is empty for the value '${value}'`,
				fix: 'Pick the field from the list or enter its name.',
			});
		const at = out.findIndex((v) => v.key === key);
		if (at >= 0) out[at] = { key, value };
		else out.push({ key, value });
	}
	return out;
}

export const otherFieldsProperty: INodeProperties = {
	displayName: 'Fields Not in the Design',
	name: 'otherFields',
	type: 'options',
	default: 'refuse',
	options: [
		{
			name: 'Refuse the Item',
			value: 'refuse',
			description: 'A name the design does not have is an error naming it',
		},
		{
			name: 'Leave Them Out',
			value: 'skip',
			description:
				'Write the fields the design has and list the others in the output (a template mapping fields by name to any firm’s layout)',
		},
	],
};

/**
 * The values whose name is a field of the design. A name it lacks is refused (naming it and listing the design's
 * fields) unless "Fields Not in the Design" is "Leave Them Out"; `skipped` lists those left out.
 */
export function checkFieldNames(
	ctx: IExecuteFunctions,
	itemIndex: number,
	design: IDataObject,
	values: LayoutValue[],
): { values: LayoutValue[]; skipped: string[] } {
	const names = ((design.fields as IDataObject[] | undefined) ?? []).map((f) => String(f.name));
	const skip = ctx.getNodeParameter('otherFields', itemIndex, 'refuse') === 'skip';
	const skipped = values.filter((v) => !names.includes(v.key)).map((v) => v.key);
	for (const v of values) {
		if (!names.includes(v.key) && !skip) {
			refuseField(ctx, itemIndex, 'Smokeball', {
				field: `Fields › ${v.key}`,
				code: 'unknown_field',
				message: `is not a field of the layout design '${String(design.name ?? design.id)}'`,
				fix: `Use one of its fields: ${names.join(', ') || '(it has none)'}.`,
			});
		}
	}
	return { values: values.filter((v) => names.includes(v.key)), skipped };
}

export async function getDesign(
	ctx: IExecuteFunctions,
	designId: string,
	itemIndex: number,
): Promise<IDataObject> {
	return await smokeballApi<IDataObject>(ctx, 'GET', endpoints.layoutDesign(designId), {
		itemIndex,
	});
}

/** The values of `wanted` that the item does not already hold (compared as text, trimmed). */
export function changedValues(item: IDataObject, wanted: LayoutValue[]): LayoutValue[] {
	const current = new Map(
		((item.values as IDataObject[] | undefined) ?? []).map((v) => [
			String(v.key),
			String(v.value ?? '').trim(),
		]),
	);
	return wanted.filter((v) => current.get(v.key) !== v.value.trim());
}

/** The design id a layout matter item was made from (its layoutDesign link). */
export const designIdOf = (item: IDataObject): string | undefined => {
	const link = item.layoutDesign as IDataObject | undefined;
	return link?.id ? String(link.id) : undefined;
};

/** Key fields of a layout matter item, its values as an object by field name. */
export function simplifyLayoutItem(item: IDataObject, matterId: string): IDataObject {
	const values: IDataObject = {};
	for (const v of (item.values as IDataObject[] | undefined) ?? [])
		values[String(v.key)] = v.value ?? null;
	return {
		id: item.itemId ?? item.id ?? null,
		matterId,
		layoutDesignId: designIdOf(item) ?? null,
		name: item.name ?? null,
		index: item.index ?? null,
		values,
	};
}
