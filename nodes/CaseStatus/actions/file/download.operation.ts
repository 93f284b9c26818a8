import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { caseStatusRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'File ID',
		name: 'fileId',
		type: 'string',
		default: '={{ $json.id }}',
		required: true,
		description: 'The Case Status file ID',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the file in',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['file'], operation: ['download'] } },
	properties,
);

function fileNameFrom(disposition: string | undefined): string | undefined {
	const match = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(disposition ?? '');
	return match ? decodeURIComponent(match[1] ?? match[2]) : undefined;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const fileId = String(this.getNodeParameter('fileId', itemIndex)).trim();
	const property = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const res = await caseStatusRequest<Buffer>(
		this,
		'GET',
		`/v1/api/files/${encodeURIComponent(fileId)}/content`,
		{ binary: true, itemIndex },
	);
	const fileName = fileNameFrom(res.headers['content-disposition']) ?? `file-${fileId}`;
	const contentType = res.headers['content-type'] ?? 'application/octet-stream';
	const binary = await this.helpers.prepareBinaryData(res.body, fileName, contentType);
	return [
		{
			json: {
				...this.getInputData()[itemIndex].json,
				id: Number(fileId),
				file_name: fileName,
				content_type: contentType,
				size: res.body.length,
			},
			binary: { [property]: binary },
		},
	];
}
