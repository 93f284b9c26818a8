import type {
	IDataObject,
	IExecuteFunctions,
	INodeParameterResourceLocator,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { clock } from '../../shared/clock';
import { apiError, inputError, parseContractError } from '../../shared/errors';
import type { Problem } from '../mapping';
import type { ListBody } from '../transport';
import { dpsApi, dpsProfile, dpsRequest } from '../transport';
import { knownRecord, remember } from './refLookup';

function locator(
	name: string,
	displayName: string,
	searchListMethod: string,
	idName: string,
	placeholder: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{ displayName: idName, name: 'id', type: 'string', placeholder },
		],
	};
}

export const clientLocator = locator(
	'client',
	'Client',
	'searchClients',
	'By Client Ref',
	'e.g. SMI001',
	'The DPS client',
);

export const matterLocator = locator(
	'matter',
	'Matter',
	'searchMatters',
	'By Mat Ref',
	'e.g. SMI001-0001',
	'The DPS matter',
);

export const contactLocator = locator(
	'contact',
	'Contact',
	'searchContacts',
	'By Contact ID',
	'e.g. CT00001',
	'The DPS contact (a non-client party such as the estate agent or lender)',
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
	const raw = value !== null && typeof value === 'object' ? value.value : value;
	const ref = String(raw ?? '').trim();
	if (!ref) {
		throw inputError(
			ctx.getNode(),
			label,
			'is empty',
			`Pick the ${label.toLowerCase()} from the list or enter its reference, e.g. ${example}.`,
			itemIndex,
		);
	}
	return ref;
}

/** Today (UTC) as YYYY-MM-DD, for "not in the future" rules. */
export function today(): string {
	return new Date(clock.now()).toISOString().slice(0, 10);
}

/** Refuses an item before anything is written, naming every failing field and how to fix it. */
export function refuse(
	ctx: IExecuteFunctions,
	subject: string,
	problems: Problem[],
	itemIndex: number,
): never {
	const what = problems.map((p) => `'${p.field}' ${p.message}`).join('; ');
	const fixes = [...new Set(problems.map((p) => p.fix))].join(' ');
	throw new NodeOperationError(ctx.getNode(), `${subject}: ${what}`, {
		description: `${fixes} Nothing was written to DPS One Office.`,
		itemIndex,
	});
}

/**
 * The record of a list carrying an external reference (the contract's idempotency lookup), or undefined. A
 * reference this node run already looked up (refLookup's batches, or an earlier item) is not asked again.
 */
export async function findByExternalRef(
	ctx: IExecuteFunctions,
	listPath: string,
	externalRef: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const known = knownRecord(ctx, listPath, externalRef);
	if (known !== undefined) return known ?? undefined;
	const body = await dpsApi<ListBody<IDataObject>>(ctx, 'GET', listPath, {
		query: { external_ref: externalRef, page: 1, per_page: 1 },
		itemIndex,
	});
	const found = body?.data?.[0];
	remember(ctx, listPath, externalRef, found ?? null);
	return found;
}

export interface CreateSpec {
	listPath: string;
	/** The record's own path, to read it after a 409 names its id. */
	recordPath: (id: string) => string;
	body: IDataObject;
	externalRef?: string;
	/** The caller already looked the external reference up (and found nothing). */
	lookedUp?: boolean;
	itemIndex: number;
}

/**
 * A create keyed by an external reference, never done twice: look it up first, POST with retries allowed (a
 * repeat answers 409), and take 409 duplicate_external_ref as "already exists", returning that record. Without an
 * external reference the POST is sent once and not retried after an ambiguous failure.
 */
export async function createOnce(
	ctx: IExecuteFunctions,
	spec: CreateSpec,
): Promise<{ action: 'created' | 'exists'; record: IDataObject }> {
	const { externalRef, itemIndex } = spec;
	if (externalRef && !spec.lookedUp) {
		const found = await findByExternalRef(ctx, spec.listPath, externalRef, itemIndex);
		if (found) return { action: 'exists', record: found };
	}
	const res = await dpsRequest<IDataObject>(ctx, 'POST', spec.listPath, {
		body: spec.body,
		idempotent: externalRef !== undefined,
		accept: externalRef ? [409] : undefined,
		itemIndex,
	});
	if (res.status !== 409) {
		if (externalRef) remember(ctx, spec.listPath, externalRef, res.body);
		return { action: 'created', record: res.body };
	}
	const conflict = parseContractError(409, res.body);
	const existingId = conflict.details?.existing_id;
	if (conflict.code !== 'duplicate_external_ref' || typeof existingId !== 'string') {
		throw apiError(ctx.getNode(), dpsProfile.system, 409, conflict, itemIndex, 1);
	}
	const record = await dpsApi<IDataObject>(ctx, 'GET', spec.recordPath(existingId), { itemIndex });
	if (externalRef) remember(ctx, spec.listPath, externalRef, record);
	return { action: 'exists', record };
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
