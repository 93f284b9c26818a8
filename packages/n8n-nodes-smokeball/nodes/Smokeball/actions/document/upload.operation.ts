import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { refuseField } from '../../../shared/problems';
import { simplifyFile } from '../../mapping';
import {
	endpoints,
	presignedRequest,
	smokeballApi,
	smokeballList,
	waitUntilReadable,
} from '../../transport';
import { isoDateTime, matterLocator, readMatterId, readWait, waitOptions } from '../common';

const properties: INodeProperties[] = [
	matterLocator,
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field holding the file to upload',
	},
	{
		displayName: 'External Reference',
		name: 'externalReference',
		type: 'string',
		default: '',
		placeholder: 'e.g. perfectportal:quote:PP-123456',
		description:
			"A reference unique on the matter, stored in the file's additional data as externalSystemId. When set, a file that already carries it is returned instead of uploading a second copy (and a file whose earlier upload failed is completed).",
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Date Created',
				name: 'dateCreated',
				type: 'dateTime',
				default: '',
				description: 'The original creation time of the document; now when empty',
			},
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'e.g. Quote PP-123456.pdf',
				description: "The name in Smokeball, with its extension; the input file's name when empty",
			},
			{
				displayName: 'Folder Path',
				name: 'folderPath',
				type: 'string',
				default: '',
				placeholder: 'e.g. Perfect Portal/Quotes',
				description: "Folder in the matter's documents; the root folder when empty",
			},
		],
	},
	...waitOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['document'], operation: ['upload'] } },
	properties,
);

async function findByReference(
	ctx: IExecuteFunctions,
	matterId: string,
	reference: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	for await (const file of smokeballList<IDataObject>(
		ctx,
		endpoints.files(matterId),
		{},
		{ itemIndex },
	)) {
		const data = (file.additionalData ?? {}) as IDataObject;
		if (data.externalSystemId === reference) return file;
	}
	return undefined;
}

/**
 * Smokeball's two-step upload (docs/api/smokeball.md#documents): POST the file's metadata (AddFileDto), which answers
 * 202 with a presigned `uploadUrl`, then PUT the bytes there with an empty Content-Type.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const matterId = readMatterId(this, itemIndex);
	const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	const reference = String(this.getNodeParameter('externalReference', itemIndex, '')).trim();
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const { wait, timeoutMs } = readWait(this, itemIndex);
	const file = this.helpers.assertBinaryData(itemIndex, property);
	const fileName = String(extra.fileName || file.fileName || '').trim();
	const dot = fileName.lastIndexOf('.');
	if (!fileName || dot <= 0 || dot === fileName.length - 1) {
		refuseField(node, itemIndex, 'Smokeball', {
			field: 'File Name',
			code: fileName ? 'no_extension' : 'empty',
			message: fileName ? `has no extension: '${fileName}'` : 'is empty',
			fix: 'Smokeball needs the full file name with its extension, e.g. "Quote PP-123456.pdf": set Additional Fields › File Name.',
		});
	}
	if (fileName.length > 256) {
		refuseField(node, itemIndex, 'Smokeball', {
			field: 'File Name',
			code: 'too_long',
			message: 'is longer than 256 characters',
			fix: 'Shorten the file name.',
		});
	}
	const data = await this.helpers.getBinaryDataBuffer(itemIndex, property);
	if (!data.length) {
		refuseField(node, itemIndex, 'Smokeball', {
			field: 'Input Binary Field',
			code: 'empty_file',
			message: `holds an empty file ('${property}')`,
			fix: 'Check the node that produced the file.',
		});
	}

	let fileId: string | undefined;
	let uploadUrl: string | undefined;
	if (reference) {
		const existing = await findByReference(this, matterId, reference, itemIndex);
		if (existing?.isUploaded === true) {
			return [{ json: { ...simplifyFile(existing), created: false } }];
		}
		if (existing && typeof existing.id === 'string') {
			// An earlier run created the file but its upload failed: finish it instead of adding a second file.
			fileId = existing.id;
			const info = await smokeballApi<IDataObject>(
				this,
				'GET',
				endpoints.fileUpload(matterId, fileId),
				{
					itemIndex,
				},
			);
			uploadUrl = info.uploadUrl as string;
		}
	}
	if (!fileId) {
		const body: IDataObject = { fileName };
		if (typeof extra.folderPath === 'string' && extra.folderPath.trim())
			body.folderPath = extra.folderPath.trim();
		const created = isoDateTime(this, itemIndex, extra.dateCreated, 'Date Created');
		if (created) body.dateCreated = created;
		if (reference) body.fileAdditionalData = { externalSystemId: reference };
		const info = await smokeballApi<IDataObject>(this, 'POST', endpoints.files(matterId), {
			body,
			itemIndex,
		});
		fileId = String(info.fileId ?? '');
		uploadUrl = info.uploadUrl as string;
	}
	if (!fileId || !uploadUrl) {
		// Not input validation: Smokeball's answer lacked the upload URL, and the file record may already exist.
		throw new NodeOperationError(node, "'File' got no upload URL from Smokeball", {
			description: 'Run the node again; if it persists, contact Smokeball support.',
			itemIndex,
		});
	}
	await presignedRequest(this, 'PUT', uploadUrl, { body: data, itemIndex });
	const output: IDataObject = {
		id: fileId,
		matterId,
		fileName,
		sizeBytes: data.length,
		externalSystemId: reference || null,
		uploaded: true,
		created: true,
	};
	if (!wait) return [{ json: output }];
	const stored = await waitUntilReadable(this, endpoints.file(matterId, fileId), {
		itemIndex,
		timeoutMs,
		what: 'upload',
		ready: (f) => f.isUploaded === true,
	});
	return [{ json: { ...simplifyFile(stored), created: true } }];
}
