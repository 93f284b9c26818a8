import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { outputFileField, readOutputField } from '../../../shared/download';
import { inputError } from '../../../shared/errors';
import { endpoints, presignedRequest, smokeballApi } from '../../transport';
import { isGuid, matterLocator, readMatterId } from '../common';
import { mimeTypeFor } from './mime';

const properties: INodeProperties[] = [
	matterLocator,
	{
		displayName: 'File ID',
		name: 'fileId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. b471682e-fa17-4e46-b7fe-9b2b8fdcb3c2',
		description: 'The ID of the file, as Document › Get Many returns it',
	},
	outputFileField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['document'], operation: ['download'] } },
	properties,
);

/** Two steps: the API's DownloadFileInfo (a presigned URL), then the bytes from that URL without API headers. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const matterId = readMatterId(this, itemIndex);
	const fileId = String(this.getNodeParameter('fileId', itemIndex, '')).trim();
	if (!isGuid(fileId)) {
		throw inputError(
			this.getNode(),
			'File ID',
			fileId ? `is not a Smokeball ID (a GUID): '${fileId}'` : 'is empty',
			'Enter the ID of a file, e.g. from Document › Get Many ({{ $json.id }}).',
			itemIndex,
		);
	}
	const property = readOutputField(this, itemIndex);
	const info = await smokeballApi<IDataObject>(
		this,
		'GET',
		endpoints.fileDownload(matterId, fileId),
		{
			itemIndex,
		},
	);
	const url = typeof info.downloadUrl === 'string' ? info.downloadUrl : '';
	if (!url) {
		throw inputError(
			this.getNode(),
			'File ID',
			'has no downloadable content yet',
			'Wait until the upload of the file has finished, then run again.',
			itemIndex,
		);
	}
	const response = await presignedRequest(this, 'GET', url, { itemIndex });
	const extension = typeof info.fileExtension === 'string' ? info.fileExtension : '';
	const fileName = `${String(info.name ?? fileId)}${extension}`;
	const binary = await this.helpers.prepareBinaryData(
		response.body,
		fileName,
		mimeTypeFor(extension),
	);
	return [
		{
			json: {
				id: fileId,
				matterId,
				fileName,
				fileExtension: extension || null,
				sizeBytes: response.body.length,
			},
			binary: { [property]: binary },
		},
	];
}
