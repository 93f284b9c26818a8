import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	filtersCollection,
	listOptionsField,
	readLimit,
	returnAllAndLimit,
	updatedSinceFilter,
} from '../../../shared/descriptions';
import { readFilters } from '../../../shared/listRows';
import { isoTimestamp, z } from '../../../shared/validate';
import { formatCase } from '../../mapping';
import { endpoints, MAX_PAGE_SIZE, readFeed } from '../../transport';
import { caseOutputOption, isoOrUndefined, readCaseOutput } from '../common';

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	filtersCollection([
		{
			displayName: 'Connected to Case Status',
			name: 'connected',
			type: 'boolean',
			default: true,
			description:
				'Whether to return only cases connected to Case Status (on) or only cases not connected (off)',
		},
		listOptionsField(
			'Practice Area',
			'practiceArea',
			'getPracticeAreas',
			'Only cases in this practice area (exact CASEpeer spelling)',
		),
		listOptionsField('Stage', 'stageId', 'getStages', 'Only cases in this stage'),
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: [
				{ name: 'Closed', value: 'closed' },
				{ name: 'Open', value: 'open' },
			],
			default: 'open',
		},
		updatedSinceFilter('Only cases changed at or after this time (oldest change first)'),
	]),
	caseOutputOption,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['case'], operation: ['getAll'] } },
	properties,
);

const filtersSchema = z.object({
	connected: z.boolean().optional(),
	practiceArea: z.string().optional(),
	stageId: z.union([z.string(), z.number()]).optional(),
	status: z.enum(['open', 'closed']).optional(),
	updatedSince: isoTimestamp.optional().or(z.literal('')),
});

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const limit = readLimit(this, itemIndex);
	const output = readCaseOutput.call(this, itemIndex);
	const filters = readFilters(this, filtersSchema, itemIndex);
	const query = {
		status: filters.status,
		case_status_connected: filters.connected === undefined ? undefined : String(filters.connected),
		stage_id: filters.stageId === undefined ? undefined : String(filters.stageId),
		practice_area: filters.practiceArea || undefined,
	};
	// Read by keyset (updated_at, id), never by page number: a case saved while the list is read moves to the end of
	// the order, where it is read again (its newer version kept), instead of shifting another case past the reader.
	const cases = new Map<string, IDataObject>();
	await readFeed<IDataObject>(
		this,
		endpoints.cases(),
		query,
		{ updatedSince: isoOrUndefined(filters.updatedSince) },
		{
			maxPages: Number.POSITIVE_INFINITY,
			pageSize: limit === undefined ? MAX_PAGE_SIZE : Math.min(MAX_PAGE_SIZE, Math.max(limit, 1)),
			onPage: (records) => {
				for (const record of records) {
					const id = String(record.id);
					if (!cases.has(id) && limit !== undefined && cases.size >= limit) return 'stop';
					cases.set(id, record);
				}
				return limit !== undefined && cases.size >= limit ? 'stop' : undefined;
			},
		},
	);
	return [...cases.values()].map((c) => ({ json: formatCase(c, output) }));
}
