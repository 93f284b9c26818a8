import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

type Option = INodeProperties | INodePropertyOptions | INodePropertyCollection;

/** An "Options" collection with these options (read it with readOptions or readTriggerOptions). */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}

/** The collection named `name` in a description (an operation's properties or a node's). */
export function findCollection(properties: INodeProperties[], name: string): INodeProperties {
	const property = properties.find((p) => p.name === name && p.type === 'collection');
	if (!property) throw new Error(`No collection "${name}" in this description`);
	return property;
}

/**
 * An "Options" collection as the panel presents it: n8n stores only the options a user added, and the panel
 * shows every other one at its default, so an option left out behaves as its default says. Code reads option
 * collections only through this or the two readers below (tests/unit/options-defaults.test.js checks every
 * node of the pack).
 * Filters and Additional/Update Fields are different: an entry left out is not applied, so they are read as is.
 */
export function withDefaults(collection: INodeProperties, value: unknown): IDataObject {
	const given = value && typeof value === 'object' && !Array.isArray(value) ? value : {};
	const out: IDataObject = {};
	for (const option of (collection.options ?? []) as Option[]) {
		if ('default' in option && option.default !== undefined) {
			out[option.name] = option.default as IDataObject[keyof IDataObject];
		}
	}
	for (const [key, v] of Object.entries(given as IDataObject)) if (v !== undefined) out[key] = v;
	return out;
}

/** An operation's "Options" collection for one item, each option left out at its declared default. */
export function readOptions(
	ctx: IExecuteFunctions,
	properties: INodeProperties[],
	itemIndex: number,
	name = 'options',
): IDataObject {
	return withDefaults(findCollection(properties, name), ctx.getNodeParameter(name, itemIndex, {}));
}

/** The same for a trigger (webhook, hook or poll), whose parameters have no item index. */
export function readTriggerOptions(
	ctx: IWebhookFunctions | IHookFunctions | IPollFunctions,
	collection: INodeProperties,
): IDataObject {
	return withDefaults(collection, ctx.getNodeParameter(collection.name, {}));
}
