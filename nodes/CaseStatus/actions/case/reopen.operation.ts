import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameterResourceLocator,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { caseStatusApi, endpoints } from '../../transport';
import { caseLocator, simplifyCase } from '../common';
import { findCase } from './get.operation';

const properties: INodeProperties[] = [caseLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['case'], operation: ['reopen'] } },
	properties,
);

/** Reopens a closed case. Idempotent: reopening an open case changes nothing. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const locator = this.getNodeParameter('case', itemIndex) as INodeParameterResourceLocator;
	const target = await findCase.call(this, locator, itemIndex);
	const result = await caseStatusApi(this, 'POST', endpoints.reopenCase(target.id), {
		idempotent: true,
		itemIndex,
	});
	return [{ json: simplifyCase(result) }];
}
