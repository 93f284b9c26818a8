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

/**
 * The error item continueOnFail emits: what went wrong (`error`) and how to fix it (`details`), paired to the item
 * that failed. Only those keys, because that is the shape n8n routes to the error output under "Continue (using
 * error output)", merged with the failed input item so the next node still sees which record it was.
 */
export function errorItem(
	error: Error & { description?: string | null },
	itemIndex: number,
): INodeExecutionData {
	return {
		json: { error: error.message, ...(error.description ? { details: error.description } : {}) },
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
	if (op.executeAll) return [await op.executeAll.call(this, items)];

	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const rows = await op.execute!.call(this, i);
			for (const row of rows) out.push({ ...row, pairedItem: { item: i } });
		} catch (error) {
			const failure = atItem(this, error, i);
			// Continue On Fail isolates a record's own failure; a systemic one would fail every record alike.
			if (this.continueOnFail() && !isSystemic(failure)) {
				out.push(errorItem(failure, i));
				continue;
			}
			throw failure;
		}
	}
	return [out];
}
