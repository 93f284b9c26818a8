import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { StageMap, StageMapping, StageMatch, UnmappedPolicy } from '../../shared/stageMap';
import { settingError } from '../../shared/errors';
import { createStageMap } from '../../shared/stageMap';
import type { FirmConfig } from '../lookups';
import { acceptedNames } from '../lookups';

/** The mapping table and its policies, shared by Create, Sync and Check Stage Mapping. */
export const stageMappingProperties: INodeProperties[] = [
	{
		displayName: 'Stage Mapping Source',
		name: 'stageMappingSource',
		type: 'options',
		options: [
			{
				name: 'Rows Below',
				value: 'rows',
				description: 'Enter the rows in this node',
			},
			{
				name: 'Rows From an Expression',
				value: 'json',
				description:
					'One list shared by several workflows, e.g. the rows of an n8n Data Table, given as [{ "from": "…", "to": "…" }]',
			},
		],
		default: 'rows',
	},
	{
		displayName: 'Stage Mapping Rows',
		name: 'stageMappingJson',
		type: 'json',
		default: '[]',
		description:
			'A list of { "from": source stage, "to": Case Status stage }. Rows with an empty "to" count as not mapped yet.',
		hint: "E.g. {{ $('Stage mapping').all().map(r => ({ from: r.json.casepeer_stage, to: r.json.case_status_stage })) }}",
		displayOptions: { show: { stageMappingSource: ['json'] } },
	},
	{
		displayName: 'Stage Mapping',
		name: 'stageMapping',
		displayOptions: { show: { stageMappingSource: ['rows'] } },
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Mapping',
		default: {},
		description:
			'Source stage → Case Status stage (several source stages may share one). Stages Case Status already accepts by name need no row.',
		options: [
			{
				name: 'mappings',
				displayName: 'Mapping',
				values: [
					{
						displayName: 'Source Stage',
						name: 'from',
						type: 'string',
						default: '',
						placeholder: 'e.g. Medical Treatment',
						description: 'The stage exactly as the case management system names it',
					},
					{
						displayName: 'Case Status Stage Name or ID',
						name: 'to',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getStageNames' },
						default: '',
						description:
							'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
				],
			},
		],
	},
	{
		displayName: 'Stage Matching',
		name: 'stageMatch',
		type: 'options',
		options: [
			{
				name: 'Exact',
				value: 'exact',
				description: 'Names must match letter for letter, as Case Status matches them',
			},
			{
				name: 'Ignore Case and Spaces',
				value: 'normalized',
				description:
					'Also match names that differ only in capitals or spacing; each such match is reported as a warning',
			},
		],
		default: 'exact',
	},
	{
		displayName: 'Unmapped Stage',
		name: 'unmappedStage',
		type: 'options',
		options: [
			{
				name: 'Fail the Record',
				value: 'fail',
				description: 'Report the case as failed with a fix hint; nothing is written',
			},
			{
				name: 'Skip the Record',
				value: 'skip',
				description: 'Leave the case as it is and report it as skipped',
			},
			{
				name: 'Keep the Current Stage',
				value: 'keep',
				description: 'Sync everything else and leave the stage unchanged',
			},
		],
		default: 'fail',
	},
];

export interface StageMappingSettings {
	map: StageMap;
	unmapped: UnmappedPolicy;
	table: StageMapping[];
}

/**
 * Reads the table and checks every row's target is one of the firm's stages before anything is written,
 * so a typo in the table stops the run instead of failing case after case.
 */
export function readStageMapping(
	ctx: IExecuteFunctions,
	itemIndex: number,
	firm: FirmConfig,
): StageMappingSettings {
	const source = ctx.getNodeParameter('stageMappingSource', itemIndex, 'rows') as string;
	const raw = (
		source === 'json'
			? readJsonRows(ctx, itemIndex)
			: ctx.getNodeParameter('stageMapping.mappings', itemIndex, [])
	) as Array<{ from?: unknown; to?: unknown }>;
	const text = (v: unknown) =>
		typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);
	// A row with no target yet is a stage still to be mapped, not an error.
	const table = raw
		.map((r) => ({ from: text(r?.from), to: text(r?.to) }))
		.filter((r) => r.from !== '' && r.to.trim() !== '');
	const stageNames = new Set(firm.stages.map((s) => s.display_name));
	table.forEach((row, i) => {
		if (!stageNames.has(row.to)) {
			throw settingError(
				ctx.getNode(),
				`Stage Mapping row ${i + 1} ("${row.from}" → "${row.to}"): "${row.to}" is not a Case Status stage`,
				`Pick one of the firm's stages: ${[...stageNames].join(', ')}. Nothing was written.`,
				itemIndex,
			);
		}
	});
	const match = ctx.getNodeParameter('stageMatch', itemIndex, 'exact') as StageMatch;
	const unmapped = ctx.getNodeParameter('unmappedStage', itemIndex, 'fail') as UnmappedPolicy;
	return { map: createStageMap(table, acceptedNames(firm.stages), match), unmapped, table };
}

function readJsonRows(ctx: IExecuteFunctions, itemIndex: number): unknown[] {
	let value = ctx.getNodeParameter('stageMappingJson', itemIndex, []) as unknown;
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value || '[]');
		} catch {
			value = null;
		}
	}
	if (!Array.isArray(value)) {
		throw settingError(
			ctx.getNode(),
			'Stage Mapping Rows is not a list of { "from", "to" } rows',
			'Give a list such as [{ "from": "Sign Up", "to": "Intake" }], e.g. from the stage mapping Data Table.',
			itemIndex,
		);
	}
	return value;
}
