import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameterResourceLocator,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { simplifyOption } from '../../../shared/descriptions';
import { caseStatusApi, endpoints } from '../../transport';
import { caseLocator, simplifyCase } from '../common';

const properties: INodeProperties[] = [caseLocator, simplifyOption];

export const description = updateDisplayOptions(
	{ show: { resource: ['case'], operation: ['get'] } },
	properties,
);

/** Finds a case by internal ID, or by integration ID through the exact-match list filter. */
export async function findCase(
	this: IExecuteFunctions,
	locator: INodeParameterResourceLocator,
	itemIndex: number,
): Promise<IDataObject> {
	const value = String(locator.value ?? '').trim();
	if (!value) {
		throw new NodeOperationError(this.getNode(), "'Case' is empty", {
			description: 'Pick a case from the list, or enter its integration ID or internal ID.',
			itemIndex,
		});
	}
	if (locator.mode === 'integrationId') {
		const found = await caseStatusApi<IDataObject[]>(this, 'GET', endpoints.cases(), {
			query: { integration_id: value, 'page[number]': 1, size: 1 },
			itemIndex,
		});
		if (!found.length) {
			throw new NodeOperationError(
				this.getNode(),
				`No Case Status case has integration ID '${value}' (not_in_case_status)`,
				{
					description:
						'Connect (import) the case first, or check the ID: for CASEpeer it is the number after /case/ in the case URL.',
					itemIndex,
				},
			);
		}
		return found[0];
	}
	return await caseStatusApi(this, 'GET', endpoints.case(value), {
		itemIndex,
	});
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const locator = this.getNodeParameter('case', itemIndex) as INodeParameterResourceLocator;
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	const found = await findCase.call(this, locator, itemIndex);
	return [{ json: simplify ? simplifyCase(found) : found }];
}
