import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameterResourceLocator,
	INodeProperties,
} from 'n8n-workflow';

import { simplifyToggle } from '../../shared/descriptions';
import { locatorValue, resourceLocator } from '../../shared/locator';
import { parseInput, z } from '../../shared/validate';
import type { Link } from '../transport';
import { smokeballApi, waitUntilReadable } from '../transport';

/** Smokeball ids are GUIDs (swagger `format: uuid` on /matters/{matterId}). */
export const GUID_REGEX =
	'[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const GUID = new RegExp(`^${GUID_REGEX}$`);

export const isGuid = (value: string): boolean => GUID.test(value);

/**
 * The link Smokeball gives a record (its `href`, e.g. https://api.smokeball.com/<account>/contacts/<id>) → its id:
 * the GUID after /<collection>/ (docs/api/smokeball.md: every href carries the account).
 */
const linkRegex = (collection: string): string =>
	`https?://[^\\s]+/${collection}/(${GUID_REGEX})(?:[/?#].*)?$`;

export const CONTACT_URL_REGEX = linkRegex('contacts');

const notGuid = (v: string) => `is not a Smokeball ID (a GUID): '${v}'`;

/** A Smokeball ID as typed: trimmed, required, a GUID (read through parseInput). */
export const guid = z
	.string()
	.trim()
	.superRefine((v, c) => {
		if (!v) c.addIssue({ code: 'custom', message: 'is empty' });
		else if (!isGuid(v)) c.addIssue({ code: 'custom', message: notGuid(v) });
	});

/** A date or date-time as typed, as an ISO timestamp. */
const dateTime = z
	.string()
	.refine(
		(v) => !Number.isNaN(Date.parse(v)),
		(v) => ({ message: `is not a date: '${v}'` }),
	)
	.transform((v) => new Date(Date.parse(v)).toISOString());

function locator(
	name: string,
	displayName: string,
	searchListMethod: string,
	example: string,
	what: string,
	collection: string,
): INodeProperties {
	const url = `https://api.smokeball.com/<account>/${collection}/${example}`;
	return resourceLocator({
		displayName,
		name,
		description: `The Smokeball ${what}`,
		searchListMethod,
		typed: [
			{
				placeholder: `e.g. ${example}`,
				regex: `^\\s*${GUID_REGEX}\\s*$`,
				errorMessage: `Smokeball ${what} IDs are GUIDs, e.g. ${example}`,
			},
		],
		url: {
			regex: linkRegex(collection),
			placeholder: `e.g. ${url}`,
			hint: `The ${what}'s link (href) as Smokeball returns it`,
			errorMessage: `Paste a Smokeball ${what} link such as ${url}`,
		},
	});
}

/** A matter or lead: picked from a list (searched by client, number or description), by its GUID or its link. */
export const matterLocator = locator(
	'matter',
	'Matter',
	'searchMatters',
	'51cefb72-6247-4ca2-8926-5d14d65f7cb9',
	'matter',
	'matters',
);

export const contactLocator = locator(
	'contact',
	'Contact',
	'searchContacts',
	'9a9ce552-6bee-45e4-8eb1-afe2c18c489f',
	'contact',
	'contacts',
);

/** Reads a GUID from a locator or a plain string parameter, refusing anything else with the field named. */
export function readGuid(
	ctx: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	label: string,
	fix: string,
): string {
	const raw = ctx.getNodeParameter(parameter, itemIndex, '', { extractValue: true }) as
		| string
		| INodeParameterResourceLocator;
	const value = String(
		raw !== null && typeof raw === 'object'
			? ((raw as INodeParameterResourceLocator).value ?? '')
			: (raw ?? ''),
	).trim();
	return parseInput(ctx.getNode(), guid, value, itemIndex, { field: label, fix });
}

export const readMatterId = (ctx: IExecuteFunctions, itemIndex: number): string =>
	readGuid(
		ctx,
		itemIndex,
		'matter',
		'Matter',
		'Pick a matter from the list or enter its ID, e.g. {{ $json.id }} from Matter › Get Many.',
	);

/** Reads a contact's GUID from a locator value held in a row (Add Client; n8n extracts no URL there), refusing anything else. */
export function rowGuid(
	ctx: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	label: string,
	fix: string,
): string {
	const id = locatorValue(value as INodeParameterResourceLocator, CONTACT_URL_REGEX);
	return parseInput(ctx.getNode(), guid, id, itemIndex, { field: label, fix });
}

/** "id1, id2" or an array from an expression → GUIDs; an empty value gives []. */
export function readIdList(
	ctx: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	label: string,
): string[] {
	const parts = (Array.isArray(value) ? value : String(value ?? '').split(/[,\s]+/))
		.map((v) => String(v).trim())
		.filter(Boolean);
	const ids = z.array(z.string()).superRefine((list, c) => {
		const part = list.find((p) => !isGuid(p));
		if (part !== undefined)
			c.addIssue({
				code: 'custom',
				message: `contains '${part}', which is not a Smokeball ID (a GUID)`,
			});
	});
	parseInput(ctx.getNode(), ids, parts, itemIndex, {
		field: label,
		fix: 'List Smokeball IDs separated by commas, e.g. from Contact › Get Many ({{ $json.id }}).',
	});
	return [...new Set(parts)];
}

/** Reads an optional GUID from a collection value. */
export function optionalGuid(
	ctx: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	label: string,
): string | undefined {
	const text = String(value ?? '').trim();
	if (!text) return undefined;
	return parseInput(ctx.getNode(), guid, text, itemIndex, {
		field: label,
		fix: `Pick ${label} from the list or enter its ID.`,
	});
}

export const waitOptions: INodeProperties[] = [
	{
		displayName: 'Wait Until Readable',
		name: 'waitUntilReadable',
		type: 'boolean',
		default: false,
		description:
			'Whether to return the saved record, with every field as Smokeball now shows it (takes a few seconds); off returns only its ID and link at once, and the record may take a moment to appear in Smokeball',
	},
	{
		displayName: 'Wait Timeout (Seconds)',
		name: 'waitTimeout',
		type: 'number',
		default: 30,
		typeOptions: { minValue: 1, maxValue: 300 },
		displayOptions: { show: { waitUntilReadable: [true] } },
	},
];

export function readWait(
	ctx: IExecuteFunctions,
	itemIndex: number,
): { wait: boolean; timeoutMs: number } {
	const wait = ctx.getNodeParameter('waitUntilReadable', itemIndex, false) as boolean;
	const seconds = wait ? (ctx.getNodeParameter('waitTimeout', itemIndex, 30) as number) : 30;
	return { wait, timeoutMs: Math.max(1, seconds) * 1000 };
}

export const simplifyProperty = simplifyToggle(
	'Whether to return the key fields with links flattened to IDs instead of the raw record',
);

export const readSimplify = (ctx: IExecuteFunctions, itemIndex: number): boolean =>
	ctx.getNodeParameter('simplify', itemIndex, true) as boolean;

/** What a 202 write returns when the node does not wait: Smokeball's Link, marked as accepted. */
export function acceptedOutput(link: Link | undefined, extra: IDataObject = {}): IDataObject {
	return {
		id: link?.id ?? null,
		href: link?.href ?? null,
		accepted: true,
		...extra,
	};
}

/** Smokeball's `Search` terms (`field:value`, * matching any text) for the filters filled among `fields`. */
export function searchTerms(filters: IDataObject, fields: string[]): string[] {
	const search: string[] = [];
	for (const field of fields) {
		const value = typeof filters[field] === 'string' ? (filters[field] as string).trim() : '';
		if (value) search.push(`${field}:${value}`);
	}
	return search;
}

/**
 * Sends a change to one record (PATCH or PUT, 202 accepted) and, when asked, waits until the record reads back
 * `ready`. The row is the record as read (`output`) or, without waiting, its Link marked accepted, each with `extra`.
 */
export async function changeRecord(
	ctx: IExecuteFunctions,
	itemIndex: number,
	method: 'PATCH' | 'PUT',
	path: string,
	body: IDataObject,
	o: {
		id: string;
		wait: { wait: boolean; timeoutMs: number };
		what: string;
		ready: (record: IDataObject) => boolean;
		output: (record: IDataObject) => IDataObject;
		extra: IDataObject;
	},
): Promise<INodeExecutionData[]> {
	const link = await smokeballApi<Link>(ctx, method, path, { body, itemIndex });
	if (!o.wait.wait) return [{ json: acceptedOutput(link ?? { id: o.id }, o.extra) }];
	const record = await waitUntilReadable(ctx, path, {
		itemIndex,
		timeoutMs: o.wait.timeoutMs,
		what: o.what,
		ready: o.ready,
	});
	return [{ json: { ...o.output(record), ...o.extra } }];
}

/** An ISO timestamp for a `dateTime` parameter, or undefined when empty; refuses what is not a date. */
export function isoDateTime(
	ctx: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	label: string,
): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return parseInput(ctx.getNode(), dateTime, String(value), itemIndex, {
		field: label,
		fix: 'Enter a date such as 2025-06-01 or 2025-06-01T09:30:00Z.',
	});
}
