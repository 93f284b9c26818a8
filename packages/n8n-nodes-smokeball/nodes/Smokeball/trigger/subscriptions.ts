import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RequestContext } from '../../shared/http';
import { endpoints, smokeballApi, smokeballList, smokeballRequest } from '../transport';
import type { TriggerIdentity } from './signingKey';
import { keyTag, signingKey } from './signingKey';

/**
 * What one Smokeball Trigger needs subscribed: its identity, its webhook URL and events, and whether it is the
 * editor's test listener (test URL) or the published trigger.
 */
export interface TriggerSubscription extends TriggerIdentity {
	url: string;
	events: string[];
	title: string;
	test?: boolean;
}

export interface Subscription extends IDataObject {
	id: string;
	name?: string | null;
	eventTypes?: string[] | null;
	eventNotificationUrl?: string | null;
}

/** The mark a subscription's name ends with: whose it is, and a one-way tag of the key it signs with. */
interface Mark {
	test: boolean;
	instance: string;
	workflowId: string;
	nodeId: string;
	tag: string;
}

const MARK = /\[(n8n|n8n-test) ([0-9a-f]{12}) (\S+) (\S+) ([0-9a-f]{8})\]$/;

/** This n8n in a mark: the start of a hash of its instance id (the same in every process of one n8n). */
export const instanceMark = (instanceId: string) =>
	createHash('sha256').update(instanceId).digest('hex').slice(0, 12);

export function markOf(name: unknown): Mark | null {
	const m = typeof name === 'string' ? MARK.exec(name) : null;
	return m
		? { test: m[1] === 'n8n-test', instance: m[2], workflowId: m[3], nodeId: m[4], tag: m[5] }
		: null;
}

/** "n8n: <workflow> [n8n <instance> <workflow id> <node id> <key tag>]": readable in Smokeball, parseable here. */
export function subscriptionName(t: TriggerSubscription, tag: string): string {
	const mark = `[${t.test ? 'n8n-test' : 'n8n'} ${instanceMark(t.instanceId)} ${t.workflowId} ${t.nodeId} ${tag}]`;
	return `n8n: ${t.title.replace(/[[\]]/g, '').slice(0, 120)} ${mark}`;
}

const sameSet = (a: unknown, b: string[]) =>
	Array.isArray(a) && a.length === b.length && b.every((x) => a.includes(x));

/**
 * Whether a subscription belongs to this trigger: its mark names this instance, workflow and node (test and
 * published listeners apart), or it is an unmarked one at this trigger's URL (made by an earlier version).
 */
export function belongsTo(sub: Subscription, t: TriggerSubscription): boolean {
	const mark = markOf(sub.name);
	if (!mark) return sub.eventNotificationUrl === t.url;
	return (
		mark.test === Boolean(t.test) &&
		mark.instance === instanceMark(t.instanceId) &&
		mark.workflowId === t.workflowId &&
		mark.nodeId === t.nodeId
	);
}

/** Whether a subscription of this trigger delivers its events to its URL, signed with its current key. */
export function isCurrent(sub: Subscription, t: TriggerSubscription, tag: string): boolean {
	const mark = markOf(sub.name);
	return (
		mark !== null &&
		mark.tag === tag &&
		sub.eventNotificationUrl === t.url &&
		sameSet(sub.eventTypes, t.events)
	);
}

export async function listSubscriptions(ctx: RequestContext): Promise<Subscription[]> {
	const all: Subscription[] = [];
	for await (const sub of smokeballList<Subscription>(ctx, endpoints.webhooks())) {
		if (typeof sub.id === 'string') all.push(sub);
	}
	return all;
}

export async function deleteSubscription(ctx: RequestContext, id: string, itemIndex?: number) {
	await smokeballRequest(ctx, 'DELETE', endpoints.webhook(id), { accept: [404], itemIndex });
}

export type EnsureResult = 'in place' | 'created' | 'replaced';

/**
 * Makes Smokeball hold exactly one current subscription for this trigger: keeps it when it is there, otherwise
 * subscribes afresh (with the derived key) before removing this trigger's outdated ones (another URL, other
 * events, an old key, duplicates), so deliveries never pause for a replacement.
 */
export async function ensureSubscription(
	ctx: RequestContext,
	t: TriggerSubscription,
	credentials: IDataObject,
	options: { existing?: Subscription[]; itemIndex?: number } = {},
): Promise<{ result: EnsureResult; subscriptionId: string; removed: string[] }> {
	const key = signingKey(credentials, t);
	if (!key) {
		throw new NodeOperationError(
			ctx.getNode(),
			'The Smokeball credential has no secret to sign webhooks with',
			{
				description:
					'Open the Smokeball credential and enter the client secret and the partner API key: the key Smokeball signs webhooks with is derived from them.',
				itemIndex: options.itemIndex,
			},
		);
	}
	const tag = keyTag(key);
	const own = (options.existing ?? (await listSubscriptions(ctx))).filter((s) => belongsTo(s, t));
	const current = own.find((s) => isCurrent(s, t, tag));
	let subscriptionId = current?.id;
	if (!subscriptionId) {
		const created = await smokeballApi<IDataObject>(ctx, 'POST', endpoints.webhooks(), {
			body: {
				name: subscriptionName(t, tag),
				eventTypes: t.events,
				eventNotificationUrl: t.url,
				key,
			},
			itemIndex: options.itemIndex,
		});
		if (typeof created?.id !== 'string') {
			throw new NodeOperationError(
				ctx.getNode(),
				'Smokeball accepted the webhook subscription but returned no id',
				{
					description:
						'Run the check again; it finds and keeps the subscription if Smokeball made it.',
					itemIndex: options.itemIndex,
				},
			);
		}
		subscriptionId = created.id;
	}
	const removed: string[] = [];
	for (const sub of own) {
		if (sub.id === subscriptionId) continue;
		await deleteSubscription(ctx, sub.id, options.itemIndex);
		removed.push(sub.id);
	}
	return {
		result: current ? 'in place' : own.length ? 'replaced' : 'created',
		subscriptionId,
		removed,
	};
}
