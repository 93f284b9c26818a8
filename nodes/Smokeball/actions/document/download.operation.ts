import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { parseInput } from '../../../shared/validate';
import { refuseField } from '../../../shared/problems';
import { outputFileField, readOutputField } from '../../../shared/download';
import { endpoints, presignedRequest, smokeballApi } from '../../transport';
import { guid, matterLocator, readMatterId } from '../common';
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
	const fileId = parseInput(
		this.getNode(),
		guid,
		String(this.getNodeParameter('fileId', itemIndex, '')),
		itemIndex,
		{
			field: 'File ID',
			fix: 'Enter the ID of a file, e.g. from Document › Get Many ({{ $json.id }}).',
		},
	);
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
		refuseField(this, itemIndex, 'Smokeball', {
			field: 'File ID',
			code: 'no_content',
			message: 'has no downloadable content yet',
			fix: 'Wait until the upload of the file has finished, then run again.',
		});
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
