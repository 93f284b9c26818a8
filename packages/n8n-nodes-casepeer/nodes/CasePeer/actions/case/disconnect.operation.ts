import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { formatCase } from '../../mapping';
import { casePeerApi, endpoints } from '../../transport';
import { caseLocator, caseOutputOption, readCaseId, readCaseOutput } from '../common';

const properties: INodeProperties[] = [caseLocator, caseOutputOption];

export const description = updateDisplayOptions(
	{ show: { resource: ['case'], operation: ['disconnect'] } },
	properties,
);

/** Clears the "Connect to Case Status" flag; clearing it again is a no-op (idempotent DELETE). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const caseId = readCaseId.call(this, itemIndex);
	const output = readCaseOutput.call(this, itemIndex);
	const updated = await casePeerApi<IDataObject>(
		this,
		'DELETE',
		endpoints.caseStatusConnection(caseId),
		{ itemIndex },
	);
	return [{ json: formatCase(updated, output) }];
}
