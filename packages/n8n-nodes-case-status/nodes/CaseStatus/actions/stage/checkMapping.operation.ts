import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { firmConfig } from '../../firmLists';
import { readStageMapping, stageMappingProperties } from '../stageMapping';

const properties: INodeProperties[] = [
	{
		displayName: 'Source Stage Name',
		name: 'sourceStage',
		type: 'string',
		default: '={{ $json.name }}',
		required: true,
		description:
			"The stage name from each input item, e.g. from the CASEpeer node's Stage › Get Many",
	},
	...stageMappingProperties.filter((p) => p.name !== 'unmappedStage'),
	{
		displayName: 'Only Unmapped',
		name: 'onlyUnmapped',
		type: 'boolean',
		default: false,
		description: 'Whether to return only the stages that have no Case Status stage',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['stage'], operation: ['checkMapping'] } },
	properties,
);

/** Lists, before any sync runs, how each source stage maps and which ones do not map at all. */
export async function executeAll(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const firm = await firmConfig(this);
	const { map } = readStageMapping(this, 0, firm);
	const onlyUnmapped = this.getNodeParameter('onlyUnmapped', 0, false) as boolean;
	const out: INodeExecutionData[] = [];
	items.forEach((_, i) => {
		const name = String(this.getNodeParameter('sourceStage', i, '') ?? '');
		const found = map.lookup(name);
		if (onlyUnmapped && found.mapped) return;
		out.push({
			json: found.mapped
				? {
						source_stage: name,
						mapped: true,
						case_status_stage: found.to,
						via: found.via === 'table' ? 'mapping table' : 'Case Status name',
						warning: found.warning,
					}
				: {
						source_stage: name,
						mapped: false,
						case_status_stage: null,
						via: null,
						warning: `No Case Status stage for "${name}": add it to the Stage Mapping table, or cases on it will follow the Unmapped Stage policy.`,
					},
			pairedItem: { item: i },
		});
	});
	return out;
}
