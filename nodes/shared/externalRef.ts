import type { IDataObject, INode } from 'n8n-workflow';

import type { VendorError } from './errors';
import { apiError, parseContractError } from './errors';
import type { ApiResponse } from './http';

/** The call options of a write with an optional External Reference: retried, and a 409 read back, only when set. */
export function refWriteCall(
	externalRef: string | undefined,
	itemIndex: number,
): { idempotent: boolean; accept: number[] | undefined; itemIndex: number } {
	return {
		idempotent: externalRef !== undefined,
		accept: externalRef ? [409] : undefined,
		itemIndex,
	};
}

/**
 * The answer to a create or upload sent with an External Reference and `accept: [409]` (the written contracts'
 * idempotent writes): undefined when the record was written; on 409, the vendor's duplicate_external_ref conflict
 * (an earlier attempt landed, or another record holds the reference). Any other 409 is `system`'s API error.
 */
export function duplicateRefConflict(
	ctx: { getNode(): INode },
	system: string,
	response: ApiResponse<IDataObject>,
	itemIndex: number,
): VendorError | undefined {
	if (response.status !== 409) return undefined;
	const conflict = parseContractError(409, response.body);
	if (conflict.code !== 'duplicate_external_ref') {
		throw apiError(ctx.getNode(), system, 409, conflict, itemIndex, 1);
	}
	return conflict;
}
