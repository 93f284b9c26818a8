import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiError, parseContractError } from '../../../shared/errors';
import { collect } from '../../../shared/paging';
import { dpsList, dpsProfile, dpsRequest, endpoints } from '../../transport';

/** The contacts attached to a matter (the contract's idempotency lookup for an attach). */
export async function matterContacts(
	ctx: IExecuteFunctions,
	matRef: string,
	itemIndex: number,
): Promise<IDataObject[]> {
	return await collect(
		dpsList<IDataObject>(ctx, endpoints.matterContacts(matRef), {}, { itemIndex }),
	);
}

export interface AttachSpec {
	matRef: string;
	contactId: string;
	contactType: string;
	reference?: string;
	itemIndex: number;
	/** The matter's contacts when already read (a new matter has none); read here when undefined. */
	attached?: IDataObject[];
}

/**
 * Attaches a contact with a contact type, never twice: an attachment already listed is returned, and a 409
 * already_attached (an earlier attempt that landed) counts as done.
 */
export async function attachOnce(
	ctx: IExecuteFunctions,
	spec: AttachSpec,
): Promise<{ action: 'created' | 'exists'; record: IDataObject }> {
	const { matRef, contactId, contactType, reference, itemIndex } = spec;
	const find = (rows: IDataObject[]) =>
		rows.find((r) => r.contact_id === contactId && r.contact_type === contactType);
	const before = find(spec.attached ?? (await matterContacts(ctx, matRef, itemIndex)));
	if (before) return { action: 'exists', record: before };

	const res = await dpsRequest<IDataObject>(ctx, 'POST', endpoints.matterContacts(matRef), {
		body: { contact_id: contactId, contact_type: contactType, ...(reference ? { reference } : {}) },
		idempotent: true,
		accept: [409],
		itemIndex,
	});
	if (res.status !== 409) return { action: 'created', record: res.body };
	const conflict = parseContractError(409, res.body);
	const after =
		conflict.code === 'already_attached'
			? find(await matterContacts(ctx, matRef, itemIndex))
			: undefined;
	if (!after) throw apiError(ctx.getNode(), dpsProfile.system, 409, conflict, itemIndex, 1);
	return { action: 'exists', record: after };
}
