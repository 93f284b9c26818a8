import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiError, parseContractError } from '../../shared/errors';
import { collect } from '../../shared/paging';
import type { Problem } from '../../shared/problems';
import type { ListBody } from '../transport';
import { dpsApi, dpsList, dpsProfile, dpsRequest, endpoints } from '../transport';

/**
 * External references one lookup carries. The contract's `external_ref` filter takes several values (the
 * parameter repeated), so a node run looks up the references of all its items in a few requests instead of one
 * per record; 50 keeps the URL short.
 */
export const REFS_PER_LOOKUP = 50;

// Per node run (its IExecuteFunctions): list path → external reference → the record, or null when DPS has none.
// Only a read-ahead within one run: every create is still keyed by the reference, so a record another process
// creates meanwhile answers 409 and is taken, never duplicated.
const runs = new WeakMap<object, Map<string, Map<string, IDataObject | null>>>();

function lookups(ctx: object, listPath: string): Map<string, IDataObject | null> {
	let byPath = runs.get(ctx);
	if (!byPath) {
		byPath = new Map();
		runs.set(ctx, byPath);
	}
	let refs = byPath.get(listPath);
	if (!refs) {
		refs = new Map();
		byPath.set(listPath, refs);
	}
	return refs;
}

/** The record a lookup of this run found for a reference: the record, null (none), undefined (not looked up). */
export function knownRecord(
	ctx: object,
	listPath: string,
	externalRef: string,
): IDataObject | null | undefined {
	return lookups(ctx, listPath).get(externalRef);
}

/** Notes what this run found or created for a reference. */
export function remember(
	ctx: object,
	listPath: string,
	externalRef: string,
	record: IDataObject | null,
): void {
	lookups(ctx, listPath).set(externalRef, record);
}

/** Looks up, REFS_PER_LOOKUP at a time, every reference this run has not looked up yet. */
export async function lookUpRefs(
	ctx: IExecuteFunctions,
	listPath: string,
	refs: Iterable<string>,
	itemIndex?: number,
): Promise<void> {
	const known = lookups(ctx, listPath);
	const todo = [...new Set(refs)].filter((ref) => ref && !known.has(ref));
	for (let start = 0; start < todo.length; start += REFS_PER_LOOKUP) {
		const batch = todo.slice(start, start + REFS_PER_LOOKUP);
		const rows = await collect(
			dpsList<IDataObject>(ctx, listPath, { external_ref: batch }, { itemIndex }),
		);
		const found = new Map<string, IDataObject>();
		for (const row of rows) {
			const ref = row.external_ref;
			if (typeof ref === 'string' && !found.has(ref)) found.set(ref, row);
		}
		for (const ref of batch) known.set(ref, found.get(ref) ?? null);
	}
}

/**
 * The record of a list carrying an external reference (the contract's idempotency lookup), or undefined. A
 * reference this node run already looked up (lookups.ts' batches, or an earlier item) is not asked again.
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

export type PartyMatch =
	| { kind: 'exists' | 'matched'; record: IDataObject }
	| { kind: 'ambiguous'; candidates: IDataObject[] }
	| { kind: 'none' };

export type PartyKind = 'client' | 'contact';

const listPathOf = (kind: PartyKind) =>
	kind === 'client' ? endpoints.clients() : endpoints.contacts();
const refOf = (kind: PartyKind, record: IDataObject) =>
	String(kind === 'client' ? record.client_ref : record.contact_id);

/** How DPS shows a client's name ("Alan Smith" or the organisation), which its name search compares with. */
export function displayNameOf(body: IDataObject): string {
	if (body.type === 'organisation') return String(body.organisation_name ?? '');
	return [body.first_name, body.last_name].filter((v) => typeof v === 'string' && v).join(' ');
}

/**
 * An existing client or contact for a write body, found the way the Perfect Portal import does: by external
 * reference, then (when asked) by name + postcode, whatever reference that record carries (a Perfect Portal party
 * reference names one case's party, so the same estate agent arrives under a new one on every case). Several
 * matches are reported, not guessed: the caller decides, as LEAP's conflict check does.
 */
export async function findExistingParty(
	ctx: IExecuteFunctions,
	kind: PartyKind,
	body: IDataObject,
	matchByNamePostcode: boolean,
	itemIndex: number,
): Promise<PartyMatch> {
	const ref = typeof body.external_ref === 'string' ? body.external_ref : undefined;
	if (ref) {
		const found = await findByExternalRef(ctx, listPathOf(kind), ref, itemIndex);
		if (found) return { kind: 'exists', record: found };
	}
	const postcode = (body.address as IDataObject | undefined)?.postcode;
	const name = displayNameOf(body);
	if (!matchByNamePostcode || typeof postcode !== 'string' || !name) return { kind: 'none' };
	const found = await dpsApi<ListBody<IDataObject>>(ctx, 'GET', listPathOf(kind), {
		query: { name, postcode, page: 1, per_page: 10 },
		itemIndex,
	});
	const rows = found?.data ?? [];
	if (rows.length === 1) return { kind: 'matched', record: rows[0] };
	if (rows.length > 1) return { kind: 'ambiguous', candidates: rows };
	return { kind: 'none' };
}

/** An existing client for a ClientWrite body (see findExistingParty). */
export const findExistingClient = (
	ctx: IExecuteFunctions,
	body: IDataObject,
	matchByNamePostcode: boolean,
	itemIndex: number,
) => findExistingParty(ctx, 'client', body, matchByNamePostcode, itemIndex);

/** The refusal text for several clients or contacts with the same name and postcode. */
export function ambiguousProblem(
	candidates: IDataObject[],
	field: string,
	kind: PartyKind = 'client',
): Problem {
	const refs = candidates.map((c) => refOf(kind, c)).join(', ');
	const fix =
		kind === 'client'
			? `Choose the client yourself (Matter › Create with "Existing Client" and one of ${refs}), or give the client an External Reference that is already on one of them.`
			: `Merge the duplicate contacts ${refs} in DPS One Office, or untick the contact and attach the right one by hand (Contact › Attach to Matter).`;
	return {
		field,
		code: 'ambiguous_match',
		message: `matches ${candidates.length} DPS ${kind}s with the same name and postcode (${refs})`,
		fix,
	};
}

export const matchByNamePostcodeDescription =
	'Whether to use an existing client with the same name and postcode when no client carries the external reference (on by default, so a returning client is not created again; the output says when it matched). Several matches stop the item instead of guessing.';
