import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { simplifyMatter } from '../../mapping';
import { endpoints, smokeballApi, smokeballList } from '../../transport';

/** Matters and leads: Smokeball's list returns only matters unless Type says otherwise. */
export const MATTERS_AND_LEADS = 'Matters,Leads';

/**
 * Smokeball cannot filter by externalSystemId, so the lookup reads a list and compares: the first client's
 * matters and leads (one short list) or, with scope "all", every matter and lead.
 */
export async function findMatterByExternalId(
	ctx: IExecuteFunctions,
	externalSystemId: string,
	options: { contactId?: string; scope: 'client' | 'all'; itemIndex: number },
): Promise<IDataObject | undefined> {
	const query = {
		Type: MATTERS_AND_LEADS,
		ContactId: options.scope === 'client' ? options.contactId : undefined,
	};
	for await (const matter of smokeballList<IDataObject>(ctx, endpoints.matters(), query, {
		itemIndex: options.itemIndex,
	})) {
		if (matter.externalSystemId === externalSystemId) return matter;
	}
	return undefined;
}

export async function getMatter(
	ctx: IExecuteFunctions,
	matterId: string,
	itemIndex: number,
): Promise<IDataObject> {
	return await smokeballApi<IDataObject>(ctx, 'GET', endpoints.matter(matterId), { itemIndex });
}

export const matterOutput = (matter: IDataObject, simplify: boolean): IDataObject =>
	simplify ? simplifyMatter(matter) : matter;
