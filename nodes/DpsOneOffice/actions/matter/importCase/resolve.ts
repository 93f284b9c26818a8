import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { contactTypes, isClientType, matterCodeLists } from '../../../firmLists';
import { endpoints } from '../../../transport';
import { matterContacts } from '../../contact/lookups';
import type { PartyMatch } from '../../lookups';
import { findByExternalRef, findExistingParty, lookUpRefs } from '../../lookups';
import type { CheckedCase, Found, Plan } from './plan';
import { refsOfAllItems } from './read';

/** The matter, client and contact lookups of all items, batched (actions/lookups.ts), once per node run. */
const lookedAhead = new WeakSet<object>();
async function lookAhead(ctx: IExecuteFunctions, itemIndex: number): Promise<void> {
	if (lookedAhead.has(ctx)) return;
	const refs = refsOfAllItems(ctx);
	await lookUpRefs(ctx, endpoints.matters(), refs.matters, itemIndex);
	await lookUpRefs(ctx, endpoints.clients(), refs.clients, itemIndex);
	await lookUpRefs(ctx, endpoints.contacts(), refs.contacts, itemIndex);
	lookedAhead.add(ctx);
}

/**
 * Everything the planner needs from DPS, read before the first write: the matter carrying the external reference;
 * for a new matter the firm's code lists and each client (by external reference, else by name + postcode); the
 * contact types and each contact. The reference lookups of all items go in a few batched requests on the first item.
 */
export async function resolveCase(
	ctx: IExecuteFunctions,
	checked: CheckedCase,
	matchByNamePostcode: boolean,
	itemIndex: number,
): Promise<Found> {
	await lookAhead(ctx, itemIndex);
	const existing = await findByExternalRef(
		ctx,
		endpoints.matters(),
		checked.externalRef,
		itemIndex,
	);
	const lookUp = async (kind: 'client' | 'contact', parties: Array<{ body: IDataObject }>) => {
		const matches: PartyMatch[] = [];
		for (const party of parties)
			matches.push(await findExistingParty(ctx, kind, party.body, matchByNamePostcode, itemIndex));
		return matches;
	};
	const contactsFound = async () => ({
		contactTypes: checked.contacts.some((c) => !isClientType(c.contact_type))
			? await contactTypes(ctx)
			: [],
		contacts: await lookUp('contact', checked.contacts),
	});
	if (existing) return { existing, ...(await contactsFound()) };
	const codeLists = await matterCodeLists(ctx);
	const clients = await lookUp('client', checked.clients);
	return { codeLists, clients, ...(await contactsFound()) };
}

/** The contacts the existing matter already has (a new matter has none), read once the plan has passed. */
export async function attachedContacts(
	ctx: IExecuteFunctions,
	plan: Plan,
	itemIndex: number,
): Promise<IDataObject[]> {
	return plan.existing ? await matterContacts(ctx, String(plan.existing.mat_ref), itemIndex) : [];
}
