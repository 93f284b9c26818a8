import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { refuse } from '../../../shared/problems';
import { checkParty } from '../../mapping';
import { endpoints } from '../../transport';
import {
	ambiguousProblem,
	createOnce,
	findExistingClient,
	matchByNamePostcodeDescription,
} from '../lookups';
import { today } from '../common';
import { partyProperties, readParty } from '../party';

const properties: INodeProperties[] = [
	...partyProperties({ prefix: '', label: '', client: true }),
	{
		displayName: 'Use Existing Client With Same Name and Postcode',
		name: 'matchByNamePostcode',
		type: 'boolean',
		default: true,
		description: matchByNamePostcodeDescription,
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['client'], operation: ['create'] } },
	properties,
);

/**
 * Creates a client, never twice: every field is checked first, then a client already carrying the external
 * reference (or, when asked, the one client with the same name and postcode) is returned instead. The create is
 * keyed by the external reference, so a retry after a lost response answers 409 and returns the client it made.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const input = readParty(this, itemIndex, { prefix: '', client: true });
	const matchByNamePostcode = this.getNodeParameter(
		'matchByNamePostcode',
		itemIndex,
		true,
	) as boolean;
	const { body, problems } = checkParty(input, { client: true, today: today() });
	if (problems.length)
		refuse(this, problems, itemIndex, {
			system: 'DPS One Office',
			subject: 'the client cannot be created',
		});

	const match = await findExistingClient(this, body, matchByNamePostcode, itemIndex);
	if (match.kind === 'exists' || match.kind === 'matched') {
		return [{ json: { action: match.kind, ...match.record } }];
	}
	if (match.kind === 'ambiguous') {
		refuse(this, [ambiguousProblem(match.candidates, 'Name and Postcode')], itemIndex, {
			system: 'DPS One Office',
			subject: 'the client cannot be created',
		});
	}
	const externalRef = typeof body.external_ref === 'string' ? body.external_ref : undefined;
	const { action, record } = await createOnce(this, {
		listPath: endpoints.clients(),
		recordPath: endpoints.client,
		body,
		externalRef,
		lookedUp: true,
		itemIndex,
	});
	return [{ json: { action, ...(record as IDataObject) } }];
}
