import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readRequired } from '../../../shared/validate';
import { endpoints } from '../../transport';
import { findByExternalRef } from '../lookups';

const properties: INodeProperties[] = [
	{
		displayName: 'External Reference',
		name: 'externalRef',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. PP-123456',
		description: 'The reference the matter was created with, e.g. the Perfect Portal Case ID',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['matter'], operation: ['find'] } },
	properties,
);

/**
 * The matter carrying the external reference (unique among matters), or no output item when there is none: the
 * "already imported?" check of the Perfect Portal import ("Always Output Data" lets a workflow go on).
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const externalRef = readRequired(
		this,
		'externalRef',
		'External Reference',
		itemIndex,
		'Enter the reference to look for, e.g. the Perfect Portal Case ID PP-123456.',
	);
	const matter = await findByExternalRef(this, endpoints.matters(), externalRef, itemIndex);
	return matter ? [{ json: matter as IDataObject }] : [];
}
