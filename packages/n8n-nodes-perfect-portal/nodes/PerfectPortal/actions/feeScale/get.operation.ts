import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readRequired } from '../../../shared/validate';
import { feeScaleLines } from '../../mapping';
import { endpoints, ppApi } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Fee Scale Name or ID',
		name: 'feeScaleId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getFeeScales' },
		default: '',
		required: true,
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		default: 'scale',
		options: [
			{
				name: 'Fee Scale',
				value: 'scale',
				description:
					'One item: the fee scale with its legal fees, additional fees and disbursements sections',
			},
			{
				name: 'One Item per Fee Line',
				value: 'lines',
				description:
					'Each fee line with its section, whether it is mapped to the case-management system, and where it lands there (fees or cost recoveries)',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['feeScale'], operation: ['get'] } },
	properties,
);

/**
 * A fee scale with its three sections (Fee Scale Overview). Each line says whether it maps to the CMS
 * (`mapped_to_case_management`, the Smokeball icon) and each section whether all its fees are mapped.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const id = readRequired(
		this,
		'feeScaleId',
		'Fee Scale',
		itemIndex,
		'Pick a fee scale from the list, or give its ID (Fee Scale › Get Many lists them).',
	);
	const output = this.getNodeParameter('output', itemIndex, 'scale') as string;
	const scale = await ppApi<IDataObject>(this, 'GET', endpoints.feeScale(id), { itemIndex });
	if (output === 'lines') return feeScaleLines(scale).map((json) => ({ json }));
	return [{ json: scale }];
}
