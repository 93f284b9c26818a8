import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { formatCase } from '../../mapping';
import { endpoints, ppApi } from '../../transport';
import { caseLocator, caseOutputOption, readCaseId, readCaseOutput } from '../common';

const properties: INodeProperties[] = [caseLocator, caseOutputOption];

export const description = updateDisplayOptions(
	{ show: { resource: ['case'], operation: ['get'] } },
	properties,
);

/** The full case: clients and contacts, properties, fees, key stage, completion, CMS link. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const caseId = readCaseId.call(this, itemIndex);
	const output = readCaseOutput.call(this, itemIndex);
	const found = await ppApi<IDataObject>(this, 'GET', endpoints.case(caseId), { itemIndex });
	return [{ json: formatCase(found, output) }];
}
