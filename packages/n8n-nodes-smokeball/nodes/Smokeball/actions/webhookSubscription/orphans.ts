import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Subscription } from '../../trigger/subscriptions';
import { deleteSubscription, instanceMark, markOf } from '../../trigger/subscriptions';
import type { FoundTrigger } from './publishedTriggers';
import { reportRow } from './publishedTriggers';

const TEST_LISTENER_MAX_AGE_MS = 60 * 60 * 1000;

/**
 * Subscriptions made by this n8n (its mark) for triggers not in the input, or at an address that is not the
 * trigger's current one (unmarked, made by an earlier version, at `/webhook/<id>/webhook` of a known trigger).
 * Editor test listeners count only once they are an hour old. Another system's subscriptions are never touched.
 */
export async function orphans(
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
			reportRow(
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
