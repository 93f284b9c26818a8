import type {
	IDataObject,
	IExecuteFunctions,
	INodeParameterResourceLocator,
	INodeProperties,
	NodeApiError,
} from 'n8n-workflow';

import { readLimit } from '../../shared/descriptions';
import { filled, parseInput, readRequired, z } from '../../shared/validate';
import { refuseField } from '../../shared/problems';
import { readFileData, readInputField } from '../../shared/download';
import { apiError, parseContractError, withStatus } from '../../shared/errors';
import type { ApiResponse, QueryValue } from '../../shared/http';
import { locatorValue, resourceLocator } from '../../shared/locator';
import { collect } from '../../shared/paging';
import { MAX_FILE_BYTES, officeToolsList, officeToolsProfile } from '../transport';

/** OfficeTools ids are opaque: each locator is picked from a searchable list or typed. */
export const workspaceClientLocator = resourceLocator({
	displayName: 'WorkSpace Client',
	name: 'client',
	description: 'The client in OfficeTools WorkSpace',
	searchListMethod: 'searchWorkspaceClients',
	typed: [{ placeholder: 'e.g. wc_1001' }],
});

export const legacyContactLocator = resourceLocator({
	displayName: 'Legacy Contact',
	name: 'legacyContact',
	description: 'The old-portal contact (hidden contacts are not listed: they cannot be synced)',
	searchListMethod: 'searchLegacyContacts',
	typed: [{ placeholder: 'e.g. lc_1001' }],
});

export const portalUserLocator = resourceLocator({
	displayName: 'Firm Portal User',
	name: 'user',
	description: 'The user on the new Firm Portal',
	searchListMethod: 'searchPortalUsers',
	typed: [{ placeholder: 'e.g. pu_1001' }],
});

/** The "Client ID" filter of a Get Many: records of one WorkSpace client. */
export function clientIdFilter(description: string): INodeProperties {
	return {
		displayName: 'Client ID',
		name: 'clientId',
		type: 'string',
		default: '',
		placeholder: 'e.g. wc_1001',
		description,
	};
}

/** The id a locator (or a plain string) names, trimmed; refuses an empty one naming the field. */
export function readLocatorId(
	this: IExecuteFunctions,
	parameter: string,
	label: string,
	itemIndex: number,
	fix: string,
): string {
	const raw = this.getNodeParameter(parameter, itemIndex) as
		| INodeParameterResourceLocator
		| string
		| undefined;
	return parseInput(this.getNode(), filled, locatorValue(raw), itemIndex, { field: label, fix });
}

/** The "Legacy Document ID" of an operation on one old-portal document (Download, Delete). */
export function legacyDocumentIdField(placeholder: string, description: string): INodeProperties {
	return {
		displayName: 'Legacy Document ID',
		name: 'documentId',
		type: 'string',
		default: '',
		required: true,
		placeholder,
		description,
	};
}

/** The Legacy Document ID, refused naming the field when empty; `listedBy` names the Get Many that lists it. */
export function readLegacyDocumentId(
	this: IExecuteFunctions,
	itemIndex: number,
	listedBy: string,
): string {
	const fix = `Enter the ID of an old-portal document, e.g. from Legacy Portal Document › ${listedBy} ({{ $json.id }}).`;
	return readRequired(this, 'documentId', 'Legacy Document ID', itemIndex, fix);
}

/** The WorkSpace Client locator's id (Get Many and Upload of WorkSpace documents, Firm Portal uploads for a client). */
export function readWorkspaceClientId(this: IExecuteFunctions, itemIndex: number): string {
	return readLocatorId.call(
		this,
		'client',
		'WorkSpace Client',
		itemIndex,
		'Pick a WorkSpace client from the list or enter its ID (e.g. wc_1001).',
	);
}

/** A Get Many's records from a list endpoint: every one with Return All, else up to the Limit. */
export async function listRecords(
	this: IExecuteFunctions,
	path: string,
	query: Record<string, QueryValue>,
	itemIndex: number,
	onHeaders?: (headers: Record<string, string>) => void,
): Promise<IDataObject[]> {
	const limit = readLimit(this, itemIndex);
	const records = officeToolsList<IDataObject>(this, path, query, { limit, itemIndex, onHeaders });
	return await collect(records, limit);
}

/** An ISO timestamp for a `dateTime` parameter, or undefined when empty. */
export function isoOrUndefined(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return new Date(String(value)).toISOString();
}

/**
 * A date bound for created_from / created_to: a value at midnight (what the date picker gives for a day) goes as
 * the date alone, so `created_to` includes that whole day as the contract says; anything else as a timestamp.
 */
export function dateBound(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(value).trim();
	const day = /^(\d{4}-\d{2}-\d{2})(?:[T ]00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)?)?$/.exec(text);
	if (day) return day[1];
	return new Date(text).toISOString();
}

export interface InputFile {
	data: Buffer;
	fileName: string;
	mimeType?: string;
}

/** The input binary file of an item: present, not empty, within `maxBytes`. */
export async function readInputFile(
	this: IExecuteFunctions,
	itemIndex: number,
	maxBytes: number,
	fileNameOverride?: string,
): Promise<InputFile> {
	const property = readInputField(this, itemIndex);
	const binary = this.helpers.assertBinaryData(itemIndex, property);
	const data = await readFileData(this, itemIndex, property, 'OfficeTools');
	if (data.length > maxBytes) {
		refuseField(this, itemIndex, 'OfficeTools', {
			field: 'Input Binary Field',
			code: 'too_large',
			message: `holds ${data.length} bytes, over OfficeTools' limit of ${maxBytes} bytes`,
			fix: 'Compress or split the file before uploading it.',
		});
	}
	const fileName = fileNameOverride?.trim() || binary.fileName || `upload-${itemIndex}`;
	return { data, fileName, mimeType: binary.mimeType };
}

/** How to resolve the refusals a migration meets (the contract's 409/422 codes), instead of the generic hint. */
const FIXES: Record<string, string> = {
	email_in_use:
		'Another Firm Portal user already has this e-mail address (the Firm Portal allows one user per address). Give this contact an address of their own on the old portal, then run again.',
	contact_email_invalid:
		'Enter a valid e-mail address for the contact on the old portal, then run again.',
	contact_hidden:
		'Hidden contacts are not migrated. Unhide the contact on the old portal if they should get a Firm Portal user.',
	firm_portal_not_active: 'Activate the Firm Portal first (Firm Portal › Activate).',
	invoice_not_migratable:
		'Invoices cannot be migrated to the Firm Portal. Leave them out, e.g. with Legacy Portal Document › Get Many, Kind: Document.',
	owner_mismatch:
		"Upload the document for the Firm Portal user synced from the document's own contact, or for its WorkSpace client.",
	user_disabled: 'Enable the Firm Portal user in OfficeTools, then run again.',
	document_not_secured:
		'Download the document into WorkSpace or upload it to the Firm Portal first, or turn on "Delete Even If Not Secured".',
};

/** The NodeApiError for a refused request (4xx the operation accepted), with the fix for the refusal's code. */
export function refusal(
	this: IExecuteFunctions,
	response: ApiResponse<unknown>,
	itemIndex: number,
): NodeApiError {
	const vendor = parseContractError(response.status, response.body);
	const error = apiError(
		this.getNode(),
		officeToolsProfile.system,
		response.status,
		vendor,
		itemIndex,
		1,
	);
	const fix = vendor.code ? FIXES[vendor.code] : undefined;
	if (fix) error.description = withStatus(fix, response.status);
	return error;
}

/**
 * A 409 on an idempotent create: its `existing_id` when the code is the expected "already exists" one, else the
 * API error itself (another conflict, e.g. email_in_use, is a real refusal).
 */
export function existingIdFrom(
	this: IExecuteFunctions,
	response: ApiResponse<unknown>,
	expectedCode: string,
	itemIndex: number,
): string | null {
	const conflict = parseContractError(409, response.body);
	if (conflict.code !== expectedCode) throw refusal.call(this, response, itemIndex);
	const existing = conflict.details?.existing_id;
	return existing === undefined || existing === null ? null : String(existing);
}

/** The file an upload sends and the old-portal document it migrates (none: a plain upload). */
export interface UploadSource {
	legacyId: string | undefined;
	file: InputFile;
}

/**
 * A migration upload's input: the Legacy Document ID and the Additional Fields (`additional`: the operation's own
 * rules, checked between the two; File Name is common to both uploads) and the input file, named by File Name when
 * set.
 */
export async function readMigrationUpload<S extends z.ZodRawShape>(
	this: IExecuteFunctions,
	itemIndex: number,
	additional: S,
) {
	const schema = z.object({
		legacyDocumentId: z.string().trim().optional(),
		...additional,
		fileName: z.string().trim().max(255, 'is longer than 255 characters').optional(),
	});
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const raw: IDataObject = {
		legacyDocumentId:
			(this.getNodeParameter('legacyDocumentId', itemIndex, '') as string) || undefined,
	};
	for (const key of [...Object.keys(additional), 'fileName']) raw[key] = extra[key] || undefined;
	const input = parseInput(this.getNode(), schema, raw, itemIndex);
	const file = await readInputFile.call(this, itemIndex, MAX_FILE_BYTES, input.fileName);
	const source: UploadSource = { legacyId: input.legacyDocumentId || undefined, file };
	return { input, source };
}
