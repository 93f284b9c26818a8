import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { linkId } from '../../mapping';
import { ticksToIso } from '../../ticks';
import { endpoints, smokeballRequest } from '../../transport';
import { matterLocator, readMatterId, readSimplify, simplifyProperty } from '../common';

const properties: INodeProperties[] = [
	matterLocator,
	{
		displayName: 'Include Stage Set Name',
		name: 'includeStageSet',
		type: 'boolean',
		default: true,
		description: 'Whether to read the name of the stage set too (one more request)',
	},
	simplifyProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['matterStage'], operation: ['get'] } },
	properties,
);

/**
 * A matter's current stage (GET /matters/{id}/stages). Read-only: Smokeball's public API has no write that sets a
 * stage, so stages change in Smokeball itself and arrive as matterstage.updated webhooks.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const matterId = readMatterId(this, itemIndex);
	const simplify = readSimplify(this, itemIndex);
	const response = await smokeballRequest<IDataObject>(
		this,
		'GET',
		endpoints.matterStage(matterId),
		{
			accept: [404],
			itemIndex,
		},
	);
	if (response.status === 404) {
		// Smokeball answers 404 both for an unknown matter and for a matter without a stage: tell them apart.
		await smokeballRequest(this, 'GET', endpoints.matter(matterId), { itemIndex });
		return [
			{
				json: simplify
					? {
							matterId,
							stageSetId: null,
							stageSetName: null,
							stageId: null,
							stageName: null,
							updatedAt: null,
						}
					: { matterId, stage: null },
			},
		];
	}
	const ms = response.body;
	if (!simplify) return [{ json: ms }];
	const stage = (ms.stage ?? null) as IDataObject | null;
	const stageSetId = linkId(ms.stageSet);
	let stageSetName: string | null = null;
	if (stageSetId && this.getNodeParameter('includeStageSet', itemIndex, true)) {
		const set = await smokeballRequest<IDataObject>(this, 'GET', endpoints.stageSet(stageSetId), {
			accept: [404],
			itemIndex,
		});
		if (set.status === 200) stageSetName = (set.body.name as string) ?? null;
	}
	return [
		{
			json: {
				matterId,
				stageSetId,
				stageSetName,
				stageId: (stage?.id as string) ?? null,
				stageName: (stage?.name as string) ?? null,
				updatedAt: ticksToIso(ms.lastUpdated),
			},
		},
	];
}
