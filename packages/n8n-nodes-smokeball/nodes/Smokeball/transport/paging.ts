import type { IDataObject } from 'n8n-workflow';

import type { QueryValue, RequestContext } from '../../shared/http';
import type { Page } from '../../shared/paging';
import { iterateItems } from '../../shared/paging';
import { smokeballApi } from './request';

/** Largest `Limit` the lists accept (and their default). */
export const MAX_PAGE_SIZE = 500;

/** Smokeball's paged collection (MatterPagedCollection, ContactPagedCollection, ...). */
export interface PagedCollection<T> {
	offset?: number | null;
	limit?: number | null;
	size?: number;
	value?: T[] | null;
}

/**
 * Iterates a paged collection with `Offset`/`Limit`. With a limit the page size is the limit (up to 500), so
 * "Limit: 5" costs one request; the walk ends when `offset + received` reaches `size`.
 */
export function smokeballList<T = IDataObject>(
	ctx: RequestContext,
	path: string,
	query: Record<string, QueryValue> = {},
	options: { limit?: number; itemIndex?: number } = {},
): AsyncGenerator<T> {
	const size = Math.min(
		MAX_PAGE_SIZE,
		options.limit !== undefined ? Math.max(options.limit, 1) : MAX_PAGE_SIZE,
	);
	const fetchPage = async (cursor: number | undefined): Promise<Page<T, number>> => {
		const offset = cursor ?? 0;
		const body = await smokeballApi<PagedCollection<T>>(ctx, 'GET', path, {
			query: { ...query, Offset: offset, Limit: size },
			itemIndex: options.itemIndex,
		});
		const items = body?.value ?? [];
		const total = typeof body?.size === 'number' ? body.size : offset + items.length;
		return { items, next: offset + items.length < total ? offset + items.length : null };
	};
	return iterateItems(fetchPage, options.limit);
}
