import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { endpoints, smokeballApi } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Include Deleted',
		name: 'includeDeleted',
		type: 'boolean',
		default: false,
		description: 'Whether to return referral types the firm has deleted too',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['referralType'], operation: ['getAll'] } },
	properties,
);

/** The firm's referral types (GET /referraltypes: one collection, not paged): Smokeball's referrers. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const includeDeleted = this.getNodeParameter('includeDeleted', itemIndex, false) as boolean;
	const body = await smokeballApi<{ value?: IDataObject[] }>(
		this,
		'GET',
		endpoints.referralTypes(),
		{ itemIndex },
	);
	return (body?.value ?? [])
		.filter((t) => includeDeleted || t.isDeleted !== true)
		.map((t) => ({
			json: { id: t.id ?? null, name: t.name ?? null, isDeleted: t.isDeleted === true },
		}));
}
