import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { MultipartPart } from '../../../shared/multipart';
import { z } from '../../../shared/validate';
import { endpoints } from '../../transport';
import {
	portalUserLocator,
	readLocatorId,
	readMigrationUpload,
	readWorkspaceClientId,
	workspaceClientLocator,
} from '../common';
import { uploadOnce } from '../lookups';

const properties: INodeProperties[] = [
	{
		displayName: 'Upload For',
		name: 'target',
		type: 'options',
		options: [
			{ name: 'User', value: 'user', description: 'Visible to one Firm Portal user' },
			{
				name: 'Client',
				value: 'client',
				description: 'Visible to every Firm Portal user linked to the WorkSpace client',
			},
		],
		default: 'user',
	},
	{ ...portalUserLocator, displayOptions: { show: { target: ['user'] } } },
	{ ...workspaceClientLocator, displayOptions: { show: { target: ['client'] } } },
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
			'The old-portal document this file migrates. When set, a Firm Portal document that already carries it is returned instead of uploading a second one, and OfficeTools records whether the bytes match (sha256).',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Display Name',
				name: 'displayName',
				type: 'string',
				default: '',
				description: 'The name users see; the file name when not set',
			},
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				description: "The uploaded file's name; the input file's name when not set",
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['firmPortalDocument'], operation: ['upload'] } },
	properties,
);

/**
 * Step 4 "Upload Documents", idempotent by legacy document: the Firm Portal document carrying the legacy id is
 * returned if it exists; otherwise the file is uploaded (retries allowed, 409 already_uploaded = the first attempt
 * landed). Invoices, disabled users and files of another contact are refused by OfficeTools (422). Uploads wait
 * for one of the firm's 2 upload slots.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const target = this.getNodeParameter('target', itemIndex, 'user') as string;
	const ownerId =
		target === 'client'
			? readWorkspaceClientId.call(this, itemIndex)
			: readLocatorId.call(
					this,
					'user',
					'Firm Portal User',
					itemIndex,
					'Pick a Firm Portal user from the list or enter their ID (e.g. pu_1001), e.g. from Firm Portal User › Create From Legacy Contact.',
				);
	const { input, source } = await readMigrationUpload.call(this, itemIndex, {
		displayName: z.string().trim().max(255, 'is longer than 255 characters').optional(),
	});

	const fields: MultipartPart[] = [
		{ name: target === 'client' ? 'client_id' : 'user_id', value: ownerId },
	];
	if (input.displayName) fields.push({ name: 'display_name', value: input.displayName });
	return await uploadOnce.call(this, itemIndex, source, {
		path: endpoints.portalDocuments(),
		fields,
		duplicateCode: 'already_uploaded',
	});
}
