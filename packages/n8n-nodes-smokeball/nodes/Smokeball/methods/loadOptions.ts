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

/** The firm's layout designs (GET /layouts), by name. */
export async function getLayoutDesigns(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const designs = await collect(smokeballList<IDataObject>(this, endpoints.layoutDesigns()));
	return designs
		.map((d) => ({ name: String(d.name ?? d.id), value: String(d.id) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** The fields of the chosen layout design, or of the design of the chosen layout item (Update). */
export async function getLayoutFields(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	let designId = String(this.getCurrentNodeParameter('layoutDesign') ?? '').trim();
	if (!designId) {
		const itemId = String(this.getCurrentNodeParameter('itemId') ?? '').trim();
		const matter = this.getCurrentNodeParameter('matter', { extractValue: true });
		const matterId = String(
			matter !== null && typeof matter === 'object'
				? ((matter as IDataObject).value ?? '')
				: (matter ?? ''),
		).trim();
		if (!itemId || !matterId) return [];
		const item = await smokeballApi<IDataObject>(
			this,
			'GET',
			endpoints.layoutItem(matterId, itemId),
		);
		designId = String((item.layoutDesign as IDataObject | undefined)?.id ?? '');
		if (!designId) return [];
	}
	const design = await smokeballApi<IDataObject>(this, 'GET', endpoints.layoutDesign(designId));
	return ((design.fields as IDataObject[] | undefined) ?? []).map((f) => ({
		name: String(f.name),
		value: String(f.name),
		description: [f.type, Array.isArray(f.possibleValues) ? f.possibleValues.join(' / ') : '']
			.filter(Boolean)
			.join(': '),
	}));
}
