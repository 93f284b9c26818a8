import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiError, parseContractError } from '../../shared/errors';
import { endpoints, findFirst, perfectPortalProfile, ppRequest } from '../transport';

/** The lists a record can be created in once, keyed by its external reference. */
type CreateList = 'contacts' | 'referrers';

/**
 * A create keyed by an external reference, never done twice (contacts, referrers): look it up first, POST with
 * retries allowed (a repeat answers 409), and take 409 duplicate_external_ref as "already exists", returning that
 * record. Without an external reference the POST is sent once and not retried after an ambiguous failure. The row
 * says `created: true` or `false`.
 */
export async function createOnce(
	ctx: IExecuteFunctions,
	list: CreateList,
	body: IDataObject,
	externalRef: string | undefined,
	itemIndex: number,
): Promise<IDataObject> {
	const listPath = endpoints[list]();
	const findByRef = async () =>
		await findFirst<IDataObject>(ctx, listPath, { external_ref: externalRef }, itemIndex);
	if (externalRef) {
		const found = await findByRef();
		if (found) return { ...found, created: false };
	}
	const response = await ppRequest<IDataObject>(ctx, 'POST', listPath, {
		body,
		idempotent: externalRef !== undefined,
		accept: externalRef ? [409] : undefined,
		itemIndex,
	});
	if (response.status !== 409) return { ...response.body, created: true };
	const conflict = parseContractError(409, response.body);
	const found = conflict.code === 'duplicate_external_ref' ? await findByRef() : undefined;
	if (!found)
		throw apiError(ctx.getNode(), perfectPortalProfile.system, 409, conflict, itemIndex, 1);
	return { ...found, created: false };
}
