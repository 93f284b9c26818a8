import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { parseInput, z } from '../../../shared/validate';
import { endpoints, officeToolsApi } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Subdomain',
		name: 'subdomain',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. acmeaccounting',
		description:
			'The subdomain to check: lower-case letters, digits and inner hyphens, 3 to 63 characters. Nothing is reserved or changed.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['firmPortal'], operation: ['checkSubdomain'] } },
	properties,
);

const inputSchema = z.object({
	subdomain: z
		.string()
		.trim()
		.toLowerCase()
		.min(1, 'is empty; enter a subdomain, e.g. acmeaccounting'),
});

/**
 * OfficeTools' "Verify Link" check: whether the Firm Portal could be activated at a subdomain, and if not why
 * (invalid_format, reserved, taken, in_use_by_this_firm). Read-only, e.g. for a migration's dry run.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const input = parseInput(
		this.getNode(),
		inputSchema,
		{ subdomain: this.getNodeParameter('subdomain', itemIndex, '') },
		itemIndex,
	);
	const check = await officeToolsApi<IDataObject>(this, 'GET', endpoints.subdomainAvailability(), {
		query: { subdomain: input.subdomain },
		itemIndex,
	});
	return [
		{
			json: {
				subdomain: check.subdomain ?? input.subdomain,
				available: check.available === true,
				reason: check.reason ?? null,
			},
		},
	];
}
