/** One page of a list endpoint: its records and how to ask for the next page (null/undefined = this was the last). */
export interface Page<T, C> {
	items: T[];
	next: C | null | undefined;
}

/**
 * Yields records page by page and stops asking for pages as soon as `limit` records were yielded, so
 * "Limit: 5" costs one request, not a walk through the whole list.
 */
export async function* iterateItems<T, C>(
	fetchPage: (cursor: C | undefined) => Promise<Page<T, C>>,
	limit?: number,
): AsyncGenerator<T> {
	let cursor: C | undefined;
	let yielded = 0;
	if (limit !== undefined && limit <= 0) return;
	for (;;) {
		const page = await fetchPage(cursor);
		for (const item of page.items) {
			yield item;
			yielded++;
			if (limit !== undefined && yielded >= limit) return;
		}
		if (page.next === null || page.next === undefined || page.items.length === 0) return;
		cursor = page.next;
	}
}

export async function collect<T>(iterable: AsyncIterable<T>, limit?: number): Promise<T[]> {
	const out: T[] = [];
	if (limit !== undefined && limit <= 0) return out;
	for await (const item of iterable) {
		out.push(item);
		if (limit !== undefined && out.length >= limit) break;
	}
	return out;
}

/** Page-number paging where the last page is the first one shorter than the page size (Case Status, Airbyte style). */
export function shortPageNext(page: number, received: number, size: number): number | null {
	return received < size ? null : page + 1;
}
