import type {
	IDataObject,
	IExecuteFunctions,
	INodeParameterResourceLocator,
	INodeProperties,
} from 'n8n-workflow';

import {
	caseOutputField,
	externalRefFilter,
	filtersCollection,
	readLimit,
	updatedSinceFilter,
} from '../../shared/descriptions';
import { locatorValue, resourceLocator } from '../../shared/locator';
import type { QueryValue } from '../../shared/http';
import { collect } from '../../shared/paging';
import { filled, isoTimestamp, parseInput, z } from '../../shared/validate';
import type { CaseOutput } from '../mapping';
import { type LeadKind, ppList } from '../transport';

/** A Perfect Portal case: picked from a list or by its Case ID. */
export const caseLocator = resourceLocator({
	displayName: 'Case',
	name: 'case',
	description: 'The Perfect Portal case',
	searchListMethod: 'searchCases',
	typed: [
		{
			placeholder: 'e.g. PP-123456',
			hint: 'The Case ID Perfect Portal shows (and DPS One Office lists as "Case ID")',
		},
	],
});

export const quoteLocator = resourceLocator({
	displayName: 'Quote',
	name: 'quote',
	description: 'The conveyancing quote',
	searchListMethod: 'searchQuotes',
	typed: [
		{ placeholder: 'e.g. qt_501', hint: 'The ID of the quote, as Quote › Get Many returns it' },
	],
});

export const leadLocator = resourceLocator({
	displayName: 'Lead',
	name: 'lead',
	description: 'The lead (enquiry) for non-conveyancing work',
	searchListMethod: 'searchLeads',
	typed: [
		{
			placeholder: 'e.g. enq_301',
			hint: 'The ID of the lead (enquiry), as Lead › Get Many returns it',
		},
	],
});

export const contactLocator = resourceLocator({
	displayName: 'Contact',
	name: 'contact',
	description: 'The Perfect Portal contact',
	searchListMethod: 'searchContacts',
	typed: [
		{ placeholder: 'e.g. ct_12', hint: 'The ID of the contact, as Contact › Get Many returns it' },
	],
});

/** Reads a locator parameter, refusing an empty one with the field named and a fix. */
export function readLocator(
	this: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	label: string,
	fix: string,
): string {
	const value = locatorValue(
		this.getNodeParameter(parameter, itemIndex) as INodeParameterResourceLocator,
	);
	return parseInput(this.getNode(), filled, value, itemIndex, { field: label, fix });
}

export function readCaseId(this: IExecuteFunctions, itemIndex: number): string {
	return readLocator.call(
		this,
		itemIndex,
		'case',
		'Case',
		'Pick a case from the list or enter its Case ID, e.g. PP-123456 (Case › Get Many lists them).',
	);
}

export function readContactId(this: IExecuteFunctions, itemIndex: number): string {
	return readLocator.call(
		this,
		itemIndex,
		'contact',
		'Contact',
		'Pick a contact from the list or enter its ID (Contact › Get Many lists them).',
	);
}

export function readLeadId(this: IExecuteFunctions, itemIndex: number, kind: LeadKind): string {
	return kind === 'quote'
		? readLocator.call(
				this,
				itemIndex,
				'quote',
				'Quote',
				'Pick a quote from the list or enter its ID (Quote › Get Many lists them).',
			)
		: readLocator.call(
				this,
				itemIndex,
				'lead',
				'Lead',
				'Pick a lead from the list or enter its ID (Lead › Get Many lists them).',
			);
}

export const caseOutputOption = caseOutputField(
	'Perfect Portal',
	'Ten fields: case ID, status, clients, matter details, AppCode, fee earner, branch, key stage, matter ref, last update',
	'The shared legal case record that sync operations take (external reference = the Perfect Portal Case ID)',
);

export function readCaseOutput(this: IExecuteFunctions, itemIndex: number): CaseOutput {
	return this.getNodeParameter('output', itemIndex, 'simplified') as CaseOutput;
}

/** An ISO timestamp for a `dateTime` parameter, or undefined when empty. */
export function isoOrUndefined(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return new Date(String(value)).toISOString();
}

/** The records of a list, up to the Limit (all of them with Return All). */
export async function listRecords(
	this: IExecuteFunctions,
	itemIndex: number,
	path: string,
	query: Record<string, QueryValue>,
): Promise<IDataObject[]> {
	const limit = readLimit(this, itemIndex);
	return await collect(ppList<IDataObject>(this, path, query, { limit, itemIndex }), limit);
}

/** The Email and External Reference fields of a contact's or a referrer's Update Fields. */
export function emailAndRefUpdateFields(what: 'contact' | 'referrer'): INodeProperties[] {
	return [
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
		},
		{
			displayName: 'External Reference',
			name: 'externalRef',
			type: 'string',
			default: '',
			description: `The ${what}'s ID in the other system; unique among ${what}s`,
		},
	];
}

/**
 * The Filters collection of contacts and referrers: the list's own filter (`first`, ahead in the alphabet), then
 * External Reference, Name and Updated Since.
 */
export function namedRecordFilters(
	what: 'contact' | 'referrer',
	first: INodeProperties,
): INodeProperties {
	return filtersCollection([
		first,
		externalRefFilter(what),
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			description: `Only ${what}s whose name contains this text (any letter case)`,
		},
		updatedSinceFilter(`Only ${what}s changed at or after this time (oldest change first)`),
	]);
}

/** The zod shape of namedRecordFilters, to spread after a list's own filters. */
export const namedRecordFilterShape = {
	externalRef: z.string().optional(),
	name: z.string().optional(),
	updatedSince: isoTimestamp.optional().or(z.literal('')),
};

/** The query for namedRecordFilters: blanks left out, the time as ISO. */
export function namedRecordQuery(filters: {
	externalRef?: string;
	name?: string;
	updatedSince?: string;
}): Record<string, string | undefined> {
	return {
		external_ref: filters.externalRef?.trim() || undefined,
		name: filters.name?.trim() || undefined,
		updated_since: isoOrUndefined(filters.updatedSince),
	};
}

/** Where a case goes to be managed: the contract's `case_management_target` values. */
export const CASE_MANAGEMENT_TARGETS = [
	{ name: 'DPS One Office', value: 'dps_one_office' },
	{ name: 'LEAP', value: 'leap' },
	{ name: 'Other', value: 'other' },
	{ name: 'Smokeball', value: 'smokeball' },
];

/** Address fields as Perfect Portal holds them (UK layout; country as a two-letter code). */
export const addressField: INodeProperties = {
	displayName: 'Address',
	name: 'address',
	type: 'fixedCollection',
	placeholder: 'Add Address',
	default: {},
	options: [
		{
			displayName: 'Address',
			name: 'value',
			values: [
				{ displayName: 'Line 1', name: 'line1', type: 'string', default: '' },
				{ displayName: 'Line 2', name: 'line2', type: 'string', default: '' },
				{ displayName: 'Line 3', name: 'line3', type: 'string', default: '' },
				{ displayName: 'Town', name: 'town', type: 'string', default: '' },
				{ displayName: 'County', name: 'county', type: 'string', default: '' },
				{
					displayName: 'Postcode',
					name: 'postcode',
					type: 'string',
					default: '',
					placeholder: 'e.g. LS1 4AB',
				},
				{
					displayName: 'Country',
					name: 'country',
					type: 'string',
					default: 'GB',
					description: 'Two-letter ISO country code',
				},
			],
		},
	],
};

/**
 * The Address object for a fixedCollection value: null when absent, trimmed strings, blanks as null. Returns
 * undefined when the collection was not filled in at all, or every line of it is blank (e.g. expressions that
 * found no address), so an update then leaves the address as it is.
 */
export function readAddress(value: unknown): IDataObject | undefined {
	const address = (value as { value?: IDataObject } | undefined)?.value;
	if (!address) return undefined;
	const out: IDataObject = {};
	for (const key of ['line1', 'line2', 'line3', 'town', 'county', 'postcode']) {
		const v = typeof address[key] === 'string' ? (address[key] as string).trim() : '';
		out[key] = v || null;
	}
	if (Object.values(out).every((v) => v === null)) return undefined;
	const country = typeof address.country === 'string' ? address.country.trim().toUpperCase() : '';
	out.country = country || 'GB';
	return out;
}
