import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filled, parseInput, z } from '../../../shared/validate';
import { simplifyExpense } from '../../mapping';
import { endpoints } from '../../transport';
import {
	isoDateTime,
	matterLocator,
	optionalGuid,
	readMatterId,
	readSimplify,
	simplifyProperty,
	waitOptions,
} from '../common';
import { createUnlessSame, sameDay, skipIfExistsProperty } from '../lookups';

const properties: INodeProperties[] = [
	matterLocator,
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Land Registry fee',
		description: 'A short description of the cost',
	},
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
			{
				displayName: 'Billable',
				name: 'isBillable',
				type: 'boolean',
				default: true,
				description: 'Whether the cost is billed to the client',
			},
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			{
				displayName: 'Staff Member Name or ID',
				name: 'staffId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getStaff' },
				default: '',
				description:
					'Who the cost is recorded for. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Tax',
				name: 'tax',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 2 },
				default: 0,
				description: 'Tax amount (AU and UK only)',
			},
		],
	},
	skipIfExistsProperty('Expense', 'subject, date, quantity and price'),
	...waitOptions,
	simplifyProperty,
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
	const node = this.getNode();
	const {
		Subject: subject,
		'Expense Date': expenseDate,
		Price: price,
		Quantity: quantity,
	} = parseInput(
		node,
		z.object({
			Subject: filled,
			'Expense Date': z.string({ required_error: 'is empty' }),
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
		}),
		{
			Subject: String(this.getNodeParameter('subject', itemIndex, '')),
			'Expense Date': isoDateTime(
				this,
				itemIndex,
				this.getNodeParameter('expenseDate', itemIndex, ''),
				'Expense Date',
			),
			Price: Number(this.getNodeParameter('price', itemIndex, 0)),
			Quantity: Number(this.getNodeParameter('quantity', itemIndex, 1)),
		},
		itemIndex,
		{
			fix: {
				Subject: 'Enter a short description of the cost.',
				'Expense Date': 'Enter the date of the cost.',
				Price: 'Smokeball limits prices to cents; round the price.',
				Quantity: 'Enter the number of units (1 if not applicable).',
			},
		},
	);
	const costType = this.getNodeParameter('costType', itemIndex, 'Hard') as string;
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const simplify = readSimplify(this, itemIndex);

	const body: IDataObject = { subject, expenseDate, costType, quantity, price };
	const staffId = optionalGuid(this, itemIndex, extra.staffId, 'Staff Member');
	if (staffId) body.staffId = staffId;
	if (typeof extra.description === 'string' && extra.description.trim())
		body.description = extra.description;
	if (typeof extra.activityCode === 'string' && extra.activityCode.trim())
		body.activityCode = extra.activityCode.trim();
	if (typeof extra.isBillable === 'boolean') body.isBillable = extra.isBillable;
	if (typeof extra.tax === 'number' && extra.tax > 0) body.tax = extra.tax;

	return await createUnlessSame(this, itemIndex, {
		matterId,
		collection: endpoints.expenses(matterId),
		record: (id) => endpoints.expense(matterId, id),
		body,
		same: (e) =>
			e.subject === subject &&
			sameDay(e.expenseDate, expenseDate) &&
			Number(e.quantity) === quantity &&
			Number(e.price) === price,
		what: 'expense',
		output: (e) => (simplify ? simplifyExpense(e) : e),
	});
}
