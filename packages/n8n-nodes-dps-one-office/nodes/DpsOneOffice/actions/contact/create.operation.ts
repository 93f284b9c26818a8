import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { refuse } from '../../../shared/problems';
import { checkContactType } from '../../firmLists';
import { checkParty, clean } from '../../mapping';
import { endpoints } from '../../transport';
import { today } from '../common';
import { createOnce } from '../lookups';
import { partyProperties, readParty } from '../party';
import { contactTypeProperty } from './fields';

const properties: INodeProperties[] = [
	contactTypeProperty("The contact's default DPS contact type"),
	...partyProperties({ prefix: '', label: '', client: false }),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['create'] } },
	properties,
);

/**
 * Creates a contact (a party that is not the client). Fields and the contact type are checked first (the type
 * against the firm's list); a contact already carrying the external reference is returned instead of a second one.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const input = readParty(this, itemIndex, { prefix: '', client: false });
	const contactType = clean(this.getNodeParameter('contactType', itemIndex, ''));
	const { body, problems } = checkParty(input, { client: false, today: today() });
	if (contactType === undefined) {
		problems.unshift({
			field: 'Contact Type',
			code: 'empty',
			message: 'is empty',
			fix: 'Pick the DPS contact type from the list, e.g. EA for an estate agent.',
		});
	}
	if (problems.length)
		refuse(this, problems, itemIndex, {
			system: 'DPS One Office',
			subject: 'the contact cannot be created',
		});
	const typeProblems = await checkContactType(this, contactType!);
	if (typeProblems.length)
		refuse(this, typeProblems, itemIndex, {
			system: 'DPS One Office',
			subject: 'the contact cannot be created',
		});

	const externalRef = typeof body.external_ref === 'string' ? body.external_ref : undefined;
	const { action, record } = await createOnce(this, {
		listPath: endpoints.contacts(),
		recordPath: endpoints.contact,
		body: { contact_type: contactType, ...body },
		externalRef,
		itemIndex,
	});
	return [{ json: { action, ...(record as IDataObject) } }];
}
