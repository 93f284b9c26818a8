import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { endpoints } from '../../transport';
import {
	changeRecord,
	isoDateTime,
	matterLocator,
	readMatterId,
	readSimplify,
	readWait,
	simplifyProperty,
	waitOptions,
} from '../common';
import { getMatter, matterOutput } from './lookups';

const properties: INodeProperties[] = [
	matterLocator,
	{
		displayName: 'Closed Date',
		name: 'closedDate',
		type: 'dateTime',
		default: '',
		description: 'When the matter closed; now when empty. May be backdated.',
	},
	{
		displayName: 'Lead Closed Reason',
		name: 'leadClosedReason',
		type: 'string',
		default: '',
		placeholder: 'e.g. No longer interested',
		description: 'For leads only: why the lead was closed',
	},
	...waitOptions,
	simplifyProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['matter'], operation: ['close'] } },
	properties,
);

/**
 * Smokeball has no close endpoint: closing is a PATCH to status Closed with its date (closedDate for matters,
 * leadClosedDate for leads). A matter already closed is left as it is.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const matterId = readMatterId(this, itemIndex);
	const closedAt =
		isoDateTime(
			this,
			itemIndex,
			this.getNodeParameter('closedDate', itemIndex, ''),
			'Closed Date',
		) ?? new Date().toISOString();
	const reason = String(this.getNodeParameter('leadClosedReason', itemIndex, '')).trim();
	const simplify = readSimplify(this, itemIndex);
	const wait = readWait(this, itemIndex);

	const before = await getMatter(this, matterId, itemIndex);
	if (before.status === 'Closed') {
		return [{ json: { ...matterOutput(before, simplify), changed: [] } }];
	}
	const body: IDataObject = { status: 'Closed' };
	if (before.isLead === true) {
		body.leadClosedDate = closedAt;
		if (reason) body.leadClosedReason = reason;
	} else {
		body.closedDate = closedAt;
	}
	return await changeRecord(this, itemIndex, 'PATCH', endpoints.matter(matterId), body, {
		id: matterId,
		wait,
		what: 'close',
		ready: (m) => m.status === 'Closed',
		output: (m) => matterOutput(m, simplify),
		extra: { changed: Object.keys(body) },
	});
}
