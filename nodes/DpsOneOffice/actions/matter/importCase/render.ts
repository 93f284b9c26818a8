import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { Applied } from './apply';
import type { Plan, PlannedClient, PlannedContact } from './plan';

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

/** The item's one output row; without a record (a dry run of a new case) `matter` is the body it would send. */
function output(
	plan: Plan,
	dryRun: boolean,
	action: string,
	record: IDataObject | undefined,
	summary: string,
): INodeExecutionData[] {
	const { clients, contacts } = plan;
	const clientRefs = [...new Set(clients.map((c) => c.client_ref).filter((r) => r !== null))];
	return [
		{
			json: {
				action,
				dry_run: dryRun,
				external_ref: plan.externalRef,
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
				properties: plan.propertyCount,
				matter: record ?? {
					client_ref: clientRefs[0] ?? null,
					...plan.matter,
					...(clientRefs.length > 1 ? { additional_client_refs: clientRefs.slice(1) } : {}),
				},
			},
		},
	];
}

/** A dry run's row: what applyPlan would create is reported as 'would_create'. */
export function renderDryRun(plan: Plan): INodeExecutionData[] {
	const would = (action: string, planned: string) => (action === planned ? 'would_create' : action);
	const shown: Plan = {
		...plan,
		clients: plan.clients.map((c) => ({ ...c, action: would(c.action, 'create') })),
		contacts: plan.contacts.map((c) => ({
			...c,
			action: would(c.action, 'create'),
			attach: would(c.attach, 'attach'),
		})),
	};
	const { existing, codes } = plan;
	if (existing) {
		const pending = shown.contacts.filter((c) => c.attach === 'would_create').length;
		return output(
			shown,
			true,
			'exists',
			existing,
			`Already in DPS as ${String(existing.mat_ref)}: would link it${pending ? ` and attach ${pending} contact${pending > 1 ? 's' : ''}` : ''}, creating no client or matter.`,
		);
	}
	return output(
		shown,
		true,
		'would_create',
		undefined,
		summaryOf(
			'Would create',
			`a matter (${codes.appCode}, ${codes.feeEarner}, ${codes.branch})`,
			shown.clients,
			shown.contacts,
			plan.propertyCount,
		),
	);
}

/** The row of a run that wrote (applyPlan has filled in the plan's refs and actions). */
export function renderApplied(plan: Plan, { action, record }: Applied): INodeExecutionData[] {
	const matRef = String(record.mat_ref);
	const summary =
		action === 'exists'
			? `Already in DPS as ${matRef}: linked, no client or matter created${plan.contacts.some((c) => c.action === 'created' || c.attach === 'created') ? '; missing contacts completed' : ''}.`
			: summaryOf('Created', `matter ${matRef}`, plan.clients, plan.contacts, plan.propertyCount);
	return output(plan, false, action, record, summary);
}
