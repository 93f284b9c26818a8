import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filtersCollection, readLimit, returnAllAndLimit } from '../../../shared/descriptions';
import { simplifyFile } from '../../mapping';
import { listRows } from '../../../shared/listRows';
import { endpoints, smokeballList } from '../../transport';
import { matterLocator, readMatterId, readSimplify, simplifyProperty } from '../common';

const properties: INodeProperties[] = [
	matterLocator,
	...returnAllAndLimit(),
	filtersCollection([
		{
			displayName: 'File Extension',
			name: 'fileExtension',
			type: 'string',
			default: '',
			placeholder: 'e.g. pdf',
		},
		{
			displayName: 'Name Contains',
			name: 'query',
			type: 'string',
			default: '',
			placeholder: 'e.g. contract',
		},
	]),
	simplifyProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['document'], operation: ['getAll'] } },
	properties,
);

/** File metadata of a matter's documents (flat list of every folder); Download gets the bytes. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const matterId = readMatterId(this, itemIndex);
	const limit = readLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const simplify = readSimplify(this, itemIndex);
	const search: string[] = [];
	const text = typeof filters.query === 'string' ? filters.query.trim() : '';
	const extension = typeof filters.fileExtension === 'string' ? filters.fileExtension.trim() : '';
	if (text) search.push(`query:${text}`);
	if (extension)
		search.push(`fileExtension:${extension.startsWith('.') ? extension : `.${extension}`}`);
	const query = { Search: search.length ? search : undefined };
	return await listRows(
		this,
		smokeballList,
		endpoints.files(matterId),
		query,
		{ limit, itemIndex },
		(f) => (simplify ? simplifyFile(f) : f),
	);
}
