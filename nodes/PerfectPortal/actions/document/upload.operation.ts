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
import { endpoints, findFirst, perfectPortalProfile, ppUpload } from '../../transport';
import { caseLocator, quoteLocator, readCaseId, readLeadId } from '../common';
import { DOCUMENT_KINDS, documentScope } from './getAll.operation';

/** What Perfect Portal accepts (contract: PDF, DOCX, DOC, JPEG, PNG), by MIME type and by file extension. */
const ALLOWED: Record<string, string> = {
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	doc: 'application/msword',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
};
const ALLOWED_TYPES = new Set(Object.values(ALLOWED));

const properties: INodeProperties[] = [
	documentScope,
	{ ...caseLocator, displayOptions: { show: { scope: ['case'] } } },
	{ ...quoteLocator, displayOptions: { show: { scope: ['quote'] } } },
	inputFileField(
		'The name of the input binary field holding the file to upload (PDF, DOCX, DOC, JPEG or PNG)',
	),
	uploadRefField('e.g. sb:document:55001'),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				description: "The document's name in Perfect Portal; the input file's name when not set",
			},
			{
				displayName: 'Kind',
				name: 'kind',
				type: 'options',
				options: DOCUMENT_KINDS,
				default: 'other',
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
	description: z.string().max(2000, 'is longer than 2,000 characters').optional(),
	fileName: z.string().trim().max(255, 'is longer than 255 characters').optional(),
	kind: z.enum(['quote_pdf', 'client_care', 'other']).optional(),
});

/** The MIME type Perfect Portal will see: the binary's own unless generic, else from the extension. */
function effectiveType(fileName: string, mimeType: string | undefined): string {
	const given = (mimeType ?? '').split(';')[0].trim().toLowerCase();
	if (given && given !== 'application/octet-stream') return given;
	const dot = fileName.lastIndexOf('.');
	return ALLOWED[dot >= 0 ? fileName.slice(dot + 1).toLowerCase() : ''] ?? given;
}

/**
 * Uploads a file to a case or a quote. With an External Reference it is idempotent: look up first, upload with
 * retries allowed, and take a 409 duplicate_external_ref as "already uploaded". File type and emptiness are
 * checked before any request.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const scope = this.getNodeParameter('scope', itemIndex, 'case') as string;
	const ownerId =
		scope === 'quote'
			? readLeadId.call(this, itemIndex, 'quote')
			: readCaseId.call(this, itemIndex);
	const path =
		scope === 'quote' ? endpoints.quoteDocuments(ownerId) : endpoints.caseDocuments(ownerId);
	const { property, input, externalRef } = readUploadInput(this, itemIndex, inputSchema, [
		'description',
		'fileName',
		'kind',
	]);
	if (!property) {
		refuseField(this, itemIndex, 'Perfect Portal', {
			field: 'Input Binary Field',
			code: 'empty',
			message: 'is empty',
			fix: 'Name the input binary field that holds the file, e.g. data.',
		});
	}
	let file;
	try {
		file = this.helpers.assertBinaryData(itemIndex, property);
	} catch {
		refuseField(this, itemIndex, 'Perfect Portal', {
			field: 'Input Binary Field',
			code: 'missing_binary',
			message: `names '${property}', but the input item has no such binary field`,
			fix: 'Point it at the binary field holding the file (see the input panel), or add a node that reads the file first.',
		});
	}
	const fileName = input.fileName || file.fileName || `upload-${externalRef ?? 'file'}`;
	const contentType = effectiveType(fileName, file.mimeType);
	if (!ALLOWED_TYPES.has(contentType)) {
		refuseField(this, itemIndex, 'Perfect Portal', {
			field: 'Input Binary Field',
			code: 'unsupported_type',
			message: `holds a ${contentType || 'file of unknown type'} ('${fileName}')`,
			fix: 'Perfect Portal accepts PDF, DOCX, DOC, JPEG and PNG files only. Convert the file first (e.g. to PDF).',
		});
	}
	const findByRef = async () =>
		await findFirst<IDataObject>(this, path, { external_ref: externalRef }, itemIndex);
	if (externalRef) {
		const found = await findByRef();
		if (found) return [{ json: { ...found, created: false } }];
	}
	const data = await readFileData(this, itemIndex, property, 'Perfect Portal');
	const parts = uploadParts(
		[
			['kind', input.kind],
			['description', input.description],
			['external_ref', externalRef],
		],
		{ name: 'file', data, fileName, contentType },
	);
	const response = await ppUpload<IDataObject>(
		this,
		path,
		parts,
		refWriteCall(externalRef, itemIndex),
	);
	const conflict = duplicateRefConflict(this, perfectPortalProfile.system, response, itemIndex);
	if (!conflict) return [{ json: { ...response.body, created: true } }];
	const found = await findByRef();
	if (found) return [{ json: { ...found, created: false } }];
	refuseField(this, itemIndex, 'Perfect Portal', {
		field: 'External Reference',
		code: 'duplicate_external_ref',
		message: `'${externalRef}' is already used by Perfect Portal document ${String(conflict.details?.existing_id ?? '')} on another ${scope}`,
		fix: 'External references are unique across the firm. Use a reference that names this record, or upload to the one that already holds it.',
	});
}
