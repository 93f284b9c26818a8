import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiError, parseContractError, withStatus } from '../../../shared/errors';
import { parseInput, z } from '../../../shared/validate';
import { endpoints, perfectPortalProfile, ppRequest } from '../../transport';
import { CASE_MANAGEMENT_TARGETS, caseLocator, readCaseId } from '../common';

const properties: INodeProperties[] = [
	caseLocator,
	{
		displayName: 'System',
		name: 'system',
		type: 'options',
		options: CASE_MANAGEMENT_TARGETS,
		default: 'dps_one_office',
		description: 'The case-management system the matter was created in',
	},
	{
		displayName: 'Matter Reference',
		name: 'matterRef',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. SMI001-0001',
		description: "The matter's reference there, e.g. the DPS Mat Ref. At most 50 characters.",
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Client References',
				name: 'clientRefs',
				type: 'string',
				default: '',
				placeholder: 'e.g. SMI001, SMI002',
				description:
					'The client references made for the case, e.g. DPS Client Refs, comma-separated',
			},
			{
				displayName: 'Matter URL',
				name: 'matterUrl',
				type: 'string',
				default: '',
				description: 'A link that opens the matter',
			},
			{
				displayName: 'Replace Existing Link',
				name: 'replace',
				type: 'boolean',
				default: false,
				description:
					'Whether to replace a link to a different matter. Off: a case already linked elsewhere is an error, so a matter is never silently swapped.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['case'], operation: ['linkMatter'] } },
	properties,
);

const inputSchema = z.object({
	system: z.enum(['dps_one_office', 'smokeball', 'leap', 'other']),
	matterRef: z
		.string()
		.trim()
		.min(1, 'is empty; give the matter reference, e.g. the DPS Mat Ref')
		.max(50, 'is longer than 50 characters'),
	clientRefs: z.array(z.string().max(50, 'has a reference longer than 50 characters')),
	matterUrl: z.string().trim().url('must be a URL such as https://…').optional(),
	replace: z.boolean(),
});

/**
 * Records the case-management matter made from the case ("DPS Mat Ref"). An idempotent PUT: the same link again
 * changes nothing; a link to another matter is refused (409 link_exists) unless Replace Existing Link is on.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const caseId = readCaseId.call(this, itemIndex);
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const input = parseInput(
		this.getNode(),
		inputSchema,
		{
			system: this.getNodeParameter('system', itemIndex),
			matterRef: this.getNodeParameter('matterRef', itemIndex, ''),
			clientRefs: String(extra.clientRefs ?? '')
				.split(',')
				.map((r) => r.trim())
				.filter(Boolean),
			matterUrl:
				typeof extra.matterUrl === 'string' && extra.matterUrl ? extra.matterUrl : undefined,
			replace: extra.replace === true,
		},
		itemIndex,
	);
	const body: IDataObject = {
		system: input.system,
		matter_ref: input.matterRef,
		client_refs: input.clientRefs,
		matter_url: input.matterUrl ?? null,
	};
	if (input.replace) body.replace = true;
	const response = await ppRequest<IDataObject>(this, 'PUT', endpoints.caseManagementLink(caseId), {
		body,
		accept: [409],
		itemIndex,
	});
	if (response.status === 409) {
		const conflict = parseContractError(409, response.body);
		const error = apiError(
			this.getNode(),
			perfectPortalProfile.system,
			409,
			conflict,
			itemIndex,
			1,
		);
		error.description = withStatus(
			`Case ${caseId} is already linked to matter ${String(conflict.details?.existing_id ?? '')}. Check which matter is right; to move the link, turn on "Replace Existing Link".`,
			409,
		);
		throw error;
	}
	return [{ json: { case_id: caseId, ...response.body } }];
}
