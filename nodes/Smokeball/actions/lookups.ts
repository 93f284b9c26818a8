import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { filled, parseInput, z } from '../../shared/validate';
import type { Link } from '../transport';
import { endpoints, smokeballApi, smokeballList, waitUntilReadable } from '../transport';
import {
	acceptedOutput,
	isoDateTime,
	optionalGuid,
	readWait,
	simplifyProperty,
	waitOptions,
} from './common';

/**
 * Memos, fees and expenses carry no external reference in Smokeball, so the closest to "find before create" is
 * to look for a record on the same matter with the same defining fields.
 */
const skipIfExistsProperty = (what: string, fields: string): INodeProperties => ({
	displayName: `Skip If Same ${what} Exists`,
	name: 'skipIfExists',
	type: 'boolean',
	default: true,
	description: `Whether to return an existing ${what.toLowerCase()} on the matter with the same ${fields} instead of creating a second one (re-runs of a workflow then write nothing)`,
});

/** The last options of a memo, fee or expense create: Skip If Same … Exists, Wait Until Readable, Simplify. */
export const createOptions = (what: string, fields: string): INodeProperties[] => [
	skipIfExistsProperty(what, fields),
	...waitOptions,
	simplifyProperty,
];

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

/** Where a matter's memos, fees and expenses live (swagger: /matters/{matterId}/memos, …/fees, …/expenses). */
const paths = {
	memo: { collection: endpoints.memos, record: endpoints.memo },
	fee: { collection: endpoints.fees, record: endpoints.fee },
	expense: { collection: endpoints.expenses, record: endpoints.expense },
};

/**
 * Creates a memo, fee or expense on a matter unless the same one exists ("Skip If Same … Exists"), then, when
 * asked, waits until Smokeball has applied the 202-accepted write and returns the record.
 */
export async function createUnlessSame(
	ctx: IExecuteFunctions,
	itemIndex: number,
	what: keyof typeof paths,
	matterId: string,
	body: IDataObject,
	o: {
		same: (record: IDataObject) => boolean;
		output: (record: IDataObject) => IDataObject;
	},
): Promise<INodeExecutionData[]> {
	const collection = paths[what].collection(matterId);
	const { wait, timeoutMs } = readWait(ctx, itemIndex);
	if (ctx.getNodeParameter('skipIfExists', itemIndex, true) as boolean) {
		const existing = await findSame(ctx, collection, o.same, itemIndex);
		if (existing) return [{ json: { ...o.output(existing), created: false } }];
	}
	const link = await smokeballApi<Link>(ctx, 'POST', collection, { body, itemIndex });
	if (!wait || !link?.id) return [{ json: acceptedOutput(link, { matterId, created: true }) }];
	const record = await waitUntilReadable(ctx, paths[what].record(matterId, link.id), {
		itemIndex,
		timeoutMs,
		what,
	});
	return [{ json: { ...o.output(record), created: true } }];
}

/*
 * Fees (Time & Fees) and expenses (Cost Recoveries) are both billing entries: a subject, a date, amounts, and the
 * same optional staff member, description, activity code, billable flag and tax.
 */

/** The Subject field of a fee or an expense; `what` as the editor says it ('fee', 'cost'). */
export const subjectProperty = (what: string, placeholder: string): INodeProperties => ({
	displayName: 'Subject',
	name: 'subject',
	type: 'string',
	required: true,
	default: '',
	placeholder,
	description: `A short description of the ${what}`,
});

export const billableField = (description: string): INodeProperties => ({
	displayName: 'Billable',
	name: 'isBillable',
	type: 'boolean',
	default: true,
	description,
});

export const taxField: INodeProperties = {
	displayName: 'Tax',
	name: 'tax',
	type: 'number',
	typeOptions: { minValue: 0, numberPrecision: 2 },
	default: 0,
	description: 'Tax amount (AU and UK only)',
};

/**
 * Reads a fee's or an expense's Subject and date with its own amounts (`shape`, `values`, `fix`) in one parseInput,
 * so every problem of the item is named at once; `what` is the word the fixes use ('fee', 'cost').
 */
export function readEntry<S extends z.ZodRawShape>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	o: {
		what: string;
		/** The date's label and parameter name, e.g. ['Fee Date', 'feeDate']. */
		date: [string, string];
		shape: S;
		values: () => Record<keyof S, unknown>;
		fix: Record<keyof S, string>;
	},
): { subject: string; date: string; amounts: z.infer<z.ZodObject<S>> } {
	const [label, parameter] = o.date;
	const read = parseInput(
		ctx.getNode(),
		z
			.object({ Subject: filled, [label]: z.string({ required_error: 'is empty' }) })
			.extend(o.shape),
		{
			Subject: String(ctx.getNodeParameter('subject', itemIndex, '')),
			[label]: isoDateTime(ctx, itemIndex, ctx.getNodeParameter(parameter, itemIndex, ''), label),
			...o.values(),
		},
		itemIndex,
		{
			fix: {
				Subject: `Enter a short description of the ${o.what}.`,
				[label]: `Enter the date of the ${o.what}.`,
				...o.fix,
			},
		},
	) as IDataObject;
	return {
		subject: read.Subject as string,
		date: read[label] as string,
		amounts: read as z.infer<z.ZodObject<S>>,
	};
}

/** Adds the optional staff member, description, activity code and billable flag a fee and an expense share. */
export function addEntryFields(
	ctx: IExecuteFunctions,
	itemIndex: number,
	extra: IDataObject,
	body: IDataObject,
): IDataObject {
	const staffId = optionalGuid(ctx, itemIndex, extra.staffId, 'Staff Member');
	if (staffId) body.staffId = staffId;
	if (typeof extra.description === 'string' && extra.description.trim())
		body.description = extra.description;
	if (typeof extra.activityCode === 'string' && extra.activityCode.trim())
		body.activityCode = extra.activityCode.trim();
	if (typeof extra.isBillable === 'boolean') body.isBillable = extra.isBillable;
	return body;
}

/** A fee or expense with this subject, on this day (`date`: field and value), with these amounts (as numbers). */
export const sameEntry =
	(subject: string, date: [string, string], amounts: Record<string, number>) =>
	(r: IDataObject): boolean =>
		r.subject === subject &&
		sameDay(r[date[0]], date[1]) &&
		Object.entries(amounts).every(([field, value]) => Number(r[field]) === value);
