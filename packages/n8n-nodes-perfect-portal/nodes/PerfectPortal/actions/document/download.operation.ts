import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { documentIdField, downloadDocument, outputFileField } from '../../../shared/download';
import { endpoints, ppRequest } from '../../transport';

const properties: INodeProperties[] = [documentIdField('e.g. doc_9001'), outputFileField];

export const description = updateDisplayOptions(
	{ show: { resource: ['document'], operation: ['download'] } },
	properties,
);

/** A case's or quote's document as binary data, with its name, type and size (shared/download.ts). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	return await downloadDocument(this, itemIndex, ppRequest, endpoints.documentContent);
}
