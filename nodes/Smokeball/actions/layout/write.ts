import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Link } from '../../transport';
import { endpoints, smokeballApi, waitUntilReadable } from '../../transport';
import { readWait } from '../common';
import type { LayoutValue } from './fields';
import { changedValues } from './fields';

/** The layout items on a matter (GET /matters/{matterId}/layouts: one collection, not paged). */
export async function listItems(
	ctx: IExecuteFunctions,
	matterId: string,
	itemIndex: number,
): Promise<IDataObject[]> {
	const body = await smokeballApi<{ value?: IDataObject[] }>(
		ctx,
		'GET',
		endpoints.layoutItems(matterId),
		{ itemIndex },
	);
	return body?.value ?? [];
}

/** One layout item on a matter (GET /matters/{matterId}/layouts/{itemId}). */
export async function getItem(
	ctx: IExecuteFunctions,
	matterId: string,
	itemId: string,
	itemIndex: number,
): Promise<IDataObject> {
	return await smokeballApi<IDataObject>(ctx, 'GET', endpoints.layoutItem(matterId, itemId), {
		itemIndex,
	});
}

/**
 * Merges `values` into a layout item (PATCH, 202) and, when asked, waits until they read back. Returns the item as
 * read, or what was sent when not waiting.
 */
export async function writeValues(
	ctx: IExecuteFunctions,
	itemIndex: number,
	matterId: string,
	itemId: string,
	values: LayoutValue[],
): Promise<IDataObject> {
	const link = await smokeballApi<Link>(ctx, 'PATCH', endpoints.layoutItem(matterId, itemId), {
		body: { itemId, values },
		itemIndex,
	});
	const { wait, timeoutMs } = readWait(ctx, itemIndex);
	if (!wait) return { itemId, href: link?.href ?? null, values, accepted: true } as IDataObject;
	return await waitUntilReadable(ctx, endpoints.layoutItem(matterId, itemId), {
		itemIndex,
		timeoutMs,
		what: 'layout change',
		ready: (item) => changedValues(item, values).length === 0,
	});
}
