import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { parseInput, readRequired, z } from '../../../shared/validate';
import { compact } from '../../mapping';
import type { Link } from '../../transport';
import { endpoints, smokeballApi, waitUntilReadable } from '../../transport';
import {
	acceptedOutput,
	isoDateTime,
	optionalGuid,
	readIdList,
	readSimplify,
	readWait,
	simplifyProperty,
	waitOptions,
} from '../common';
import type { LookupScope } from './lookups';
import {
	CLIENT_FIX,
	clientIdsField,
	clientsField,
	readClientIds,
	staffOption,
	STATUS_OPTIONS,
} from './fields';
import { findMatterByExternalId, matterOutput, rememberMatter } from './lookups';

const properties: INodeProperties[] = [
	{
		displayName: 'Create As',
		name: 'kind',
		type: 'options',
		options: [
			{ name: 'Matter', value: 'matter' },
			{
				name: 'Lead',
				value: 'lead',
				description: 'A potential matter, created with a lead matter type',
			},
		],
		default: 'matter',
	},
	{
		displayName: 'Matter Type Name or ID',
		name: 'matterTypeId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getMatterTypes', loadOptionsDependsOn: ['kind'] },
		required: true,
		default: '',
		description:
			'Matter types for matters and for leads differ. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		...clientIdsField,
		displayOptions: { show: { '@version': [1] } },
	},
	clientsField,
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: STATUS_OPTIONS,
		default: 'Open',
	},
	{
		displayName: 'External System ID',
		name: 'externalSystemId',
		type: 'string',
		default: '',
		placeholder: 'e.g. PP-123456',
		description:
			'Your own reference for the matter, e.g. the Perfect Portal case ID. When set, a matter or lead that already carries it is returned instead of creating a second one.',
	},
	{
		displayName: 'Duplicate Check Scope',
		name: 'lookupScope',
		type: 'options',
		options: [
			{
				name: 'All Matters and Leads',
				value: 'all',
				description:
					'Read every matter and lead of the firm (once per run, however many items): finds a matter whoever its clients are',
			},
			{
				name: "First Client's Matters",
				value: 'client',
				description:
					"Look only among the first client's matters and leads: quicker, but misses a matter filed under other contacts (e.g. opened by hand)",
			},
		],
		default: 'all',
		description: 'Where to look for a matter with the same External System ID before creating one',
		displayOptions: { hide: { externalSystemId: [''] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
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
				displayName: 'Client Role',
				name: 'clientRole',
				type: 'string',
				default: '',
				placeholder: 'e.g. Buyer',
				description:
					"One of the matter type's representative options; the type's default role when empty",
			},
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			{
				displayName: 'Number',
				name: 'number',
				type: 'string',
				default: '',
				placeholder: 'e.g. FUS-124',
				description: 'Human-friendly matter number',
			},
			{
				displayName: 'Opened Date',
				name: 'openedDate',
				type: 'dateTime',
				default: '',
				description: 'When the matter (or lead) was opened; may be backdated',
			},
			staffOption(
				'Originating Staff Name or ID',
				'originatingStaffId',
				'Originating attorney (US) or introducer (AU)',
			),
			{
				displayName: 'Other Side Contact IDs',
				name: 'otherSideIds',
				type: 'string',
				default: '',
				description: 'Comma-separated Smokeball contact IDs',
			},
			{
				displayName: 'Other Side Role',
				name: 'otherSideRole',
				type: 'string',
				default: '',
				placeholder: 'e.g. Seller',
			},
			staffOption(
				'Person Assisting Name or ID',
				'personAssistingStaffId',
				'The staff member assisting',
			),
			staffOption(
				'Person Responsible Name or ID',
				'personResponsibleStaffId',
				'The staff member responsible (the fee earner)',
			),
			{
				displayName: 'Referral Type',
				name: 'referralType',
				type: 'string',
				default: '',
				placeholder: 'e.g. Google',
			},
			{
				displayName: 'Referrer Contact ID',
				name: 'referrerId',
				type: 'string',
				default: '',
				description: 'The contact who referred the matter',
			},
			staffOption('Supervisor Name or ID', 'supervisorStaffId', 'Supervisor (UK only)'),
		],
	},
	...waitOptions,
	simplifyProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['matter'], operation: ['create'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const isLead = this.getNodeParameter('kind', itemIndex) === 'lead';
	const matterTypeId = readRequired(
		this,
		'matterTypeId',
		'Matter Type',
		itemIndex,
		'Pick a matter type from the list.',
	);
	const clientIds = parseInput(
		node,
		z.array(z.string()).min(1, 'is empty'),
		readClientIds(this, itemIndex),
		itemIndex,
		{
			field: node.typeVersion < 2 ? 'Client Contact IDs' : 'Clients',
			fix: `Smokeball needs at least one client. ${CLIENT_FIX}`,
		},
	);
	const status = this.getNodeParameter('status', itemIndex) as string;
	const externalSystemId = String(this.getNodeParameter('externalSystemId', itemIndex, '')).trim();
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const simplify = readSimplify(this, itemIndex);
	const { wait, timeoutMs } = readWait(this, itemIndex);
	const staff = (key: string, label: string) => optionalGuid(this, itemIndex, extra[key], label);
	const opened = isoDateTime(this, itemIndex, extra.openedDate, 'Opened Date');
	const body = compact({
		externalSystemId: externalSystemId || undefined,
		number: extra.number,
		matterTypeId,
		clientIds,
		otherSideIds: readIdList(this, itemIndex, extra.otherSideIds, 'Other Side Contact IDs'),
		clientRole: extra.clientRole,
		otherSideRole: extra.otherSideRole,
		description: extra.description,
		status,
		...(isLead ? { leadOpenedDate: opened } : { openedDate: opened }),
		referralType: extra.referralType,
		referrerId: optionalGuid(this, itemIndex, extra.referrerId, 'Referrer Contact ID'),
		personResponsibleStaffId: staff('personResponsibleStaffId', 'Person Responsible'),
		personAssistingStaffId: staff('personAssistingStaffId', 'Person Assisting'),
		originatingStaffId: staff('originatingStaffId', 'Originating Staff'),
		supervisorStaffId: staff('supervisorStaffId', 'Supervisor'),
		clientCode: extra.clientCode,
	});
	if (Array.isArray(body.otherSideIds) && !body.otherSideIds.length) delete body.otherSideIds;
	body.isLead = isLead;

	if (externalSystemId) {
		const scope = this.getNodeParameter('lookupScope', itemIndex, 'all') as LookupScope;
		const existing = await findMatterByExternalId(this, externalSystemId, {
			contactId: clientIds[0],
			scope,
			itemIndex,
		});
		if (existing) return [{ json: { ...matterOutput(existing, simplify), created: false } }];
	}

	const link = await smokeballApi<Link>(this, 'POST', endpoints.matters(), { body, itemIndex });
	if (externalSystemId && link?.id)
		await rememberMatter(this, externalSystemId, { ...body, id: link.id, href: link.href });
	if (!wait || !link?.id) return [{ json: acceptedOutput(link, { created: true }) }];
	const matter = await waitUntilReadable(this, endpoints.matter(link.id), {
		itemIndex,
		timeoutMs,
		what: isLead ? 'lead' : 'matter',
	});
	if (externalSystemId) await rememberMatter(this, externalSystemId, matter);
	return [{ json: { ...matterOutput(matter, simplify), created: true } }];
}
