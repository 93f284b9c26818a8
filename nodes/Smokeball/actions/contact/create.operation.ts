import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { refuseField } from '../../../shared/problems';
import type { Link } from '../../transport';
import { endpoints, smokeballApi, smokeballRequest, waitUntilReadable } from '../../transport';
import {
	acceptedOutput,
	isGuid,
	readSimplify,
	readWait,
	simplifyProperty,
	waitOptions,
} from '../common';
import { contactDetailFields, detailsFromFields } from './fields';
import { contactOutput, findContactByExternalId } from './lookups';

const properties: INodeProperties[] = [
	{
		displayName: 'Contact Type',
		name: 'contactType',
		type: 'options',
		options: [
			{ name: 'Person', value: 'person' },
			{ name: 'Company', value: 'company' },
		],
		default: 'person',
	},
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		default: '',
		displayOptions: { show: { contactType: ['person'] } },
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		default: '',
		displayOptions: { show: { contactType: ['person'] } },
	},
	{
		displayName: 'Company Name',
		name: 'companyName',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: { contactType: ['company'] } },
	},
	{
		displayName: 'External System ID',
		name: 'externalSystemId',
		type: 'string',
		default: '',
		placeholder: 'e.g. PP-CL-1001',
		description:
			'Your own reference for the contact. When set, a contact that already carries it is returned instead of creating a second one.',
	},
	{
		displayName: 'Known Contact ID',
		name: 'knownContactId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 9a9ce552-6bee-45e4-8eb1-afe2c18c489f',
		description:
			"The Smokeball contact ID the source already holds for this person, e.g. a Perfect Portal contact's External Reference. When it names a contact that still exists, that contact is returned and nothing is created or matched otherwise. A value that is not a Smokeball ID is ignored.",
	},
	{
		displayName: 'Duplicate Check Scope',
		name: 'lookupScope',
		type: 'options',
		options: [
			{
				name: 'Contacts With the Same Email or Name',
				value: 'search',
				description: 'Search by email (else name) and compare the External System ID',
			},
			{
				name: 'All Contacts',
				value: 'all',
				description: 'Read every contact; thorough, slower on large firms',
			},
		],
		default: 'search',
		displayOptions: { hide: { externalSystemId: [''] } },
	},
	{
		displayName: 'Match Existing by Email and Name',
		name: 'matchEmail',
		type: 'boolean',
		default: false,
		description:
			'Whether a contact with the same email and the same name counts as the same contact, so people already in Smokeball (e.g. added by hand) are not added twice. The name keeps spouses who share an email apart.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: contactDetailFields,
	},
	...waitOptions,
	simplifyProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['create'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const kind = this.getNodeParameter('contactType', itemIndex) as 'person' | 'company';
	const names: IDataObject =
		kind === 'person'
			? {
					firstName: this.getNodeParameter('firstName', itemIndex, ''),
					lastName: this.getNodeParameter('lastName', itemIndex, ''),
				}
			: { companyName: this.getNodeParameter('companyName', itemIndex, '') };
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const details = detailsFromFields(this, itemIndex, kind, names, fields);
	if (kind === 'person' && !details.firstName && !details.lastName) {
		refuseField(this, itemIndex, 'Smokeball', {
			field: 'Last Name',
			code: 'empty',
			message: 'is empty',
			fix: 'Enter the first or last name of the person.',
		});
	}
	if (kind === 'company' && !details.name) {
		refuseField(this, itemIndex, 'Smokeball', {
			field: 'Company Name',
			code: 'empty',
			message: 'is empty',
			fix: 'Enter the name of the company.',
		});
	}
	const externalSystemId = String(this.getNodeParameter('externalSystemId', itemIndex, '')).trim();
	const simplify = readSimplify(this, itemIndex);
	const { wait, timeoutMs } = readWait(this, itemIndex);

	// The link the source already stores comes first: it survives a changed email or name.
	const knownId = String(this.getNodeParameter('knownContactId', itemIndex, '') ?? '').trim();
	if (knownId && isGuid(knownId)) {
		const known = await smokeballRequest<IDataObject>(this, 'GET', endpoints.contact(knownId), {
			accept: [404],
			itemIndex,
		});
		if (known.status !== 404 && known.body?.isDeleted !== true) {
			return [
				{
					json: { ...contactOutput(known.body, simplify), created: false, matchedBy: 'known_id' },
				},
			];
		}
	}

	const matchEmail =
		(this.getNodeParameter('matchEmail', itemIndex, false) as boolean) && !!details.email;
	if (externalSystemId || matchEmail) {
		const scope = externalSystemId
			? (this.getNodeParameter('lookupScope', itemIndex, 'search') as 'search' | 'all')
			: 'search';
		const name =
			kind === 'person'
				? [details.firstName, details.lastName].filter(Boolean).join(' ')
				: String(details.name);
		const existing = await findContactByExternalId(this, externalSystemId, {
			email: details.email as string | undefined,
			name,
			scope,
			matchEmail,
			itemIndex,
		});
		if (existing) {
			const matchedBy =
				externalSystemId && existing.externalSystemId === externalSystemId
					? 'external_system_id'
					: 'email_and_name';
			return [{ json: { ...contactOutput(existing, simplify), created: false, matchedBy } }];
		}
	}

	const body: IDataObject = { [kind]: details };
	if (externalSystemId) body.externalSystemId = externalSystemId;
	const link = await smokeballApi<Link>(this, 'POST', endpoints.contacts(), { body, itemIndex });
	if (!wait || !link?.id) return [{ json: acceptedOutput(link, { created: true }) }];
	const contact = await waitUntilReadable(this, endpoints.contact(link.id), {
		itemIndex,
		timeoutMs,
		what: 'contact',
	});
	return [{ json: { ...contactOutput(contact, simplify), created: true } }];
}
