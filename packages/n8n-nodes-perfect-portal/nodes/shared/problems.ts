import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

// The one way an item's input is refused (#16): zod schemas through parseInput (validate.ts) for the node's
// parameters, and Problem[] + refuse() for what only shows once the input is read or looked up.

/** One thing wrong with an item's input: the field as the node shows it, a reason code, what is wrong, the fix. */
export interface Problem {
	field: string;
	code: string;
	message: string;
	fix: string;
}

export interface RefuseOptions {
	/** The system nothing was written to ("DPS One Office"). */
	system: string;
	/** What cannot be done, before the problems ("the client cannot be created"); none: the problems alone. */
	subject?: string;
	/** Whether each problem's code follows its message (for reports that read reasons from the message). */
	codes?: boolean;
}

/**
 * Stops an item before anything is written: every problem of the item in one item-indexed NodeOperationError,
 * naming each field, with every fix and "Nothing was written to <system>".
 */
export function refuse(
	ctx: INode | { getNode(): INode },
	problems: Problem[],
	itemIndex: number,
	options: RefuseOptions,
): never {
	const what = problems
		.map((p) => `'${p.field}' ${p.message}${options.codes ? ` (${p.code})` : ''}`)
		.join('; ');
	const fixes = [...new Set(problems.map((p) => p.fix))].join(' ');
	const node = 'getNode' in ctx ? ctx.getNode() : ctx;
	throw new NodeOperationError(node, options.subject ? `${options.subject}: ${what}` : what, {
		description: `${fixes} Nothing was written to ${options.system}.`,
		itemIndex,
	});
}

/** refuse() for the one problem a single check finds in a value already read (or in what a lookup answered). */
export function refuseField(
	ctx: INode | { getNode(): INode },
	itemIndex: number,
	system: string,
	problem: Problem,
): never {
	return refuse(ctx, [problem], itemIndex, { system });
}
