import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { refuseField } from '../../../shared/problems';
import { readOptions } from '../../../shared/options';
import type { ListBody } from '../../transport';
import { endpoints, officeToolsApi, officeToolsRequest } from '../../transport';
import { legacyDocumentIdField, readLegacyDocumentId, refusal } from '../common';

const properties: INodeProperties[] = [
	legacyDocumentIdField('e.g. ld_1001', 'The ID of the old-portal document whose file to remove'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Delete Even If Not Secured',
				name: 'force',
				type: 'boolean',
				default: false,
				description:
					'Whether to delete a file that is neither in WorkSpace nor on the Firm Portal (OfficeTools refuses that otherwise). Meant for firms that migrated before the migration tool existed.',
			},
			{
				displayName: 'Only If Verified On Firm Portal',
				name: 'onlyIfVerified',
				type: 'boolean',
				default: false,
				description:
					'Whether to delete only when a Firm Portal document carrying this legacy document ID has the same size and SHA-256; otherwise the item fails and nothing is deleted',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['legacyDocument'], operation: ['delete'] } },
	properties,
);

/** Why a legacy document is not proven to be on the Firm Portal, or null with the matching Firm Portal document. */
function verification(
	legacy: IDataObject,
	candidates: IDataObject[],
): { match: IDataObject | null; reason: string } {
	const match = candidates.find(
		(d) => d.size_bytes === legacy.size_bytes && d.sha256 === legacy.sha256,
	);
	if (match) return { match, reason: '' };
	if (!candidates.length) return { match: null, reason: 'no Firm Portal document carries it' };
	const first = candidates[0];
	return {
		match: null,
		reason: `Firm Portal document ${String(first.id)} differs (size ${String(first.size_bytes)} vs ${String(legacy.size_bytes)} bytes, sha256 ${String(first.sha256).slice(0, 12)}… vs ${String(legacy.sha256).slice(0, 12)}…)`,
	};
}

/**
 * Step 5 "Delete Documents": removes the file from the old portal; the record stays listed with
 * content_available=false. Repeating it is harmless (204). With "Only If Verified On Firm Portal" the document
 * must be on the Firm Portal byte for byte (size + sha256) first, or the item fails and nothing is deleted.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const documentId = readLegacyDocumentId.call(this, itemIndex, 'Get Many with Ready for Deletion');
	const options = readOptions(this, properties, itemIndex);
	const force = options.force === true;
	let verified: boolean | null = null;
	let portalDocumentId: string | null = null;
	if (options.onlyIfVerified === true) {
		const legacy = await officeToolsApi<IDataObject>(
			this,
			'GET',
			endpoints.legacyDocument(documentId),
			{ itemIndex },
		);
		const found = await officeToolsApi<ListBody<IDataObject>>(
			this,
			'GET',
			endpoints.portalDocuments(),
			{ query: { legacy_document_id: documentId, page: 1, per_page: 10 }, itemIndex },
		);
		const { match, reason } = verification(legacy, found?.data ?? []);
		if (!match) {
			refuseField(this, itemIndex, 'OfficeTools', {
				field: 'Legacy Document ID',
				code: 'not_verified',
				message: `'${documentId}' is not verified on the Firm Portal: ${reason}; nothing was deleted`,
				fix: 'Upload the file with Firm Portal Document › Upload (Legacy Document ID set) and run again, or turn off "Only If Verified On Firm Portal" to delete without the check.',
			});
		}
		verified = true;
		portalDocumentId = String(match.id);
	}
	const response = await officeToolsRequest(this, 'DELETE', endpoints.legacyDocument(documentId), {
		query: { force: force ? 'true' : undefined },
		accept: [422],
		itemIndex,
	});
	if (response.status === 422) throw refusal.call(this, response, itemIndex);
	return [
		{
			json: {
				id: documentId,
				deleted: true,
				verified,
				firm_portal_document_id: portalDocumentId,
			},
		},
	];
}
