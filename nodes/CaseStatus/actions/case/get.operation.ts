import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameterResourceLocator,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyOption } from '../../../shared/descriptions';
import { caseLocator, simplifyCase } from '../common';
import { findCase } from '../lookups';

const properties: INodeProperties[] = [caseLocator, simplifyOption];

export const description = updateDisplayOptions(
	{ show: { resource: ['case'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const locator = this.getNodeParameter('case', itemIndex) as INodeParameterResourceLocator;
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	const found = await findCase(this, locator, itemIndex);
	return [{ json: simplify ? simplifyCase(found) : found }];
}
