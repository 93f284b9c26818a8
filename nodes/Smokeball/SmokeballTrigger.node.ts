import { randomBytes } from 'crypto';
import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { clock } from '../shared/clock';
import { ticksToIso } from './ticks';
import {
	endpoints,
	isOwnRequestId,
	smokeballApi,
	smokeballList,
	smokeballRequest,
} from './transport';
import { rejectionOf, seenBefore } from './trigger/verify';

/** Event types offered (names from GET /webhooks/types: docs/api/smokeball.md#webhook-events). */
const EVENTS = [
	{ name: 'Contact Created', value: 'contact.created' },
	{ name: 'Contact Deleted', value: 'contact.deleted' },
	{ name: 'Contact Restored', value: 'contact.restored' },
	{ name: 'Contact Updated', value: 'contact.updated' },
	{
		name: 'Error',
		value: 'error',
		description:
			'A write Smokeball accepted (202) failed later; the payload names the resource and why',
	},
	{ name: 'Expense Created', value: 'expense.created' },
	{ name: 'Expense Deleted', value: 'expense.deleted' },
	{ name: 'Expense Updated', value: 'expense.updated' },
	{ name: 'Fee Created', value: 'fee.created' },
	{ name: 'Fee Deleted', value: 'fee.deleted' },
	{ name: 'Fee Updated', value: 'fee.updated' },
	{ name: 'Lead Converted to Matter', value: 'matter.converted' },
	{ name: 'Matter Closed', value: 'matter.closed' },
	{ name: 'Matter Created', value: 'matter.created' },
	{ name: 'Matter Stage Updated', value: 'matterstage.updated' },
	{ name: 'Matter Updated', value: 'matter.updated' },
	{ name: 'Memo Created', value: 'memo.created' },
	{ name: 'Memo Deleted', value: 'memo.deleted' },
	{ name: 'Memo Restored', value: 'memo.restored' },
	{ name: 'Memo Updated', value: 'memo.updated' },
];

const MAX_SEEN = 1000;
const DEFAULT_MAX_AGE_S = 300;

// Deliveries seen by this process, per subscription: static data written during a webhook call is not always
// saved (e.g. when the delivery is refused), and concurrent deliveries read the same saved copy.
const recentDeliveries = new Map<string, string[]>();

interface SubscriptionState extends IDataObject {
	subscriptionId?: string;
	secret?: string;
	eventTypes?: string[];
	url?: string;
	seen?: string[];
}

const sameSet = (a: unknown, b: string[]) =>
	Array.isArray(a) && a.length === b.length && b.every((x) => a.includes(x));

function selectedEvents(ctx: IHookFunctions | IWebhookFunctions): string[] {
	return [...new Set(ctx.getNodeParameter('events', []) as string[])].sort();
}

export class SmokeballTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Smokeball Trigger',
		name: 'smokeballTrigger',
		icon: {
			light: 'file:../../icons/smokeball.svg',
			dark: 'file:../../icons/smokeball.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description:
			'Starts the workflow when Smokeball sends a webhook: matters, leads, contacts, memos, stages, fees, expenses or failed writes',
		defaults: { name: 'Smokeball Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'smokeballOAuth2Api', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: EVENTS,
				default: ['matter.created', 'matter.updated'],
				description: 'The Smokeball events that start the workflow',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Ignore Own Changes',
						name: 'ignoreOwnWrites',
						type: 'boolean',
						default: true,
						description:
							'Whether to skip events caused by writes of the Smokeball node (it tags them with a RequestId that Smokeball echoes), so a workflow that writes back to Smokeball never triggers itself',
					},
					{
						displayName: 'Max Delivery Age (Seconds)',
						name: 'maxAgeSeconds',
						type: 'number',
						typeOptions: { minValue: 30, maxValue: 3600 },
						default: DEFAULT_MAX_AGE_S,
						description:
							'Deliveries whose signed Timestamp is older (or further in the future) than this are refused as replays',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			/**
			 * True only when the subscription this node made still exists with this URL and these events. Smokeball
			 * deletes subscriptions when the refresh token expires or access is revoked, so a vanished one is
			 * forgotten here and n8n then calls create() again.
			 */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as SubscriptionState;
				if (!state.subscriptionId || !state.secret) return false;
				const response = await smokeballRequest<IDataObject>(
					this,
					'GET',
					endpoints.webhook(state.subscriptionId),
					{ accept: [404] },
				);
				const url = this.getNodeWebhookUrl('default') as string;
				if (
					response.status === 200 &&
					response.body.eventNotificationUrl === url &&
					sameSet(response.body.eventTypes, selectedEvents(this))
				) {
					return true;
				}
				if (response.status === 200) {
					await smokeballRequest(this, 'DELETE', endpoints.webhook(state.subscriptionId), {
						accept: [404],
					});
				}
				delete state.subscriptionId;
				delete state.secret;
				return false;
			},

			/** Subscribes with a fresh secret, after removing leftovers of earlier activations for this URL. */
			async create(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as SubscriptionState;
				const url = this.getNodeWebhookUrl('default') as string;
				const events = selectedEvents(this);
				for await (const sub of smokeballList<IDataObject>(this, endpoints.webhooks())) {
					if (sub.eventNotificationUrl === url && typeof sub.id === 'string') {
						await smokeballRequest(this, 'DELETE', endpoints.webhook(sub.id), { accept: [404] });
					}
				}
				const secret = randomBytes(32).toString('hex');
				const workflow = this.getWorkflow();
				const created = await smokeballApi<IDataObject>(this, 'POST', endpoints.webhooks(), {
					body: {
						name: `n8n: ${workflow.name ?? workflow.id ?? 'workflow'}`.slice(0, 200),
						eventTypes: events,
						eventNotificationUrl: url,
						key: secret,
					},
				});
				if (typeof created?.id !== 'string') return false;
				state.subscriptionId = created.id;
				state.secret = secret;
				state.eventTypes = events;
				state.url = url;
				state.seen = [];
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as SubscriptionState;
				if (state.subscriptionId) {
					await smokeballRequest(this, 'DELETE', endpoints.webhook(state.subscriptionId), {
						accept: [404],
					});
					recentDeliveries.delete(state.subscriptionId);
				}
				for (const key of ['subscriptionId', 'secret', 'seen', 'eventTypes', 'url'])
					delete state[key];
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const state = this.getWorkflowStaticData('node') as SubscriptionState;
		const headers = this.getHeaderData() as IDataObject;
		const res = this.getResponseObject();
		const header = (name: string) => {
			const value = headers[name] ?? headers[name.toLowerCase()];
			return typeof value === 'string'
				? value
				: Array.isArray(value)
					? String(value[0])
					: undefined;
		};
		const credentials = await this.getCredentials('smokeballOAuth2Api');
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const maxAgeMs = Number(options.maxAgeSeconds ?? DEFAULT_MAX_AGE_S) * 1000;
		const delivery = {
			signature: header('signature'),
			timestamp: header('timestamp'),
			requestId: header('requestid'),
		};
		const rejection = rejectionOf(
			delivery,
			state.secret,
			String(credentials.clientId ?? ''),
			clock.now(),
			maxAgeMs,
		);
		if (rejection) {
			res.status(401).json({ error: rejection });
			return { noWebhookResponse: true };
		}

		let body = this.getBodyData() as IDataObject;
		// The guide's error sample wraps the envelope in "body".
		if (typeof body.type !== 'string' && body.body && typeof body.body === 'object') {
			body = body.body as IDataObject;
		}
		const type = typeof body.type === 'string' ? body.type : '';
		const payload = (
			body.payload && typeof body.payload === 'object' ? body.payload : {}
		) as IDataObject;
		const resourceId = payload.id ?? payload.resourceId ?? null;
		const key = `${delivery.requestId}|${type}|${String(resourceId ?? '')}`;
		const subscription = state.subscriptionId ?? 'unknown';
		const memory = recentDeliveries.get(subscription) ?? [];
		recentDeliveries.set(subscription, memory);
		state.seen = Array.isArray(state.seen) ? state.seen : [];
		const duplicate = seenBefore(memory, key, MAX_SEEN) || seenBefore(state.seen, key, MAX_SEEN);
		const ignored = duplicate
			? 'duplicate'
			: !selectedEvents(this).includes(type)
				? 'event_not_selected'
				: options.ignoreOwnWrites === true && isOwnRequestId(delivery.requestId)
					? 'own_write'
					: null;
		if (ignored) {
			// Acknowledge (so Smokeball stops retrying) without starting the workflow.
			res.status(200).json({ received: true, ignored });
			return { noWebhookResponse: true };
		}

		return {
			workflowData: [
				this.helpers.returnJsonArray([
					{
						type,
						source: body.source ?? null,
						accountId: body.accountId ?? null,
						subscriptionId: body.subscriptionId ?? null,
						requestId: delivery.requestId ?? null,
						resourceId,
						timestamp: delivery.timestamp ?? null,
						sentAt: ticksToIso(delivery.timestamp),
						payload,
					},
				]),
			],
		};
	}
}
