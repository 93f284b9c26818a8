import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { simplifyMatter } from '../../mapping';
import { endpoints, smokeballApi, smokeballList } from '../../transport';

/** Matters and leads: Smokeball's list returns only matters unless Type says otherwise. */
export const MATTERS_AND_LEADS = 'Matters,Leads';

export type LookupScope = 'client' | 'all';

// Per node run (its IExecuteFunctions): External System ID → the firm's matter or lead carrying it.
const firmIndexes = new WeakMap<object, Promise<Map<string, IDataObject>>>();

/** Every matter and lead of the firm by External System ID, read once per node run (a deleted one is left out). */
function firmIndex(ctx: IExecuteFunctions, itemIndex: number): Promise<Map<string, IDataObject>> {
	let pending = firmIndexes.get(ctx);
	if (!pending) {
		pending = (async () => {
			const index = new Map<string, IDataObject>();
			const query = { Type: MATTERS_AND_LEADS };
			for await (const matter of smokeballList<IDataObject>(ctx, endpoints.matters(), query, {
				itemIndex,
			})) {
				const id = matter.externalSystemId;
				if (typeof id !== 'string' || !id || matter.status === 'Deleted') continue;
				if (!index.has(id)) index.set(id, matter);
			}
			return index;
		})();
		// A failed read must not be remembered for the rest of the run.
		pending.catch(() => firmIndexes.delete(ctx));
		firmIndexes.set(ctx, pending);
	}
	return pending;
}

/**
 * Smokeball cannot filter by externalSystemId, so the lookup reads a list and compares. "all" (the default) reads
 * every matter and lead of the firm once per node run, so a matter filed under other clients (opened by hand, or
 * by an earlier run with other contacts) is found; "client" reads only the first client's matters and leads, which
 * is quicker but misses those.
 */
export async function findMatterByExternalId(
	ctx: IExecuteFunctions,
	externalSystemId: string,
	options: { contactId?: string; scope: LookupScope; itemIndex: number },
): Promise<IDataObject | undefined> {
	if (options.scope === 'all')
		return (await firmIndex(ctx, options.itemIndex)).get(externalSystemId);
	const query = { Type: MATTERS_AND_LEADS, ContactId: options.contactId };
	for await (const matter of smokeballList<IDataObject>(ctx, endpoints.matters(), query, {
		itemIndex: options.itemIndex,
	})) {
		if (matter.externalSystemId === externalSystemId && matter.status !== 'Deleted') return matter;
	}
	return undefined;
}

/** Notes a matter this run created, so a later item with the same External System ID finds it. */
export async function rememberMatter(
	ctx: IExecuteFunctions,
	externalSystemId: string,
	matter: IDataObject,
): Promise<void> {
	const pending = firmIndexes.get(ctx);
	if (pending) (await pending).set(externalSystemId, matter);
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
