import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { Link } from '../transport';
import { smokeballApi, smokeballList, waitUntilReadable } from '../transport';
import { acceptedOutput, readWait } from './common';

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

/**
 * Creates a memo, fee or expense on a matter unless the same one exists ("Skip If Same … Exists"), then, when
 * asked, waits until Smokeball has applied the 202-accepted write and returns the record.
 */
export async function createUnlessSame(
	ctx: IExecuteFunctions,
	itemIndex: number,
	o: {
		matterId: string;
		/** The matter's collection path, e.g. endpoints.fees(matterId). */
		collection: string;
		record: (id: string) => string;
		body: IDataObject;
		same: (record: IDataObject) => boolean;
		what: string;
		output: (record: IDataObject) => IDataObject;
	},
): Promise<INodeExecutionData[]> {
	const { wait, timeoutMs } = readWait(ctx, itemIndex);
	if (ctx.getNodeParameter('skipIfExists', itemIndex, true) as boolean) {
		const existing = await findSame(ctx, o.collection, o.same, itemIndex);
		if (existing) return [{ json: { ...o.output(existing), created: false } }];
	}
	const link = await smokeballApi<Link>(ctx, 'POST', o.collection, { body: o.body, itemIndex });
	if (!wait || !link?.id)
		return [{ json: acceptedOutput(link, { matterId: o.matterId, created: true }) }];
	const record = await waitUntilReadable(ctx, o.record(link.id), {
		itemIndex,
		timeoutMs,
		what: o.what,
	});
	return [{ json: { ...o.output(record), created: true } }];
}
