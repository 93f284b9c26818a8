import type { IDataObject } from 'n8n-workflow';

import type { ContactType, MatterCodeLists, MatterCodes } from '../../../firmLists';
import { contactTypeProblems, matterCodeProblems } from '../../../firmLists';
import type { Problem } from '../../../../shared/problems';
import { checkMatter, checkParty, clean } from '../../../mapping';
import type { PartyMatch } from '../../lookups';
import { ambiguousProblem, displayNameOf } from '../../lookups';
import { partyInput, partyLabel, propertyInput } from './shape';

/**
 * The planner of Import Case, with no HTTP: checkCase checks one case's input before anything is looked up;
 * planCase takes what resolve.ts looked up and decides what to write (apply.ts) and what to report (render.ts).
 */

/** One item's parameters (read.ts); the lists are in the contract's write shape. */
export interface CaseInput {
	externalRef?: string;
	externalSource: string;
	codes: MatterCodes;
	matterDetails: string;
	openedOn?: string;
	clients: IDataObject[];
	contacts: IDataObject[];
	properties: IDataObject[];
}

/** A client of the case: action 'create' until it is found (exists, matched) or written (created, exists). */
export interface PlannedClient {
	name: string;
	external_ref: string | null;
	body: IDataObject;
	action: string;
	client_ref: string | null;
}

/** A contact of the case; `attach` says whether it is to be attached to the matter ('attach') or already is. */
export interface PlannedContact {
	name: string;
	external_ref: string | null;
	contact_type: string;
	reference?: string;
	body: IDataObject;
	action: string;
	contact_id: string | null;
	attach: string;
}

/** A case checked on its own: the write bodies, and every problem found without asking DPS. */
export interface CheckedCase {
	/** "the case PP-1 cannot be imported": how a refusal starts. */
	subject: string;
	externalRef: string;
	codes: MatterCodes;
	/** The matter's write body, without its client refs. */
	matter: IDataObject;
	propertyCount: number;
	clients: PlannedClient[];
	contacts: PlannedContact[];
	problems: Problem[];
}

interface FoundParties {
	/** The firm's contact types; may be empty when every contact type is CLIENT (refused without the list). */
	contactTypes: ContactType[];
	/** Each contact's lookup, in the order of CheckedCase.contacts. */
	contacts: PartyMatch[];
}

/** What resolve.ts looked up: the matter carrying the external reference, or the lists and clients a new one needs. */
export type Found =
	| (FoundParties & { existing: IDataObject })
	| (FoundParties & { existing?: undefined; codeLists: MatterCodeLists; clients: PartyMatch[] });

/**
 * What to write and report. With `existing`, no client or matter is written (its clients are listed as 'exists');
 * clients with action 'create' and contacts with action 'create' are created, contacts with attach 'attach'
 * attached. `attached` is what the existing matter already has (withAttached).
 */
export interface Plan {
	externalRef: string;
	codes: MatterCodes;
	matter: IDataObject;
	propertyCount: number;
	existing?: IDataObject;
	clients: PlannedClient[];
	contacts: PlannedContact[];
	attached: IDataObject[];
	problems: Problem[];
}

function duplicateRefs(parties: Array<{ external_ref: string | null }>, field: string): Problem[] {
	const seen = new Set<string>();
	const problems: Problem[] = [];
	for (const p of parties) {
		if (!p.external_ref) continue;
		if (seen.has(p.external_ref))
			problems.push({
				field,
				code: 'duplicate',
				message: `lists external reference '${p.external_ref}' twice`,
				fix: 'List each party once.',
			});
		seen.add(p.external_ref);
	}
	return problems;
}

/** Every field of the matter, each client, contact and property, checked locally (`today` is YYYY-MM-DD). */
export function checkCase(input: CaseInput, today: string): CheckedCase {
	const { externalRef, externalSource: source } = input;
	const matter = checkMatter(
		{
			...input.codes,
			matterDetails: input.matterDetails,
			externalRef,
			externalSource: source,
			additionalClientRefs: [],
			openedOn: input.openedOn,
			properties: input.properties.map(propertyInput),
		},
		today,
	);
	const problems: Problem[] = [...matter.problems];
	if (externalRef === undefined)
		problems.unshift({
			field: 'External Reference',
			code: 'empty',
			message: 'is empty',
			fix: 'Give the case reference, e.g. the Perfect Portal Case ID PP-123456; it is what stops a second import.',
		});
	if (!input.clients.length)
		problems.push({
			field: 'Clients',
			code: 'empty',
			message: 'is empty: the case has no client to open the matter for',
			fix: "Add the client to the case (or choose which party to import as the client); a DPS matter needs one, and the first client becomes the matter's client.",
		});
	const clients: PlannedClient[] = input.clients.map((raw, i) => {
		const checked = checkParty(partyInput(raw, source), {
			client: true,
			label: partyLabel('Client', i, raw),
			today,
		});
		problems.push(...checked.problems);
		return {
			name: displayNameOf(checked.body) || `client ${i + 1}`,
			external_ref: (checked.body.external_ref as string | undefined) ?? null,
			body: checked.body,
			action: 'create',
			client_ref: null,
		};
	});
	const contacts: PlannedContact[] = input.contacts.map((raw, i) => {
		const label = partyLabel('Contact', i, raw);
		const checked = checkParty(partyInput(raw, source), { client: false, label, today });
		problems.push(...checked.problems);
		const contactType = clean(raw.contact_type);
		if (contactType === undefined)
			problems.push({
				field: `${label}Contact Type`,
				code: 'empty',
				message: 'is empty',
				fix: 'Give each contact a DPS contact type, e.g. EA for the estate agent or LEN for the lender.',
			});
		const reference = clean(raw.reference);
		if (reference !== undefined && reference.length > 50)
			problems.push({
				field: `${label}Reference`,
				code: 'too_long',
				message: 'is longer than 50 characters',
				fix: 'Shorten it to 50 characters.',
			});
		return {
			name: displayNameOf(checked.body) || `contact ${i + 1}`,
			external_ref: (checked.body.external_ref as string | undefined) ?? null,
			contact_type: contactType ?? '',
			reference,
			body: checked.body,
			action: 'create',
			contact_id: null,
			attach: 'attach',
		};
	});
	problems.push(...duplicateRefs(clients, 'Clients'), ...duplicateRefs(contacts, 'Contacts'));
	return {
		subject: `the case${externalRef ? ` ${externalRef}` : ''} cannot be imported`,
		externalRef: externalRef ?? '',
		codes: input.codes,
		matter: matter.body,
		propertyCount: ((matter.body.properties as IDataObject[] | undefined) ?? []).length,
		clients,
		contacts,
		problems,
	};
}

/**
 * A checked case (without problems) and what was looked up → the plan: the codes against the firm's lists and
 * each party found, matched by name and postcode, ambiguous (a problem) or to be created. A matter already in DPS
 * is linked: its codes and clients are not checked, and its own clients are reported instead of the case's.
 */
export function planCase(checked: CheckedCase, found: Found): Plan {
	const problems: Problem[] = [];
	let clients = checked.clients.map((c) => ({ ...c }));
	const contacts = checked.contacts.map((c) => ({ ...c }));
	if (!found.existing) {
		problems.push(...matterCodeProblems(found.codeLists, checked.codes));
		clients.forEach((client, i) => {
			const match = found.clients[i];
			if (match.kind === 'ambiguous')
				problems.push(ambiguousProblem(match.candidates, `Client ${client.name}`));
			else if (match.kind !== 'none') {
				client.action = match.kind;
				client.client_ref = String(match.record.client_ref);
			}
		});
	}
	for (const type of new Set(contacts.map((c) => c.contact_type))) {
		for (const p of contactTypeProblems(found.contactTypes, type)) {
			const who = contacts.filter((c) => c.contact_type === type).map((c) => c.name);
			problems.push({ ...p, field: `${p.field} of ${who.join(', ')}` });
		}
	}
	contacts.forEach((contact, i) => {
		const match = found.contacts[i];
		if (match.kind === 'ambiguous')
			problems.push(ambiguousProblem(match.candidates, `Contact ${contact.name}`, 'contact'));
		else if (match.kind !== 'none') {
			contact.action = match.kind;
			contact.contact_id = String(match.record.contact_id);
		}
	});
	const { existing } = found;
	if (existing) {
		const refs = [existing.client_ref, ...((existing.additional_client_refs as string[]) ?? [])];
		clients = refs.map((ref) => ({
			name: String(ref),
			external_ref: null,
			body: {},
			action: 'exists',
			client_ref: String(ref),
		}));
	}
	return {
		externalRef: checked.externalRef,
		codes: checked.codes,
		matter: checked.matter,
		propertyCount: checked.propertyCount,
		existing,
		clients,
		contacts,
		attached: [],
		problems,
	};
}

/** The plan for a matter that already has `attached` contacts: those are not attached again. */
export function withAttached(plan: Plan, attached: IDataObject[]): Plan {
	const contacts = plan.contacts.map((c) =>
		c.contact_id &&
		attached.some((a) => a.contact_id === c.contact_id && a.contact_type === c.contact_type)
			? { ...c, attach: 'exists' }
			: c,
	);
	return { ...plan, contacts, attached };
}
