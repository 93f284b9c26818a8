import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { refuseField } from '../../../shared/problems';
import { isoDateTime } from '../common';

/** The contact fields the node writes, shared by Create and Update (PersonDto / CompanyDto of the swagger). */
export const contactDetailFields: INodeProperties[] = [
	{
		displayName: 'Address Line 1',
		name: 'addressLine1',
		type: 'string',
		default: '',
		description: "A person's residential address or a company's business address",
	},
	{ displayName: 'Address Line 2', name: 'addressLine2', type: 'string', default: '' },
	{
		displayName: 'Birth Date',
		name: 'birthDate',
		type: 'dateTime',
		default: '',
		description: 'People only',
	},
	{
		displayName: 'Cell Phone',
		name: 'cell',
		type: 'string',
		default: '',
		description: 'People only',
	},
	{ displayName: 'City', name: 'city', type: 'string', default: '' },
	{
		displayName: 'Company Type',
		name: 'companyType',
		type: 'string',
		default: '',
		placeholder: 'e.g. Corporation',
		description: 'Companies only',
	},
	{ displayName: 'Country', name: 'country', type: 'string', default: '' },
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
	},
	{
		displayName: 'Middle Name',
		name: 'middleName',
		type: 'string',
		default: '',
		description: 'People only',
	},
	{ displayName: 'Notes', name: 'notes', type: 'string', default: '' },
	{
		displayName: 'Occupation',
		name: 'occupation',
		type: 'string',
		default: '',
		description: 'People only',
	},
	{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
	{ displayName: 'State', name: 'state', type: 'string', default: '' },
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		placeholder: 'e.g. Mr',
		description: 'People only',
	},
	{
		displayName: 'Website',
		name: 'website',
		type: 'string',
		default: '',
		description: 'Companies only',
	},
	{ displayName: 'Zip / Post Code', name: 'zipCode', type: 'string', default: '' },
];

const PERSON_ONLY = ['birthDate', 'cell', 'middleName', 'occupation', 'title'];
const COMPANY_ONLY = ['companyType', 'website'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v).trim());

/** Smokeball stores a phone as {areaCode, number}; the number is kept as typed. */
const phone = (v: unknown) => (str(v) ? { number: str(v) } : undefined);

/**
 * The PersonDto or CompanyDto fields a set of node fields sets (only the ones given). Names come from the
 * node's own parameters (firstName/lastName, companyName), details from the collection.
 */
export function detailsFromFields(
	ctx: IExecuteFunctions,
	itemIndex: number,
	kind: 'person' | 'company',
	names: IDataObject,
	fields: IDataObject,
): IDataObject {
	const misplaced = Object.keys(fields).find(
		(k) => str(fields[k]) && (kind === 'person' ? COMPANY_ONLY : PERSON_ONLY).includes(k),
	);
	if (misplaced) {
		refuseField(ctx, itemIndex, 'Smokeball', {
			field: misplaced,
			code: 'not_applicable',
			message: `does not apply to a ${kind}`,
			fix: `Remove '${misplaced}': it is for ${kind === 'person' ? 'companies' : 'people'} only.`,
		});
	}
	const email = str(fields.email);
	if (email && !EMAIL.test(email)) {
		refuseField(ctx, itemIndex, 'Smokeball', {
			field: 'Email',
			code: 'invalid_email',
			message: `is not an email address: '${email}'`,
			fix: 'Enter an address such as name@example.com.',
		});
	}
	const address: IDataObject = {};
	for (const key of ['addressLine1', 'addressLine2', 'city', 'state', 'zipCode', 'country']) {
		if (str(fields[key])) address[key] = str(fields[key]);
	}
	const out: IDataObject = {};
	const set = (key: string, value: unknown) => {
		if (value !== undefined && value !== '') out[key] = value;
	};
	if (kind === 'person') {
		set('title', str(fields.title));
		set('firstName', str(names.firstName));
		set('middleName', str(fields.middleName));
		set('lastName', str(names.lastName));
		set('email', email);
		set('phone', phone(fields.phone));
		set('cell', phone(fields.cell));
		set('notes', str(fields.notes));
		set('occupation', str(fields.occupation));
		const birth = isoDateTime(ctx, itemIndex, fields.birthDate, 'Birth Date');
		if (birth) out.birthDate = birth.slice(0, 10);
		if (Object.keys(address).length) out.residentialAddress = address;
	} else {
		set('name', str(names.companyName));
		set('type', str(fields.companyType));
		set('email', email);
		set('phone', phone(fields.phone));
		set('website', str(fields.website));
		set('notes', str(fields.notes));
		if (Object.keys(address).length) out.businessAddress = address;
	}
	return out;
}
