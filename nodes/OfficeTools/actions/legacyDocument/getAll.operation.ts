import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { refuseField } from '../../../shared/problems';
import { clock } from '../../../shared/clock';
import {
	filtersCollection,
	returnAllAndLimit,
	updatedSinceFilter,
} from '../../../shared/descriptions';
import { isoTimestamp, z } from '../../../shared/validate';
import { endpoints } from '../../transport';
import { clientIdFilter, dateBound, isoOrUndefined, listRecords } from '../common';
import { readFilters } from '../../../shared/listRows';

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	filtersCollection([
		clientIdFilter("Only documents of this WorkSpace client's contacts"),
		{
			displayName: 'Content Available',
			name: 'contentAvailable',
			type: 'boolean',
			default: true,
			description:
				'Whether to return only documents whose file is still on the old portal (on) or only those removed by retention or deletion (off)',
		},
		{
			displayName: 'Created From',
			name: 'createdFrom',
			type: 'dateTime',
			default: '',
			description:
				'Only documents uploaded at or after this time (a date alone means from the start of that day, UTC)',
		},
		{
			displayName: 'Created To',
			name: 'createdTo',
			type: 'dateTime',
			default: '',
			description:
				'Only documents uploaded at or before this time (a date alone includes that whole day, UTC)',
		},
		{
			displayName: 'Downloaded to WorkSpace',
			name: 'downloadedToWorkspace',
			type: 'boolean',
			default: false,
			description:
				'Whether to return only documents already downloaded into WorkSpace (on) or only those not yet downloaded (off), as step 2 "Get Documents" does',
		},
		{
			displayName: 'Kind',
			name: 'kind',
			type: 'options',
			options: [
				{ name: 'Document', value: 'document' },
				{
					name: 'Invoice',
					value: 'invoice',
					description: 'Invoices cannot be migrated; list them for a gap report',
				},
			],
			default: 'document',
		},
		{
			displayName: 'Legacy Contact ID',
			name: 'legacyContactId',
			type: 'string',
			default: '',
			placeholder: 'e.g. lc_1001',
			description: 'Only documents of this old-portal contact',
		},
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			placeholder: 'e.g. 1040',
			description: "Part of the file name or of the contact's name (case-insensitive)",
		},
		{
			displayName: 'Ready for Deletion',
			name: 'readyForDeletion',
			type: 'boolean',
			default: true,
			description:
				'Whether to return only documents whose file is still there and safe in WorkSpace or on the Firm Portal (on), as step 5 "Delete Documents" lists them, or only the others (off)',
		},
		updatedSinceFilter('Only documents changed at or after this time (oldest change first)'),
		{
			displayName: 'Uploaded to Firm Portal',
			name: 'migrated',
			type: 'boolean',
			default: false,
			description:
				'Whether to return only documents already uploaded to the new Firm Portal (on) or only those not yet uploaded (off), as step 4 "Upload Documents" does',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['legacyDocument'], operation: ['getAll'] } },
	properties,
);

const optionalTime = isoTimestamp.optional().or(z.literal(''));

const filtersSchema = z.object({
	clientId: z.string().trim().optional(),
	contentAvailable: z.boolean().optional(),
	createdFrom: optionalTime,
	createdTo: optionalTime,
	downloadedToWorkspace: z.boolean().optional(),
	kind: z.enum(['document', 'invoice']).optional(),
	legacyContactId: z.string().trim().optional(),
	name: z.string().optional(),
	readyForDeletion: z.boolean().optional(),
	updatedSince: optionalTime,
	migrated: z.boolean().optional(),
});

const flag = (value: boolean | undefined) => (value === undefined ? undefined : String(value));

const HOUR_MS = 3_600_000;

/**
 * Hours until the 30-day policy removes the file, by OfficeTools' own clock (the response's Date header; this
 * machine's clock when absent): null when the file is already gone or the document is kept (365-day policy).
 */
function hoursLeft(document: IDataObject, serverNow: number): number | null {
	if (document.content_available === false || !document.retention_expires_at) return null;
	const expires = Date.parse(String(document.retention_expires_at));
	if (!Number.isFinite(expires)) return null;
	return Math.round((expires - serverNow) / (HOUR_MS / 10)) / 10;
}

/**
 * Old-portal documents, including those removed under the 30-day policy (metadata only: use Download for the
 * bytes). Ordered by last change, oldest first. Each carries `retention_hours_left`, so a workflow can find the
 * files the 30-day policy is about to remove.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const filters = readFilters(this, filtersSchema, itemIndex);
	const from = dateBound(filters.createdFrom);
	const to = dateBound(filters.createdTo);
	// A date alone as the upper bound covers that whole day.
	const toEnd =
		to && (/^\d{4}-\d{2}-\d{2}$/.test(to) ? Date.parse(to) + 86_399_999 : Date.parse(to));
	if (from && toEnd && Date.parse(from) > toEnd) {
		refuseField(this, itemIndex, 'OfficeTools', {
			field: 'Filters.createdFrom',
			code: 'bad_range',
			message: `(${from}) is after Created To (${to})`,
			fix: 'Swap the two dates, or widen the range.',
		});
	}
	const query = {
		name: filters.name?.trim() || undefined,
		created_from: from,
		created_to: to,
		legacy_contact_id: filters.legacyContactId || undefined,
		client_id: filters.clientId || undefined,
		kind: filters.kind,
		downloaded_to_workspace: flag(filters.downloadedToWorkspace),
		migrated: flag(filters.migrated),
		content_available: flag(filters.contentAvailable),
		ready_for_deletion: flag(filters.readyForDeletion),
		updated_since: isoOrUndefined(filters.updatedSince),
	};
	let serverNow: number | undefined;
	const onHeaders = (headers: Record<string, string>) => {
		const date = Date.parse(headers.date ?? '');
		if (serverNow === undefined && Number.isFinite(date)) serverNow = date;
	};
	const path = endpoints.legacyDocuments();
	const documents = await listRecords.call(this, path, query, itemIndex, onHeaders);
	const now = serverNow ?? clock.now();
	return documents.map((json) => ({
		json: { ...json, retention_hours_left: hoursLeft(json, now) },
	}));
}
