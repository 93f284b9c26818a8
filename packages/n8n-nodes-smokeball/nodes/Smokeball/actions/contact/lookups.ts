import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { simplifyContact } from '../../mapping';
import { endpoints, smokeballList } from '../../transport';

const norm = (value: unknown): string =>
	typeof value === 'string' ? value.trim().replace(/\s+/g, ' ').toLowerCase() : '';

/** Email and name as compared: lower case, spaces collapsed; a person's first and last name. */
function identity(contact: IDataObject): { email: string; name: string } {
	const person = contact.person as IDataObject | null | undefined;
	const details = (person ?? contact.company ?? {}) as IDataObject;
	const name = person
		? [person.firstName, person.lastName].map(norm).filter(Boolean).join(' ')
		: norm(details.name);
	return { email: norm(details.email), name };
}

/**
 * Smokeball cannot filter contacts by externalSystemId. "search" narrows the list with Search terms (email
 * first, else name) and compares; "all" reads every contact. With `matchEmail`, a contact with the same email
 * and the same name counts too (e.g. one added by hand before the integration ran; the name keeps spouses who
 * share an email apart); a contact carrying the External System ID always wins.
 */
export async function findContactByExternalId(
	ctx: IExecuteFunctions,
	externalSystemId: string,
	options: {
		email?: string;
		name?: string;
		scope: 'search' | 'all';
		matchEmail?: boolean;
		itemIndex: number;
	},
): Promise<IDataObject | undefined> {
	const email = norm(options.email);
	const name = norm(options.name);
	const byEmail = options.matchEmail === true && email !== '' && name !== '';
	const searches: string[][] = [];
	if (options.scope === 'search') {
		if (options.email) searches.push([`email:${options.email}`]);
		if (options.name && externalSystemId) searches.push([`name:${options.name}`]);
	}
	if (!searches.length) searches.push([]);
	let sameEmail: IDataObject | undefined;
	for (const search of searches) {
		const query = { Search: search.length ? search : undefined, ExcludeDeletedContacts: 'true' };
		for await (const contact of smokeballList<IDataObject>(ctx, endpoints.contacts(), query, {
			itemIndex: options.itemIndex,
		})) {
			if (externalSystemId && contact.externalSystemId === externalSystemId) return contact;
			if (byEmail && !sameEmail && contact.isDeleted !== true) {
				const other = identity(contact);
				if (other.email !== email || other.name !== name) continue;
				sameEmail = contact;
				if (!externalSystemId) return contact;
			}
		}
	}
	return sameEmail;
}

export const contactOutput = (contact: IDataObject, simplify: boolean): IDataObject =>
	simplify ? simplifyContact(contact) : contact;
