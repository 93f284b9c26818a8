import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { binaryFromResponse, outputFileField, readOutputField } from '../../../shared/download';
import { readRequired } from '../../../shared/validate';
import { caseStatusRequest, endpoints } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'File ID',
		name: 'fileId',
		type: 'string',
		default: '={{ $json.id }}',
		required: true,
		description: 'The Case Status file ID',
	},
	outputFileField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['file'], operation: ['download'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const fileId = readRequired(
		this,
		'fileId',
		'File ID',
		itemIndex,
		'Enter the ID of a Case Status file, e.g. from File › Get Many ({{ $json.id }}).',
	);
	const property = readOutputField(this, itemIndex);
	const res = await caseStatusRequest<Buffer>(this, 'GET', endpoints.fileContent(fileId), {
		binary: true,
		itemIndex,
	});
	const file = await binaryFromResponse(this, res, `file-${fileId}`, 'application/octet-stream');
	return [
		{
			json: {
				...this.getInputData()[itemIndex].json,
				id: Number(fileId),
				file_name: file.fileName,
				content_type: file.contentType,
				size: file.sizeBytes,
			},
			binary: { [property]: file.binary },
		},
	];
}
