import type { INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../shared/options';

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

export const DEFAULT_EVENTS = ['matter.created', 'matter.updated'];

/** The trigger's "Options"; read through withDefaults (nodes/shared/options.ts), never as stored. */
export const triggerOptions: INodeProperties = optionsCollection([
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
		default: 300,
		description:
			'Deliveries whose signed Timestamp is older (or further in the future) than this are refused as replays',
	},
]);

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		options: EVENTS,
		default: ['matter.created', 'matter.updated'],
		description: 'The Smokeball events that start the workflow',
	},
	triggerOptions,
];

/** The events a trigger subscribes to, as Smokeball compares them: unique and sorted. */
export function normalizeEvents(events: unknown): string[] {
	const list = Array.isArray(events) ? events.map(String) : DEFAULT_EVENTS;
	return [...new Set(list)].sort();
}
