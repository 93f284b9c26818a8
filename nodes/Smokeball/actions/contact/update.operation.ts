import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { refuseField } from '../../../shared/problems';
import { sameValue } from '../../../shared/upsert';
import { contactKind, contactToDto } from '../../mapping';
import { endpoints, smokeballApi } from '../../transport';
import {
	changeRecord,
	contactLocator,
	readSimplify,
	readWait,
	simplifyProperty,
	waitOptions,
} from '../common';
import { contactDetailFields, detailsFromFields } from './fields';
import { readContactId } from './get.operation';
import { contactOutput } from './lookups';

const properties: INodeProperties[] = [
	contactLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Company Name',
				name: 'companyName',
				type: 'string',
				default: '',
				description: 'Companies only',
			},
			{ displayName: 'External System ID', name: 'externalSystemId', type: 'string', default: '' },
			{
				displayName: 'First Name',
				name: 'firstName',
				type: 'string',
				default: '',
				description: 'People only',
			},
			{
				displayName: 'Last Name',
				name: 'lastName',
				type: 'string',
				default: '',
				description: 'People only',
			},
			...contactDetailFields,
		],
	},
	...waitOptions,
	simplifyProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['update'] } },
	properties,
);

/** Deep merge of the changed detail fields into the current ones (addresses merge field by field). */
function merge(current: IDataObject, changes: IDataObject): IDataObject {
	const out: IDataObject = { ...current };
	for (const [key, value] of Object.entries(changes)) {
		const old = out[key];
		out[key] =
			value && typeof value === 'object' && !Array.isArray(value) && old && typeof old === 'object'
				? merge(old as IDataObject, value as IDataObject)
				: value;
	}
	return out;
}

/**
 * Smokeball updates a contact with PUT of the whole ContactDto, so the node reads the contact, merges the
 * changed fields into it and writes it back; when nothing differs it writes nothing.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const contactId = readContactId(this, itemIndex);
	const fields = { ...(this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject) };
	const simplify = readSimplify(this, itemIndex);
	const wait = readWait(this, itemIndex);
	const externalSystemId =
		typeof fields.externalSystemId === 'string' ? fields.externalSystemId.trim() : '';
	delete fields.externalSystemId;
	const names = {
		firstName: fields.firstName,
		lastName: fields.lastName,
		companyName: fields.companyName,
	};
	delete fields.firstName;
	delete fields.lastName;
	delete fields.companyName;
	if (
		!externalSystemId &&
		!Object.values({ ...names, ...fields }).some((v) => String(v ?? '').trim())
	) {
		refuseField(this, itemIndex, 'Smokeball', {
			field: 'Update Fields',
			code: 'empty',
			message: 'is empty',
			fix: 'Add at least one field to change under "Update Fields".',
		});
	}

	const current = await smokeballApi<IDataObject>(this, 'GET', endpoints.contact(contactId), {
		itemIndex,
	});
	const kind = contactKind(current);
	if (kind !== 'person' && kind !== 'company') {
		refuseField(this, itemIndex, 'Smokeball', {
			field: 'Contact',
			code: 'unsupported_kind',
			message: `is a ${kind ?? 'contact without details'}; the node updates people and companies`,
			fix: 'Update trusts and groups of people in Smokeball itself.',
		});
	}
	if (kind === 'person' && String(names.companyName ?? '').trim()) {
		refuseField(this, itemIndex, 'Smokeball', {
			field: 'Company Name',
			code: 'not_applicable',
			message: 'does not apply to a person',
			fix: 'Use First Name / Last Name for people.',
		});
	}
	if (
		kind === 'company' &&
		(String(names.firstName ?? '').trim() || String(names.lastName ?? '').trim())
	) {
		refuseField(this, itemIndex, 'Smokeball', {
			field: 'First Name',
			code: 'not_applicable',
			message: 'does not apply to a company',
			fix: 'Use Company Name for companies.',
		});
	}
	const changes = detailsFromFields(this, itemIndex, kind, names, fields);
	const dto = contactToDto(current);
	const next: IDataObject = { ...dto, [kind]: merge((dto[kind] ?? {}) as IDataObject, changes) };
	if (externalSystemId) next.externalSystemId = externalSystemId;
	const changed = [
		...Object.keys(changes).filter(
			(k) => !sameValue((dto[kind] as IDataObject)?.[k], (next[kind] as IDataObject)[k]),
		),
		...(externalSystemId && externalSystemId !== dto.externalSystemId ? ['externalSystemId'] : []),
	];
	if (!changed.length) return [{ json: { ...contactOutput(current, simplify), changed } }];

	return await changeRecord(this, itemIndex, 'PUT', endpoints.contact(contactId), next, {
		id: contactId,
		wait,
		what: 'contact update',
		ready: (c) => c.lastUpdated !== current.lastUpdated || c.versionId !== current.versionId,
		output: (c) => contactOutput(c, simplify),
		extra: { changed },
	});
}
