import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Problem } from '../../shared/problems';
import type { ListBody } from '../transport';
import { dpsApi, endpoints } from '../transport';
import { findByExternalRef } from './common';

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
