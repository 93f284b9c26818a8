import type {
	IDataObject,
	IExecuteFunctions,
	INodeParameterResourceLocator,
	INodeProperties,
	IPollFunctions,
} from 'n8n-workflow';

import { caseOutputField } from '../../shared/descriptions';
import { refuseField } from '../../shared/problems';
import { settingError } from '../../shared/errors';
import type { RequestContext } from '../../shared/http';
import { locatorValue, resourceLocator } from '../../shared/locator';
import { collect } from '../../shared/paging';
import type { CaseOutput } from '../mapping';
import { casePeerList, endpoints } from '../transport';

/** `https://<firm>.casepeer.com/case/27891/` → 27891: the number after /case/ (docs/api/casepeer.md#ids). */
export const CASE_URL_REGEX = 'https?://[^/\\s]+/case/(\\d+)(?:[/?#].*)?$';

/** A CASEpeer case: picked from a list, by its integer ID, or by pasting its URL. */
export const caseLocator: INodeProperties = resourceLocator({
	displayName: 'Case',
	name: 'case',
	description: 'The CASEpeer case',
	searchListMethod: 'searchCases',
	typed: [
		{
			placeholder: 'e.g. 27891',
			hint: 'The number after /case/ in the case URL (Case Status calls it the integration ID)',
			regex: '^\\s*\\d+\\s*$',
			errorMessage: 'CASEpeer case IDs are whole numbers, e.g. 27891',
		},
	],
	url: {
		regex: CASE_URL_REGEX,
		placeholder: 'e.g. https://yourfirm.casepeer.com/case/27891/',
		errorMessage: 'Paste a case URL such as https://yourfirm.casepeer.com/case/27891/',
	},
});

/**
 * The integer case id a locator names, or null when it names none. Accepts the raw locator or an already extracted
 * value; a URL is read in any mode (people paste URLs into the ID box), an id may be a number or digits.
 */
export function caseIdFromLocator(
	locator: INodeParameterResourceLocator | string | number | null | undefined,
): number | null {
	const value = locatorValue(locator, CASE_URL_REGEX);
	if (!/^\d+$/.test(value)) return null;
	const id = Number(value);
	return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** Reads the `case` locator of an item, refusing anything that is not a positive integer id. */
export function readCaseId(
	this: IExecuteFunctions,
	itemIndex: number,
	parameter = 'case',
	label = 'Case',
): number {
	const locator = this.getNodeParameter(parameter, itemIndex) as INodeParameterResourceLocator;
	const id = caseIdFromLocator(locator);
	if (id === null) {
		const given = String((locator as { value?: unknown })?.value ?? locator ?? '').trim();
		refuseField(this, itemIndex, 'CASEpeer', {
			field: label,
			code: given ? 'invalid' : 'empty',
			message: given ? `is not a CASEpeer case ID or URL: '${given}'` : 'is empty',
			fix: 'Pick a case from the list, enter its ID (the number after /case/ in the case URL, e.g. 27891) or paste the case URL.',
		});
	}
	return id;
}

export const caseOutputOption = caseOutputField(
	'CASEpeer',
	'Ten fields: ID, number, name, status, stage, practice area, attorney email, clients, connection flag, last update',
	'The shared legal case record that sync operations such as Case Status › Sync take',
);

export function readCaseOutput(this: IExecuteFunctions, itemIndex: number): CaseOutput {
	return this.getNodeParameter('output', itemIndex, 'simplified') as CaseOutput;
}

/** An ISO timestamp for a `dateTime` parameter, or undefined when empty. */
export function isoOrUndefined(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return new Date(String(value)).toISOString();
}

const categoryCache = new WeakMap<object, Promise<IDataObject[]>>();

/** The firm's active note categories, read once per execution. */
function noteCategories(ctx: RequestContext): Promise<IDataObject[]> {
	let pending = categoryCache.get(ctx);
	if (!pending) {
		pending = collect(
			casePeerList<IDataObject>(ctx, endpoints.noteCategories(), { active: 'true' }),
		);
		pending.catch(() => categoryCache.delete(ctx));
		categoryCache.set(ctx, pending);
	}
	return pending;
}

/**
 * A note category the firm chose by name (what a template carries from firm to firm) or by ID, as its ID. A name
 * that is not one of the firm's categories is a broken setting: every note would fail alike, so the run stops.
 */
export async function noteCategoryId(
	ctx: IExecuteFunctions | IPollFunctions,
	nameOrId: string,
	itemIndex = 0,
): Promise<string> {
	const wanted = nameOrId.trim();
	const categories = await noteCategories(ctx);
	const found =
		categories.find((c) => String(c.id) === wanted) ??
		categories.find((c) => String(c.name).trim().toLowerCase() === wanted.toLowerCase());
	if (found) return String(found.id);
	throw settingError(
		ctx.getNode(),
		`CASEpeer has no active note category named "${wanted}"`,
		`Pick one of the firm's note categories: ${categories.map((c) => c.name).join(', ')}.`,
		itemIndex,
	);
}
