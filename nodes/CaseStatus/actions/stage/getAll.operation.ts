import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listRows } from '../../../shared/listRows';
import { caseStatusList, endpoints } from '../../transport';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions(
	{ show: { resource: ['stage'], operation: ['getAll'] } },
	properties,
);

/** The firm's configured stages (at most 12), in client-facing order, with the CMS names mapped to each. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	return await listRows(this, caseStatusList, endpoints.stages(), {}, { itemIndex });
}
