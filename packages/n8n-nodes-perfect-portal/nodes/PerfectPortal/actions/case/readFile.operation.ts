import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { clock } from '../../../shared/clock';
import { readInputField } from '../../../shared/download';
import type { FileFormat } from '../../downloadFile';
import { readDownloadFile } from '../../downloadFile';

const properties: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field holding the file downloaded from Perfect Portal',
	},
	{
		displayName: 'File Format',
		name: 'fileFormat',
		type: 'options',
		default: 'auto',
		options: [
			{
				name: 'By File Name',
				value: 'auto',
				description: 'By the extension of the file name (JSON or CSV), else by its first character',
			},
			{ name: 'CSV', value: 'csv', description: 'One line per client, contact or property' },
			{ name: 'JSON', value: 'json', description: "The cases in the download's own shape" },
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['case'], operation: ['readFile'] } },
	properties,
);

/**
 * One Office's "Open from File": the cases of a file downloaded from Perfect Portal (JSON or CSV), each in the
 * download's own shape with the file's download date, and every row that cannot be loaded with the reason and the
 * fix (`reason_code`). Reads no API: the import reads each case again before writing anything.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const property = readInputField(this, itemIndex);
	const binary = this.helpers.assertBinaryData(itemIndex, property);
	const content = await this.helpers.getBinaryDataBuffer(itemIndex, property);
	const format = this.getNodeParameter('fileFormat', itemIndex, 'auto') as FileFormat;
	const fileName = binary.fileName ?? property;
	const file = readDownloadFile(content, fileName, format, clock.now());
	const loaded = file.cases.map((c) => ({
		first: c.rows[0],
		json: {
			...c.record,
			download_date: file.downloadDate,
			file_name: fileName,
			file_rows: c.rows,
		},
	}));
	const refused = file.refused.map((r) => ({
		first: r.row ?? 0,
		json: {
			file_name: fileName,
			file_row: r.row,
			case_id: r.caseId,
			download_date: file.downloadDate,
			reason_code: r.code,
			reason: r.reason,
			fix: r.fix,
		},
	}));
	return [...loaded, ...refused].sort((a, b) => a.first - b.first).map(({ json }) => ({ json }));
}
