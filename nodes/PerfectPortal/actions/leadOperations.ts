import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	filtersCollection,
	listOptionsField,
	readLimit,
	returnAllAndLimit,
	simplifyOption,
} from '../../shared/descriptions';
import { apiError, parseContractError } from '../../shared/errors';
import { collect } from '../../shared/paging';
import type { Operation } from '../../shared/router';
import { isoTimestamp, parseInput, z } from '../../shared/validate';
import { formatCase, simplifyLead } from '../mapping';
import type { LeadKind } from '../transport';
import { endpoints, findFirst, perfectPortalProfile, ppApi, ppList, ppRequest } from '../transport';
import {
	CASE_MANAGEMENT_TARGETS,
	caseOutputOption,
	isoOrUndefined,
	leadLocator,
	quoteLocator,
	readCaseOutput,
	readLeadId,
} from './common';

/**
 * Quotes (conveyancing) and leads (enquiries for other work) are the same Lead object under two paths, so their
 * operations are built once here for each resource.
 */
const resourceOf = (kind: LeadKind) => (kind === 'quote' ? 'quote' : 'lead');
const locatorOf = (kind: LeadKind) => (kind === 'quote' ? quoteLocator : leadLocator);
const noun = (kind: LeadKind) => (kind === 'quote' ? 'quote' : 'lead');

function shape(raw: IDataObject, simplify: boolean): IDataObject {
	return simplify ? simplifyLead(raw) : raw;
}

export function getOperation(kind: LeadKind): Operation {
	return {
		description: updateDisplayOptions(
			{ show: { resource: [resourceOf(kind)], operation: ['get'] } },
			[locatorOf(kind), simplifyOption],
		),
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
			const id = readLeadId.call(this, itemIndex, kind);
			const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
			const found = await ppApi<IDataObject>(this, 'GET', endpoints.lead(kind, id), { itemIndex });
			return [{ json: shape(found, simplify) }];
		},
	};
}

const filtersSchema = z.object({
	status: z.array(z.enum(['open', 'converted', 'lost', 'expired'])).optional(),
	createdSince: isoTimestamp.optional().or(z.literal('')),
	updatedSince: isoTimestamp.optional().or(z.literal('')),
});

export function getAllOperation(kind: LeadKind): Operation {
	const properties: INodeProperties[] = [
		...returnAllAndLimit(),
		filtersCollection([
			{
				displayName: 'Created Since',
				name: 'createdSince',
				type: 'dateTime',
				default: '',
				description: `Only ${noun(kind)}s created at or after this time`,
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'multiOptions',
				options: [
					{ name: 'Converted', value: 'converted' },
					{ name: 'Expired', value: 'expired' },
					{ name: 'Lost', value: 'lost' },
					{ name: 'Open', value: 'open' },
				],
				default: ['open'],
			},
			{
				displayName: 'Updated Since',
				name: 'updatedSince',
				type: 'dateTime',
				default: '',
				description: `Only ${noun(kind)}s changed at or after this time (oldest change first)`,
			},
		]),
		simplifyOption,
	];
	return {
		description: updateDisplayOptions(
			{ show: { resource: [resourceOf(kind)], operation: ['getAll'] } },
			properties,
		),
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
			const limit = readLimit(this, itemIndex);
			const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
			const filters = parseInput(
				this.getNode(),
				filtersSchema,
				this.getNodeParameter('filters', itemIndex, {}),
				itemIndex,
				{ field: 'Filters' },
			);
			const query = {
				status: filters.status?.length ? filters.status.join(',') : undefined,
				created_since: isoOrUndefined(filters.createdSince),
				updated_since: isoOrUndefined(filters.updatedSince),
			};
			const rows = await collect(
				ppList<IDataObject>(this, endpoints.leads(kind), query, { limit, itemIndex }),
				limit,
			);
			return rows.map((row) => ({ json: shape(row, simplify) }));
		},
	};
}

const conversionSchema = z.object({
	personResponsibleId: z
		.string({ invalid_type_error: 'must be a staff ID' })
		.trim()
		.min(1, 'is empty; pick who will be responsible for the case'),
	conversionNotes: z.string().max(5000, 'is longer than 5,000 characters').optional(),
	caseManagementTarget: z.enum(['dps_one_office', 'smokeball', 'leap', 'other']).optional(),
	appCode: z.string().trim().max(10, 'is longer than 10 characters').optional(),
	branchId: z.string().trim().optional(),
});

export function convertOperation(kind: LeadKind): Operation {
	const properties: INodeProperties[] = [
		locatorOf(kind),
		{
			displayName: 'Person Responsible Name or ID',
			name: 'personResponsibleId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getStaff' },
			default: '',
			required: true,
			description:
				'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			hint: "The fee earner who will do the work; becomes the case's fee earner",
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'AppCode',
					name: 'appCode',
					type: 'string',
					default: '',
					placeholder: 'e.g. CP',
					description:
						'Overrides the Application Code of the work type (DPS One Office checks it on import). At most 10 characters.',
				},
				listOptionsField(
					'Branch',
					'branchId',
					'getBranches',
					"The branch doing the work; the fee earner's branch when not set",
				),
				{
					displayName: 'Case Management Target',
					name: 'caseManagementTarget',
					type: 'options',
					options: CASE_MANAGEMENT_TARGETS,
					default: 'dps_one_office',
					description: 'The case-management system the case should be sent to',
				},
				{
					displayName: 'Conversion Notes',
					name: 'conversionNotes',
					type: 'string',
					typeOptions: { rows: 4 },
					default: '',
					description:
						'Notes for the new case; case-management systems add them as memos on the matter. At most 5,000 characters.',
				},
			],
		},
		caseOutputOption,
	];
	return {
		description: updateDisplayOptions(
			{ show: { resource: [resourceOf(kind)], operation: ['convert'] } },
			properties,
		),
		/**
		 * Converts the quote or lead into a case, once: the case made from it is looked up first (`?quote_id=` /
		 * `?lead_id=`), the conversion may be retried after an ambiguous failure, and 409 already_converted
		 * answers with the existing case. Output carries `created` (false when it was converted before).
		 */
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
			const id = readLeadId.call(this, itemIndex, kind);
			const output = readCaseOutput.call(this, itemIndex);
			const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
			const input = parseInput(
				this.getNode(),
				conversionSchema,
				{
					personResponsibleId: String(this.getNodeParameter('personResponsibleId', itemIndex, '')),
					conversionNotes: (extra.conversionNotes as string) || undefined,
					caseManagementTarget: (extra.caseManagementTarget as string) || undefined,
					appCode: (extra.appCode as string) || undefined,
					branchId: (extra.branchId as string) || undefined,
				},
				itemIndex,
			);
			const caseOf = async (caseId: string, created: boolean) => {
				const record = await ppApi<IDataObject>(this, 'GET', endpoints.case(caseId), { itemIndex });
				return [{ json: { ...formatCase(record, output), created } }];
			};

			const filter = kind === 'quote' ? { quote_id: id } : { lead_id: id };
			const existing = await findFirst<IDataObject>(this, endpoints.cases(), filter, itemIndex);
			if (existing) return await caseOf(String(existing.case_id), false);

			const body: IDataObject = { person_responsible_id: input.personResponsibleId };
			if (input.conversionNotes) body.conversion_notes = input.conversionNotes;
			if (input.caseManagementTarget) body.case_management_target = input.caseManagementTarget;
			if (input.appCode) body.app_code = input.appCode;
			if (input.branchId) body.branch_id = input.branchId;
			const response = await ppRequest<IDataObject>(this, 'POST', endpoints.convert(kind, id), {
				body,
				idempotent: true,
				accept: [409],
				itemIndex,
			});
			if (response.status !== 409) {
				return [{ json: { ...formatCase(response.body, output), created: true } }];
			}
			const conflict = parseContractError(409, response.body);
			const existingId = conflict.details?.existing_id;
			if (conflict.code !== 'already_converted' || !existingId) {
				throw apiError(this.getNode(), perfectPortalProfile.system, 409, conflict, itemIndex, 1);
			}
			return await caseOf(String(existingId), false);
		},
	};
}
