import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllAndLimit, readLimit } from '../../../shared/descriptions';
import { collect } from '../../../shared/paging';
import { endpoints, ppList } from '../../transport';
import { caseLocator, readCaseId } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Scope',
		name: 'scope',
		type: 'options',
		options: [
			{
				name: "Firm's Key Stages",
				value: 'firm',
				description:
					'The key stages set up in Setup & Manage, in their order, with their CMS mapping',
			},
			{
				name: 'History of a Case',
				value: 'case',
				description: 'The key stages one case reached, oldest first',
			},
		],
		default: 'firm',
	},
	{ ...caseLocator, displayOptions: { show: { scope: ['case'] } } },
	...returnAllAndLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { scope: ['firm'] } },
		options: [
			{
				displayName: 'Active',
				name: 'active',
				type: 'boolean',
				default: true,
				description: 'Whether to return only active key stages (on) or only retired ones (off)',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['keyStage'], operation: ['getAll'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const scope = this.getNodeParameter('scope', itemIndex, 'firm') as string;
	const limit = readLimit(this, itemIndex);
	if (scope === 'case') {
		const caseId = readCaseId.call(this, itemIndex);
		const events = await collect(
			ppList<IDataObject>(this, endpoints.caseKeyStages(caseId), {}, { limit, itemIndex }),
			limit,
		);
		return events.map((e) => ({ json: { case_id: caseId, ...e } }));
	}
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const query = {
		active: typeof filters.active === 'boolean' ? String(filters.active) : undefined,
	};
	const stages = await collect(
		ppList<IDataObject>(this, endpoints.keyStages(), query, { limit, itemIndex }),
		limit,
	);
	return stages.map((json) => ({ json }));
}
