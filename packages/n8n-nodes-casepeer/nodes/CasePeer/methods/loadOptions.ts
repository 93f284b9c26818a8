import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { collect } from '../../shared/paging';
import { casePeerList, casePeerPage, endpoints } from '../transport';

/** Stages in their configured order, labelled with their practice area when they belong to one. */
export async function getStages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const stages = await collect(casePeerList<IDataObject>(this, endpoints.stages()));
	return stages.map((s) => ({
		name: s.practice_area ? `${s.name} (${s.practice_area})` : String(s.name),
		value: String(s.id),
		description: s.active === false ? 'Inactive' : undefined,
	}));
}

/**
 * Active note categories; the firm's default is marked. The value is the name, so a workflow carries the firm's
 * choice from one n8n to another (the nodes resolve it to the category's ID when they run).
 */
export async function getNoteCategories(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const categories = await collect(
		casePeerList<IDataObject>(this, endpoints.noteCategories(), { active: 'true' }),
	);
	return categories.map((c) => ({
		name: c.is_default ? `${c.name} (default)` : String(c.name),
		value: String(c.name),
	}));
}

/**
 * The contract has no practice-area list: the names come from the stages (which may belong to one) and from the
 * most recently updated cases, with CASEpeer's exact spelling as the value.
 */
export async function getPracticeAreas(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const names = new Set<string>();
	const stages = await collect(casePeerList<IDataObject>(this, endpoints.stages()));
	for (const s of stages) if (typeof s.practice_area === 'string') names.add(s.practice_area);
	const first = await casePeerPage<IDataObject>(this, endpoints.cases(), {}, 1, 200);
	const lastPage = Math.ceil(first.meta.total / 200);
	const recent =
		lastPage > 1
			? (await casePeerPage<IDataObject>(this, endpoints.cases(), {}, lastPage, 200)).data
			: [];
	for (const c of [...first.data, ...recent]) {
		if (typeof c.practice_area === 'string' && c.practice_area) names.add(c.practice_area);
	}
	return [...names].sort((a, b) => a.localeCompare(b)).map((name) => ({ name, value: name }));
}
