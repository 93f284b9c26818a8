import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { endpoints, ppApi } from '../../transport';
import { caseLocator, readCaseId } from '../common';

const properties: INodeProperties[] = [caseLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['completion'], operation: ['get'] } },
	properties,
);

/** Exchange and completion details of a case (status "pending" with empty fields until someone records them). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const caseId = readCaseId.call(this, itemIndex);
	const completion = await ppApi<IDataObject>(this, 'GET', endpoints.completion(caseId), {
		itemIndex,
	});
	return [{ json: { case_id: caseId, ...completion } }];
}
