import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { refuse } from '../../../shared/problems';
import type { Problem } from '../../../shared/problems';
import { checkContactType } from '../../firmLists';
import { clean } from '../../mapping';
import { contactLocator, matterLocator, readRef } from '../common';
import { contactTypeProperty } from './fields';
import { attachOnce } from './lookups';

const properties: INodeProperties[] = [
	matterLocator,
	contactLocator,
	contactTypeProperty('The role the contact has on this matter (may differ from its default type)'),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Their Reference',
				name: 'reference',
				type: 'string',
				default: '',
				placeholder: 'e.g. HP/4471',
				description: "The contact's own reference for this matter (at most 50 characters)",
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['attach'] } },
	properties,
);

/**
 * Attaches a contact to a matter with a contact type, never twice: the matter's contacts are read first, and a
 * 409 already_attached (an earlier attempt that landed) counts as done. The contact type is checked against the
 * firm's list before writing.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const matRef = readRef(this, itemIndex, 'matter', 'Matter', 'SMI001-0001');
	const contactId = readRef(this, itemIndex, 'contact', 'Contact', 'CT00001');
	const contactType = clean(this.getNodeParameter('contactType', itemIndex, ''));
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const reference = clean(extra.reference);
	const problems: Problem[] = [];
	if (contactType === undefined)
		problems.push({
			field: 'Contact Type',
			code: 'empty',
			message: 'is empty',
			fix: 'Pick the DPS contact type from the list, e.g. LEN for the lender.',
		});
	if (reference !== undefined && reference.length > 50)
		problems.push({
			field: 'Their Reference',
			code: 'too_long',
			message: 'is longer than 50 characters',
			fix: 'Shorten it to 50 characters.',
		});
	if (problems.length)
		refuse(this, problems, itemIndex, {
			system: 'DPS One Office',
			subject: 'the contact cannot be attached',
		});
	const typeProblems = await checkContactType(this, contactType!);
	if (typeProblems.length)
		refuse(this, typeProblems, itemIndex, {
			system: 'DPS One Office',
			subject: 'the contact cannot be attached',
		});

	const { action, record } = await attachOnce(this, {
		matRef,
		contactId,
		contactType: contactType!,
		reference,
		itemIndex,
	});
	return [{ json: { action, mat_ref: matRef, ...record } }];
}
