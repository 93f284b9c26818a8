import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { stageMappingProperties } from '../stageMapping';

export const properties: INodeProperties[] = [
	{
		displayName:
			'Takes cases from a CASEpeer node whose Output is "Canonical (Legal Case)" and returns one outcome row per case. It updates cases already in Case Status and never imports new ones.',
		name: 'syncNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description: 'Whether to only report what the sync would do, writing nothing',
	},
	...stageMappingProperties,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Close Cases Closed in the Source',
				name: 'closeClosed',
				type: 'boolean',
				default: true,
				description: 'Whether to close a Case Status case when its source case is closed',
			},
			{
				displayName: 'Fields',
				name: 'fields',
				type: 'options',
				options: [
					{
						name: 'All Synced Fields',
						value: 'all',
						description:
							'Status, stage, name, case number, practice area, primary attorney, clients, incident date',
					},
					{
						name: 'Stage Only',
						value: 'stage',
						description:
							'Only the stage, e.g. right after a stage change; the rest (closing included) waits for the full sync',
					},
				],
				default: 'all',
				description: 'Which fields to bring in line',
			},
			{
				displayName: 'Default Country Code',
				name: 'defaultCountryCode',
				type: 'string',
				default: '1',
				description:
					'Calling code for phone numbers entered without one, e.g. 1 for the US and Canada',
			},
			{
				displayName: 'Reopen Cases Reopened in the Source',
				name: 'reopenReopened',
				type: 'boolean',
				default: true,
				description:
					'Whether to reopen a closed Case Status case when its source case is open again',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['case'], operation: ['sync'] } },
	properties,
);
