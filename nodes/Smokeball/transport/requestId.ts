import { randomUUID } from 'crypto';

/**
 * Marks the RequestIds this package sends. Smokeball echoes a write's RequestId in every webhook the write causes
 * (docs/api/smokeball.md#request-id), so the trigger can tell the echoes of n8n's own writes and skip them (no update
 * loops). The id stays a GUID: only its last group is fixed.
 */
const OWN_REQUEST_MARK = '1e9a15c0de00';

/** A fresh RequestId for one logical write (echoed by Smokeball in the webhooks it causes), marked as ours. */
export function newRequestId(): string {
	return `${randomUUID().slice(0, 24)}${OWN_REQUEST_MARK}`;
}

/** Whether a RequestId (header or webhook echo) is one this package sent. */
export function isOwnRequestId(requestId: unknown): boolean {
	return (
		typeof requestId === 'string' &&
		requestId.length === 36 &&
		requestId.toLowerCase().endsWith(`-${OWN_REQUEST_MARK}`)
	);
}
