import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { refuseField } from '../../../shared/problems';
import { optionsCollection, readOptions } from '../../../shared/options';
import { parseInput, z } from '../../../shared/validate';
import { endpoints, ppApi } from '../../transport';
import { caseLocator, readCaseId } from '../common';

const WRITABLE = [
	'status',
	'exchange_date',
	'completion_date',
	'completion_time',
	'purchase_price',
	'deposit_amount',
	'mortgage_advance',
	'lender_name',
	'notes',
] as const;

const moneyField = (displayName: string, name: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder: 'e.g. 250000.00',
	description: 'Amount in the case currency (GBP), e.g. 250000 or 250000.00. Empty clears it.',
});

const properties: INodeProperties[] = [
	caseLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Completion Date',
				name: 'completionDate',
				type: 'dateTime',
				default: '',
				description: 'Not before the exchange date. Empty clears it.',
			},
			{
				displayName: 'Completion Time',
				name: 'completionTime',
				type: 'string',
				default: '',
				placeholder: 'e.g. 12:30',
				description: 'UK local time, 24-hour HH:MM. Empty clears it.',
			},
			moneyField('Deposit Amount', 'depositAmount'),
			{
				displayName: 'Exchange Date',
				name: 'exchangeDate',
				type: 'dateTime',
				default: '',
				description: 'Empty clears it',
			},
			{
				displayName: 'Lender Name',
				name: 'lenderName',
				type: 'string',
				default: '',
				description: 'At most 200 characters. Empty clears it.',
			},
			moneyField('Mortgage Advance', 'mortgageAdvance'),
			{
				displayName: 'Notes',
				name: 'notes',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				description: 'At most 2,000 characters. Empty clears them.',
			},
			moneyField('Purchase Price', 'purchasePrice'),
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Pending', value: 'pending' },
					{ name: 'Exchanged', value: 'exchanged', description: 'Needs an exchange date' },
					{ name: 'Completed', value: 'completed', description: 'Needs a completion date' },
				],
				default: 'pending',
			},
		],
	},
	optionsCollection([
		{
			displayName: 'Clear Fields Not Given',
			name: 'replaceAll',
			type: 'boolean',
			default: false,
			description:
				'Whether to empty every completion field not set above (Perfect Portal replaces all of them). Off: the current values are read first and kept.',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['completion'], operation: ['update'] } },
	properties,
);

const blankToNull = (v: unknown) => (v === '' || v === undefined ? null : v);
const dateOnly = z.preprocess(
	(v) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : blankToNull(v)),
	z
		.string()
		.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2025-06-30')
		.nullable(),
);
const money = z.preprocess(
	(v) => (typeof v === 'number' ? String(v) : blankToNull(typeof v === 'string' ? v.trim() : v)),
	z
		.string()
		.regex(/^\d{1,12}(\.\d{1,2})?$/, 'must be an amount ≥ 0 such as 250000 or 250000.00')
		.transform((v) => Number(v).toFixed(2))
		.nullable(),
);
const fieldsSchema = z
	.object({
		status: z.enum(['pending', 'exchanged', 'completed']),
		exchangeDate: dateOnly,
		completionDate: dateOnly,
		completionTime: z.preprocess(
			(v) => blankToNull(typeof v === 'string' ? v.trim() : v),
			z
				.string()
				.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time such as 12:30')
				.nullable(),
		),
		purchasePrice: money,
		depositAmount: money,
		mortgageAdvance: money,
		lenderName: z.preprocess(
			blankToNull,
			z.string().max(200, 'is longer than 200 characters').nullable(),
		),
		notes: z.preprocess(
			blankToNull,
			z.string().max(2000, 'is longer than 2,000 characters').nullable(),
		),
	})
	.partial();

const TO_API: Record<string, (typeof WRITABLE)[number]> = {
	status: 'status',
	exchangeDate: 'exchange_date',
	completionDate: 'completion_date',
	completionTime: 'completion_time',
	purchasePrice: 'purchase_price',
	depositAmount: 'deposit_amount',
	mortgageAdvance: 'mortgage_advance',
	lenderName: 'lender_name',
	notes: 'notes',
};
const TO_LABEL: Record<string, string> = {
	exchange_date: 'Exchange Date',
	completion_date: 'Completion Date',
};

/**
 * Records exchange and completion details. Perfect Portal's PUT replaces every field, so by default the current
 * details are read first and only the fields given change; the status/date rules are checked before the write.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const caseId = readCaseId.call(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const options = readOptions(this, properties, itemIndex);
	const input = parseInput(this.getNode(), fieldsSchema, fields, itemIndex, {
		field: 'Update Fields',
	});
	const given: IDataObject = {};
	for (const [key, value] of Object.entries(input)) {
		if (value !== undefined && TO_API[key]) given[TO_API[key]] = value as string | null;
	}
	if (!Object.keys(given).length && options.replaceAll !== true) {
		refuseField(this, itemIndex, 'Perfect Portal', {
			field: 'Update Fields',
			code: 'empty',
			message: 'is empty',
			fix: 'Add at least one completion field to change, or turn on "Clear Fields Not Given" to empty them all.',
		});
	}
	let base: IDataObject = {};
	if (options.replaceAll !== true) {
		base = await ppApi<IDataObject>(this, 'GET', endpoints.completion(caseId), { itemIndex });
	}
	const body: IDataObject = {};
	for (const key of WRITABLE) body[key] = key in given ? given[key] : (base[key] ?? null);
	if (!body.status) body.status = 'pending';

	const missing =
		(body.status === 'exchanged' && !body.exchange_date && 'exchange_date') ||
		(body.status === 'completed' && !body.completion_date && 'completion_date') ||
		null;
	if (missing) {
		refuseField(this, itemIndex, 'Perfect Portal', {
			field: TO_LABEL[missing],
			code: 'empty',
			message: `is empty, but status '${String(body.status)}' needs it`,
			fix: `Add ${TO_LABEL[missing]} under Update Fields, or choose another status.`,
		});
	}
	if (
		body.exchange_date &&
		body.completion_date &&
		String(body.completion_date) < String(body.exchange_date)
	) {
		refuseField(this, itemIndex, 'Perfect Portal', {
			field: 'Completion Date',
			code: 'bad_range',
			message: `(${String(body.completion_date)}) is before the exchange date (${String(body.exchange_date)})`,
			fix: 'Completion cannot come before exchange. Correct either date.',
		});
	}
	const saved = await ppApi<IDataObject>(this, 'PUT', endpoints.completion(caseId), {
		body,
		itemIndex,
	});
	return [{ json: { case_id: caseId, ...saved } }];
}
