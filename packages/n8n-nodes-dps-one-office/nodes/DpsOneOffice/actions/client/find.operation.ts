import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllAndLimit, readLimit } from '../../../shared/descriptions';
import { collect } from '../../../shared/paging';
import { parseInput, z } from '../../../shared/validate';
import { dpsList, endpoints } from '../../transport';

const byRef = { show: { findBy: ['externalRef'] } };
const byName = { show: { findBy: ['namePostcode'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Find By',
		name: 'findBy',
		type: 'options',
		options: [
			{
				name: 'External Reference',
				value: 'externalRef',
				description:
					'The reference your system gave the client, e.g. its Perfect Portal contact ID',
			},
			{
				name: 'Name and Postcode',
				value: 'namePostcode',
				description:
					'Exact name ("Alan Smith" or the organisation name, any case and spacing) at that postcode; there may be several',
			},
		],
		default: 'externalRef',
	},
	{
		displayName: 'External Reference',
		name: 'externalRef',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. ppc_1001',
		displayOptions: byRef,
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Alan Smith',
		description: 'First and last name of a person, or the organisation name',
		displayOptions: byName,
	},
	{
		displayName: 'Postcode',
		name: 'postcode',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. LS1 4AB',
		displayOptions: byName,
	},
	...returnAllAndLimit(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['client'], operation: ['find'] } },
	properties,
);

const required = (what: string) =>
	z
		.string({ required_error: 'is empty', invalid_type_error: 'must be text' })
		.trim()
		.min(1, `is empty; enter the ${what}`);

const inputSchema = z.discriminatedUnion('findBy', [
	z.object({ findBy: z.literal('externalRef'), externalRef: required('external reference') }),
	z.object({
		findBy: z.literal('namePostcode'),
		name: required('name'),
		postcode: required('postcode'),
	}),
]);

/** One output item per client found; none when nothing matches (turn on "Always Output Data" to go on). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const findBy = this.getNodeParameter('findBy', itemIndex) as string;
	const input = parseInput(
		this.getNode(),
		inputSchema,
		findBy === 'namePostcode'
			? {
					findBy,
					name: this.getNodeParameter('name', itemIndex, ''),
					postcode: this.getNodeParameter('postcode', itemIndex, ''),
				}
			: { findBy, externalRef: this.getNodeParameter('externalRef', itemIndex, '') },
		itemIndex,
	);
	const limit = readLimit(this, itemIndex);
	const query =
		input.findBy === 'namePostcode'
			? { name: input.name, postcode: input.postcode }
			: { external_ref: input.externalRef };
	const clients = await collect(
		dpsList<IDataObject>(this, endpoints.clients(), query, { limit, itemIndex }),
		limit,
	);
	return clients.map((json) => ({ json }));
}
