import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { endpoints } from '../../transport';
import { caseLocator } from '../common';
import { caseAction } from '../lookups';

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
	return await caseAction(this, itemIndex, endpoints.reopenCase);
}
