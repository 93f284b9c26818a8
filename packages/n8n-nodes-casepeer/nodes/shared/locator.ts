import type {
	INodeParameterResourceLocator,
	INodeProperties,
	INodePropertyMode,
} from 'n8n-workflow';

/** A typed mode (an ID, a reference): its label, placeholder and, where the system's ids have a shape, a regex. */
export interface TypedMode {
	/** 'By ID' unless the system calls it something else ('By Mat Ref'). */
	displayName?: string;
	/** 'id' unless the value means something else ('integrationId'). */
	name?: string;
	placeholder: string;
	hint?: string;
	/** The whole value must match (anchor it); shown as errorMessage in the editor when it does not. */
	regex?: string;
	errorMessage?: string;
}

/** The URL mode: a web link the system shows, whose first capture group is the id. */
export interface UrlMode {
	/** Unanchored at the start, so the id is read from any host; group 1 is the id. */
	regex: string;
	placeholder: string;
	errorMessage: string;
	hint?: string;
}

export interface LocatorSpec {
	displayName: string;
	name: string;
	description?: string;
	/** The listSearch method behind the From List mode. */
	searchListMethod: string;
	/** The typed modes after the list, in the order the editor shows them. */
	typed: TypedMode[];
	/** Where the system has web URLs that name the record. */
	url?: UrlMode;
}

/**
 * A mode's label and name. Kept apart from `type` so n8n's lint does not take a mode built outside a `modes: [...]`
 * literal for a node parameter missing its `default` (modes have none).
 */
const named = (displayName: string, name: string) => ({ displayName, name });

function typedMode(mode: TypedMode): INodePropertyMode {
	return {
		...named(mode.displayName ?? 'By ID', mode.name ?? 'id'),
		type: 'string',
		placeholder: mode.placeholder,
		...(mode.hint ? { hint: mode.hint } : {}),
		...(mode.regex
			? {
					validation: [
						{
							type: 'regex',
							properties: { regex: mode.regex, errorMessage: mode.errorMessage ?? '' },
						},
					],
				}
			: {}),
	};
}

function urlMode(url: UrlMode): INodePropertyMode {
	return {
		...named('By URL', 'url'),
		type: 'string',
		placeholder: url.placeholder,
		...(url.hint ? { hint: url.hint } : {}),
		validation: [
			{ type: 'regex', properties: { regex: url.regex, errorMessage: url.errorMessage } },
		],
		extractValue: { type: 'regex', regex: url.regex },
	};
}

/** The one resource locator every node uses: From List, the system's typed modes, and By URL where it has one. */
export function resourceLocator(spec: LocatorSpec): INodeProperties {
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		...(spec.description ? { description: spec.description } : {}),
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: spec.searchListMethod, searchable: true },
			},
			...spec.typed.map(typedMode),
			...(spec.url ? [urlMode(spec.url)] : []),
		],
	};
}

/**
 * The value a locator names, trimmed: the raw locator, an already extracted value or a plain string. With the
 * locator's URL regex, a URL is read to its id in any mode (people paste URLs into the ID box, and a locator inside
 * a row is not extracted by n8n).
 */
export function locatorValue(
	locator: INodeParameterResourceLocator | string | number | null | undefined,
	urlRegex?: string,
): string {
	const raw = locator !== null && typeof locator === 'object' ? locator.value : locator;
	const value = String(raw ?? '').trim();
	const fromUrl = urlRegex ? new RegExp(urlRegex, 'i').exec(value) : null;
	return fromUrl ? fromUrl[1] : value;
}
