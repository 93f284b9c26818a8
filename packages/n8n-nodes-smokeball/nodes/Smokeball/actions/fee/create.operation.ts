import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filled, parseInput, z } from '../../../shared/validate';
import { simplifyFee } from '../../mapping';
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
		placeholder: 'e.g. Legal fee: purchase',
		description: 'A short description of the fee',
	},
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
			{
				displayName: 'Billable',
				name: 'isBillable',
				type: 'boolean',
				default: true,
				description: 'Whether the fee is billable (non-billable fees do not show on invoices)',
			},
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			{
				displayName: 'Duration Worked (Minutes)',
				name: 'durationWorked',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
			},
			{
				displayName: 'Staff Member Name or ID',
				name: 'staffId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getStaff' },
				default: '',
				description:
					'Who the fee is for; Smokeball matches the calling user when empty. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Tax',
				name: 'tax',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 2 },
				default: 0,
				description: 'Tax amount (AU and UK only)',
			},
			{
				displayName: 'Tax Inclusive',
				name: 'taxInclusive',
				type: 'boolean',
				default: false,
				description: 'Whether the amount includes tax (AU and UK only)',
			},
		],
	},
	skipIfExistsProperty('Fee', 'subject, date, type, rate and duration'),
	...waitOptions,
	simplifyProperty,
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
	const node = this.getNode();
	const feeType = Number(this.getNodeParameter('feeType', itemIndex, 0));
	const {
		Subject: subject,
		'Fee Date': feeDate,
		Rate: rate,
		'Duration (Minutes)': duration,
	} = parseInput(
		node,
		z.object({
			Subject: filled,
			'Fee Date': z.string({ required_error: 'is empty' }),
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
		}),
		{
			Subject: String(this.getNodeParameter('subject', itemIndex, '')),
			'Fee Date': isoDateTime(
				this,
				itemIndex,
				this.getNodeParameter('feeDate', itemIndex, ''),
				'Fee Date',
			),
			Rate: Number(this.getNodeParameter('rate', itemIndex, 0)),
			'Duration (Minutes)':
				feeType === 1 ? Number(this.getNodeParameter('duration', itemIndex, 60)) : 0,
		},
		itemIndex,
		{
			fix: {
				Subject: 'Enter a short description of the fee.',
				'Fee Date': 'Enter the date of the fee.',
				Rate: 'Enter 0 or more.',
				'Duration (Minutes)': 'Enter the time billed in minutes.',
			},
		},
	);
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const simplify = readSimplify(this, itemIndex);

	const body: IDataObject = { subject, feeDate, feeType, rate };
	if (feeType === 1) body.duration = duration;
	const staffId = optionalGuid(this, itemIndex, extra.staffId, 'Staff Member');
	if (staffId) body.staffId = staffId;
	if (typeof extra.description === 'string' && extra.description.trim())
		body.description = extra.description;
	if (typeof extra.activityCode === 'string' && extra.activityCode.trim())
		body.activityCode = extra.activityCode.trim();
	if (typeof extra.isBillable === 'boolean') body.isBillable = extra.isBillable;
	if (typeof extra.durationWorked === 'number' && extra.durationWorked > 0)
		body.durationWorked = extra.durationWorked;
	if (typeof extra.tax === 'number' && extra.tax > 0) body.tax = extra.tax;
	if (typeof extra.taxInclusive === 'boolean') body.taxInclusive = extra.taxInclusive;

	return await createUnlessSame(this, itemIndex, {
		matterId,
		collection: endpoints.fees(matterId),
		record: (id) => endpoints.fee(matterId, id),
		body,
		same: (f) =>
			f.subject === subject &&
			sameDay(f.feeDate, feeDate) &&
			Number(f.feeType) === feeType &&
			Number(f.rate) === rate &&
			(feeType === 0 || Number(f.duration) === duration),
		what: 'fee',
		output: (fee) => (simplify ? simplifyFee(fee) : fee),
	});
}
