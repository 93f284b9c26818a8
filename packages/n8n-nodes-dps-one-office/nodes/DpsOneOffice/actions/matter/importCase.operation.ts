import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { jsonParse, updateDisplayOptions } from 'n8n-workflow';

import { readOptions } from '../../../shared/options';
import { inputError } from '../../../shared/errors';
import { checkContactType, checkMatterCodes } from '../../lookups';
import type { PartyInput, Problem, PropertyInput } from '../../mapping';
import { checkMatter, checkParty, clean } from '../../mapping';
import { endpoints } from '../../transport';
import { createOnce, findByExternalRef, refuse, today, withNote } from '../common';
import { ambiguousProblem, displayNameOf, findExistingParty } from '../partyLookup';
import { lookUpRefs } from '../refLookup';
import { attachOnce, matterContacts } from '../contact/common';
import { matterCodeProperties } from './fields';
import { listOfRows, listParameter, partiesProperties } from './importRows';

const sharedOptions: INodeProperties[] = [
	{
		displayName: 'External Source',
		name: 'externalSource',
		type: 'string',
		default: 'perfect_portal',
		description:
			'Where the external references come from; stored on the matter, clients and contacts',
	},
	{
		displayName: 'Opened On',
		name: 'openedOn',
		type: 'dateTime',
		default: '',
		description: 'Today when not set; not in the future',
	},
	{
		displayName: 'Use Existing Client or Contact With Same Name and Postcode',
		name: 'matchByNamePostcode',
		type: 'boolean',
		default: true,
		description:
			'Whether to use an existing client (or contact) with the same name and postcode when none carries the external reference, so a returning client or a known estate agent is not created again; the output says which were matched. Several matches stop the case instead of guessing.',
	},
];

const dryRunOption: INodeProperties = {
	displayName: 'Dry Run',
	name: 'dryRun',
	type: 'boolean',
	default: false,
	description:
		'Whether to only check the case and look up what already exists, writing nothing; the output says what would be created',
};

const optionsOf = (
	versions: INodeProperties['displayOptions'],
	options: INodeProperties[],
): INodeProperties => ({
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	displayOptions: versions,
	options,
});
const optionsV2 = optionsOf({ show: { '@version': [{ _cnd: { gte: 2 } }] } }, sharedOptions);
const optionsV1 = optionsOf({ show: { '@version': [1] } }, [dryRunOption, ...sharedOptions]);

const properties: INodeProperties[] = [
	// Dry Run at the top from version 2, as in Case Status › Create and Sync; version 1 keeps it under Options.
	{ ...dryRunOption, displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } } },
	{
		displayName: 'External Reference',
		name: 'externalRef',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. PP-123456',
		description:
			'The case reference the matter carries, e.g. the Perfect Portal Case ID. A matter already carrying it is linked, never created again.',
	},
	...matterCodeProperties,
	...partiesProperties,
	optionsV2,
	optionsV1,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['matter'], operation: ['importCase'] } },
	properties,
);

const text = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

type ListKind = keyof typeof listParameter;

/** Rows, or a JSON list: an expression may give the list itself, typed text gives JSON. */
function readList(ctx: IExecuteFunctions, kind: ListKind, itemIndex: number): IDataObject[] {
	const mode =
		ctx.getNodeParameter('partiesInput', itemIndex, 'json') === 'fields' ? 'fields' : 'json';
	const [name, label] = listParameter[kind][mode];
	if (mode === 'fields') return listOfRows(kind, ctx.getNodeParameter(name, itemIndex, {}));
	const raw = ctx.getNodeParameter(name, itemIndex, '[]') as unknown;
	let value = raw;
	if (typeof raw === 'string') {
		const trimmed = raw.trim();
		if (!trimmed) return [];
		try {
			value = jsonParse(trimmed);
		} catch {
			throw inputError(
				ctx.getNode(),
				label,
				'is not valid JSON',
				`Give a JSON list, e.g. [] or [{"type": "person", "first_name": "Alan", …}], or an expression that returns one; or set "Clients, Contacts and Properties" to "Define Below" and add rows.`,
				itemIndex,
			);
		}
	}
	if (value === null || value === undefined) return [];
	if (!Array.isArray(value) || value.some((v) => v === null || typeof v !== 'object')) {
		throw inputError(
			ctx.getNode(),
			label,
			'is not a list of objects',
			'Give a JSON list of objects, e.g. [{"type": "person", …}], or [] for none.',
			itemIndex,
		);
	}
	return value as IDataObject[];
}

/** A client or contact in the contract's write shape (snake_case, nested address) → the checker's input. */
function partyInput(raw: IDataObject, source: string | undefined): PartyInput {
	const address = (
		raw.address && typeof raw.address === 'object' ? raw.address : {}
	) as IDataObject;
	const organisation =
		raw.type === 'organisation' ||
		(raw.type === undefined && clean(raw.organisation_name) && !clean(raw.last_name));
	return {
		type: organisation ? 'organisation' : 'person',
		title: text(raw.title),
		firstName: text(raw.first_name),
		lastName: text(raw.last_name),
		organisationName: text(raw.organisation_name),
		address: {
			line1: text(address.line1),
			line2: text(address.line2),
			line3: text(address.line3),
			town: text(address.town),
			county: text(address.county),
			postcode: text(address.postcode),
			country: text(address.country),
		},
		phone: text(raw.phone),
		mobile: text(raw.mobile),
		email: text(raw.email),
		dateOfBirth: text(raw.date_of_birth),
		externalRef: text(raw.external_ref),
		externalSource: text(raw.external_source) ?? source,
	};
}

function propertyInput(raw: IDataObject): PropertyInput {
	const address = (
		raw.address && typeof raw.address === 'object' ? raw.address : {}
	) as IDataObject;
	return {
		address: {
			line1: text(address.line1),
			line2: text(address.line2),
			line3: text(address.line3),
			town: text(address.town),
			county: text(address.county),
			postcode: text(address.postcode),
			country: text(address.country),
		},
		tenure: clean(raw.tenure),
		price: raw.price === null ? undefined : (raw.price as string | number | undefined),
		currency: clean(raw.currency),
	};
}

/** "Client 2 (Sarah Smith) › ": which row a problem is about, as the node shows it (rows count from 1). */
function partyLabel(row: 'Client' | 'Contact', index: number, raw: IDataObject): string {
	const name =
		clean(raw.organisation_name) ??
		clean([raw.first_name, raw.last_name].filter((v) => clean(v)).join(' '));
	return `${row} ${index + 1}${name ? ` (${name})` : ''} › `;
}

interface PlannedClient {
	name: string;
	external_ref: string | null;
	body: IDataObject;
	found?: IDataObject;
	action: string;
	client_ref: string | null;
}

interface PlannedContact {
	name: string;
	external_ref: string | null;
	contact_type: string;
	reference?: string;
	body: IDataObject;
	found?: IDataObject;
	action: string;
	contact_id: string | null;
	attach: string;
}

function duplicateRefs(parties: Array<{ external_ref: string | null }>, field: string): Problem[] {
	const seen = new Set<string>();
	const problems: Problem[] = [];
	for (const p of parties) {
		if (!p.external_ref) continue;
		if (seen.has(p.external_ref))
			problems.push({
				field,
				message: `lists external reference '${p.external_ref}' twice`,
				fix: 'List each party once.',
			});
		seen.add(p.external_ref);
	}
	return problems;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const SAME_NAME = 'same name and postcode';

/** "Created clients LOW001 (Cara Lowe), LOW002 (Dan Lowe) and matter LOW001-0001, with 1 contact (…) and 1 property." */
function summaryOf(
	verb: 'Created' | 'Would create',
	matter: string,
	clients: PlannedClient[],
	contacts: PlannedContact[],
	propertyCount: number,
): string {
	const made = (action: string) =>
		verb === 'Created' ? action === 'created' : action === 'would_create';
	const newClients = clients.filter((c) => made(c.action));
	const oldClients = clients.filter((c) => !made(c.action));
	const named = (c: PlannedClient) => (c.client_ref ? `${c.client_ref} (${c.name})` : c.name);
	const head = newClients.length
		? `${newClients.length > 1 ? 'clients' : 'client'} ${newClients.map(named).join(', ')} and ${matter}`
		: matter;
	let line = `${verb} ${head}`;
	const existing = (c: PlannedClient) =>
		c.action === 'matched' ? `${c.client_ref} (${c.name}: ${SAME_NAME})` : c.client_ref;
	if (oldClients.length)
		line += ` for existing ${oldClients.length > 1 ? 'clients' : 'client'} ${oldClients.map(existing).join(', ')}`;
	const extras: string[] = [];
	const newContacts = contacts.filter((c) => made(c.action) || made(c.attach));
	const contact = (c: PlannedContact) =>
		`${c.name} as ${c.contact_type}${c.action === 'matched' ? `: existing ${c.contact_id}, ${SAME_NAME}` : ''}`;
	if (newContacts.length)
		extras.push(
			`${plural(newContacts.length, 'contact', 'contacts')} (${newContacts.map(contact).join(', ')})`,
		);
	if (propertyCount) extras.push(plural(propertyCount, 'property', 'properties'));
	if (extras.length) line += `, with ${extras.join(' and ')}`;
	return `${line}.`;
}

/** External references of every item of this run (unreadable items are left to their own turn). */
function refsOfAllItems(ctx: IExecuteFunctions) {
	const refs = { matters: [] as string[], clients: [] as string[], contacts: [] as string[] };
	const refOf = (party: IDataObject) => clean(party.external_ref);
	for (let i = 0; i < ctx.getInputData().length; i++) {
		try {
			const matter = clean(ctx.getNodeParameter('externalRef', i, ''));
			if (matter) refs.matters.push(matter);
			for (const c of readList(ctx, 'clients', i)) {
				const ref = refOf(c);
				if (ref) refs.clients.push(ref);
			}
			for (const c of readList(ctx, 'contacts', i)) {
				const ref = refOf(c);
				if (ref) refs.contacts.push(ref);
			}
		} catch {
			// This item's own turn reports what is wrong with it.
		}
	}
	return refs;
}

/** The matter, client and contact lookups of all items, batched (refLookup), once per node run. */
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
 * One Office's "Import Selected Cases" for one case, never half-written and never twice:
 *  1. every field of the matter, each client, contact and property is checked locally;
 *  2. a matter already carrying the external reference is linked: no client or matter is created (ticked contacts
 *     are still found or created and attached, so an import cut short completes on the next run);
 *  3. AppCode, Fee Earner, Branch and contact types are checked against the firm's lists, and every client and
 *     contact is looked up by its external reference, else by name + postcode (a returning client, an estate agent
 *     already in DPS) — all before the first write. The reference lookups of all items go in a few batched
 *     requests on the first item;
 *  4. only then are the missing clients created, the matter (keyed by the external reference), then the contacts.
 * With Dry Run, steps 1–3 run and the output says what step 4 would create.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const day = today();
	const v2 = this.getNode().typeVersion >= 2;
	const options = v2
		? readOptions(this, [optionsV2], itemIndex)
		: readOptions(this, [optionsV1], itemIndex);
	const dryRun = v2
		? this.getNodeParameter('dryRun', itemIndex, false) === true
		: options.dryRun === true;
	const source = clean(options.externalSource) ?? 'perfect_portal';
	const externalRef = clean(this.getNodeParameter('externalRef', itemIndex, ''));
	const rawClients = readList(this, 'clients', itemIndex);
	const rawContacts = readList(this, 'contacts', itemIndex);
	const rawProperties = readList(this, 'properties', itemIndex);
	const get = (name: string) => String(this.getNodeParameter(name, itemIndex, '') ?? '');
	const codes = {
		appCode: get('appCode').trim(),
		feeEarner: get('feeEarner').trim(),
		branch: get('branch').trim(),
	};

	const matter = checkMatter(
		{
			...codes,
			matterDetails: get('matterDetails'),
			externalRef,
			externalSource: source,
			additionalClientRefs: [],
			openedOn: clean(options.openedOn),
			properties: rawProperties.map(propertyInput),
		},
		day,
	);
	const problems: Problem[] = [...matter.problems];
	if (externalRef === undefined)
		problems.unshift({
			field: 'External Reference',
			message: 'is empty',
			fix: 'Give the case reference, e.g. the Perfect Portal Case ID PP-123456; it is what stops a second import.',
		});
	const subject = `the case${externalRef ? ` ${externalRef}` : ''} cannot be imported`;

	if (!rawClients.length)
		problems.push({
			field: 'Clients',
			message: 'is empty: the case has no client to open the matter for',
			fix: "Add the client to the case (or choose which party to import as the client); a DPS matter needs one, and the first client becomes the matter's client.",
		});
	const clients: PlannedClient[] = rawClients.map((raw, i) => {
		const checked = checkParty(partyInput(raw, source), {
			client: true,
			label: partyLabel('Client', i, raw),
			today: day,
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
	const contacts: PlannedContact[] = rawContacts.map((raw, i) => {
		const label = partyLabel('Contact', i, raw);
		const checked = checkParty(partyInput(raw, source), { client: false, label, today: day });
		problems.push(...checked.problems);
		const contactType = clean(raw.contact_type);
		if (contactType === undefined)
			problems.push({
				field: `${label}Contact Type`,
				message: 'is empty',
				fix: 'Give each contact a DPS contact type, e.g. EA for the estate agent or LEN for the lender.',
			});
		const reference = clean(raw.reference);
		if (reference !== undefined && reference.length > 50)
			problems.push({
				field: `${label}Reference`,
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
	if (problems.length) refuse(this, subject, problems, itemIndex);

	// Pre-write checks: nothing below writes until every lookup has passed.
	await lookAhead(this, itemIndex);
	const matchByNamePostcode = options.matchByNamePostcode !== false;
	const existing = await findByExternalRef(this, endpoints.matters(), externalRef!, itemIndex);
	if (!existing) {
		problems.push(...(await checkMatterCodes(this, codes)));
		for (const client of clients) {
			const match = await findExistingParty(
				this,
				'client',
				client.body,
				matchByNamePostcode,
				itemIndex,
			);
			if (match.kind === 'ambiguous')
				problems.push(ambiguousProblem(match.candidates, `Client ${client.name}`));
			else if (match.kind !== 'none') {
				client.found = match.record;
				client.action = match.kind;
				client.client_ref = String(match.record.client_ref);
			}
		}
	}
	const types = [...new Set(contacts.map((c) => c.contact_type))];
	for (const type of types) {
		const typeProblems = await checkContactType(this, type);
		for (const p of typeProblems) {
			const who = contacts.filter((c) => c.contact_type === type).map((c) => c.name);
			problems.push({ ...p, field: `${p.field} of ${who.join(', ')}` });
		}
	}
	for (const contact of contacts) {
		const match = await findExistingParty(
			this,
			'contact',
			contact.body,
			matchByNamePostcode,
			itemIndex,
		);
		if (match.kind === 'ambiguous')
			problems.push(ambiguousProblem(match.candidates, `Contact ${contact.name}`, 'contact'));
		else if (match.kind !== 'none') {
			contact.found = match.record;
			contact.action = match.kind;
			contact.contact_id = String(match.record.contact_id);
		}
	}
	if (problems.length) refuse(this, subject, problems, itemIndex);

	let attached: IDataObject[] = [];
	if (existing) {
		const refs = [existing.client_ref, ...((existing.additional_client_refs as string[]) ?? [])];
		clients.splice(
			0,
			clients.length,
			...refs.map((ref) => ({
				name: String(ref),
				external_ref: null,
				body: {},
				action: 'exists',
				client_ref: String(ref),
			})),
		);
		attached = await matterContacts(this, String(existing.mat_ref), itemIndex);
		for (const c of contacts) {
			if (
				c.contact_id &&
				attached.some((a) => a.contact_id === c.contact_id && a.contact_type === c.contact_type)
			)
				c.attach = 'exists';
		}
	}
	const propertyCount = ((matter.body.properties as IDataObject[] | undefined) ?? []).length;
	const result = (
		action: string,
		record: IDataObject | undefined,
		summary: string,
	): INodeExecutionData[] => {
		const clientRefs = [...new Set(clients.map((c) => c.client_ref).filter((r) => r !== null))];
		return [
			{
				json: {
					action,
					dry_run: dryRun,
					external_ref: externalRef!,
					mat_ref: (record?.mat_ref as string | undefined) ?? null,
					client_ref: clientRefs[0] ?? null,
					client_refs: clientRefs,
					summary,
					clients: clients.map((c) => ({
						name: c.name,
						external_ref: c.external_ref,
						action: c.action,
						client_ref: c.client_ref,
					})),
					contacts: contacts.map((c) => ({
						name: c.name,
						external_ref: c.external_ref,
						contact_type: c.contact_type,
						action: c.action,
						contact_id: c.contact_id,
						attach: c.attach,
					})),
					properties: propertyCount,
					matter: record ?? {
						client_ref: clientRefs[0] ?? null,
						...matter.body,
						...(clientRefs.length > 1 ? { additional_client_refs: clientRefs.slice(1) } : {}),
					},
				},
			},
		];
	};

	if (dryRun) {
		for (const c of clients) if (c.action === 'create') c.action = 'would_create';
		for (const c of contacts) {
			if (c.action === 'create') c.action = 'would_create';
			if (c.attach === 'attach') c.attach = 'would_create';
		}
		if (existing) {
			const pending = contacts.filter((c) => c.attach === 'would_create').length;
			return result(
				'exists',
				existing,
				`Already in DPS as ${String(existing.mat_ref)}: would link it${pending ? ` and attach ${pending} contact${pending > 1 ? 's' : ''}` : ''}, creating no client or matter.`,
			);
		}
		return result(
			'would_create',
			undefined,
			summaryOf(
				'Would create',
				`a matter (${codes.appCode}, ${codes.feeEarner}, ${codes.branch})`,
				clients,
				contacts,
				propertyCount,
			),
		);
	}

	let record: IDataObject;
	let action: string;
	if (existing) {
		record = existing;
		action = 'exists';
	} else {
		const made: string[] = [];
		try {
			for (const client of clients) {
				if (client.client_ref) continue;
				const created = await createOnce(this, {
					listPath: endpoints.clients(),
					recordPath: endpoints.client,
					body: client.body,
					externalRef: client.external_ref ?? undefined,
					lookedUp: true,
					itemIndex,
				});
				client.client_ref = String(created.record.client_ref);
				client.action = created.action;
				if (created.action === 'created') made.push(client.client_ref);
			}
			const [main, ...joint] = [...new Set(clients.map((c) => c.client_ref!))];
			const created = await createOnce(this, {
				listPath: endpoints.matters(),
				recordPath: endpoints.matter,
				body: {
					client_ref: main,
					...matter.body,
					...(joint.length ? { additional_client_refs: joint } : {}),
				},
				externalRef,
				lookedUp: true,
				itemIndex,
			});
			record = created.record;
			action = created.action;
		} catch (error) {
			throw withNote(
				error,
				made.length
					? `Client${made.length > 1 ? 's' : ''} ${made.join(', ')} ${made.length > 1 ? 'were' : 'was'} created before the matter failed; a re-run finds ${made.length > 1 ? 'them' : 'it'} by external reference instead of creating ${made.length > 1 ? 'them' : 'it'} again.`
					: '',
			);
		}
	}

	const matRef = String(record.mat_ref);
	try {
		for (const contact of contacts) {
			if (!contact.contact_id) {
				const created = await createOnce(this, {
					listPath: endpoints.contacts(),
					recordPath: endpoints.contact,
					body: { contact_type: contact.contact_type, ...contact.body },
					externalRef: contact.external_ref ?? undefined,
					lookedUp: true,
					itemIndex,
				});
				contact.contact_id = String(created.record.contact_id);
				contact.action = created.action;
			}
			if (contact.attach === 'exists') continue;
			const link = await attachOnce(this, {
				matRef,
				contactId: contact.contact_id,
				contactType: contact.contact_type,
				reference: contact.reference,
				itemIndex,
				attached,
			});
			contact.attach = link.action;
		}
	} catch (error) {
		throw withNote(
			error,
			`Matter ${matRef} exists, but not every contact was attached; a re-run links the matter and completes the contacts.`,
		);
	}

	const summary =
		action === 'exists'
			? `Already in DPS as ${matRef}: linked, no client or matter created${contacts.some((c) => c.action === 'created' || c.attach === 'created') ? '; missing contacts completed' : ''}.`
			: summaryOf('Created', `matter ${matRef}`, clients, contacts, propertyCount);
	return result(action, record, summary);
}
