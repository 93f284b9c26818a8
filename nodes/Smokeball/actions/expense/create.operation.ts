import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { z } from '../../../shared/validate';
import { simplifyExpense } from '../../mapping';
import { matterLocator, readMatterId, readSimplify } from '../common';
import {
	addEntryFields,
	billableField,
	createOptions,
	createUnlessSame,
	readEntry,
	sameEntry,
	subjectProperty,
	taxField,
} from '../lookups';
import { staffOption } from '../matter/fields';

const properties: INodeProperties[] = [
	matterLocator,
	subjectProperty('cost', 'e.g. Land Registry fee'),
	{
		displayName: 'Expense Date',
		name: 'expenseDate',
		type: 'dateTime',
		required: true,
		default: '',
	},
	{
		displayName: 'Price',
		name: 'price',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		description: 'Price per unit, at most 2 decimal places; the amount is quantity × price',
	},
	{
		displayName: 'Quantity',
		name: 'quantity',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 1,
	},
	{
		displayName: 'Cost Type',
		name: 'costType',
		type: 'options',
		options: [
			{
				name: 'Hard',
				value: 'Hard',
				description: 'A direct cost, e.g. search fees, travel, materials',
			},
			{ name: 'Soft', value: 'Soft', description: 'An indirect cost, e.g. photocopying, postage' },
		],
		default: 'Hard',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Activity Code', name: 'activityCode', type: 'string', default: '' },
			billableField('Whether the cost is billed to the client'),
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			staffOption('Staff Member Name or ID', 'staffId', 'Who the cost is recorded for'),
			taxField,
		],
	},
	...createOptions('Expense', 'subject, date, quantity and price'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['expense'], operation: ['create'] } },
	properties,
);

/**
 * ExpenseDto (Cost Recoveries in Smokeball; Perfect Portal's disbursements map here:
 * docs/api/perfect-portal.md#get-fee-scale).
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const matterId = readMatterId(this, itemIndex);
	const {
		subject,
		date: expenseDate,
		amounts: { Price: price, Quantity: quantity },
	} = readEntry(this, itemIndex, {
		what: 'cost',
		date: ['Expense Date', 'expenseDate'],
		shape: {
			Price: z
				.number({ invalid_type_error: 'must be an amount with at most 2 decimal places' })
				.refine(
					(p) =>
						Number.isFinite(p) && p >= 0 && Math.round(p * 100) === Math.round(p * 100 * 1e6) / 1e6,
					(p) => ({ message: `must be an amount with at most 2 decimal places, got '${p}'` }),
				),
			Quantity: z.number({ invalid_type_error: 'must be 0 or more' }).refine(
				(q) => Number.isFinite(q) && q >= 0,
				(q) => ({ message: `must be 0 or more, got '${q}'` }),
			),
		},
		values: () => ({
			Price: Number(this.getNodeParameter('price', itemIndex, 0)),
			Quantity: Number(this.getNodeParameter('quantity', itemIndex, 1)),
		}),
		fix: {
			Price: 'Smokeball limits prices to cents; round the price.',
			Quantity: 'Enter the number of units (1 if not applicable).',
		},
	});
	const costType = this.getNodeParameter('costType', itemIndex, 'Hard') as string;
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const simplify = readSimplify(this, itemIndex);

	const body: IDataObject = { subject, expenseDate, costType, quantity, price };
	addEntryFields(this, itemIndex, extra, body);
	if (typeof extra.tax === 'number' && extra.tax > 0) body.tax = extra.tax;

	return await createUnlessSame(this, itemIndex, 'expense', matterId, body, {
		same: sameEntry(subject, ['expenseDate', expenseDate], { quantity, price }),
		output: (e) => (simplify ? simplifyExpense(e) : e),
	});
}
