import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { refuseField } from '../../../shared/problems';
import type { MultipartPart } from '../../../shared/multipart';
import { caseStatusUpload, endpoints } from '../../transport';
import { caseLocator } from '../common';
import { createOnCase } from '../lookups';

const MAX_BYTES = 50 * 1024 * 1024;

const textPart = (name: string, value: string): MultipartPart => ({ name, value });

const properties: INodeProperties[] = [
	caseLocator,
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the file to be uploaded',
	},
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		description: "Leave empty to keep the file's own name",
	},
	{
		displayName: 'External Reference',
		name: 'externalRef',
		type: 'string',
		default: '',
		placeholder: 'e.g. casepeer:document:doc_42',
		description:
			'A unique reference for this file: a file with the same reference is never uploaded twice',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['file'], operation: ['upload'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const property = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const binary = this.helpers.assertBinaryData(itemIndex, property);
	const data = await this.helpers.getBinaryDataBuffer(itemIndex, property);
	if (!data.length) {
		refuseField(this, itemIndex, 'Case Status', {
			field: property,
			code: 'empty_file',
			message: 'holds an empty file',
			fix: 'Upload a file with content; Case Status refuses empty files.',
		});
	}
	if (data.length > MAX_BYTES) {
		refuseField(this, itemIndex, 'Case Status', {
			field: property,
			code: 'too_large',
			message: `is ${data.length} bytes, over Case Status's 50 MiB limit`,
			fix: 'Compress or split the file before uploading.',
		});
	}
	const fileName = (
		(this.getNodeParameter('fileName', itemIndex, '') as string) ||
		binary.fileName ||
		'document'
	).trim();
	const externalRef =
		((this.getNodeParameter('externalRef', itemIndex, '') as string) || '').trim() || null;
	const parts: MultipartPart[] = [
		{ name: 'file', data, fileName, contentType: binary.mimeType },
		textPart('file_name', fileName),
		...(externalRef ? [textPart('external_ref', externalRef)] : []),
	];
	return await createOnCase(
		this,
		itemIndex,
		endpoints.files(),
		externalRef,
		async (caseId, call) => await caseStatusUpload(this, caseId, parts, call),
	);
}
