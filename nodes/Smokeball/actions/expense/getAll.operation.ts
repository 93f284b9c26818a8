import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { listDescription, listRecords } from '../fee/getAll.operation';

export const description = listDescription('expense');

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	return await listRecords(this, itemIndex, 'expense');
}
