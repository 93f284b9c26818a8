import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { matterLocator, readMatterId, readSimplify, simplifyProperty } from '../common';
import { designIdOf, simplifyLayoutItem } from './fields';
import { listItems } from './write';

const properties: INodeProperties[] = [
	matterLocator,
	{
		displayName: 'Layout Design Name or ID',
		name: 'layoutDesign',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getLayoutDesigns' },
		default: '',
		description:
			'Only the layouts of this design; all when empty. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	simplifyProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['layout'], operation: ['getAll'] } },
	properties,
);

/** The layouts filled in on a matter. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const matterId = readMatterId(this, itemIndex);
	const designId = String(this.getNodeParameter('layoutDesign', itemIndex, '') ?? '').trim();
	const simplify = readSimplify(this, itemIndex);
	const items = (await listItems(this, matterId, itemIndex)).filter(
		(i) => !designId || designIdOf(i) === designId,
	);
	return items.map((i) => ({ json: simplify ? simplifyLayoutItem(i, matterId) : i }));
}
