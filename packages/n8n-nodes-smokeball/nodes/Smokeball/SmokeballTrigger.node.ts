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
import { readTriggerOptions } from '../shared/options';
import { ticksToIso } from './ticks';
import { isOwnRequestId } from './transport';
import { normalizeEvents, triggerOptions, triggerProperties } from './trigger/properties';
import { seenBefore, seenDeliveries } from './trigger/seenDeliveries';
import { keyTag, signingKey } from './trigger/signingKey';
import type { TriggerSubscription } from './trigger/subscriptions';
import {
	belongsTo,
	deleteSubscription,
	ensureSubscription,
	isCurrent,
	listSubscriptions,
} from './trigger/subscriptions';
import { deliveryKeys, rejectionOf } from './trigger/verify';

/** Smokeball's envelopes are a few kilobytes; anything this large is refused (413) and starts nothing. */
export const MAX_BODY_BYTES = 512 * 1024;

/**
 * What the node keeps in its static data: where and for what it subscribed (read by the subscriptions check),
 * and the deliveries it has seen. Never a key: v1 kept its signing key here (`secret`), which is now removed.
 */
interface TriggerState extends IDataObject {
	url?: string;
	events?: string[];
	subscriptionId?: string;
}

/** This trigger as Smokeball should see it: the webhook URL n8n gives it, its events and its identity. */
function subscriptionOf(ctx: IHookFunctions): TriggerSubscription {
	const workflow = ctx.getWorkflow();
	return {
		instanceId: ctx.getInstanceId(),
		workflowId: String(workflow.id ?? ''),
		nodeId: ctx.getNode().id,
		url: ctx.getNodeWebhookUrl('default') as string,
		events: normalizeEvents(ctx.getNodeParameter('events', [])),
		title: workflow.name ?? String(workflow.id ?? 'workflow'),
		test: ctx.getMode() === 'manual',
	};
}

function remember(ctx: IHookFunctions, t: TriggerSubscription, subscriptionId?: string) {
	const state = ctx.getWorkflowStaticData('node') as TriggerState;
	delete state.secret;
	if (t.test) return;
	state.url = t.url;
	state.events = t.events;
	if (subscriptionId) state.subscriptionId = subscriptionId;
	else delete state.subscriptionId;
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
		subtitle:
			'={{ $parameter["events"].length > 3 ? $parameter["events"].length + " events" : $parameter["events"].map(e => e.replace("matterstage", "matter stage").replace(".", " ")).join(", ") }}',
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
		properties: triggerProperties,
	};

	webhookMethods = {
		default: {
			/**
			 * True when Smokeball holds exactly one current subscription for this trigger (this URL, these events,
			 * the current key). Smokeball deletes subscriptions when the refresh token expires or access is revoked;
			 * n8n asks this only on publishing, so the subscriptions check (docs/smokeball-webhooks.md) asks it again.
			 */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const t = subscriptionOf(this);
				const credentials = await this.getCredentials('smokeballOAuth2Api');
				const key = signingKey(credentials, t);
				const own = (await listSubscriptions(this)).filter((s) => belongsTo(s, t));
				const current = key ? own.find((s) => isCurrent(s, t, keyTag(key))) : undefined;
				if (!current || own.length !== 1) return false;
				remember(this, t, current.id);
				return true;
			},

			/** Subscribes with the derived key, then removes this trigger's outdated subscriptions. */
			async create(this: IHookFunctions): Promise<boolean> {
				const t = subscriptionOf(this);
				const credentials = await this.getCredentials('smokeballOAuth2Api');
				const { subscriptionId } = await ensureSubscription(this, t, credentials);
				remember(this, t, subscriptionId);
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const t = subscriptionOf(this);
				for (const sub of await listSubscriptions(this)) {
					if (belongsTo(sub, t)) await deleteSubscription(this, sub.id);
				}
				const state = this.getWorkflowStaticData('node') as TriggerState;
				delete state.secret;
				if (!t.test) for (const key of ['url', 'events', 'subscriptionId']) delete state[key];
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const state = this.getWorkflowStaticData('node') as TriggerState;
		delete state.secret;
		const res = this.getResponseObject();
		// Answered here rather than by n8n, also when the workflow runs: n8n saves the node's static data (the
		// deliveries seen) when the answer is sent, and only if it is sent before the execution starts.
		const answer = (status: number, body: IDataObject, workflowData?: IDataObject[]) => {
			res.status(status).json(body);
			return workflowData
				? { noWebhookResponse: true, workflowData: [this.helpers.returnJsonArray(workflowData)] }
				: { noWebhookResponse: true };
		};

		const req = this.getRequestObject() as unknown as { rawBody?: Buffer };
		const size = Buffer.isBuffer(req.rawBody)
			? req.rawBody.length
			: Buffer.byteLength(JSON.stringify(this.getBodyData() ?? {}));
		if (size > MAX_BODY_BYTES) return answer(413, { error: 'too_large' });

		const headers = this.getHeaderData() as IDataObject;
		const header = (name: string) => {
			const value = headers[name.toLowerCase()] ?? headers[name];
			return typeof value === 'string'
				? value
				: Array.isArray(value)
					? String(value[0])
					: undefined;
		};
		const credentials = await this.getCredentials('smokeballOAuth2Api');
		const options = readTriggerOptions(this, triggerOptions);
		const delivery = {
			signature: header('signature'),
			timestamp: header('timestamp'),
			requestId: header('requestid'),
		};
		const key = signingKey(credentials, {
			instanceId: this.getInstanceId(),
			workflowId: String(this.getWorkflow().id ?? ''),
			nodeId: this.getNode().id,
		});
		const now = clock.now();
		const rejection = rejectionOf(
			delivery,
			key,
			String(credentials.clientId ?? ''),
			now,
			Number(options.maxAgeSeconds) * 1000,
		);
		if (rejection) return answer(401, { error: rejection });

		let body = (this.getBodyData() ?? {}) as IDataObject;
		// The guide's error sample wraps the envelope in "body".
		if (typeof body.type !== 'string' && body.body && typeof body.body === 'object') {
			body = body.body as IDataObject;
		}
		const type = typeof body.type === 'string' ? body.type : '';
		const payload = (
			body.payload && typeof body.payload === 'object' ? body.payload : {}
		) as IDataObject;
		const resourceId = payload.id ?? payload.resourceId ?? null;
		const keys = deliveryKeys(delivery, type, resourceId);
		const duplicate = seenBefore(seenDeliveries(state), [keys.signed, keys.event], now);
		const ignored = duplicate
			? 'duplicate'
			: !normalizeEvents(this.getNodeParameter('events', [])).includes(type)
				? 'event_not_selected'
				: options.ignoreOwnWrites === true && isOwnRequestId(delivery.requestId)
					? 'own_write'
					: null;
		// Acknowledged (so Smokeball stops retrying) without starting the workflow.
		if (ignored) return answer(200, { received: true, ignored });

		return answer(200, { received: true }, [
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
		]);
	}
}
