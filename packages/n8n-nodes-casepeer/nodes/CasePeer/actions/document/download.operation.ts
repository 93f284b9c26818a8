import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { documentIdField, downloadDocument, outputFileField } from '../../../shared/download';
import { casePeerRequest, endpoints } from '../../transport';

const properties: INodeProperties[] = [documentIdField('e.g. doc_8f2k1'), outputFileField];

export const description = updateDisplayOptions(
	{ show: { resource: ['document'], operation: ['download'] } },
	properties,
);

/** The document's bytes as binary data, with its name, type and size (shared/download.ts). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	return await downloadDocument(this, itemIndex, casePeerRequest, endpoints.documentContent);
}
