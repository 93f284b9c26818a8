import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { refuseField } from '../../../shared/problems';
import { optionsCollection, readOptions } from '../../../shared/options';
import { clock } from '../../../shared/clock';
import {
	filtersCollection,
	returnAllAndLimit,
	updatedSinceFilter,
} from '../../../shared/descriptions';
import { isoTimestamp, parseInput, z } from '../../../shared/validate';
import { formatCase } from '../../mapping';
import { endpoints, ppRequest } from '../../transport';
import {
	CASE_MANAGEMENT_TARGETS,
	caseOutputOption,
	isoOrUndefined,
	listRecords,
	readCaseOutput,
} from '../common';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const properties: INodeProperties[] = [
	{
		displayName: 'Cases Created',
		name: 'timeFrame',
		type: 'options',
		default: 'week',
		description:
			'Which cases to download by when they were created, like "Cases within the last" in DPS One Office',
		options: [
			{ name: 'Any Time', value: 'any', description: 'Every case, however old' },
			{ name: 'Since a Date', value: 'since', description: 'Created at or after a date and time' },
			{
				name: 'Within a Custom Period',
				value: 'custom',
				description: 'Created within the last N hours, days or weeks',
			},
			{ name: 'Within the Last Day', value: 'day', description: 'Created in the last 24 hours' },
			{ name: 'Within the Last Month', value: 'month', description: 'Created in the last 30 days' },
			{ name: 'Within the Last Week', value: 'week', description: 'Created in the last 7 days' },
		],
	},
	{
		displayName: 'Period',
		name: 'customPeriod',
		type: 'number',
		default: 14,
		typeOptions: { minValue: 1, numberPrecision: 0 },
		description: 'How many hours, days or weeks back to look',
		displayOptions: { show: { timeFrame: ['custom'] } },
	},
	{
		displayName: 'Period Unit',
		name: 'customUnit',
		type: 'options',
		default: 'days',
		options: [
			{ name: 'Hours', value: 'hours' },
			{ name: 'Days', value: 'days' },
			{ name: 'Weeks', value: 'weeks' },
		],
		displayOptions: { show: { timeFrame: ['custom'] } },
	},
	{
		displayName: 'Created Since',
		name: 'createdSince',
		type: 'dateTime',
		default: '',
		// Not `required`: with Cases Created set by an expression n8n cannot tell this field is hidden and would
		// refuse to run; an empty value with "Since a Date" is refused by the operation itself.
		description: 'Only cases created at or after this time',
		displayOptions: { show: { timeFrame: ['since'] } },
	},
	...returnAllAndLimit(),
	filtersCollection([
		{
			displayName: 'Case Management Target',
			name: 'caseManagementTarget',
			type: 'options',
			options: CASE_MANAGEMENT_TARGETS,
			default: 'dps_one_office',
			description: 'Only cases the firm chose to send to this case-management system',
		},
		{
			displayName: 'Has Case Management Link',
			name: 'hasCaseManagementLink',
			type: 'boolean',
			default: false,
			description:
				'Whether to return only cases whose case-management matter exists (on) or only cases not yet imported (off)',
		},
		{
			displayName: 'Lead ID',
			name: 'leadId',
			type: 'string',
			default: '',
			description: 'Only the case converted from this lead (enquiry)',
		},
		{
			displayName: 'Quote ID',
			name: 'quoteId',
			type: 'string',
			default: '',
			description: 'Only the case converted from this quote',
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'multiOptions',
			options: [
				{ name: 'Cancelled', value: 'cancelled' },
				{ name: 'Completed', value: 'completed' },
				{ name: 'Open', value: 'open' },
			],
			default: ['open'],
		},
		updatedSinceFilter('Only cases changed at or after this time'),
	]),
	optionsCollection([
		{
			displayName: 'Include Clients and Properties',
			name: 'includeDetails',
			type: 'boolean',
			default: false,
			description:
				'Whether to read each case in full (clients and contacts, properties, fees, key stage, completion): one more request per case. The canonical output always does.',
		},
	]),
	caseOutputOption,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['case'], operation: ['getAll'] } },
	properties,
);

const inputSchema = z.object({
	timeFrame: z.enum(['any', 'since', 'custom', 'day', 'week', 'month']),
	customPeriod: z.coerce
		.number({ invalid_type_error: 'must be a number' })
		.int('must be a whole number')
		.positive('must be 1 or more'),
	customUnit: z.enum(['hours', 'days', 'weeks']),
	createdSince: isoTimestamp.optional().or(z.literal('')),
	filters: z.object({
		caseManagementTarget: z.string().optional(),
		hasCaseManagementLink: z.boolean().optional(),
		leadId: z.string().optional(),
		quoteId: z.string().optional(),
		status: z.array(z.enum(['open', 'completed', 'cancelled'])).optional(),
		updatedSince: isoTimestamp.optional().or(z.literal('')),
	}),
	includeDetails: z.boolean().optional(),
});

const UNIT_MS = { hours: HOUR, days: DAY, weeks: 7 * DAY };
const FRAME_MS: Record<string, number> = { day: DAY, week: 7 * DAY, month: 30 * DAY };

/** `created_since` for a time frame: "within the last 7 days" = now − 7 days (the contract's rule). */
export function createdSinceFor(
	timeFrame: string,
	period: { amount: number; unit: keyof typeof UNIT_MS },
	since: string | undefined,
	nowMs: number,
): string | undefined {
	if (timeFrame === 'any') return undefined;
	if (timeFrame === 'since') return isoOrUndefined(since);
	const span = timeFrame === 'custom' ? period.amount * UNIT_MS[period.unit] : FRAME_MS[timeFrame];
	return new Date(nowMs - span).toISOString();
}

/**
 * Cases by time frame, like One Office's "Download from Web": the list gives the import grid's columns; with
 * Include Clients and Properties (or the canonical output) each case is read in full.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const output = readCaseOutput.call(this, itemIndex);
	const timeFrame = this.getNodeParameter('timeFrame', itemIndex, 'week') as string;
	const options = readOptions(this, properties, itemIndex);
	const input = parseInput(
		this.getNode(),
		inputSchema,
		{
			timeFrame,
			customPeriod:
				timeFrame === 'custom' ? this.getNodeParameter('customPeriod', itemIndex, 14) : 1,
			customUnit:
				timeFrame === 'custom' ? this.getNodeParameter('customUnit', itemIndex, 'days') : 'days',
			createdSince:
				timeFrame === 'since' ? this.getNodeParameter('createdSince', itemIndex, '') : undefined,
			filters: this.getNodeParameter('filters', itemIndex, {}),
			includeDetails: options.includeDetails,
		},
		itemIndex,
	);
	if (timeFrame === 'since' && !input.createdSince) {
		refuseField(this, itemIndex, 'Perfect Portal', {
			field: 'Created Since',
			code: 'empty',
			message: 'is empty',
			fix: 'Pick the date and time to list cases from, or choose another time frame.',
		});
	}
	const filters = input.filters;
	const query = {
		created_since: createdSinceFor(
			input.timeFrame,
			{ amount: input.customPeriod, unit: input.customUnit },
			input.createdSince || undefined,
			clock.now(),
		),
		updated_since: isoOrUndefined(filters.updatedSince),
		status: filters.status?.length ? filters.status.join(',') : undefined,
		case_management_target: filters.caseManagementTarget || undefined,
		has_case_management_link:
			filters.hasCaseManagementLink === undefined
				? undefined
				: String(filters.hasCaseManagementLink),
		quote_id: filters.quoteId?.trim() || undefined,
		lead_id: filters.leadId?.trim() || undefined,
	};
	const summaries = await listRecords.call(this, itemIndex, endpoints.cases(), query);
	const details = output === 'canonical' || input.includeDetails === true;
	const out: INodeExecutionData[] = [];
	for (const summary of summaries) {
		let record = summary;
		if (details) {
			// A case deleted between the list and its read is gone, not an error: the others are still returned.
			const res = await ppRequest<IDataObject>(
				this,
				'GET',
				endpoints.case(String(summary.case_id)),
				{ accept: [404], itemIndex },
			);
			if (res.status === 404) continue;
			record = res.body;
		}
		out.push({ json: formatCase(record, output) });
	}
	return out;
}
