import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inputError } from '../../../shared/errors';
import { fileNameFromDisposition } from '../../../shared/multipart';
import { endpoints, ppRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Document ID',
		name: 'documentId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. doc_9001',
		description: 'The ID of the document, as Document › Get Many returns it',
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
	{ show: { resource: ['document'], operation: ['download'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const documentId = String(this.getNodeParameter('documentId', itemIndex, '')).trim();
	if (!documentId) {
		throw inputError(
			this.getNode(),
			'Document ID',
			'is empty',
			'Enter the ID of a document, e.g. from Document › Get Many ({{ $json.id }}).',
			itemIndex,
		);
	}
	const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	if (!property) {
		throw inputError(
			this.getNode(),
			'Put Output File in Field',
			'is empty',
			'Name the binary field to put the file in, e.g. data.',
			itemIndex,
		);
	}
	const response = await ppRequest<Buffer>(this, 'GET', endpoints.documentContent(documentId), {
		binary: true,
		headers: { Accept: '*/*' },
		itemIndex,
	});
	const contentType = response.headers['content-type']?.split(';')[0].trim() || undefined;
	const fileName =
		fileNameFromDisposition(response.headers['content-disposition']) ?? `document-${documentId}`;
	const binary = await this.helpers.prepareBinaryData(response.body, fileName, contentType);
	return [
		{
			json: {
				id: documentId,
				file_name: fileName,
				content_type: contentType ?? null,
				size_bytes: response.body.length,
			},
			binary: { [property]: binary },
		},
	];
}
