import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { refuse } from '../../../shared/problems';
import type { Problem } from '../../../shared/problems';
import { checkMatterCodes } from '../../firmLists';
import type { MatterInput } from '../../mapping';
import { checkMatter, checkParty, clean } from '../../mapping';
import { dpsFind, endpoints } from '../../transport';
import {
	ambiguousProblem,
	createOnce,
	findByExternalRef,
	findExistingClient,
	matchByNamePostcodeDescription,
} from '../lookups';
import { clientLocator, today, withNote } from '../common';
import { partyProperties, readParty } from '../party';
import { matterCodeProperties } from './fields';
import { propertyDetailsProperty, readPropertyDetails } from './propertyDetails';

const existingClient = { show: { clientSource: ['existing'] } };
const newClient = { show: { clientSource: ['findOrCreate'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Client',
		name: 'clientSource',
		type: 'options',
		options: [
			{
				name: 'Existing Client',
				value: 'existing',
				description: 'The matter is for a client already in DPS',
			},
			{
				name: 'Find or Create Client',
				value: 'findOrCreate',
				description:
					'Use the client that carries the external reference (or, if allowed, the one with the same name and postcode); create it otherwise, after every matter field was checked',
			},
		],
		default: 'existing',
	},
	{ ...clientLocator, displayName: 'Client Ref', displayOptions: existingClient },
	...partyProperties({ prefix: 'client', label: 'Client ', client: true }).map((p) => ({
		...p,
		displayOptions: { show: { ...(p.displayOptions?.show ?? {}), ...newClient.show } },
	})),
	{
		displayName: 'Use Existing Client With Same Name and Postcode',
		name: 'clientMatchByNamePostcode',
		type: 'boolean',
		default: true,
		description: matchByNamePostcodeDescription,
		displayOptions: newClient,
	},
	...matterCodeProperties,
	{
		displayName: 'External Reference',
		name: 'externalRef',
		type: 'string',
		default: '',
		placeholder: 'e.g. PP-123456',
		description:
			'The Perfect Portal Case ID (or another unique reference). When set, a matter that already carries it is returned instead of creating a second one, and a retried create never duplicates.',
	},
	propertyDetailsProperty,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Additional Client Refs',
				name: 'additionalClientRefs',
				type: 'string',
				default: '',
				placeholder: 'e.g. SMI002, PAT001',
				description: 'Joint clients, comma-separated; each must already exist in DPS',
			},
			{
				displayName: 'External Source',
				name: 'externalSource',
				type: 'string',
				default: 'perfect_portal',
				description: 'Where the external reference comes from',
			},
			{
				displayName: 'Opened On',
				name: 'openedOn',
				type: 'dateTime',
				default: '',
				description: 'Today when not set; not in the future',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['matter'], operation: ['create'] } },
	properties,
);

function readMatter(ctx: IExecuteFunctions, itemIndex: number): MatterInput {
	const get = (name: string) => String(ctx.getNodeParameter(name, itemIndex, '') ?? '');
	const extra = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const properties = readPropertyDetails(ctx, itemIndex);
	return {
		appCode: get('appCode'),
		feeEarner: get('feeEarner'),
		branch: get('branch'),
		matterDetails: get('matterDetails'),
		externalRef: get('externalRef'),
		externalSource: clean(extra.externalSource),
		additionalClientRefs: String(extra.additionalClientRefs ?? '')
			.split(',')
			.map((r) => r.trim())
			.filter(Boolean),
		openedOn: clean(extra.openedOn),
		properties,
	};
}

/**
 * Imports a matter the way One Office's "Import Selected Cases" does, but never half-written and never twice:
 *  1. every field is checked locally (nothing is sent while one is wrong);
 *  2. a matter already carrying the external reference (the Perfect Portal Case ID) is returned as it is;
 *  3. AppCode, Fee Earner and Branch are checked against the firm's lists (active, and the fee earner's rights to
 *     the AppCode), and the client(s) are looked up — all before the first write;
 *  4. only then is the client created (when it has to be) and the matter created, keyed by the external reference.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const day = today();
	const clientSource = this.getNodeParameter('clientSource', itemIndex, 'existing') as string;
	const input = readMatter(this, itemIndex);
	const matter = checkMatter(input, day);
	const problems: Problem[] = [...matter.problems];
	const externalRef = matter.body.external_ref as string | undefined;
	const subject = `the matter${externalRef ? ` for ${externalRef}` : ''} cannot be created`;

	let clientRef: string | undefined;
	let clientBody: IDataObject | undefined;
	if (clientSource === 'findOrCreate') {
		const party = checkParty(readParty(this, itemIndex, { prefix: 'client', client: true }), {
			client: true,
			label: 'Client ',
			today: day,
		});
		problems.push(...party.problems);
		clientBody = party.body;
	} else {
		const locator = this.getNodeParameter('client', itemIndex, '') as IDataObject | string;
		clientRef = clean(typeof locator === 'object' && locator !== null ? locator.value : locator);
		if (clientRef === undefined)
			problems.push({
				field: 'Client Ref',
				code: 'empty',
				message: 'is empty',
				fix: 'Pick the client from the list or enter its Client Ref, e.g. SMI001.',
			});
	}
	if (problems.length) refuse(this, problems, itemIndex, { system: 'DPS One Office', subject });

	if (externalRef) {
		const existing = await findByExternalRef(this, endpoints.matters(), externalRef, itemIndex);
		if (existing) return [{ json: { action: 'exists', ...existing } }];
	}

	// The pre-write check: everything the matter needs, before the client is created.
	problems.push(
		...(await checkMatterCodes(this, {
			appCode: input.appCode.trim(),
			feeEarner: input.feeEarner.trim(),
			branch: input.branch.trim(),
		})),
	);
	const refsToCheck = [
		...(clientRef ? [{ ref: clientRef, field: 'Client Ref' }] : []),
		...input.additionalClientRefs.map((ref) => ({ ref, field: 'Additional Client Refs' })),
	];
	for (const { ref, field } of refsToCheck) {
		if (!(await dpsFind(this, endpoints.client(ref), itemIndex))) {
			problems.push({
				field,
				code: 'unknown_client',
				message: `'${ref}' is not a DPS client`,
				fix: 'Check the Client Ref (e.g. SMI001), or create the client first.',
			});
		}
	}
	let clientAction = 'existing';
	let found: IDataObject | undefined;
	if (clientBody) {
		const matchByNamePostcode = this.getNodeParameter(
			'clientMatchByNamePostcode',
			itemIndex,
			true,
		) as boolean;
		const match = await findExistingClient(this, clientBody, matchByNamePostcode, itemIndex);
		if (match.kind === 'ambiguous') problems.push(ambiguousProblem(match.candidates, 'Client'));
		else if (match.kind !== 'none') {
			found = match.record;
			clientAction = match.kind;
		}
	}
	if (problems.length) refuse(this, problems, itemIndex, { system: 'DPS One Office', subject });

	if (clientBody && found) clientRef = String(found.client_ref);
	else if (clientBody) {
		const clientExternalRef =
			typeof clientBody.external_ref === 'string' ? clientBody.external_ref : undefined;
		const created = await createOnce(this, {
			listPath: endpoints.clients(),
			recordPath: endpoints.client,
			body: clientBody,
			externalRef: clientExternalRef,
			lookedUp: true,
			itemIndex,
		});
		clientRef = String(created.record.client_ref);
		clientAction = created.action;
	}

	try {
		const { action, record } = await createOnce(this, {
			listPath: endpoints.matters(),
			recordPath: endpoints.matter,
			body: { client_ref: clientRef, ...matter.body },
			externalRef,
			lookedUp: true,
			itemIndex,
		});
		return [{ json: { action, ...record, client_action: clientAction } }];
	} catch (error) {
		throw withNote(
			error,
			clientAction === 'created'
				? `Client ${clientRef} was created before the matter failed${clientBody?.external_ref ? '; a re-run finds it by its external reference instead of creating it again' : ''}.`
				: '',
		);
	}
}
