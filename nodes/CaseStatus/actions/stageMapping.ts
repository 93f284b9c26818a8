import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { StageMap, StageMapping, StageMatch, UnmappedPolicy } from '../../shared/stageMap';
import { createStageMap } from '../../shared/stageMap';
import type { FirmConfig } from '../lookups';
import { acceptedNames } from '../lookups';

/** The mapping table and its policies, shared by Create, Sync and Check Stage Mapping. */
export const stageMappingProperties: INodeProperties[] = [
	{
		displayName: 'Stage Mapping',
		name: 'stageMapping',
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
	const raw = ctx.getNodeParameter('stageMapping.mappings', itemIndex, []) as Array<{
		from?: string;
		to?: string;
	}>;
	const table = raw
		.map((r) => ({ from: r.from ?? '', to: r.to ?? '' }))
		.filter((r) => r.from !== '');
	const stageNames = new Set(firm.stages.map((s) => s.display_name));
	table.forEach((row, i) => {
		if (!stageNames.has(row.to)) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Stage Mapping row ${i + 1} ("${row.from}" → "${row.to}"): "${row.to}" is not a Case Status stage`,
				{
					description: `Pick one of the firm's stages: ${[...stageNames].join(', ')}.`,
					itemIndex,
				},
			);
		}
	});
	const match = ctx.getNodeParameter('stageMatch', itemIndex, 'exact') as StageMatch;
	const unmapped = ctx.getNodeParameter('unmappedStage', itemIndex, 'fail') as UnmappedPolicy;
	return { map: createStageMap(table, acceptedNames(firm.stages), match), unmapped, table };
}
