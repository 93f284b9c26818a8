import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { MultipartPart } from '../../../shared/multipart';
import { z } from '../../../shared/validate';
import { endpoints } from '../../transport';
import { readMigrationUpload, readWorkspaceClientId, workspaceClientLocator } from '../common';
import { uploadOnce } from '../lookups';

const properties: INodeProperties[] = [
	workspaceClientLocator,
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field holding the file to upload',
	},
	{
		displayName: 'Legacy Document ID',
		name: 'legacyDocumentId',
		type: 'string',
		default: '',
		placeholder: 'e.g. ld_1002',
		description:
			'The old-portal document this file is. When set, OfficeTools marks it as downloaded into WorkSpace, and a WorkSpace copy that already exists is returned instead of uploading a second one.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				description: "The document's name in WorkSpace; the input file's name when not set",
			},
			{
				displayName: 'Folder',
				name: 'folder',
				type: 'string',
				default: 'Portal',
				description: "The client's WorkSpace folder to file it in",
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['workspaceDocument'], operation: ['upload'] } },
	properties,
);

/**
 * Step 2 "Get Documents": files an old-portal document into the client's WorkSpace folder. With a Legacy Document ID
 * it is idempotent: look up the client's copy first, upload with retries allowed, and take the 409
 * duplicate_legacy_document_id as "already there". Uploads wait for one of the firm's 2 upload slots.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const clientId = readWorkspaceClientId.call(this, itemIndex);
	const { input, source } = await readMigrationUpload.call(this, itemIndex, {
		folder: z.string().trim().max(100, 'is longer than 100 characters').optional(),
	});

	const fields: MultipartPart[] = [];
	if (input.folder) fields.push({ name: 'folder', value: input.folder });
	return await uploadOnce.call(this, itemIndex, source, {
		path: endpoints.workspaceClientDocuments(clientId),
		fields,
		duplicateCode: 'duplicate_legacy_document_id',
		// Without a record, the copy exists under another client (the desktop filed it there).
		elsewhere: { client_id: null },
	});
}
