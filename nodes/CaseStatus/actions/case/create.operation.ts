import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { refuse } from '../../../shared/problems';
import { firmConfig } from '../../firmLists';
import { checkCase, closedInSource, stageLookup } from './create.checks';
import { readCase } from './create.input';
import { preview } from './create.preview';
import { importRefusal } from './create.refusal';
import { findByIntegrationId, writeCase } from './create.write';
import { simplifyCase } from '../common';

export { description } from './create.description';

/**
 * Imports a case the way "Connect to Case Status" does, but checks every rule first (create.checks.ts) so nothing
 * is half-written, and never adds a case twice: one already present by integration ID is returned instead. Dry Run
 * runs the same look-up and checks and returns the preview instead of writing.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const lc = readCase(this, itemIndex);
	const firm = await firmConfig(this);
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	const dryRun = this.getNodeParameter('dryRun', itemIndex, false) as boolean;
	const source = this.getNodeParameter('source', itemIndex) as string;
	const inNode = source !== 'canonical';
	const stageMap = stageLookup(this, itemIndex, firm, source);

	const respond = (
		action: string,
		c: IDataObject,
		warnings: string[] = [],
	): INodeExecutionData[] => [
		{
			json: {
				action,
				...(dryRun ? { dry_run: true } : {}),
				...(simplify ? simplifyCase(c) : c),
				...(warnings.length ? { warnings: warnings.join('; ') } : {}),
			},
		},
	];
	// Found before checked: a case already in Case Status is linked as it is, whatever the rules would say now.
	if (lc.externalRef) {
		const existing = await findByIntegrationId(this, lc.externalRef, itemIndex);
		if (existing) return respond('exists', existing);
	}

	const closed = closedInSource(lc, extra);
	if (closed && !dryRun) refuse(this, ...importRefusal(lc, [closed], itemIndex, inNode));
	const { problems, mapped, additional } = checkCase(lc, firm, stageMap, extra, inNode);
	if (dryRun) return [{ json: preview(lc, mapped, problems, additional, inNode) }];
	if (problems.length) refuse(this, ...importRefusal(lc, problems, itemIndex, inNode));
	const written = await writeCase(this, lc, mapped.fields, additional, itemIndex);
	return respond(written.action, written.case, mapped.warnings);
}
