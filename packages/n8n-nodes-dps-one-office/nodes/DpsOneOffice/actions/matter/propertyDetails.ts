import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { tenureField } from './fields';

import type { PropertyInput } from '../../mapping';
import { clean } from '../../mapping';

/** Matter › Create's Properties rows (Import Case takes its own, importRows.ts). */
export const propertyDetailsProperty: INodeProperties = {
	displayName: 'Properties',
	name: 'propertyDetails',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Property',
	default: {},
	description: 'Case properties; leave out any the case has wrong',
	options: [
		{
			name: 'property',
			displayName: 'Property',
			values: [
				{ displayName: 'Address Line 1', name: 'line1', type: 'string', default: '' },
				{ displayName: 'Address Line 2', name: 'line2', type: 'string', default: '' },
				{
					displayName: 'Country',
					name: 'country',
					type: 'string',
					default: 'GB',
					description: 'Two-letter country code',
				},
				{ displayName: 'County', name: 'county', type: 'string', default: '' },
				{
					displayName: 'Currency',
					name: 'currency',
					type: 'string',
					default: 'GBP',
				},
				{ displayName: 'Postcode', name: 'postcode', type: 'string', default: '' },
				{
					displayName: 'Price',
					name: 'price',
					type: 'string',
					default: '',
					placeholder: 'e.g. 250000.00',
					description: 'Leave empty when not known',
				},
				tenureField,
				{ displayName: 'Town', name: 'town', type: 'string', default: '' },
			],
		},
	],
};

/** The Properties rows of an item → checkMatter's property input. */
export function readPropertyDetails(ctx: IExecuteFunctions, itemIndex: number): PropertyInput[] {
	const rows = ctx.getNodeParameter('propertyDetails.property', itemIndex, []) as IDataObject[];
	return rows.map((p) => ({
		address: {
			line1: clean(p.line1),
			line2: clean(p.line2),
			town: clean(p.town),
			county: clean(p.county),
			postcode: clean(p.postcode),
			country: clean(p.country),
		},
		tenure: clean(p.tenure),
		price: p.price as string | number | undefined,
		currency: clean(p.currency),
	}));
}
