import type { RequestContext } from '../shared/http';
import { collect } from '../shared/paging';
import type { Problem } from '../shared/problems';
import { dpsList, endpoints } from './transport';

export interface AppCode {
	code: string;
	description: string;
	active: boolean;
	is_default?: boolean;
}

export interface FeeEarner {
	code: string;
	name: string;
	email: string | null;
	branch: string | null;
	app_codes: string[];
	active: boolean;
}

export interface Branch {
	code: string;
	name: string;
	active: boolean;
}

export interface ContactType {
	code: string;
	description: string;
	active: boolean;
}

// The firm's lists, read once per execution (not once per item) and only when an operation needs them. Inactive
// entries are kept so a refusal can say "inactive" rather than "unknown".
const cache = new WeakMap<object, Map<string, Promise<unknown[]>>>();

function cachedList<T>(ctx: RequestContext, path: string): Promise<T[]> {
	let lists = cache.get(ctx);
	if (!lists) {
		lists = new Map();
		cache.set(ctx, lists);
	}
	let pending = lists.get(path) as Promise<T[]> | undefined;
	if (!pending) {
		pending = collect(dpsList<T>(ctx, path));
		// A failed read must not be remembered for the rest of the execution.
		pending.catch(() => lists!.delete(path));
		lists.set(path, pending);
	}
	return pending;
}

export const appCodes = (ctx: RequestContext) => cachedList<AppCode>(ctx, endpoints.appCodes());
export const feeEarners = (ctx: RequestContext) =>
	cachedList<FeeEarner>(ctx, endpoints.feeEarners());
export const branches = (ctx: RequestContext) => cachedList<Branch>(ctx, endpoints.branches());
export const contactTypes = (ctx: RequestContext) =>
	cachedList<ContactType>(ctx, endpoints.contactTypes());

/** "CP, CS" — at most `max` codes, so a fix hint stays readable. */
function listCodes(codes: string[], max = 12): string {
	return codes.length > max
		? `${codes.slice(0, max).join(', ')} and ${codes.length - max} more`
		: codes.join(', ');
}

/**
 * One problem if `code` is not an active entry: unknown, inactive, or only a case-insensitive match (codes are
 * exact in DPS, so "cp" is refused with a "did you mean CP").
 */
function checkCode<T extends { code: string; active: boolean }>(
	list: T[],
	code: string,
	field: string,
	what: string,
	label: (x: T) => string,
): { entry?: T; problem?: Problem } {
	const entry = list.find((x) => x.code === code);
	const active = list.filter((x) => x.active);
	const fix = `Use an active ${what}: ${listCodes(active.map(label))}; or ask the DPS administrator to add it in DPSSQLConfig.`;
	if (entry?.active) return { entry };
	if (entry)
		return {
			problem: { field, code: 'inactive_code', message: `'${code}' is an inactive ${what}`, fix },
		};
	const near = active.find((x) => x.code.toUpperCase() === code.toUpperCase());
	return {
		problem: {
			field,
			code: 'unknown_code',
			message: `'${code}' is not ${/^[AEIOU]/i.test(what) ? 'an' : 'a'} ${what} in DPS One Office${near ? ` (did you mean '${near.code}'?)` : ''}`,
			fix,
		},
	};
}

/** A matter's codes, as entered (trimmed). */
export interface MatterCodes {
	appCode: string;
	feeEarner: string;
	branch: string;
}

/** The firm's lists a matter's codes are checked against. */
export interface MatterCodeLists {
	appCodes: AppCode[];
	feeEarners: FeeEarner[];
	branches: Branch[];
}

/** The firm's AppCode, Fee Earner and Branch lists, read together (once per execution). */
export async function matterCodeLists(ctx: RequestContext): Promise<MatterCodeLists> {
	const [apps, earners, offices] = await Promise.all([
		appCodes(ctx),
		feeEarners(ctx),
		branches(ctx),
	]);
	return { appCodes: apps, feeEarners: earners, branches: offices };
}

/**
 * A matter's codes against the firm's lists: AppCode, Fee Earner and Branch must be active entries, and the fee
 * earner must have rights to the AppCode (DPS: "User does not have rights to access this matter"). Every problem is
 * returned, one per field, so all of them can be shown at once.
 */
export function matterCodeProblems(lists: MatterCodeLists, codes: MatterCodes): Problem[] {
	const earners = lists.feeEarners;
	const problems: Problem[] = [];
	const app = checkCode(lists.appCodes, codes.appCode, 'AppCode', 'AppCode', (a) => a.code);
	const earner = checkCode(
		earners,
		codes.feeEarner,
		'Fee Earner',
		'fee earner',
		(f) => `${f.code} ${f.name}`,
	);
	const branch = checkCode(
		lists.branches,
		codes.branch,
		'Branch',
		'branch',
		(b) => `${b.code} ${b.name}`,
	);
	for (const r of [app, earner, branch]) if (r.problem) problems.push(r.problem);
	if (app.entry && earner.entry && !earner.entry.app_codes.includes(app.entry.code)) {
		const able = earners
			.filter((f) => f.active && f.app_codes.includes(app.entry!.code))
			.map((f) => f.code);
		problems.push({
			field: 'Fee Earner',
			code: 'no_rights',
			message: `'${earner.entry.code}' has no rights to AppCode '${app.entry.code}' (DPS: "User does not have rights to access this matter")`,
			fix: `${able.length ? `Choose a fee earner with rights to ${app.entry.code} (${listCodes(able)}), or give` : 'Give'} ${earner.entry.code} rights to ${app.entry.code} in DPSSQLConfig → Users and Groups → User DPS Applications.`,
		});
	}
	return problems;
}

/** The pre-write check of a matter's codes against the firm's lists (matterCodeProblems). */
export async function checkMatterCodes(
	ctx: RequestContext,
	codes: MatterCodes,
): Promise<Problem[]> {
	return matterCodeProblems(await matterCodeLists(ctx), codes);
}

/** CLIENT is never a contact type (clients are created as clients), so it needs no list to be refused. */
export const isClientType = (code: string) => code.toUpperCase() === 'CLIENT';

/** A contact type against the firm's list: an active ContactType, never CLIENT. */
export function contactTypeProblems(
	types: ContactType[],
	code: string,
	field = 'Contact Type',
): Problem[] {
	if (isClientType(code)) {
		return [
			{
				field,
				code: 'client_type',
				message: "'CLIENT' is not a contact type",
				fix: 'Create clients with Client › Create (or Matter › Create); contacts are the other parties, e.g. EA for the estate agent.',
			},
		];
	}
	const r = checkCode(types, code, field, 'contact type', (t) => `${t.code} ${t.description}`);
	return r.problem ? [r.problem] : [];
}

/** The pre-write check of a contact type (contactTypeProblems); the list is read only when it is needed. */
export async function checkContactType(
	ctx: RequestContext,
	code: string,
	field = 'Contact Type',
): Promise<Problem[]> {
	return contactTypeProblems(isClientType(code) ? [] : await contactTypes(ctx), code, field);
}
