import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { z } from '../../../shared/validate';
import { simplifyFee } from '../../mapping';
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
	subjectProperty('fee', 'e.g. Legal fee: purchase'),
	{
		displayName: 'Fee Date',
		name: 'feeDate',
		type: 'dateTime',
		required: true,
		default: '',
	},
	{
		displayName: 'Fee Type',
		name: 'feeType',
		type: 'options',
		options: [
			{ name: 'Fixed', value: 0, description: 'A fixed amount (the rate)' },
			{ name: 'Time', value: 1, description: 'Duration × hourly rate' },
		],
		default: 0,
	},
	{
		displayName: 'Rate',
		name: 'rate',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		description: 'For a fixed fee the amount; for a time fee the hourly rate',
	},
	{
		displayName: 'Duration (Minutes)',
		name: 'duration',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 60,
		description: 'The duration billed',
		displayOptions: { show: { feeType: [1] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Activity Code',
				name: 'activityCode',
				type: 'string',
				default: '',
				placeholder: 'e.g. PRT',
			},
			billableField('Whether the fee is billable (non-billable fees do not show on invoices)'),
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			{
				displayName: 'Duration Worked (Minutes)',
				name: 'durationWorked',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
			},
			staffOption(
				'Staff Member Name or ID',
				'staffId',
				'Who the fee is for; Smokeball matches the calling user when empty',
			),
			taxField,
			{
				displayName: 'Tax Inclusive',
				name: 'taxInclusive',
				type: 'boolean',
				default: false,
				description: 'Whether the amount includes tax (AU and UK only)',
			},
		],
	},
	...createOptions('Fee', 'subject, date, type, rate and duration'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['fee'], operation: ['create'] } },
	properties,
);

/** FeeDto: `feeDate` and `subject` required; feeType 0 = Fixed, 1 = Time (swagger). Time & Fees in Smokeball. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const matterId = readMatterId(this, itemIndex);
	const feeType = Number(this.getNodeParameter('feeType', itemIndex, 0));
	const {
		subject,
		date: feeDate,
		amounts: { Rate: rate, 'Duration (Minutes)': duration },
	} = readEntry(this, itemIndex, {
		what: 'fee',
		date: ['Fee Date', 'feeDate'],
		shape: {
			Rate: z.number({ invalid_type_error: 'is not an amount' }).refine(
				(r) => Number.isFinite(r) && r >= 0,
				(r) => ({ message: `is not an amount: '${r}'` }),
			),
			'Duration (Minutes)': z
				.number({ invalid_type_error: 'must be whole minutes above 0' })
				.refine(
					(d) => feeType !== 1 || (d > 0 && Number.isInteger(d)),
					(d) => ({ message: `must be whole minutes above 0, got '${d}'` }),
				),
		},
		values: () => ({
			Rate: Number(this.getNodeParameter('rate', itemIndex, 0)),
			'Duration (Minutes)':
				feeType === 1 ? Number(this.getNodeParameter('duration', itemIndex, 60)) : 0,
		}),
		fix: { Rate: 'Enter 0 or more.', 'Duration (Minutes)': 'Enter the time billed in minutes.' },
	});
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const simplify = readSimplify(this, itemIndex);

	const body: IDataObject = { subject, feeDate, feeType, rate };
	if (feeType === 1) body.duration = duration;
	addEntryFields(this, itemIndex, extra, body);
	if (typeof extra.durationWorked === 'number' && extra.durationWorked > 0)
		body.durationWorked = extra.durationWorked;
	if (typeof extra.tax === 'number' && extra.tax > 0) body.tax = extra.tax;
	if (typeof extra.taxInclusive === 'boolean') body.taxInclusive = extra.taxInclusive;

	const amounts: Record<string, number> = { feeType, rate };
	if (feeType !== 0) amounts.duration = duration; // a fixed fee has no duration to compare
	return await createUnlessSame(this, itemIndex, 'fee', matterId, body, {
		same: sameEntry(subject, ['feeDate', feeDate], amounts),
		output: (fee) => (simplify ? simplifyFee(fee) : fee),
	});
}
