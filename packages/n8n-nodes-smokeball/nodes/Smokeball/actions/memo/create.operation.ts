import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filled, parseInput, z } from '../../../shared/validate';
import { simplifyMemo } from '../../mapping';
import { isoDateTime, matterLocator, optionalGuid, readMatterId, readSimplify } from '../common';
import { createOptions, createUnlessSame } from '../lookups';

const properties: INodeProperties[] = [
	matterLocator,
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Conversion notes',
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		description: 'Plain text or RTF',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Created Date',
				name: 'createdDate',
				type: 'dateTime',
				default: '',
				description: 'When the memo was written; now when empty',
			},
			{
				displayName: 'Author User Name or ID',
				name: 'userId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getUsers' },
				default: '',
				description:
					'The firm user shown as the author. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},
	...createOptions('Memo', 'title and text'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['memo'], operation: ['create'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const matterId = readMatterId(this, itemIndex);
	const { Title: title, Text: text } = parseInput(
		this.getNode(),
		z.object({ Title: filled, Text: z.string().refine((v) => v.trim() !== '', 'is empty') }),
		{
			Title: String(this.getNodeParameter('title', itemIndex, '')),
			Text: String(this.getNodeParameter('text', itemIndex, '')),
		},
		itemIndex,
		{ fix: { Title: 'Give the memo a title.', Text: 'Enter the memo text.' } },
	);
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const simplify = readSimplify(this, itemIndex);
	const body: IDataObject = { title, text };
	const userId = optionalGuid(this, itemIndex, extra.userId, 'Author User');
	if (userId) body.userId = userId;
	const created = isoDateTime(this, itemIndex, extra.createdDate, 'Created Date');
	if (created) body.createdDateUtc = created;

	return await createUnlessSame(this, itemIndex, 'memo', matterId, body, {
		same: (m) => m.title === title && (m.plainText === text.trim() || m.text === text),
		output: (memo) => (simplify ? simplifyMemo(memo) : memo),
	});
}
