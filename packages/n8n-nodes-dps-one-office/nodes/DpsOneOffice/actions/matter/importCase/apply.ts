import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { endpoints } from '../../../transport';
import { withNote } from '../../common';
import { createOnce } from '../../lookups';
import { attachOnce } from '../../contact/lookups';
import type { Plan } from './plan';

/** What was written for the matter: 'created', or 'exists' when it was already in DPS (or a 409 said so). */
export interface Applied {
	action: string;
	record: IDataObject;
}

/** The missing clients, then the matter keyed by the external reference; an existing matter is only linked. */
async function writeMatter(
	ctx: IExecuteFunctions,
	plan: Plan,
	itemIndex: number,
): Promise<Applied> {
	if (plan.existing) return { action: 'exists', record: plan.existing };
	const made: string[] = [];
	try {
		for (const client of plan.clients) {
			if (client.client_ref) continue;
			const created = await createOnce(ctx, {
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
		const [main, ...joint] = [...new Set(plan.clients.map((c) => c.client_ref!))];
		const { action, record } = await createOnce(ctx, {
			listPath: endpoints.matters(),
			recordPath: endpoints.matter,
			body: {
				client_ref: main,
				...plan.matter,
				...(joint.length ? { additional_client_refs: joint } : {}),
			},
			externalRef: plan.externalRef,
			lookedUp: true,
			itemIndex,
		});
		return { action, record };
	} catch (error) {
		const many = made.length > 1;
		throw withNote(
			error,
			made.length
				? `Client${many ? 's' : ''} ${made.join(', ')} ${many ? 'were' : 'was'} created before the matter failed; a re-run finds ${many ? 'them' : 'it'} by external reference instead of creating ${many ? 'them' : 'it'} again.`
				: '',
		);
	}
}

/** Each missing contact created, then attached to the matter unless it already is. */
async function writeContacts(
	ctx: IExecuteFunctions,
	plan: Plan,
	matRef: string,
	itemIndex: number,
): Promise<void> {
	try {
		for (const contact of plan.contacts) {
			if (!contact.contact_id) {
				const created = await createOnce(ctx, {
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
			const link = await attachOnce(ctx, {
				matRef,
				contactId: contact.contact_id,
				contactType: contact.contact_type,
				reference: contact.reference,
				itemIndex,
				attached: plan.attached,
			});
			contact.attach = link.action;
		}
	} catch (error) {
		throw withNote(
			error,
			`Matter ${matRef} exists, but not every contact was attached; a re-run links the matter and completes the contacts.`,
		);
	}
}

/**
 * Carries out a plan (planCase): the missing clients, the matter, then the contacts. Each row of the plan is
 * updated with what was written (its ref and action), which is what render.ts reports.
 */
export async function applyPlan(
	ctx: IExecuteFunctions,
	plan: Plan,
	itemIndex: number,
): Promise<Applied> {
	const applied = await writeMatter(ctx, plan, itemIndex);
	await writeContacts(ctx, plan, String(applied.record.mat_ref), itemIndex);
	return applied;
}
