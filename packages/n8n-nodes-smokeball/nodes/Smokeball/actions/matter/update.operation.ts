import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { refuseField } from '../../../shared/problems';
import { linkId } from '../../mapping';
import { endpoints } from '../../transport';
import {
	changeRecord,
	isoDateTime,
	matterLocator,
	optionalGuid,
	readIdList,
	readMatterId,
	readSimplify,
	readWait,
	simplifyProperty,
	waitOptions,
} from '../common';
import { STATUS_OPTIONS } from './fields';
import { getMatter, matterOutput } from './lookups';

const staffField = (displayName: string, name: string): INodeProperties => ({
	displayName,
	name,
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getStaff' },
	default: '',
	description:
		'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
});

const properties: INodeProperties[] = [
	matterLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Client Code',
				name: 'clientCode',
				type: 'string',
				default: '',
				description: 'External client code (AU and UK only)',
			},
			{
				displayName: 'Client Contact IDs',
				name: 'clientIds',
				type: 'string',
				default: '',
				description: 'Replaces the clients: comma-separated Smokeball contact IDs',
			},
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			{
				displayName: 'External System ID',
				name: 'externalSystemId',
				type: 'string',
				default: '',
			},
			{ displayName: 'Number', name: 'number', type: 'string', default: '' },
			{ displayName: 'Opened Date', name: 'openedDate', type: 'dateTime', default: '' },
			staffField('Originating Staff Name or ID', 'originatingStaffId'),
			{
				displayName: 'Other Side Contact IDs',
				name: 'otherSideIds',
				type: 'string',
				default: '',
				description: 'Replaces the other sides: comma-separated Smokeball contact IDs',
			},
			staffField('Person Assisting Name or ID', 'personAssistingStaffId'),
			staffField('Person Responsible Name or ID', 'personResponsibleStaffId'),
			{ displayName: 'Referral Type', name: 'referralType', type: 'string', default: '' },
			{ displayName: 'Referrer Contact ID', name: 'referrerId', type: 'string', default: '' },
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: STATUS_OPTIONS,
				default: 'Open',
				description: 'To close a matter with its closed date, use Matter › Close',
			},
			staffField('Supervisor Name or ID', 'supervisorStaffId'),
		],
	},
	...waitOptions,
	simplifyProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['matter'], operation: ['update'] } },
	properties,
);

const links = (value: unknown): string[] =>
	Array.isArray(value) ? value.map(linkId).filter((id): id is string => id !== null) : [];

/** The matter's current value of a MatterDto2 field, read from the Matter resource. */
function currentValue(matter: IDataObject, field: string): unknown {
	switch (field) {
		case 'personResponsibleStaffId':
			return linkId(matter.personResponsible);
		case 'personAssistingStaffId':
			return linkId(matter.personAssisting);
		case 'originatingStaffId':
			return linkId(matter.originatingStaff);
		case 'supervisorStaffId':
			return linkId(matter.supervisor);
		case 'referrerId':
			return linkId(matter.referrer);
		case 'clientIds':
			return links(matter.clients);
		case 'otherSideIds':
			return links(matter.otherSides);
		default:
			return matter[field] ?? null;
	}
}

function same(current: unknown, desired: unknown, field: string): boolean {
	if (field.endsWith('Date')) {
		return current !== null && Date.parse(String(current)) === Date.parse(String(desired));
	}
	if (Array.isArray(desired)) return JSON.stringify(current) === JSON.stringify(desired);
	return (current ?? '') === desired;
}

/**
 * PATCH (MatterDto2) with only the fields that differ from the matter as read: an unchanged matter is not
 * written at all, so repeated syncs cause no Smokeball updates and no matter.updated webhooks.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const matterId = readMatterId(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const simplify = readSimplify(this, itemIndex);
	const wait = readWait(this, itemIndex);
	const desired: IDataObject = {};
	for (const key of [
		'number',
		'description',
		'status',
		'externalSystemId',
		'referralType',
		'clientCode',
	]) {
		if (fields[key] !== undefined && fields[key] !== '') desired[key] = String(fields[key]);
	}
	for (const [key, label] of [
		['personResponsibleStaffId', 'Person Responsible'],
		['personAssistingStaffId', 'Person Assisting'],
		['originatingStaffId', 'Originating Staff'],
		['supervisorStaffId', 'Supervisor'],
		['referrerId', 'Referrer Contact ID'],
	]) {
		const id = optionalGuid(this, itemIndex, fields[key], label);
		if (id) desired[key] = id;
	}
	const opened = isoDateTime(this, itemIndex, fields.openedDate, 'Opened Date');
	if (opened) desired.openedDate = opened;
	for (const [key, label] of [
		['clientIds', 'Client Contact IDs'],
		['otherSideIds', 'Other Side Contact IDs'],
	]) {
		if (fields[key] === undefined || fields[key] === '') continue;
		const ids = readIdList(this, itemIndex, fields[key], label);
		if (key === 'clientIds' && !ids.length) {
			refuseField(this, itemIndex, 'Smokeball', {
				field: label,
				code: 'empty',
				message: 'is empty',
				fix: 'A matter keeps at least one client.',
			});
		}
		desired[key] = ids;
	}
	if (!Object.keys(desired).length) {
		refuseField(this, itemIndex, 'Smokeball', {
			field: 'Update Fields',
			code: 'empty',
			message: 'is empty',
			fix: 'Add at least one field to change under "Update Fields".',
		});
	}

	const before = await getMatter(this, matterId, itemIndex);
	const changes: IDataObject = {};
	for (const [key, value] of Object.entries(desired)) {
		if (!same(currentValue(before, key), value, key)) changes[key] = value;
	}
	const changed = Object.keys(changes);
	if (!changed.length) return [{ json: { ...matterOutput(before, simplify), changed } }];

	return await changeRecord(this, itemIndex, 'PATCH', endpoints.matter(matterId), changes, {
		id: matterId,
		wait,
		what: 'matter update',
		ready: (m) => m.versionId !== before.versionId,
		output: (m) => matterOutput(m, simplify),
		extra: { changed },
	});
}
