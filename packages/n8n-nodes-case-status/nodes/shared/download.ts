import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { inputError } from './errors';
import type { ApiResponse, ContractCall } from './http';
import type { MultipartPart } from './multipart';
import { fileNameFromDisposition } from './multipart';
import { refuseField } from './problems';
import { parseInput, readRequired, z } from './validate';

/** The "Put Output File in Field" parameter every download operation has. */
export const outputFileField: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the output binary field to put the file in',
};

/** The "Input Binary Field" parameter of an upload; `hint` may name the file types the system accepts. */
export function inputFileField(
	hint = 'The name of the input binary field holding the file to upload',
): INodeProperties {
	return {
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint,
	};
}

/** The "External Reference" of a document upload, which makes it idempotent; `placeholder` shows its form. */
export function uploadRefField(placeholder: string): INodeProperties {
	return {
		displayName: 'External Reference',
		name: 'externalRef',
		type: 'string',
		default: '',
		placeholder,
		description:
			'A reference unique in the firm, e.g. the ID of the file this upload copies. When set, a document that already carries it is returned instead of uploading a second copy.',
	};
}

/** The output binary field's name; refused when empty. */
export function readOutputField(ctx: IExecuteFunctions, itemIndex: number): string {
	const property = String(ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	if (!property) {
		throw inputError(
			ctx.getNode(),
			'Put Output File in Field',
			'is empty',
			'Name the binary field to put the file in, e.g. data.',
			itemIndex,
		);
	}
	return property;
}

/** The input binary field's name ("Input Binary Field"); refused when empty. */
export function readInputField(ctx: IExecuteFunctions, itemIndex: number): string {
	const property = String(ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	if (!property) {
		throw inputError(
			ctx.getNode(),
			'Input Binary Field',
			'is empty',
			'Name the input binary field holding the file, e.g. data.',
			itemIndex,
		);
	}
	return property;
}

/**
 * A document upload's parameters: the Input Binary Field's name, and the External Reference with the Additional
 * Fields named in `fields` (empty ones left out), checked by `schema`.
 */
export function readUploadInput<
	S extends z.ZodType<{ externalRef?: string }, z.ZodTypeDef, unknown>,
>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	schema: S,
	fields: string[],
): { property: string; input: z.infer<S>; externalRef: string | undefined } {
	const property = String(ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	const extra = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const raw: IDataObject = {
		externalRef: (ctx.getNodeParameter('externalRef', itemIndex, '') as string) || undefined,
	};
	for (const name of fields) raw[name] = extra[name] || undefined;
	const input = parseInput(ctx.getNode(), schema, raw, itemIndex);
	return { property, input, externalRef: input.externalRef || undefined };
}

/** The multipart form of a document upload: each text field that has a value, in the order given, then the file. */
export function uploadParts(
	fields: Array<[string, string | undefined]>,
	file: MultipartPart,
): MultipartPart[] {
	const parts: MultipartPart[] = [];
	for (const [name, value] of fields) if (value) parts.push({ name, value });
	parts.push(file);
	return parts;
}

/** The bytes of the item's input binary field `property`; an empty file is refused before anything is sent. */
export async function readFileData(
	ctx: IExecuteFunctions,
	itemIndex: number,
	property: string,
	system: string,
): Promise<Buffer> {
	const data = await ctx.helpers.getBinaryDataBuffer(itemIndex, property);
	if (!data.length) {
		refuseField(ctx, itemIndex, system, {
			field: 'Input Binary Field',
			code: 'empty_file',
			message: `holds an empty file ('${property}')`,
			fix: `${system} refuses empty files. Check the node that produced the file.`,
		});
	}
	return data;
}

export interface DownloadedFile {
	binary: IBinaryData;
	fileName: string;
	contentType: string | undefined;
	sizeBytes: number;
}

/**
 * A downloaded file as n8n binary data: its name from Content-Disposition (else `fallbackName`), its type from
 * Content-Type (else `fallbackType`).
 */
export async function binaryFromResponse(
	ctx: IExecuteFunctions,
	response: ApiResponse<Buffer>,
	fallbackName: string,
	fallbackType?: string,
): Promise<DownloadedFile> {
	const contentType = response.headers['content-type']?.split(';')[0].trim() || fallbackType;
	const fileName = fileNameFromDisposition(response.headers['content-disposition']) ?? fallbackName;
	const binary = await ctx.helpers.prepareBinaryData(response.body, fileName, contentType);
	return { binary, fileName, contentType, sizeBytes: response.body.length };
}

/** The "Document ID" parameter of Document › Download (CASEpeer, Perfect Portal); `placeholder` shows the id's form. */
export function documentIdField(placeholder: string): INodeProperties {
	return {
		displayName: 'Document ID',
		name: 'documentId',
		type: 'string',
		default: '',
		required: true,
		placeholder,
		description: 'The ID of the document, as Document › Get Many returns it',
	};
}

/** A system's request function, as its transport exports it (e.g. casePeerRequest). */
export type FileRequest = (
	ctx: IExecuteFunctions,
	method: 'GET',
	path: string,
	call: ContractCall,
) => Promise<ApiResponse<Buffer>>;

/**
 * Document › Download by id: reads Document ID and the output field, GETs `contentPath(documentId)` with the
 * system's `request`, and answers one row (id, file_name, content_type, size_bytes) carrying the file.
 */
export async function downloadDocument(
	ctx: IExecuteFunctions,
	itemIndex: number,
	request: FileRequest,
	contentPath: (documentId: string) => string,
): Promise<INodeExecutionData[]> {
	const documentId = readRequired(
		ctx,
		'documentId',
		'Document ID',
		itemIndex,
		'Enter the ID of a document, e.g. from Document › Get Many ({{ $json.id }}).',
	);
	const property = readOutputField(ctx, itemIndex);
	const response = await request(ctx, 'GET', contentPath(documentId), {
		binary: true,
		headers: { Accept: '*/*' },
		itemIndex,
	});
	const file = await binaryFromResponse(ctx, response, `document-${documentId}`);
	return [
		{
			json: {
				id: documentId,
				file_name: file.fileName,
				content_type: file.contentType ?? null,
				size_bytes: file.sizeBytes,
			},
			binary: { [property]: file.binary },
		},
	];
}
