import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { collect } from '../../shared/paging';
import { endpoints, ppList } from '../transport';

/** Active staff, by name, labelled with their CMS code (the DPS fee-earner code) when they have one. */
export async function getStaff(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const staff = await collect(ppList<IDataObject>(this, endpoints.staff(), { active: 'true' }));
	return staff.map((s) => ({
		name: s.code ? `${s.name} (${s.code})` : String(s.name),
		value: String(s.id),
		description: s.code ? undefined : 'No case-management user code',
	}));
}

export async function getBranches(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const branches = await collect(
		ppList<IDataObject>(this, endpoints.branches(), { active: 'true' }),
	);
	return branches.map((b) => ({
		name: b.code ? `${b.name} (${b.code})` : String(b.name),
		value: String(b.id),
	}));
}

/** Active key stages in their configured order. */
export async function getKeyStages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const stages = await collect(
		ppList<IDataObject>(this, endpoints.keyStages(), { active: 'true' }),
	);
	return stages.map((k) => ({
		name: `${k.position}. ${k.name}`,
		value: String(k.id),
		description: k.case_management_mapping
			? `Maps to ${String((k.case_management_mapping as IDataObject).stage_name)}`
			: undefined,
	}));
}

/** Fee scales by name; retired ones are marked. */
export async function getFeeScales(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const scales = await collect(ppList<IDataObject>(this, endpoints.feeScales()));
	return scales
		.map((s) => ({
			name: s.active === false ? `${s.name} (inactive)` : String(s.name),
			value: String(s.id),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
