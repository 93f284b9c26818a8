import type { IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { filled, parseInput } from '../../shared/validate';
import { clock } from '../../shared/clock';
import { locatorValue, resourceLocator } from '../../shared/locator';

/** A DPS record picked from its list (`search<Name>s`) or by its ref. */
function dpsLocator(
	name: 'client' | 'matter' | 'contact',
	description: string,
	typed: string,
	placeholder: string,
) {
	const displayName = name[0].toUpperCase() + name.slice(1);
	return resourceLocator({
		displayName,
		name,
		description,
		searchListMethod: `search${displayName}s`,
		typed: [{ displayName: `By ${typed}`, placeholder }],
	});
}

export const clientLocator = dpsLocator('client', 'The DPS client', 'Client Ref', 'e.g. SMI001');

export const matterLocator = dpsLocator('matter', 'The DPS matter', 'Mat Ref', 'e.g. SMI001-0001');

export const contactLocator = dpsLocator(
	'contact',
	'The DPS contact (a non-client party such as the estate agent or lender)',
	'Contact ID',
	'e.g. CT00001',
);

/** The ref a locator names, trimmed; refs are opaque, so any non-empty text is passed on as it is. */
export function readRef(
	ctx: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	label: string,
	example: string,
): string {
	const value = ctx.getNodeParameter(parameter, itemIndex) as
		| INodeParameterResourceLocator
		| string
		| undefined;
	return parseInput(ctx.getNode(), filled, locatorValue(value), itemIndex, {
		field: label,
		fix: `Pick the ${label.toLowerCase()} from the list or enter its reference, e.g. ${example}.`,
	});
}

/** Today (UTC) as YYYY-MM-DD, for "not in the future" rules. */
export function today(): string {
	return new Date(clock.now()).toISOString().slice(0, 10);
}

/** Adds a sentence to an error's fix hint, keeping its type (so the caller can rethrow it as it is). */
export function withNote(error: unknown, note: string): Error {
	if (note && (error instanceof NodeApiError || error instanceof NodeOperationError)) {
		// The note goes before the HTTP status that ends an API error's fix (see withStatus).
		const [, fix, status] = /^(.*?)( \(HTTP \d{3}\))?$/s.exec(error.description ?? '') ?? [];
		error.description = `${fix ? `${fix} ` : ''}${note}${status ?? ''}`;
		return error;
	}
	return error as Error;
}
