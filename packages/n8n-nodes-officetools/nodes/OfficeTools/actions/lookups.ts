import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { MultipartPart } from '../../shared/multipart';
import { findFirst, officeToolsUpload } from '../transport';
import type { UploadSource } from './common';
import { existingIdFrom, refusal } from './common';

/**
 * An upload that happens once per legacy document: the record already carrying the legacy id under `path` is
 * returned if it exists; otherwise the file is uploaded (retries allowed, because a 409 `duplicateCode` means the
 * first attempt landed, and the record is looked up again). OfficeTools' refusals (422) become errors. Without a
 * legacy id it is a plain upload. The row is the record with `created`; when the 409's record cannot be found
 * under `path`, it is its `existing_id` with `elsewhere` (what the operation knows of a record filed elsewhere).
 */
export async function uploadOnce(
	this: IExecuteFunctions,
	itemIndex: number,
	source: UploadSource,
	o: { path: string; fields: MultipartPart[]; duplicateCode: string; elsewhere?: IDataObject },
): Promise<INodeExecutionData[]> {
	const { legacyId, file } = source;
	const row = (record: IDataObject | undefined, created: boolean, existingId: string | null) => {
		const json = record ?? { id: existingId, ...o.elsewhere, legacy_document_id: legacyId };
		return [{ json: { ...json, created } }];
	};
	const find = async () =>
		legacyId
			? await findFirst<IDataObject>(this, o.path, { legacy_document_id: legacyId }, itemIndex)
			: undefined;
	const before = await find();
	if (before) return row(before, false, null);

	const parts: MultipartPart[] = [...o.fields];
	if (legacyId) parts.push({ name: 'legacy_document_id', value: legacyId });
	parts.push({
		name: 'file',
		data: file.data,
		fileName: file.fileName,
		contentType: file.mimeType,
	});
	const response = await officeToolsUpload<IDataObject>(this, 'POST', o.path, parts, {
		idempotent: legacyId !== undefined,
		accept: legacyId ? [409, 422] : [422],
		itemIndex,
	});
	if (response.status === 422) throw refusal.call(this, response, itemIndex);
	if (response.status !== 409) return row(response.body, true, null);
	const existingId = existingIdFrom.call(this, response, o.duplicateCode, itemIndex);
	return row(await find(), false, existingId);
}
