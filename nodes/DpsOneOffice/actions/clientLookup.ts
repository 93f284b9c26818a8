import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ListBody } from '../transport';
import { dpsApi, endpoints } from '../transport';
import { findByExternalRef } from './common';

export type ClientMatch =
	| { kind: 'exists' | 'matched'; record: IDataObject }
	| { kind: 'ambiguous'; candidates: IDataObject[] }
	| { kind: 'none' };

/** How DPS shows a client's name ("Alan Smith" or the organisation), which its name search compares with. */
export function displayNameOf(body: IDataObject): string {
	if (body.type === 'organisation') return String(body.organisation_name ?? '');
	return [body.first_name, body.last_name].filter((v) => typeof v === 'string' && v).join(' ');
}

/**
 * An existing client for a ClientWrite body, found the way the Perfect Portal import does: by external reference,
 * then (when asked) by name + postcode. Several name + postcode matches are reported, not guessed: the caller
 * decides, as LEAP's conflict check does.
 */
export async function findExistingClient(
	ctx: IExecuteFunctions,
	body: IDataObject,
	matchByNamePostcode: boolean,
	itemIndex: number,
): Promise<ClientMatch> {
	const ref = typeof body.external_ref === 'string' ? body.external_ref : undefined;
	if (ref) {
		const found = await findByExternalRef(ctx, endpoints.clients(), ref, itemIndex);
		if (found) return { kind: 'exists', record: found };
	}
	const postcode = (body.address as IDataObject | undefined)?.postcode;
	if (!matchByNamePostcode || typeof postcode !== 'string') return { kind: 'none' };
	const found = await dpsApi<ListBody<IDataObject>>(ctx, 'GET', endpoints.clients(), {
		query: { name: displayNameOf(body), postcode, page: 1, per_page: 10 },
		itemIndex,
	});
	const rows = found?.data ?? [];
	if (rows.length === 1) return { kind: 'matched', record: rows[0] };
	if (rows.length > 1) return { kind: 'ambiguous', candidates: rows };
	return { kind: 'none' };
}

/** The refusal text for several clients with the same name and postcode. */
export function ambiguousProblem(candidates: IDataObject[], field: string) {
	const refs = candidates.map((c) => String(c.client_ref)).join(', ');
	return {
		field,
		message: `matches ${candidates.length} DPS clients with the same name and postcode (${refs})`,
		fix: `Choose the client yourself (Matter › Create with "Existing Client" and one of ${refs}), or give the client an External Reference that is already on one of them.`,
	};
}

export const matchByNamePostcodeDescription =
	'Whether to use an existing client with the same name and postcode when no client carries the external reference. Several matches stop the item instead of guessing.';
