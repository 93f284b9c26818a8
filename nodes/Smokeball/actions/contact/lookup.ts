import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { simplifyContact } from '../../mapping';
import { endpoints, smokeballList } from '../../transport';

/**
 * Smokeball cannot filter contacts by externalSystemId. "search" narrows the list with Search terms (email
 * first, else name) and compares; "all" reads every contact.
 */
export async function findContactByExternalId(
	ctx: IExecuteFunctions,
	externalSystemId: string,
	options: { email?: string; name?: string; scope: 'search' | 'all'; itemIndex: number },
): Promise<IDataObject | undefined> {
	const searches: string[][] = [];
	if (options.scope === 'search') {
		if (options.email) searches.push([`email:${options.email}`]);
		if (options.name) searches.push([`name:${options.name}`]);
	}
	if (!searches.length) searches.push([]);
	for (const search of searches) {
		const query = { Search: search.length ? search : undefined, ExcludeDeletedContacts: 'true' };
		for await (const contact of smokeballList<IDataObject>(ctx, endpoints.contacts(), query, {
			itemIndex: options.itemIndex,
		})) {
			if (contact.externalSystemId === externalSystemId) return contact;
		}
	}
	return undefined;
}

export const contactOutput = (contact: IDataObject, simplify: boolean): IDataObject =>
	simplify ? simplifyContact(contact) : contact;
