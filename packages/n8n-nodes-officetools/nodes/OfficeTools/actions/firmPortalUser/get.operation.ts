import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { endpoints, officeToolsApi } from '../../transport';
import { portalUserLocator, readLocatorId } from '../common';

const properties: INodeProperties[] = [portalUserLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['firmPortalUser'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const userId = readLocatorId.call(
		this,
		'user',
		'Firm Portal User',
		itemIndex,
		'Pick a Firm Portal user from the list or enter their ID (e.g. pu_1001).',
	);
	const user = await officeToolsApi<IDataObject>(this, 'GET', endpoints.portalUser(userId), {
		itemIndex,
	});
	return [{ json: user }];
}
