import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filled, parseInput, z } from '../../../shared/validate';
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
	{ ...matterLocator, displayName: 'Lead', description: 'The Smokeball lead to convert' },
	{
		displayName: 'Matter Type Name or ID',
		name: 'matterTypeId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getMatterTypesForMatters' },
		required: true,
		default: '',
		description:
			'The matter type of the new matter (a matter type, not a lead type). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Client Role Name or ID',
		name: 'clientRole',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getClientRoles', loadOptionsDependsOn: ['matterTypeId'] },
		required: true,
		default: '',
		description:
			'The client\'s role, one of the matter type\'s representative options (Smokeball requires it when converting). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Opened Date',
		name: 'openedDate',
		type: 'dateTime',
		default: '',
		description: 'When the matter opened; Smokeball uses the conversion time when empty',
	},
	...waitOptions,
	simplifyProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['matter'], operation: ['convertLead'] } },
	properties,
);

/**
 * PATCH {isLead: false, matterTypeId, clientRole} (swagger MatterDto2: "must be set to false when converting a
 * Lead to Matter", clientRole "required ... when converting"). A lead already converted is returned as it is.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const matterId = readMatterId(this, itemIndex);
	const { 'Matter Type': matterTypeId, 'Client Role': clientRole } = parseInput(
		this.getNode(),
		z.object({ 'Matter Type': filled, 'Client Role': filled }),
		{
			'Matter Type': String(this.getNodeParameter('matterTypeId', itemIndex, '')),
			'Client Role': String(this.getNodeParameter('clientRole', itemIndex, '')),
		},
		itemIndex,
		{
			fix: {
				'Matter Type': 'Pick the matter type of the new matter.',
				'Client Role':
					"Pick the client's role from the matter type's representative options, e.g. Buyer.",
			},
		},
	);
	const openedDate = isoDateTime(
		this,
		itemIndex,
		this.getNodeParameter('openedDate', itemIndex, ''),
		'Opened Date',
	);
	const simplify = readSimplify(this, itemIndex);
	const wait = readWait(this, itemIndex);

	const before = await getMatter(this, matterId, itemIndex);
	if (before.isLead !== true) {
		return [{ json: { ...matterOutput(before, simplify), converted: false, changed: [] } }];
	}
	const body: IDataObject = { isLead: false, matterTypeId, clientRole };
	if (openedDate) body.openedDate = openedDate;
	return await changeRecord(this, itemIndex, 'PATCH', endpoints.matter(matterId), body, {
		id: matterId,
		wait,
		what: 'lead conversion',
		ready: (m) => m.isLead === false,
		output: (m) => matterOutput(m, simplify),
		extra: { converted: true },
	});
}
