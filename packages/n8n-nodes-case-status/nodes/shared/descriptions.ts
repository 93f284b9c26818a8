import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** The standard n8n pair: "Return All" and, when off, "Limit". */
export function returnAllAndLimit(maxValue?: number): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1, ...(maxValue ? { maxValue } : {}) },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/** What "Return All" and "Limit" ask for: undefined for everything, else the limit. */
export function readLimit(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex) as boolean;
	return returnAll ? undefined : (ctx.getNodeParameter('limit', itemIndex) as number);
}

/** n8n's Simplify toggle, on by default; a system may say what its simplified record holds. */
export function simplifyToggle(
	description = 'Whether to return a simplified version of the response instead of the raw data',
): INodeProperties {
	return { displayName: 'Simplify', name: 'simplify', type: 'boolean', default: true, description };
}

export const simplifyOption: INodeProperties = simplifyToggle();

/** A Get Many operation's optional "Filters" collection (n8n's "Add Filter"). */
export function filtersCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options,
	};
}

/** The "Updated Since" filter: records changed at or after a time. */
export function updatedSinceFilter(description: string): INodeProperties {
	return {
		displayName: 'Updated Since',
		name: 'updatedSince',
		type: 'dateTime',
		default: '',
		description,
	};
}

/** The "External Reference" filter: the one record carrying a reference (what: 'document', 'note', …). */
export function externalRefFilter(what: string): INodeProperties {
	return {
		displayName: 'External Reference',
		name: 'externalRef',
		type: 'string',
		default: '',
		description: `Only the ${what} carrying this external reference (exact match)`,
	};
}

/** An "Email" text field (a filter or a contact's address). */
export function emailField(description: string): INodeProperties {
	return {
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description,
	};
}

/** A dropdown the firm's own list fills ("<Label> Name or ID", n8n's wording for a loadOptions field). */
export function listOptionsField(
	label: string,
	name: string,
	loadOptionsMethod: string,
	hint: string,
): INodeProperties {
	return {
		displayName: `${label} Name or ID`,
		name,
		type: 'options',
		typeOptions: { loadOptionsMethod },
		default: '',
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint,
	};
}

/** A case read's "Output": the simplified fields, the system's raw record, or the canonical legal case. */
export function caseOutputField(
	system: string,
	simplified: string,
	canonical: string,
): INodeProperties {
	return {
		displayName: 'Output',
		name: 'output',
		type: 'options',
		default: 'simplified',
		options: [
			{ name: 'Simplified', value: 'simplified', description: simplified },
			{ name: 'Raw', value: 'raw', description: `The case exactly as ${system} returns it` },
			{ name: 'Canonical (Legal Case)', value: 'canonical', description: canonical },
		],
	};
}
