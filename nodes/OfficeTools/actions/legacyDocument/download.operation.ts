import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { refuseField } from '../../../shared/problems';
import { readOptions } from '../../../shared/options';
import { apiError, parseContractError, withStatus } from '../../../shared/errors';
import {
	endpoints,
	officeToolsApi,
	officeToolsDownload,
	officeToolsProfile,
} from '../../transport';
import { binaryFromResponse, outputFileField, readOutputField } from '../../../shared/download';
import { legacyDocumentIdField, readLegacyDocumentId } from '../common';

const properties: INodeProperties[] = [
	legacyDocumentIdField(
		'e.g. ld_1002',
		'The ID of the old-portal document, as Legacy Portal Document › Get Many returns it',
	),
	outputFileField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Use WorkSpace Copy If Removed',
				name: 'useWorkspaceCopy',
				type: 'boolean',
				default: true,
				description:
					'Whether to download the WorkSpace copy when the old portal has already removed the file (30-day retention or deletion)',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['legacyDocument'], operation: ['download'] } },
	properties,
);

/**
 * The file of an old-portal document, with its metadata (legacy id, contact, size, sha256) so the next step can
 * upload it with the legacy id. Content removed by retention comes from WorkSpace when a copy exists there.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const documentId = readLegacyDocumentId.call(this, itemIndex, 'Get Many');
	const property = readOutputField(this, itemIndex);
	const options = readOptions(this, properties, itemIndex);
	const useWorkspace = options.useWorkspaceCopy !== false;

	const meta = await officeToolsApi<IDataObject>(
		this,
		'GET',
		endpoints.legacyDocument(documentId),
		{
			itemIndex,
		},
	);
	let workspaceId = meta.workspace_document_id ? String(meta.workspace_document_id) : null;
	let source = 'legacy_portal';
	let response = null;
	if (meta.content_available !== false || !useWorkspace || !workspaceId) {
		response = await officeToolsDownload(this, endpoints.legacyDocumentContent(documentId), {
			accept: [410],
			itemIndex,
		});
		if (response.status === 410) {
			const gone = parseContractError(410, response.body);
			const copy = gone.details?.workspace_document_id ?? workspaceId;
			workspaceId = copy ? String(copy) : null;
			if (!useWorkspace || !copy) {
				const error = apiError(this.getNode(), officeToolsProfile.system, 410, gone, itemIndex, 1);
				error.description = withStatus(
					copy
						? `The old portal no longer holds this file, but WorkSpace does (${String(copy)}). Turn on "Use WorkSpace Copy If Removed".`
						: 'The old portal removed this file (30-day retention or deletion) and it was never downloaded into WorkSpace, so no copy exists. Report it as not migratable.',
					410,
				);
				throw error;
			}
			response = null;
		}
	}
	if (!response) {
		if (!workspaceId) {
			refuseField(this, itemIndex, 'OfficeTools', {
				field: 'Legacy Document ID',
				code: 'no_content',
				message: `'${documentId}' has no content on the old portal and no WorkSpace copy`,
				fix: 'Report it as not migratable.',
			});
		}
		response = await officeToolsDownload(this, endpoints.workspaceDocumentContent(workspaceId), {
			itemIndex,
		});
		source = 'workspace';
	}
	const file = await binaryFromResponse(
		this,
		response,
		String(meta.file_name ?? `document-${documentId}`),
		meta.content_type as string | undefined,
	);
	return [
		{
			json: { ...meta, source, downloaded_bytes: file.sizeBytes },
			binary: { [property]: file.binary },
		},
	];
}
