import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ApiResponse } from '../../shared/http';
import type { CaseStatusCall } from '../transport';
import { caseStatusApi } from '../transport';

/**
 * Idempotent create of a message or file keyed by an external reference: look it up first, create only if
 * absent, and treat a 409 on the create (an earlier attempt that did land) as "already there".
 */
export async function createOnce(
	ctx: IExecuteFunctions,
	listPath: string,
	externalRef: string | null,
	/** Sends the create with the given request options (idempotency, accepted 409). */
	create: (
		call: Pick<CaseStatusCall, 'accept' | 'idempotent' | 'itemIndex'>,
	) => Promise<ApiResponse<IDataObject>>,
	itemIndex: number,
): Promise<{ action: 'created' | 'exists'; record: IDataObject }> {
	const find = async () =>
		externalRef
			? (
					await caseStatusApi<IDataObject[]>(ctx, 'GET', listPath, {
						query: { external_ref: externalRef, 'page[number]': 1, size: 1 },
						itemIndex,
					})
				)[0]
			: undefined;
	const before = await find();
	if (before) return { action: 'exists', record: before };
	const res = await create({
		idempotent: externalRef !== null,
		accept: externalRef ? [409] : [],
		itemIndex,
	});
	if (res.status === 409) {
		const after = await find();
		if (after) return { action: 'exists', record: after };
	}
	return { action: 'created', record: res.body };
}
