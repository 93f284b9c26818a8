import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameterResourceLocator,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ApiResponse } from '../../shared/http';
import type { CaseStatusCall } from '../transport';
import { caseStatusApi, endpoints } from '../transport';
import { simplifyCase } from './common';

/** Finds a case by internal ID, or by integration ID through the exact-match list filter. */
export async function findCase(
	ctx: IExecuteFunctions,
	locator: INodeParameterResourceLocator,
	itemIndex: number,
): Promise<IDataObject> {
	const value = String(locator.value ?? '').trim();
	if (!value) {
		throw new NodeOperationError(ctx.getNode(), "'Case' is empty", {
			description: 'Pick a case from the list, or enter its integration ID or internal ID.',
			itemIndex,
		});
	}
	if (locator.mode === 'integrationId') {
		const found = await caseStatusApi<IDataObject[]>(ctx, 'GET', endpoints.cases(), {
			query: { integration_id: value, 'page[number]': 1, size: 1 },
			itemIndex,
		});
		if (!found.length) {
			throw new NodeOperationError(
				ctx.getNode(),
				`No Case Status case has integration ID '${value}' (not_in_case_status)`,
				{
					description:
						'Connect (import) the case first, or check the ID: for CASEpeer it is the number after /case/ in the case URL.',
					itemIndex,
				},
			);
		}
		return found[0];
	}
	return await caseStatusApi(ctx, 'GET', endpoints.case(value), { itemIndex });
}

/** The case the item's Case parameter points at. */
export async function locateCase(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const locator = ctx.getNodeParameter('case', itemIndex) as INodeParameterResourceLocator;
	return await findCase(ctx, locator, itemIndex);
}

/**
 * Close and Reopen: the vendor's own action on the item's case, idempotent (closing a closed case changes
 * nothing); the row is the case as it now is, simplified.
 */
export async function caseAction(
	ctx: IExecuteFunctions,
	itemIndex: number,
	path: (caseId: unknown) => string,
): Promise<INodeExecutionData[]> {
	const target = await locateCase(ctx, itemIndex);
	const result = await caseStatusApi(ctx, 'POST', path(target.id), { idempotent: true, itemIndex });
	return [{ json: simplifyCase(result) }];
}

/**
 * Idempotent create of a message or file on the item's case, keyed by an external reference: look it up first,
 * create only if absent, and treat a 409 on the create (an earlier attempt that did land) as "already there".
 * The row is the record with `action` ('created' or 'exists').
 */
export async function createOnCase(
	ctx: IExecuteFunctions,
	itemIndex: number,
	listPath: string,
	externalRef: string | null,
	/** Sends the create to the case with the given request options (idempotency, accepted 409). */
	create: (
		caseId: unknown,
		call: Pick<CaseStatusCall, 'accept' | 'idempotent' | 'itemIndex'>,
	) => Promise<ApiResponse<IDataObject>>,
): Promise<INodeExecutionData[]> {
	const target = await locateCase(ctx, itemIndex);
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
	if (before) return [{ json: { action: 'exists', ...before } }];
	const res = await create(target.id, {
		idempotent: externalRef !== null,
		accept: externalRef ? [409] : [],
		itemIndex,
	});
	if (res.status === 409) {
		const after = await find();
		if (after) return [{ json: { action: 'exists', ...after } }];
	}
	return [{ json: { action: 'created', ...res.body } }];
}
