import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { refuseField } from '../../../shared/problems';
import {
	inputFileField,
	readFileData,
	readUploadInput,
	uploadParts,
	uploadRefField,
} from '../../../shared/download';
import { duplicateRefConflict, refWriteCall } from '../../../shared/externalRef';
import { z } from '../../../shared/validate';
import { casePeerApi, casePeerProfile, casePeerUpload, endpoints } from '../../transport';
import type { ListBody } from '../../transport';
import { caseLocator, readCaseId } from '../common';

const properties: INodeProperties[] = [
	caseLocator,
	inputFileField(),
	uploadRefField('e.g. casestatus:file:5521'),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
			},
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				description: "The document's name in CASEpeer; the input file's name when not set",
			},
			{
				displayName: 'Folder',
				name: 'folder',
				type: 'string',
				default: '',
				placeholder: 'e.g. Client Uploads',
				description: "The folder in the case's documents; CASEpeer creates it if it does not exist",
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['document'], operation: ['upload'] } },
	properties,
);

const inputSchema = z.object({
	externalRef: z.string().trim().max(100, 'is longer than 100 characters').optional(),
	folder: z.string().trim().max(100, 'is longer than 100 characters').optional(),
	description: z.string().optional(),
	fileName: z.string().trim().optional(),
});

async function findByRef(
	ctx: IExecuteFunctions,
	externalRef: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const found = await casePeerApi<ListBody<IDataObject>>(ctx, 'GET', endpoints.documents(), {
		query: { external_ref: externalRef, page: 1, per_page: 1 },
		itemIndex,
	});
	return found?.data?.[0];
}

/**
 * Uploads a file to a case's documents. With an External Reference it is idempotent: look up first, upload with
 * retries allowed, and take a 409 duplicate_external_ref as "already uploaded".
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const caseId = readCaseId.call(this, itemIndex);
	const { property, input, externalRef } = readUploadInput(this, itemIndex, inputSchema, [
		'folder',
		'description',
		'fileName',
	]);

	const alreadyThere = (existing: IDataObject): INodeExecutionData[] => {
		if (Number(existing.case_id) !== caseId) {
			refuseField(this, itemIndex, 'CASEpeer', {
				field: 'External Reference',
				code: 'duplicate_external_ref',
				message: `'${externalRef}' is already used by CASEpeer document ${String(existing.id)} on case ${String(existing.case_id)}`,
				fix: 'External references are unique across the firm. Use a reference that names this case, or upload to the case that already holds it.',
			});
		}
		return [{ json: { ...existing, created: false } }];
	};

	const file = this.helpers.assertBinaryData(itemIndex, property);
	if (externalRef) {
		const existing = await findByRef(this, externalRef, itemIndex);
		if (existing) return alreadyThere(existing);
	}
	const data = await readFileData(this, itemIndex, property, 'CASEpeer');
	const fileName = input.fileName || file.fileName || `upload-${externalRef ?? 'file'}`;
	const parts = uploadParts(
		[
			['folder', input.folder],
			['description', input.description],
			['external_ref', externalRef],
		],
		{ name: 'file', data, fileName, contentType: file.mimeType },
	);
	const response = await casePeerUpload<IDataObject>(
		this,
		caseId,
		parts,
		refWriteCall(externalRef, itemIndex),
	);
	const conflict = duplicateRefConflict(this, casePeerProfile.system, response, itemIndex);
	if (!conflict) return [{ json: { ...response.body, created: true } }];
	const existing = await findByRef(this, externalRef!, itemIndex);
	if (existing) return alreadyThere(existing);
	// Lists hide documents of deleted cases: the document exists, but can no longer be read.
	return [
		{
			json: {
				id: conflict.details?.existing_id ?? null,
				case_id: caseId,
				external_ref: externalRef,
				created: false,
			},
		},
	];
}
