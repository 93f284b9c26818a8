import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { clock } from '../../../shared/clock';
import { optionsCollection, readOptions } from '../../../shared/options';
import { endpoints, smokeballRequest } from '../../transport';
import { normalizeEvents } from '../../trigger/properties';
import type { Subscription, TriggerSubscription } from '../../trigger/subscriptions';
import {
	deleteSubscription,
	ensureSubscription,
	instanceMark,
	listSubscriptions,
	markOf,
} from '../../trigger/subscriptions';

const properties: INodeProperties[] = [
	{
		displayName:
			'Input: every published workflow, from n8n › Workflow › Get Many (Return All, Return Only Published Workflows). Each Smokeball Trigger using this credential keeps exactly one current subscription; what Smokeball dropped is subscribed again.',
		name: 'checkNotice',
		type: 'notice',
		default: '',
	},
	optionsCollection([
		{
			displayName: 'Remove Orphans',
			name: 'removeOrphans',
			type: 'boolean',
			default: false,
			description:
				'Whether to delete subscriptions this n8n made for triggers that are no longer published, or at an old address of this n8n. Off: they are only listed. Needs every published workflow in the input.',
		},
		{
			displayName: 'Repeat Alerts After (Hours)',
			name: 'repeatAlertsAfterHours',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 24,
			description:
				'A trigger that still cannot be subscribed is marked "alert" again only after this long, so a known problem does not alert on every run',
		},
		{
			displayName: 'Send Test Event',
			name: 'sendTestEvent',
			type: 'boolean',
			default: true,
			description:
				'Whether to ask Smokeball to send its test event (noop) to a trigger just subscribed again, which the trigger verifies and acknowledges without running the workflow',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['webhookSubscription'], operation: ['checkTriggers'] } },
	properties,
);

interface FoundTrigger {
	subscription: TriggerSubscription | null;
	workflowName: string;
	nodeName: string;
	webhookId: string;
	otherCredential: boolean;
	itemIndex: number;
}

const TEST_LISTENER_MAX_AGE_MS = 60 * 60 * 1000;
const TRIGGER_TYPE = /\.smokeballTrigger$/;

function staticDataOf(workflow: IDataObject): IDataObject {
	const raw = workflow.staticData;
	if (typeof raw === 'string') {
		try {
			return JSON.parse(raw) as IDataObject;
		} catch {
			return {};
		}
	}
	return raw && typeof raw === 'object' ? (raw as IDataObject) : {};
}

/** The Smokeball Triggers of the published workflows in the input (their published version when given). */
function findTriggers(ctx: IExecuteFunctions, items: INodeExecutionData[]): FoundTrigger[] {
	const instanceId = ctx.getInstanceId();
	const ownCredential = (ctx.getNode().credentials?.smokeballOAuth2Api as IDataObject | undefined)
		?.id;
	const found: FoundTrigger[] = [];
	items.forEach((item, itemIndex) => {
		const wf = item.json;
		if (wf.active === false || typeof wf.id !== 'string') return;
		const published = wf.activeVersion as IDataObject | undefined;
		const nodes = (Array.isArray(published?.nodes) ? published.nodes : wf.nodes) as
			| IDataObject[]
			| undefined;
		if (!Array.isArray(nodes)) return;
		const staticData = staticDataOf(wf);
		for (const node of nodes) {
			if (!TRIGGER_TYPE.test(String(node.type)) || node.disabled === true) continue;
			const name = String(node.name);
			const parameters = (node.parameters ?? {}) as IDataObject;
			const credential = (node.credentials as IDataObject | undefined)?.smokeballOAuth2Api as
				| IDataObject
				| undefined;
			const state = (staticData[`node:${name}`] ?? {}) as IDataObject;
			const url = typeof state.url === 'string' ? state.url : '';
			found.push({
				workflowName: String(wf.name ?? wf.id),
				nodeName: name,
				webhookId: String(node.webhookId ?? ''),
				otherCredential: Boolean(
					ownCredential && credential?.id && credential.id !== ownCredential,
				),
				itemIndex,
				subscription: url
					? {
							instanceId,
							workflowId: wf.id,
							nodeId: String(node.id),
							url,
							events: normalizeEvents(parameters.events),
							title: String(wf.name ?? wf.id),
						}
					: null,
			});
		}
	});
	return found;
}

function row(t: FoundTrigger | null, fields: IDataObject, itemIndex: number): INodeExecutionData {
	return {
		json: {
			workflow_id: t?.subscription?.workflowId ?? null,
			workflow: t?.workflowName ?? null,
			trigger: t?.nodeName ?? null,
			events: t?.subscription?.events.join(', ') ?? null,
			url: t?.subscription?.url ?? null,
			result: null,
			subscription_id: null,
			removed: 0,
			test_event: null,
			reason: null,
			fix: null,
			alert: false,
			...fields,
		},
		pairedItem: { item: itemIndex },
	};
}

/**
 * The subscriptions check (docs/smokeball-webhooks.md): for each published Smokeball Trigger on this credential,
 * Smokeball must hold one current subscription (URL, events, key); what is missing is subscribed again at once,
 * and what cannot be is reported with a fix and an `alert` flag that repeats only after the set hours.
 * Subscriptions this n8n made that no published trigger owns (or at an old address) are listed, or removed.
 */
export async function executeAll(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const options = readOptions(this, properties, 0);
	const now = clock.now();
	const repeatMs = Math.max(1, Number(options.repeatAlertsAfterHours)) * 3600_000;
	const memory = this.getWorkflowStaticData('node');
	const alerted = (
		memory.alerted && typeof memory.alerted === 'object' ? memory.alerted : {}
	) as Record<string, number>;
	const stillFailing = new Set<string>();
	const failed = (t: FoundTrigger, reason: string, fix: string, extra: IDataObject = {}) => {
		const key = `${t.subscription?.workflowId ?? t.workflowName}|${t.nodeName}|${reason}`;
		stillFailing.add(key);
		const alert = !(key in alerted) || now - alerted[key] >= repeatMs;
		if (alert) alerted[key] = now;
		return row(t, { result: 'failed', reason, fix, alert, ...extra }, t.itemIndex);
	};

	// Without the workflows, every subscription would look orphaned: refuse rather than guess.
	const isWorkflow = (wf: IDataObject) =>
		Array.isArray(wf.nodes) || Array.isArray((wf.activeVersion as IDataObject | undefined)?.nodes);
	if (!items.some((item) => isWorkflow(item.json))) {
		throw new NodeOperationError(this.getNode(), 'The input holds no n8n workflows', {
			description:
				'Connect n8n › Workflow › Get Many (Return All, Return Only Published Workflows) before this node: the check needs every published workflow.',
			itemIndex: 0,
		});
	}
	const triggers = findTriggers(this, items);
	const out: INodeExecutionData[] = [];
	const credentials = await this.getCredentials('smokeballOAuth2Api');
	let existing: Subscription[] | null = null;
	let listError: (Error & { description?: string | null }) | null = null;
	try {
		existing = await listSubscriptions(this);
	} catch (error) {
		listError = error as Error & { description?: string | null };
	}

	for (const t of triggers) {
		if (t.otherCredential) {
			out.push(row(t, { result: 'other credential' }, t.itemIndex));
			continue;
		}
		if (!t.subscription) {
			out.push(
				failed(
					t,
					'This Smokeball Trigger has not recorded its webhook address yet',
					'Unpublish and publish the workflow once; from then on this check keeps its subscription.',
				),
			);
			continue;
		}
		if (!existing) {
			out.push(
				failed(
					t,
					listError?.message ?? 'Smokeball could not be read',
					listError?.description ??
						'Check the Smokeball credential (reconnect it if Smokeball ended the connection).',
				),
			);
			continue;
		}
		try {
			const done = await ensureSubscription(this, t.subscription, credentials, {
				existing,
				itemIndex: t.itemIndex,
			});
			let testEvent: string | null = null;
			if (done.result !== 'in place' && options.sendTestEvent === true) {
				const notify = await smokeballRequest(
					this,
					'POST',
					endpoints.webhookNotify(done.subscriptionId),
					{ accept: [400, 404], itemIndex: t.itemIndex },
				);
				testEvent = notify.status < 300 ? 'sent' : 'refused';
			}
			out.push(
				row(
					t,
					{
						result: done.result,
						subscription_id: done.subscriptionId,
						removed: done.removed.length,
						test_event: testEvent,
					},
					t.itemIndex,
				),
			);
		} catch (error) {
			const e = error as Error & { description?: string | null };
			out.push(
				failed(
					t,
					e.message,
					e.description ?? 'Check the Smokeball credential, then run this check again.',
				),
			);
		}
	}

	if (existing) out.push(...(await orphans.call(this, existing, triggers, options, now)));

	for (const key of Object.keys(alerted)) if (!stillFailing.has(key)) delete alerted[key];
	memory.alerted = alerted;
	return out;
}

/**
 * Subscriptions made by this n8n (its mark) for triggers not in the input, or at an address that is not the
 * trigger's current one (unmarked, made by an earlier version, at `/webhook/<id>/webhook` of a known trigger).
 * Editor test listeners count only once they are an hour old. Another system's subscriptions are never touched.
 */
async function orphans(
	this: IExecuteFunctions,
	existing: Subscription[],
	triggers: FoundTrigger[],
	options: IDataObject,
	now: number,
): Promise<INodeExecutionData[]> {
	const mine = instanceMark(this.getInstanceId());
	const known = new Set(
		triggers.flatMap((t) =>
			t.subscription ? [`${t.subscription.workflowId}|${t.subscription.nodeId}`] : [],
		),
	);
	const byWebhookId = new Map(triggers.map((t) => [t.webhookId, t]));
	const out: INodeExecutionData[] = [];
	for (const sub of existing) {
		const mark = markOf(sub.name);
		const url = String(sub.eventNotificationUrl ?? '');
		let why: string | null = null;
		if (mark && mark.instance === mine) {
			const created = Date.parse(String(sub.createdDateUtc ?? ''));
			if (mark.test) {
				if (Number.isFinite(created) && now - created > TEST_LISTENER_MAX_AGE_MS)
					why = 'left by a test listener in the editor';
			} else if (!known.has(`${mark.workflowId}|${mark.nodeId}`)) {
				why = 'its trigger is not published any more';
			}
		} else if (!mark) {
			const webhookId = /\/webhook\/([^/]+)\/webhook$/.exec(url)?.[1];
			const t = webhookId ? byWebhookId.get(webhookId) : undefined;
			if (t?.subscription && t.subscription.url !== url)
				why = `it points at an old address of this n8n (now ${t.subscription.url})`;
		}
		if (!why) continue;
		const remove = options.removeOrphans === true;
		if (remove) await deleteSubscription(this, sub.id);
		out.push(
			row(
				null,
				{
					workflow_id: mark?.workflowId ?? null,
					url,
					events: Array.isArray(sub.eventTypes) ? sub.eventTypes.join(', ') : null,
					result: remove ? 'orphan removed' : 'orphan',
					subscription_id: sub.id,
					reason: `Smokeball still sends events to this subscription, but ${why}`,
					fix: remove
						? null
						: 'Turn on Options › Remove Orphans to delete it, or delete it with Webhook Subscription › Delete.',
				},
				0,
			),
		);
	}
	return out;
}
