import type { IDataObject } from 'n8n-workflow';

import type { PartyInput, PropertyInput } from '../../../mapping';
import { clean } from '../../../mapping';

/** The contract's write shape (snake_case, nested address) → the checkers' input (mapping.ts). */

const text = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

function addressOf(raw: IDataObject) {
	const address = (
		raw.address && typeof raw.address === 'object' ? raw.address : {}
	) as IDataObject;
	return {
		line1: text(address.line1),
		line2: text(address.line2),
		line3: text(address.line3),
		town: text(address.town),
		county: text(address.county),
		postcode: text(address.postcode),
		country: text(address.country),
	};
}

/** A client or contact → checkParty's input; `source` is the run's External Source, for a party without one. */
export function partyInput(raw: IDataObject, source: string | undefined): PartyInput {
	const organisation =
		raw.type === 'organisation' ||
		(raw.type === undefined && clean(raw.organisation_name) && !clean(raw.last_name));
	return {
		type: organisation ? 'organisation' : 'person',
		title: text(raw.title),
		firstName: text(raw.first_name),
		lastName: text(raw.last_name),
		organisationName: text(raw.organisation_name),
		address: addressOf(raw),
		phone: text(raw.phone),
		mobile: text(raw.mobile),
		email: text(raw.email),
		dateOfBirth: text(raw.date_of_birth),
		externalRef: text(raw.external_ref),
		externalSource: text(raw.external_source) ?? source,
	};
}

/** A property → checkMatter's property input. */
export function propertyInput(raw: IDataObject): PropertyInput {
	return {
		address: addressOf(raw),
		tenure: clean(raw.tenure),
		price: raw.price === null ? undefined : (raw.price as string | number | undefined),
		currency: clean(raw.currency),
	};
}

/** "Client 2 (Sarah Smith) › ": which row a problem is about, as the node shows it (rows count from 1). */
export function partyLabel(row: 'Client' | 'Contact', index: number, raw: IDataObject): string {
	const name =
		clean(raw.organisation_name) ??
		clean([raw.first_name, raw.last_name].filter((v) => clean(v)).join(' '));
	return `${row} ${index + 1}${name ? ` (${name})` : ''} › `;
}
