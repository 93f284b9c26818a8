import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameterResourceLocator,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { listOptionsField, simplifyOption } from '../../../shared/descriptions';
import { caseStatusApi, endpoints } from '../../transport';
import { caseLocator, simplifyCase } from '../common';
import { findCase } from '../lookups';

const properties: INodeProperties[] = [
	caseLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Case Name', name: 'name', type: 'string', default: '' },
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
			},
			{
				displayName: 'Incident Date',
				name: 'incident_date',
				type: 'string',
				default: '',
				placeholder: 'YYYY-MM-DD',
			},
			{
				displayName: 'Practice Area Name or ID',
				name: 'practice_area',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getPracticeAreaNames' },
				default: '',
				description:
					'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
			{
				displayName: 'Primary Attorney Email',
				name: 'primary_attorney_email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
			},
			listOptionsField(
				'Stage',
				'stage',
				'getStageNames',
				'A stage change sends the client a survey; setting the current stage again does nothing',
			),
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Open', value: 'open' },
					{ name: 'On Hold', value: 'on_hold' },
				],
				default: 'open',
				description: 'Use Close and Reopen to close or reopen a case',
			},
		],
	},
	simplifyOption,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['case'], operation: ['update'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const locator = this.getNodeParameter('case', itemIndex) as INodeParameterResourceLocator;
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	const body: IDataObject = {};
	for (const [key, value] of Object.entries(fields))
		if (value !== '' && value !== undefined) body[key] = value;
	if (!Object.keys(body).length) {
		throw new NodeOperationError(this.getNode(), "'Update Fields' is empty", {
			description: 'Add at least one field to change.',
			itemIndex,
		});
	}
	const target = await findCase(this, locator, itemIndex);
	const updated = await caseStatusApi(this, 'PATCH', endpoints.case(target.id), {
		body,
		itemIndex,
	});
	return [{ json: simplify ? simplifyCase(updated) : updated }];
}
