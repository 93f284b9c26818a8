import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { isSystemic } from './errors';

/** One operation of one resource: its parameters and how it runs. */
export interface Operation {
	description: INodeProperties[];
	/** Runs once per input item; pairedItem is added by the router. */
	execute?: (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]>;
	/** Runs once for all input items (bulk syncs); must set pairedItem itself. */
	executeAll?: (
		this: IExecuteFunctions,
		items: INodeExecutionData[],
	) => Promise<INodeExecutionData[]>;
}

export type Resources = Record<string, Record<string, Operation>>;

/** An error item's `message` when the failure is not the record's own (see errorItem). */
export const SYSTEM_FAILURE = 'system failure';

/**
 * The error item continueOnFail emits: what went wrong (`error`) and how to fix it (`details`), paired to the item
 * that failed. Only those keys (and `message`), because that is the shape n8n routes to the error output under
 * "Continue (using error output)", merged with the failed input item so the next node still sees which record it was.
 * A systemic failure (a refused credential, a vendor down after every retry) is marked `message: "system failure"`:
 * n8n cannot fail a run from a node whose errors continue (it would pass the input on as if written), so templates
 * report it with the rest and then stop the run on that mark.
 */
export function errorItem(
	error: Error & { description?: string | null },
	itemIndex: number,
): INodeExecutionData {
	return {
		json: {
			error: error.message,
			...(error.description ? { details: error.description } : {}),
			...(isSystemic(error) ? { message: SYSTEM_FAILURE } : {}),
		},
		pairedItem: { item: itemIndex },
	};
}

/** Gives an error the index of the item it came from, keeping its type (API vs input problem). */
export function atItem(node: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(node.getNode(), error as JsonObject & Error, { itemIndex });
}

/** resource/operation → operation module, as n8n's Airtable v2 router does; errors enriched in one place. */
export async function route(
	this: IExecuteFunctions,
	resources: Resources,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const op = resources[resource]?.[operation];
	if (!op) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
			{
				description:
					'Pick the resource and operation again in the node; the workflow may come from a newer version.',
			},
		);
	}
	if (op.executeAll) {
		try {
			return [await op.executeAll.call(this, items)];
		} catch (error) {
			// A bulk operation keeps each record's failure on its row and throws only what fails them all.
			const failure = atItem(this, error, 0);
			if (!this.continueOnFail()) throw failure;
			return [items.map((_, i) => errorItem(failure, i))];
		}
	}

	const out: INodeExecutionData[] = [];
	let systemic: Error | undefined;
	for (let i = 0; i < items.length; i++) {
		// After a systemic failure the rest would fail alike (after the same retries): report them without calling.
		if (systemic) {
			out.push(errorItem(systemic, i));
			continue;
		}
		try {
			const rows = await op.execute!.call(this, i);
			for (const row of rows) out.push({ ...row, pairedItem: { item: i } });
		} catch (error) {
			const failure = atItem(this, error, i);
			if (!this.continueOnFail()) throw failure;
			if (isSystemic(failure)) systemic = failure;
			out.push(errorItem(failure, i));
		}
	}
	return [out];
}
