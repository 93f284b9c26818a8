import { createHash, createHmac } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

/** Which trigger a subscription belongs to: this n8n (its instance id), the workflow and the trigger node. */
export interface TriggerIdentity {
	instanceId: string;
	workflowId: string;
	nodeId: string;
}

/**
 * The key Smokeball signs a trigger's deliveries with, derived on every use and never stored: an HMAC of the
 * credential's secrets (client secret and partner API key, which n8n keeps encrypted) over the instance, workflow
 * and node ids. The workflow (its static data, an export, a backup) holds nothing that can sign a delivery, and
 * every n8n process (main, webhook processors) and the subscriptions check derive the same key. Null when the
 * credential holds no secret to derive from.
 */
export function signingKey(credentials: IDataObject, trigger: TriggerIdentity): string | null {
	const clientSecret = String(credentials.clientSecret ?? '');
	const apiKey = String(credentials.apiKey ?? '').trim();
	if (!clientSecret && !apiKey) return null;
	const secret = createHash('sha256').update(`${clientSecret}\n${apiKey}`).digest();
	return createHmac('sha256', secret)
		.update(
			`legal-sync smokeball webhook v1|${trigger.instanceId}|${trigger.workflowId}|${trigger.nodeId}`,
		)
		.digest('hex');
}

/**
 * A short, one-way tag of a key, kept in the subscription's name so a check can tell that Smokeball signs with
 * an outdated key (the credential's secret changed) without the key ever leaving n8n.
 */
export function keyTag(key: string): string {
	return createHmac('sha256', key).update('key tag').digest('hex').slice(0, 8);
}
