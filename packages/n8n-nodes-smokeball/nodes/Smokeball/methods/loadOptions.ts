import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { collect } from '../../shared/paging';
import { endpoints, smokeballApi, smokeballList } from '../transport';

async function matterTypes(
	ctx: ILoadOptionsFunctions,
	type?: 0 | 1,
): Promise<INodePropertyOptions[]> {
	const query = { Type: type };
	const types = await collect(smokeballList<IDataObject>(ctx, endpoints.matterTypes(), query));
	return types
		.filter((t) => t.isDeleted !== true)
		.map((t) => ({
			name: `${t.name}${t.location ? ` (${t.location})` : ''}${type === undefined && t.type === 1 ? ' – lead' : ''}`,
			value: String(t.id),
			description: typeof t.category === 'string' ? t.category : undefined,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** Matter types for the kind being created: lead types (Type 1) for leads, matter types (Type 0) otherwise. */
export async function getMatterTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const kind = this.getCurrentNodeParameter('kind') as string | undefined;
	return await matterTypes(this, kind === 'lead' ? 1 : 0);
}

export async function getMatterTypesForMatters(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return await matterTypes(this, 0);
}

export async function getAllMatterTypes(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return await matterTypes(this);
}

/** The chosen matter type's representative options (the valid client roles). */
export async function getClientRoles(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const id = String(this.getCurrentNodeParameter('matterTypeId') ?? '').trim();
	if (!id) return [];
	const type = await smokeballApi<IDataObject>(this, 'GET', endpoints.matterType(id));
	const roles = Array.isArray(type.representativeOptions)
		? (type.representativeOptions as string[])
		: [];
	return roles.map((role) => ({ name: role, value: role }));
}

const staffName = (s: IDataObject) =>
	[s.firstName, s.lastName].filter((x) => typeof x === 'string' && x).join(' ') ||
	String(s.email ?? s.id);

/** Current staff first; former and disabled staff are marked. */
export async function getStaff(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const staff = await collect(smokeballList<IDataObject>(this, endpoints.staff()));
	return staff
		.map((s) => ({
			name: `${staffName(s)}${s.former ? ' (former)' : ''}`,
			value: String(s.id),
			description: typeof s.email === 'string' ? s.email : undefined,
		}))
		.sort(
			(a, b) =>
				Number(a.name.endsWith('(former)')) - Number(b.name.endsWith('(former)')) ||
				a.name.localeCompare(b.name),
		);
}

/** Staff who are users (they have a userId): authors of memos, senders of portal messages. */
export async function getUsers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const staff = await collect(smokeballList<IDataObject>(this, endpoints.staff()));
	return staff
		.filter((s) => typeof s.userId === 'string' && s.userId && s.enabled !== false)
		.map((s) => ({
			name: staffName(s),
			value: String(s.userId),
			description: typeof s.email === 'string' ? s.email : undefined,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
