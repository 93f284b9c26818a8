import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { refuse } from '../../../shared/problems';
import { readOptions } from '../../../shared/options';
import { today } from '../common';
import { matterCodeProperties } from './fields';
import { partiesProperties } from './importRows';
import { applyPlan } from './importCase/apply';
import { checkCase, planCase, withAttached } from './importCase/plan';
import { readCase } from './importCase/read';
import { renderApplied, renderDryRun } from './importCase/render';
import { attachedContacts, resolveCase } from './importCase/resolve';

const sharedOptions: INodeProperties[] = [
	{
		displayName: 'External Source',
		name: 'externalSource',
		type: 'string',
		default: 'perfect_portal',
		description:
			'Where the external references come from; stored on the matter, clients and contacts',
	},
	{
		displayName: 'Opened On',
		name: 'openedOn',
		type: 'dateTime',
		default: '',
		description: 'Today when not set; not in the future',
	},
	{
		displayName: 'Use Existing Client or Contact With Same Name and Postcode',
		name: 'matchByNamePostcode',
		type: 'boolean',
		default: true,
		description:
			'Whether to use an existing client (or contact) with the same name and postcode when none carries the external reference, so a returning client or a known estate agent is not created again; the output says which were matched. Several matches stop the case instead of guessing.',
	},
];

const dryRunOption: INodeProperties = {
	displayName: 'Dry Run',
	name: 'dryRun',
	type: 'boolean',
	default: false,
	description:
		'Whether to only check the case and look up what already exists, writing nothing; the output says what would be created',
};

const optionsOf = (
	versions: INodeProperties['displayOptions'],
	options: INodeProperties[],
): INodeProperties => ({
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	displayOptions: versions,
	options,
});
const optionsV2 = optionsOf({ show: { '@version': [{ _cnd: { gte: 2 } }] } }, sharedOptions);
const optionsV1 = optionsOf({ show: { '@version': [1] } }, [dryRunOption, ...sharedOptions]);

const properties: INodeProperties[] = [
	// Dry Run at the top from version 2, as in Case Status › Create and Sync; version 1 keeps it under Options.
	{ ...dryRunOption, displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } } },
	{
		displayName: 'External Reference',
		name: 'externalRef',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. PP-123456',
		description:
			'The case reference the matter carries, e.g. the Perfect Portal Case ID. A matter already carrying it is linked, never created again.',
	},
	...matterCodeProperties,
	...partiesProperties,
	optionsV2,
	optionsV1,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['matter'], operation: ['importCase'] } },
	properties,
);

/**
 * One Office's "Import Selected Cases" for one case, never half-written and never twice:
 *  1. every field of the matter, each client, contact and property is checked locally (importCase/plan.ts);
 *  2. a matter already carrying the external reference is linked: no client or matter is created (ticked contacts
 *     are still found or created and attached, so an import cut short completes on the next run);
 *  3. AppCode, Fee Earner, Branch and contact types are checked against the firm's lists, and every client and
 *     contact is looked up by its external reference, else by name + postcode (a returning client, an estate agent
 *     already in DPS) — all before the first write (importCase/resolve.ts, then the planner decides);
 *  4. only then are the missing clients created, the matter (keyed by the external reference), then the contacts
 *     (importCase/apply.ts). With Dry Run, steps 1–3 run and the output says what step 4 would create.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const day = today();
	const v2 = this.getNode().typeVersion >= 2;
	const options = v2
		? readOptions(this, [optionsV2], itemIndex)
		: readOptions(this, [optionsV1], itemIndex);
	const dryRun = v2
		? this.getNodeParameter('dryRun', itemIndex, false) === true
		: options.dryRun === true;
	const checked = checkCase(readCase(this, itemIndex, options), day);
	if (checked.problems.length)
		refuse(this, checked.problems, itemIndex, {
			system: 'DPS One Office',
			subject: checked.subject,
		});

	const matchByNamePostcode = options.matchByNamePostcode !== false;
	const found = await resolveCase(this, checked, matchByNamePostcode, itemIndex);
	const planned = planCase(checked, found);
	if (planned.problems.length)
		refuse(this, planned.problems, itemIndex, {
			system: 'DPS One Office',
			subject: checked.subject,
		});
	const plan = withAttached(planned, await attachedContacts(this, planned, itemIndex));

	if (dryRun) return renderDryRun(plan);
	return renderApplied(plan, await applyPlan(this, plan, itemIndex));
}
