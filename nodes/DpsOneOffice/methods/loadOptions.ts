import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import type { QueryValue } from '../../shared/http';
import { collect } from '../../shared/paging';
import type { AppCode, Branch, ContactType, FeeEarner } from '../firmLists';
import { dpsList, endpoints } from '../transport';

const active = { active: 'true' };

/** Active AppCodes (work types), by code. */
export async function getAppCodes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const codes = await collect(dpsList<AppCode>(this, endpoints.appCodes(), active));
	return codes.map((a) => ({
		name: `${a.code} – ${a.description}`,
		value: a.code,
		description: a.is_default ? undefined : 'Firm-specific AppCode',
	}));
}

/** The AppCode currently chosen in the node, when it is a plain value (not an expression). */
function chosenAppCode(ctx: ILoadOptionsFunctions): string | undefined {
	try {
		const value = ctx.getCurrentNodeParameter('appCode');
		return typeof value === 'string' && value && !value.startsWith('=') ? value : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Active fee earners, by code. With an AppCode chosen, only those with rights to it: DPS refuses a matter whose fee
 * earner lacks them ("User does not have rights to access this matter").
 */
export async function getFeeEarners(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const appCode = chosenAppCode(this);
	const query: Record<string, QueryValue> = { ...active, app_code: appCode };
	const earners = await collect(dpsList<FeeEarner>(this, endpoints.feeEarners(), query));
	return earners.map((f) => ({
		name: `${f.name} (${f.code})`,
		value: f.code,
		description: `Branch ${f.branch ?? '–'}; AppCodes ${f.app_codes.join(', ') || 'none'}`,
	}));
}

/** Active branches, by code. */
export async function getBranches(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const list = await collect(dpsList<Branch>(this, endpoints.branches(), active));
	return list.map((b) => ({ name: `${b.name} (${b.code})`, value: b.code }));
}

/** Active DPS contact types, by code. */
export async function getContactTypes(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const list = await collect(dpsList<ContactType>(this, endpoints.contactTypes(), active));
	return list.map((t) => ({ name: `${t.description} (${t.code})`, value: t.code }));
}
