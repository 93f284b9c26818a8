import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { collect } from '../shared/paging';
import { caseStatusList, endpoints } from './transport';

const FIRST_LOOK_BACK_MS = 5 * 60 * 1000;
const TEST_LOOK_BACK_MS = 30 * 24 * 60 * 60 * 1000;

interface Cursor {
	lastId?: number;
	/** Until the first record arrives: the time of the first poll, minus a margin for records written around it. */
	since?: string;
}

export class CaseStatusTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Case Status Trigger',
		name: 'caseStatusTrigger',
		icon: {
			light: 'file:../../icons/casestatus.svg',
			dark: 'file:../../icons/casestatus.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["event"] === "newFile" ? "New file" : "New message" }}',
		description:
			'Starts the workflow when a Case Status message or file arrives (poll every 2 minutes for the message relay)',
		defaults: { name: 'Case Status Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'caseStatusApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: [
					{ name: 'New Message', value: 'newMessage', description: 'A message on any case' },
					{ name: 'New File', value: 'newFile', description: 'A file added to any case' },
				],
				default: 'newMessage',
			},
			{
				displayName: 'Message Type',
				name: 'messageType',
				type: 'options',
				options: [
					{ name: 'Received (From Clients)', value: 'received' },
					{ name: 'Sent (To Clients)', value: 'sent' },
					{ name: 'All', value: 'all' },
				],
				default: 'received',
				displayOptions: { show: { event: ['newMessage'] } },
			},
			{
				displayName: 'Skip Records Written Through the API',
				name: 'skipApiWrites',
				type: 'boolean',
				default: true,
				description:
					"Whether to ignore messages and files that carry an external reference, i.e. were written by an integration such as this pack's relays, so a relay never echoes its own writes.",
			},
		],
	};

	/**
	 * Message and file ids only increase, so the cursor is the highest id seen: every poll asks for what came
	 * after it and nothing is missed or repeated. The first poll emits nothing and sets the cursor five minutes back.
	 */
	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as string;
		const type =
			event === 'newMessage' ? (this.getNodeParameter('messageType', 'received') as string) : 'all';
		const skipApiWrites = this.getNodeParameter('skipApiWrites', true) as boolean;
		const path = event === 'newFile' ? endpoints.files() : endpoints.messages();
		const sinceKey = event === 'newFile' ? 'updated_since' : 'created_since';
		const typeQuery = type === 'all' ? {} : { type };
		const wanted = (r: IDataObject) => !(skipApiWrites && r.external_ref);

		if (this.getMode() === 'manual') {
			const since = new Date(Date.now() - TEST_LOOK_BACK_MS).toISOString();
			const recent = (
				await collect(caseStatusList<IDataObject>(this, path, { ...typeQuery, [sinceKey]: since }))
			).filter(wanted);
			return recent.length ? [this.helpers.returnJsonArray(recent.slice(-1))] : null;
		}

		const cursor = this.getWorkflowStaticData('node') as Cursor;
		if (cursor.lastId === undefined && cursor.since === undefined) {
			// First poll: start a few minutes back, not at the newest id, so what arrived while the workflow was being
			// switched on is emitted by the next poll (n8n keeps no cursor from its activation-time test poll). The
			// relay finds before it writes, so a record emitted again is not written twice.
			cursor.since = new Date(Date.now() - FIRST_LOOK_BACK_MS).toISOString();
			return null;
		}

		const position =
			cursor.lastId !== undefined ? { after_id: cursor.lastId } : { [sinceKey]: cursor.since };
		const fresh = await collect(
			caseStatusList<IDataObject>(this, path, { ...typeQuery, ...position }),
		);
		if (!fresh.length) return null;
		// Advanced only after every page was read: an error above leaves the cursor where it was.
		cursor.lastId = fresh.reduce((max, r) => Math.max(max, Number(r.id)), cursor.lastId ?? 0);
		delete cursor.since;
		const emit = fresh.filter(wanted);
		return emit.length ? [this.helpers.returnJsonArray(emit)] : null;
	}
}
