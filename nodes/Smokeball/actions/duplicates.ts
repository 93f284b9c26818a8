import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { smokeballList } from '../transport';

/**
 * Memos, fees and expenses carry no external reference in Smokeball, so the closest to "find before create" is
 * to look for a record on the same matter with the same defining fields.
 */
export const skipIfExistsProperty = (what: string, fields: string): INodeProperties => ({
	displayName: `Skip If Same ${what} Exists`,
	name: 'skipIfExists',
	type: 'boolean',
	default: true,
	description: `Whether to return an existing ${what.toLowerCase()} on the matter with the same ${fields} instead of creating a second one (re-runs of a workflow then write nothing)`,
});

export async function findSame(
	ctx: IExecuteFunctions,
	path: string,
	matches: (record: IDataObject) => boolean,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	for await (const record of smokeballList<IDataObject>(ctx, path, {}, { itemIndex })) {
		if (record.isDeleted !== true && matches(record)) return record;
	}
	return undefined;
}

/** Same calendar day (UTC) for two date-times. */
export const sameDay = (a: unknown, b: unknown): boolean =>
	typeof a === 'string' && typeof b === 'string' && a.slice(0, 10) === b.slice(0, 10);
