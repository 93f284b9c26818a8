import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PartyInput } from '../mapping';

/**
 * The name, address and contact fields of a client or contact. The same fields appear on Client › Create, on
 * Contact › Create and (prefixed "client…", labelled "Client …") on Matter › Create's "Find or Create Client".
 */
export interface PartyFieldsOptions {
	/** Parameter name prefix: '' → firstName, 'client' → clientFirstName. */
	prefix: string;
	/** Display name prefix, e.g. 'Client '. */
	label: string;
	/** Clients need a first name and an address; contacts do not. */
	client: boolean;
}

export function paramName(prefix: string, name: string): string {
	return prefix ? `${prefix}${name.charAt(0).toUpperCase()}${name.slice(1)}` : name;
}

export function partyProperties(o: PartyFieldsOptions): INodeProperties[] {
	const n = (name: string) => paramName(o.prefix, name);
	const person = { show: { [n('type')]: ['person'] } };
	const organisation = { show: { [n('type')]: ['organisation'] } };
	const addressFields: INodeProperties[] = [
		{
			displayName: 'Address Line 1',
			name: 'line1',
			type: 'string',
			default: '',
			placeholder: 'e.g. 3 Low Rd',
		},
		{
			displayName: 'Postcode',
			name: 'postcode',
			type: 'string',
			default: '',
			placeholder: 'e.g. LS1 4AB',
			description: 'A UK postcode is stored upper-case with one space (ls14ab → LS1 4AB)',
		},
	];
	const extra: INodeProperties[] = [
		...(o.client
			? []
			: addressFields.map((f) => ({
					...f,
					name: `address${f.name === 'line1' ? 'Line1' : 'Postcode'}`,
				}))),
		{ displayName: 'Address Line 2', name: 'addressLine2', type: 'string', default: '' },
		{ displayName: 'Address Line 3', name: 'addressLine3', type: 'string', default: '' },
		{
			displayName: 'Country',
			name: 'country',
			type: 'string',
			default: 'GB',
			description: 'Two-letter country code (ISO 3166-1 alpha-2); GB checks the UK postcode format',
		},
		{ displayName: 'County', name: 'county', type: 'string', default: '' },
		...(o.client
			? [
					{
						displayName: 'Date of Birth',
						name: 'dateOfBirth',
						type: 'dateTime',
						default: '',
						description: 'Not in the future',
					} as INodeProperties,
				]
			: []),
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
		},
		{
			displayName: 'External Source',
			name: 'externalSource',
			type: 'string',
			default: 'perfect_portal',
			description: 'Where the external reference comes from',
		},
		{
			displayName: 'Mobile',
			name: 'mobile',
			type: 'string',
			default: '',
			placeholder: 'e.g. 07700 900123',
			description: 'Digits, spaces and + ( ) - only',
		},
		{
			displayName: 'Phone',
			name: 'phone',
			type: 'string',
			default: '',
			placeholder: 'e.g. 0113 496 0000',
			description: 'Digits, spaces and + ( ) - only',
		},
		{ displayName: 'Title', name: 'title', type: 'string', default: '', placeholder: 'e.g. Mrs' },
		{ displayName: 'Town', name: 'town', type: 'string', default: '' },
	];
	extra.sort((a, b) => a.displayName.localeCompare(b.displayName));

	return [
		{
			displayName: `${o.label}Type`,
			name: n('type'),
			type: 'options',
			options: [
				{ name: 'Person', value: 'person' },
				{ name: 'Organisation', value: 'organisation' },
			],
			default: 'person',
		},
		{
			displayName: `${o.label}First Name`,
			name: n('firstName'),
			type: 'string',
			default: '',
			required: o.client,
			displayOptions: person,
		},
		{
			displayName: `${o.label}Last Name`,
			name: n('lastName'),
			type: 'string',
			default: '',
			required: true,
			displayOptions: person,
		},
		{
			displayName: `${o.label}Organisation Name`,
			name: n('organisationName'),
			type: 'string',
			default: '',
			required: true,
			displayOptions: organisation,
		},
		...(o.client
			? addressFields.map((f) => ({
					...f,
					displayName: `${o.label}${f.displayName}`,
					name: n(f.name === 'line1' ? 'addressLine1' : 'postcode'),
					required: true,
				}))
			: []),
		{
			displayName: `${o.label}External Reference`,
			name: n('externalRef'),
			type: 'string',
			default: '',
			placeholder: 'e.g. ppc_1001',
			description: `Your reference for this ${o.client ? 'client' : 'contact'}, e.g. its Perfect Portal contact ID. Unique in DPS: when set, a ${o.client ? 'client' : 'contact'} that already carries it is returned instead of creating another.`,
		},
		{
			displayName: `${o.label}Additional Fields`,
			name: n('additionalFields'),
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: extra,
		},
	];
}

const text = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

/** Reads the fields `partyProperties` declared, for one item. */
export function readParty(
	ctx: IExecuteFunctions,
	itemIndex: number,
	o: Pick<PartyFieldsOptions, 'prefix' | 'client'>,
): PartyInput {
	const n = (name: string) => paramName(o.prefix, name);
	const get = (name: string) => text(ctx.getNodeParameter(n(name), itemIndex, ''));
	const type = get('type') === 'organisation' ? 'organisation' : 'person';
	const extra = ctx.getNodeParameter(n('additionalFields'), itemIndex, {}) as IDataObject;
	return {
		type,
		title: text(extra.title),
		firstName: type === 'person' ? get('firstName') : undefined,
		lastName: type === 'person' ? get('lastName') : undefined,
		organisationName: type === 'organisation' ? get('organisationName') : undefined,
		address: {
			line1: o.client ? get('addressLine1') : text(extra.addressLine1),
			line2: text(extra.addressLine2),
			line3: text(extra.addressLine3),
			town: text(extra.town),
			county: text(extra.county),
			postcode: o.client ? get('postcode') : text(extra.addressPostcode),
			country: text(extra.country),
		},
		phone: text(extra.phone),
		mobile: text(extra.mobile),
		email: text(extra.email),
		dateOfBirth: o.client ? text(extra.dateOfBirth) : undefined,
		externalRef: get('externalRef'),
		externalSource: text(extra.externalSource),
	};
}
