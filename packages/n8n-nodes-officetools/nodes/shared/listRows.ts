import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { QueryValue, RequestContext } from './http';
import { collect } from './paging';
import { parseInput, type z } from './validate';

/** A system's list reader (casePeerList, caseStatusList): the records of `path`, `limit` of them at the most. */
export type ListReader = (
	ctx: RequestContext,
	path: string,
	query: Record<string, QueryValue>,
	options: { limit?: number; itemIndex?: number },
) => AsyncGenerator<IDataObject>;

/**
 * The last step of a Get Many operation: up to `limit` records of `path` (all of them without a limit), one output
 * row each, shaped by `toJson` (the record itself by default).
 */
export async function listRows(
	ctx: IExecuteFunctions,
	list: ListReader,
	path: string,
	query: Record<string, QueryValue>,
	call: { limit?: number; itemIndex: number },
	toJson: (record: IDataObject) => IDataObject = (record) => record,
): Promise<INodeExecutionData[]> {
	const records = await collect(list(ctx, path, query, call), call.limit);
	return records.map((record) => ({ json: toJson(record) }));
}

/** A Get Many operation's Filters collection, checked by `schema`; a bad filter is an item-indexed error naming it. */
export function readFilters<T extends z.ZodTypeAny>(
	ctx: IExecuteFunctions,
	schema: T,
	itemIndex: number,
): z.infer<T> {
	const filters: unknown = ctx.getNodeParameter('filters', itemIndex, {});
	return parseInput(ctx.getNode(), schema, filters, itemIndex, { field: 'Filters' });
}
