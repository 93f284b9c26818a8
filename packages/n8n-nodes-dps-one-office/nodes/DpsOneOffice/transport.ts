import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { contractApi, keyConnection } from '../shared/contractApi';
import type { VendorError } from '../shared/errors';
import { parseContractError } from '../shared/errors';
import type { ApiProfile, RequestContext } from '../shared/http';

export type { ContractCall as DpsCall, ListBody, ListMeta } from '../shared/contractApi';

/** Reads the shared error envelope and says where to fix the two DPS-specific header errors. */
function parseDpsError(status: number, body: unknown): VendorError {
	const error = parseContractError(status, body);
	if (error.code === 'database_forbidden') {
		error.message = `${error.message ?? 'Database not allowed'} Check the Database field of the DPS One Office credential (sent as X-DPS-Database).`;
	} else if (error.fields?.some((f) => f.field.toLowerCase() === 'x-dps-database')) {
		error.message = `${error.message ?? 'Database missing'} Enter the firm database name in the Database field of the DPS One Office credential.`;
	}
	return error;
}

/**
 * The only place that knows DPS One Office's URLs, auth, paging and error shape (docs/api/dps-one-office.md):
 * Bearer key plus `X-DPS-Database` on every request (both added by the credential), `?page=N&per_page=M` lists
 * answering `{data, meta:{page, per_page, total, next_page}}`, the shared error envelope, 5 requests/s per
 * key + database.
 */
export const dpsProfile: ApiProfile = {
	system: 'DPS One Office',
	credentialType: 'dpsOneOfficeApi',
	rate: { perSecond: 5, burst: 5 },
	parseError: parseDpsError,
};

/** Largest `per_page` the lists accept. */
export const MAX_PAGE_SIZE = 200;

/** Every DPS One Office path the node uses. Refs are opaque and encoded here, never by the operations. */
export const endpoints = {
	me: () => '/v1/me',
	appCodes: () => '/v1/app-codes',
	feeEarners: () => '/v1/fee-earners',
	branches: () => '/v1/branches',
	contactTypes: () => '/v1/contact-types',
	clients: () => '/v1/clients',
	client: (clientRef: string) => `/v1/clients/${encodeURIComponent(clientRef)}`,
	contacts: () => '/v1/contacts',
	contact: (contactId: string) => `/v1/contacts/${encodeURIComponent(contactId)}`,
	matters: () => '/v1/matters',
	matter: (matRef: string) => `/v1/matters/${encodeURIComponent(matRef)}`,
	matterContacts: (matRef: string) => `/v1/matters/${encodeURIComponent(matRef)}/contacts`,
};

const api = contractApi(dpsProfile, {
	maxPageSize: MAX_PAGE_SIZE,
	async connect(ctx) {
		const connection = await keyConnection(ctx, dpsProfile.credentialType);
		const database = String(connection.credentials.database ?? '').trim();
		if (!database) {
			throw new NodeOperationError(ctx.getNode(), 'The DPS One Office credential has no Database', {
				description:
					'Open the DPS One Office credential and enter the firm database name; it is sent as X-DPS-Database on every request.',
			});
		}
		// The vendor limits per key + database, so one bucket per credential and database.
		return { ...connection, bucket: `${connection.bucket}:${database.toUpperCase()}` };
	},
});

export const dpsRequest = api.request;
/** The response body, for the common case. */
export const dpsApi = api.api;
export const dpsPage = api.page;
export const dpsList = api.list;

/** A record by its path, or null on 404 (lookups that decide between "use it" and "refuse the input"). */
export async function dpsFind<T = IDataObject>(
	ctx: RequestContext,
	path: string,
	itemIndex?: number,
): Promise<T | null> {
	const res = await dpsRequest<T>(ctx, 'GET', path, { accept: [404], itemIndex });
	return res.status === 404 ? null : res.body;
}
