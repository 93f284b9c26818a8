import type { IDataObject, INodeProperties } from 'n8n-workflow';

/**
 * Import Case's clients, contacts and properties as rows (Add Client / Add Contact / Add Property), or as JSON lists
 * from an expression. Rows become the same snake_case objects the JSON lists hold, so both are checked alike.
 * Version 1 of the node (the shipped templates) reads the lists from expressions by default; version 2 opens on rows.
 */
const rowsMode = { partiesInput: ['fields'] };
const jsonMode = { partiesInput: ['json'] };

const partiesInputOptions = [
	{
		name: 'Define Below',
		value: 'fields',
		description: 'Add each client, contact and property as a row',
	},
	{
		name: 'From Expressions (JSON Lists)',
		value: 'json',
		description:
			'Map each list from an earlier node with an expression that returns it, e.g. the clients of a downloaded case',
	},
];

const partiesInput = (version: number | IDataObject, defaultValue: string): INodeProperties => ({
	displayName: 'Clients, Contacts and Properties',
	name: 'partiesInput',
	type: 'options',
	options: partiesInputOptions,
	default: defaultValue,
	displayOptions: { show: { '@version': [version] } } as INodeProperties['displayOptions'],
});

const text = (displayName: string, name: string, extra: Partial<INodeProperties> = {}) =>
	({ displayName, name, type: 'string', default: '', ...extra }) as INodeProperties;

const addressFields: INodeProperties[] = [
	text('Address Line 1', 'line1', { placeholder: 'e.g. 4 Mill Lane' }),
	text('Address Line 2', 'line2'),
	text('Address Line 3', 'line3'),
	text('Town', 'town', { placeholder: 'e.g. Leeds' }),
	text('County', 'county'),
	text('Postcode', 'postcode', { placeholder: 'e.g. LS6 2AB' }),
	text('Country', 'country', {
		default: 'GB',
		description: 'Two-letter country code',
	}),
];

// First and Last Name first: they are what a person fills in first.
const partyFields: INodeProperties[] = [
	text('First Name', 'firstName'),
	text('Last Name', 'lastName'),
	text('Organisation Name', 'organisationName', {
		description: 'For a company or other organisation, instead of first and last name',
	}),
	text('Title', 'title', { placeholder: 'e.g. Mrs' }),
	...addressFields,
	text('Mobile', 'mobile', { placeholder: 'e.g. 07700 900555' }),
	text('Phone', 'phone'),
	text('Email', 'email', { placeholder: 'name@email.com' }),
	text('Date of Birth', 'dateOfBirth', { placeholder: 'YYYY-MM-DD' }),
	text('External Reference', 'externalRef', {
		placeholder: 'e.g. ct_901',
		description:
			'Their ID in the system the case comes from; a client or contact already carrying it is used, never created again',
	}),
];

const rows: INodeProperties[] = [
	{
		displayName: 'Clients',
		name: 'clientRows',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Client',
		default: {},
		required: true,
		description:
			"The first client is the matter's client, the others joint clients. A person needs first and last name, every client address line 1 and postcode.",
		displayOptions: { show: rowsMode },
		options: [{ name: 'client', displayName: 'Client', values: partyFields }],
	},
	{
		displayName: 'Contacts',
		name: 'contactRows',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Contact',
		default: {},
		description:
			'Other parties to find or create and attach to the matter: the estate agent, the lender…',
		displayOptions: { show: rowsMode },
		options: [
			{
				name: 'contact',
				displayName: 'Contact',
				values: [
					{
						displayName: 'Contact Type Name or ID',
						name: 'contactType',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getContactTypes' },
						default: '',
						description:
							'Their role on the matter, e.g. EA for the estate agent. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					...partyFields,
					text('Their Reference', 'reference', {
						placeholder: 'e.g. HEA/77',
						description: "The contact's own reference for this matter (at most 50 characters)",
					}),
				],
			},
		],
	},
	{
		displayName: 'Properties',
		name: 'propertyRows',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Property',
		default: {},
		description: 'The case properties; leave out any the case has wrong',
		displayOptions: { show: rowsMode },
		options: [
			{
				name: 'property',
				displayName: 'Property',
				values: [
					...addressFields,
					{
						displayName: 'Tenure',
						name: 'tenure',
						type: 'options',
						options: [
							{ name: 'Commonhold', value: 'commonhold' },
							{ name: 'Freehold', value: 'freehold' },
							{ name: 'Leasehold', value: 'leasehold' },
							{ name: 'Unknown', value: 'unknown' },
						],
						default: 'unknown',
					},
					text('Price', 'price', {
						placeholder: 'e.g. 250000.00',
						description: 'Leave empty when not known',
					}),
					text('Currency', 'currency', { default: 'GBP' }),
				],
			},
		],
	},
];

const partyShape =
	'{"type": "person" or "organisation", "title", "first_name", "last_name", "organisation_name", "address": {"line1", "line2", "line3", "town", "county", "postcode", "country"}, "phone", "mobile", "email", "external_ref"}';

const lists: INodeProperties[] = [
	{
		displayName: 'Clients (JSON)',
		name: 'clients',
		type: 'json',
		default: '[]',
		required: true,
		displayOptions: { show: jsonMode },
		description: `The clients to find or create, as a list: the first is the matter's client, the others joint clients. Each: ${partyShape}. A person needs first and last name, every client line 1 and postcode.`,
	},
	{
		displayName: 'Contacts (JSON)',
		name: 'contacts',
		type: 'json',
		default: '[]',
		displayOptions: { show: jsonMode },
		description:
			'Other parties to find or create and attach to the matter (estate agent, lender…), as a list: the client fields plus "contact_type" (e.g. EA) and an optional "reference" (their ref). Leave [] to create only the client(s).',
	},
	{
		displayName: 'Properties (JSON)',
		name: 'properties',
		type: 'json',
		default: '[]',
		displayOptions: { show: jsonMode },
		description:
			'The case properties, as a list: {"address": {"line1", "town", "postcode", …}, "tenure": "freehold" | "leasehold" | "commonhold" | "unknown", "price": "250000.00", "currency": "GBP"}. Leave out any the case has wrong.',
	},
];

export const partiesProperties: INodeProperties[] = [
	partiesInput({ _cnd: { gte: 2 } }, 'fields'),
	partiesInput(1, 'json'),
	...rows,
	...lists,
];

const address = (row: IDataObject): IDataObject => ({
	line1: row.line1,
	line2: row.line2,
	line3: row.line3,
	town: row.town,
	county: row.county,
	postcode: row.postcode,
	country: row.country,
});

/** A client or contact row → the list shape (snake_case, nested address). */
function partyOfRow(row: IDataObject): IDataObject {
	return {
		title: row.title,
		first_name: row.firstName,
		last_name: row.lastName,
		organisation_name: row.organisationName,
		address: address(row),
		phone: row.phone,
		mobile: row.mobile,
		email: row.email,
		date_of_birth: row.dateOfBirth,
		external_ref: row.externalRef,
		...(row.contactType !== undefined ? { contact_type: row.contactType } : {}),
		...(row.reference !== undefined ? { reference: row.reference } : {}),
	};
}

/** The rows of one list, in the shape the JSON lists hold. */
export function listOfRows(
	kind: 'clients' | 'contacts' | 'properties',
	value: unknown,
): IDataObject[] {
	const key = { clients: 'client', contacts: 'contact', properties: 'property' }[kind];
	const found = (value as IDataObject | null)?.[key];
	const list = (Array.isArray(found) ? found : []) as IDataObject[];
	if (kind !== 'properties') return list.map(partyOfRow);
	return list.map((row) => ({
		address: address(row),
		tenure: row.tenure,
		price: row.price === '' ? undefined : row.price,
		currency: row.currency,
	}));
}

/** The parameter and the label a person sees, per list and mode. */
export const listParameter = {
	clients: { fields: ['clientRows', 'Clients'], json: ['clients', 'Clients (JSON)'] },
	contacts: { fields: ['contactRows', 'Contacts'], json: ['contacts', 'Contacts (JSON)'] },
	properties: { fields: ['propertyRows', 'Properties'], json: ['properties', 'Properties (JSON)'] },
} as const;
