import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { firmConfig } from '../firmLists';

/** Stages by display name (the value Case Status matches on), in the order clients see them. */
export async function getStageNames(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { stages } = await firmConfig(this);
	return stages.map((s) => ({
		name: s.display_name,
		value: s.display_name,
		description: s.integration_mappings?.length
			? `Also accepts: ${s.integration_mappings.join(', ')}`
			: undefined,
	}));
}

export async function getPracticeAreaNames(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const { practiceAreas } = await firmConfig(this);
	return practiceAreas.map((p) => ({ name: p.display_name, value: p.display_name }));
}

/** Users who may send messages: attorneys, paralegals and case managers, by email. */
export async function getSenders(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { users } = await firmConfig(this);
	return [...users.values()]
		.filter((u) => ['attorney', 'paralegal', 'case_manager'].includes(u.role))
		.map((u) => ({
			name: `${u.first_name} ${u.last_name} (${u.role.replace('_', ' ')})`,
			value: u.email,
		}));
}
