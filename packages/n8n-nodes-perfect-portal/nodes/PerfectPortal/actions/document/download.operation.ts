import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { binaryFromResponse, outputFileField, readOutputField } from '../../../shared/download';
import { readRequired } from '../../../shared/validate';
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
	outputFileField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['document'], operation: ['download'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const documentId = readRequired(
		this,
		'documentId',
		'Document ID',
		itemIndex,
		'Enter the ID of a document, e.g. from Document › Get Many ({{ $json.id }}).',
	);
	const property = readOutputField(this, itemIndex);
	const response = await ppRequest<Buffer>(this, 'GET', endpoints.documentContent(documentId), {
		binary: true,
		headers: { Accept: '*/*' },
		itemIndex,
	});
	const file = await binaryFromResponse(this, response, `document-${documentId}`);
	return [
		{
			json: {
				id: documentId,
				file_name: file.fileName,
				content_type: file.contentType ?? null,
				size_bytes: file.sizeBytes,
			},
			binary: { [property]: file.binary },
		},
	];
}
