import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readOptions } from '../../../shared/options';
import { parseInput, z } from '../../../shared/validate';
import { formatCase } from '../../mapping';
import { casePeerApi, endpoints } from '../../transport';
import { caseLocator, caseOutputOption, readCaseId, readCaseOutput } from '../common';

const caseStatusIdField: INodeProperties = {
	displayName: 'Case Status ID',
	name: 'caseStatusId',
	type: 'number',
	default: 0,
	typeOptions: { minValue: 0, numberPrecision: 0 },
	description:
		"The case's internal ID in Case Status, once known. Leave 0 to keep the one CASEpeer already holds.",
};

// Version 1 (the templates) has Case Status ID at the top; from version 2 it is an option, as it is rarely set.
const properties: INodeProperties[] = [
	caseLocator,
	{
		...caseStatusIdField,
		displayOptions: { show: { '@version': [1] } },
	},
	caseOutputOption,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
		options: [caseStatusIdField],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['case'], operation: ['connect'] } },
	properties,
);

const caseStatusIdSchema = z.coerce
	.number()
	.int('must be a whole number')
	.min(0, 'must be a positive whole number (or 0 to leave it unchanged)');

/**
 * Sets the "Connect to Case Status" flag. In this contract it only records that the case is in scope of the sync;
 * repeating the call changes nothing (idempotent PUT).
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const caseId = readCaseId.call(this, itemIndex);
	const output = readCaseOutput.call(this, itemIndex);
	const caseStatusId = parseInput(
		this.getNode(),
		caseStatusIdSchema,
		this.getNode().typeVersion >= 2
			? readOptions(this, properties, itemIndex).caseStatusId
			: this.getNodeParameter('caseStatusId', itemIndex, 0),
		itemIndex,
		{ field: 'Case Status ID' },
	);
	const updated = await casePeerApi<IDataObject>(
		this,
		'PUT',
		endpoints.caseStatusConnection(caseId),
		{ body: caseStatusId > 0 ? { case_status_id: caseStatusId } : {}, itemIndex },
	);
	return [{ json: formatCase(updated, output) }];
}
