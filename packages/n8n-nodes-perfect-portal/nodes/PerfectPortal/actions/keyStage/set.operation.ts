import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { refuseField } from '../../../shared/problems';
import { clock } from '../../../shared/clock';
import { isoTimestamp, parseInput, z } from '../../../shared/validate';
import { endpoints, ppApi } from '../../transport';
import { caseLocator, isoOrUndefined, readCaseId } from '../common';

/** Perfect Portal refuses a reached time more than this far ahead of its clock. */
const FUTURE_SKEW_MS = 5 * 60 * 1000;

const properties: INodeProperties[] = [
	caseLocator,
	{
		displayName: 'Key Stage Name or ID',
		name: 'keyStageId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getKeyStages' },
		default: '',
		required: true,
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: 'An active key stage; referrers and clients with access see it',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Note',
				name: 'note',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				description: 'Kept in the key-stage history. At most 1,000 characters.',
			},
			{
				displayName: 'Reached At',
				name: 'reachedAt',
				type: 'dateTime',
				default: '',
				description: 'When the stage was reached; now when not set. Must not be in the future.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['keyStage'], operation: ['set'] } },
	properties,
);

const inputSchema = z.object({
	keyStageId: z.string().trim().min(1, 'is empty; pick the key stage to set'),
	note: z.string().max(1000, 'is longer than 1,000 characters').optional(),
	reachedAt: isoTimestamp.optional().or(z.literal('')),
});

/**
 * Sets a case's current key stage (only for matters started in Perfect Portal). Setting the stage the case
 * already has changes nothing, so re-running a workflow adds no history.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const caseId = readCaseId.call(this, itemIndex);
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const input = parseInput(
		this.getNode(),
		inputSchema,
		{
			keyStageId: String(this.getNodeParameter('keyStageId', itemIndex, '') ?? ''),
			note: (extra.note as string) || undefined,
			reachedAt: extra.reachedAt,
		},
		itemIndex,
	);
	const reachedAt = isoOrUndefined(input.reachedAt);
	if (reachedAt && Date.parse(reachedAt) > clock.now() + FUTURE_SKEW_MS) {
		refuseField(this, itemIndex, 'Perfect Portal', {
			field: 'Reached At',
			code: 'future_date',
			message: `is in the future (${reachedAt})`,
			fix: 'Give the time the stage was actually reached, or leave it empty for now.',
		});
	}
	const body: IDataObject = { key_stage_id: input.keyStageId };
	if (reachedAt) body.reached_at = reachedAt;
	if (input.note) body.note = input.note;
	const keyStage = await ppApi<IDataObject>(this, 'PUT', endpoints.caseKeyStage(caseId), {
		body,
		itemIndex,
	});
	return [{ json: { case_id: caseId, key_stage: keyStage } }];
}
