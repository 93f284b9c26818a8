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
import type { Subscription } from '../../trigger/subscriptions';
import { ensureSubscription, listSubscriptions } from '../../trigger/subscriptions';
import { orphans } from './orphans';
import type { FoundTrigger } from './publishedTriggers';
import { findTriggers, reportRow } from './publishedTriggers';

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
		return reportRow(t, { result: 'failed', reason, fix, alert, ...extra }, t.itemIndex);
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
			out.push(reportRow(t, { result: 'other credential' }, t.itemIndex));
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
				reportRow(
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
