import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listOptionsField } from '../../../shared/descriptions';
import { refuseField } from '../../../shared/problems';
import { duplicateRefConflict, refWriteCall } from '../../../shared/externalRef';
import { parseInput, z } from '../../../shared/validate';
import { casePeerProfile, casePeerRequest, endpoints } from '../../transport';
import type { ListBody } from '../../transport';
import { caseLocator, noteCategoryId, readCaseId } from '../common';

const properties: INodeProperties[] = [
	caseLocator,
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		description: 'The note, as plain text (line breaks are kept). At most 20,000 characters.',
	},
	{
		displayName: 'External Reference',
		name: 'externalRef',
		type: 'string',
		default: '',
		placeholder: 'e.g. casestatus:message:81234',
		description:
			'A reference unique in the firm, e.g. the ID of the message this note copies. When set, a note that already carries it is returned instead of writing a second one, so re-running the workflow never duplicates notes.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			listOptionsField(
				'Category',
				'categoryId',
				'getNoteCategories',
				"The note category, by name or ID; the firm's default category when not set",
			),
			{
				displayName: 'Critical',
				name: 'isCritical',
				type: 'boolean',
				default: false,
				description: 'Whether to mark the note as a Critical Case Note',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['caseNote'], operation: ['create'] } },
	properties,
);

const inputSchema = z.object({
	text: z
		.string({ required_error: 'is required', invalid_type_error: 'must be text' })
		.refine((t) => t.trim().length > 0, 'is empty; a note needs some text')
		.refine((t) => t.length <= 20000, 'is longer than 20,000 characters'),
	externalRef: z.string().trim().max(100, 'is longer than 100 characters').optional(),
	categoryId: z.union([z.string(), z.number()]).optional(),
	isCritical: z.boolean().optional(),
});

/**
 * The note on this case that carries the external reference, if any. A case that reads as 404 (deleted or merged
 * since) is not an error here: the create that follows answers 409 for a note written earlier, or 422.
 */
async function findByRef(
	ctx: IExecuteFunctions,
	caseId: number,
	externalRef: string,
	itemIndex: number,
): Promise<{ note?: IDataObject; caseGone: boolean }> {
	const found = await casePeerRequest<ListBody<IDataObject>>(
		ctx,
		'GET',
		endpoints.caseNotes(caseId),
		{
			query: { external_ref: externalRef, page: 1, per_page: 1 },
			accept: [404],
			itemIndex,
		},
	);
	if (found.status === 404) return { caseGone: true };
	return { note: found.body?.data?.[0], caseGone: false };
}

/**
 * Writes a case note. With an External Reference it is idempotent: look up first, create with retries allowed,
 * and take a 409 duplicate_external_ref (an earlier attempt that did land) as "already exists".
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const caseId = readCaseId.call(this, itemIndex);
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const input = parseInput(
		this.getNode(),
		inputSchema,
		{
			text: this.getNodeParameter('text', itemIndex),
			externalRef: (this.getNodeParameter('externalRef', itemIndex, '') as string) || undefined,
			categoryId: extra.categoryId === '' ? undefined : extra.categoryId,
			isCritical: extra.isCritical,
		},
		itemIndex,
	);
	const externalRef = input.externalRef || undefined;

	if (externalRef) {
		const { note } = await findByRef(this, caseId, externalRef, itemIndex);
		if (note) return [{ json: { ...note, created: false } }];
	}

	const body: IDataObject = { text: input.text };
	if (input.categoryId !== undefined && String(input.categoryId).trim()) {
		body.category_id = await noteCategoryId(this, String(input.categoryId), itemIndex);
	}
	if (input.isCritical !== undefined) body.is_critical = input.isCritical;
	if (externalRef) body.external_ref = externalRef;

	const response = await casePeerRequest<IDataObject>(this, 'POST', endpoints.caseNotes(caseId), {
		body,
		...refWriteCall(externalRef, itemIndex),
	});
	const conflict = duplicateRefConflict(this, casePeerProfile.system, response, itemIndex);
	if (!conflict) return [{ json: { ...response.body, created: true } }];
	const existingId = conflict.details?.existing_id ?? null;
	const again = await findByRef(this, caseId, externalRef!, itemIndex);
	if (again.note) return [{ json: { ...again.note, created: false } }];
	if (again.caseGone) {
		// The note exists but its case can no longer be read (deleted or merged after the first attempt).
		return [
			{ json: { id: existingId, case_id: caseId, external_ref: externalRef, created: false } },
		];
	}
	refuseField(this, itemIndex, 'CASEpeer', {
		field: 'External Reference',
		code: 'duplicate_external_ref',
		message: `'${externalRef}' is already used by CASEpeer note ${String(existingId ?? '')} on another case`,
		fix: 'External references are unique across the firm. Use a reference that names this case, or write the note to the case that already holds it.',
	});
}
