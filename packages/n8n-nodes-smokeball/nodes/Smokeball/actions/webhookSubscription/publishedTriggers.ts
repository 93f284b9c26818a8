import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { normalizeEvents } from '../../trigger/properties';
import type { TriggerSubscription } from '../../trigger/subscriptions';

// What Webhook Subscription › Check Triggers reads from its input (n8n's own workflow list) and the row it reports.

export interface FoundTrigger {
	subscription: TriggerSubscription | null;
	workflowName: string;
	nodeName: string;
	webhookId: string;
	otherCredential: boolean;
	itemIndex: number;
}

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
export function findTriggers(ctx: IExecuteFunctions, items: INodeExecutionData[]): FoundTrigger[] {
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

/** One row of the check's report: a trigger (or, for orphans, none) and what was found or done. */
export function reportRow(
	t: FoundTrigger | null,
	fields: IDataObject,
	itemIndex: number,
): INodeExecutionData {
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
