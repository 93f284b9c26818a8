import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { collect } from '../../shared/paging';
import { dpsList } from '../transport';

/**
 * External references one lookup carries. The contract's `external_ref` filter takes several values (the
 * parameter repeated), so a node run looks up the references of all its items in a few requests instead of one
 * per record; 50 keeps the URL short.
 */
export const REFS_PER_LOOKUP = 50;

// Per node run (its IExecuteFunctions): list path → external reference → the record, or null when DPS has none.
// Only a read-ahead within one run: every create is still keyed by the reference, so a record another process
// creates meanwhile answers 409 and is taken, never duplicated.
const runs = new WeakMap<object, Map<string, Map<string, IDataObject | null>>>();

function lookups(ctx: object, listPath: string): Map<string, IDataObject | null> {
	let byPath = runs.get(ctx);
	if (!byPath) {
		byPath = new Map();
		runs.set(ctx, byPath);
	}
	let refs = byPath.get(listPath);
	if (!refs) {
		refs = new Map();
		byPath.set(listPath, refs);
	}
	return refs;
}

/** The record a lookup of this run found for a reference: the record, null (none), undefined (not looked up). */
export function knownRecord(
	ctx: object,
	listPath: string,
	externalRef: string,
): IDataObject | null | undefined {
	return lookups(ctx, listPath).get(externalRef);
}

/** Notes what this run found or created for a reference. */
export function remember(
	ctx: object,
	listPath: string,
	externalRef: string,
	record: IDataObject | null,
): void {
	lookups(ctx, listPath).set(externalRef, record);
}

/** Looks up, REFS_PER_LOOKUP at a time, every reference this run has not looked up yet. */
export async function lookUpRefs(
	ctx: IExecuteFunctions,
	listPath: string,
	refs: Iterable<string>,
	itemIndex?: number,
): Promise<void> {
	const known = lookups(ctx, listPath);
	const todo = [...new Set(refs)].filter((ref) => ref && !known.has(ref));
	for (let start = 0; start < todo.length; start += REFS_PER_LOOKUP) {
		const batch = todo.slice(start, start + REFS_PER_LOOKUP);
		const rows = await collect(
			dpsList<IDataObject>(ctx, listPath, { external_ref: batch }, { itemIndex }),
		);
		const found = new Map<string, IDataObject>();
		for (const row of rows) {
			const ref = row.external_ref;
			if (typeof ref === 'string' && !found.has(ref)) found.set(ref, row);
		}
		for (const ref of batch) known.set(ref, found.get(ref) ?? null);
	}
}
