import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { LegalCase, Party } from '../../../shared/model';
import { legalCaseSchema } from '../../../shared/model';
import { inputError } from '../../../shared/errors';
import { parseInput } from '../../../shared/validate';
import { firmConfig } from '../../lookups';
import type { Problem } from '../../mapping';
import { toCaseFields } from '../../mapping';
import { caseStatusApi, caseStatusRequest, endpoints } from '../../transport';
import { readStageMapping, stageMappingProperties } from '../stageMapping';
import { simplifyCase } from './common';

const fieldsMode = { source: ['fields'] };
const canonicalMode = { source: ['canonical'] };

const properties: INodeProperties[] = [
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description:
			'Whether to only check the case and return what would be imported (the mapped stage, the cell phones, every problem with its fix), writing nothing',
	},
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		options: [
			{
				name: 'Define Below',
				value: 'fields',
				description: 'Enter the case fields here, or map them with expressions',
			},
			{
				name: 'Case From a CASEpeer Node',
				value: 'canonical',
				description:
					'Each input item is a case from a CASEpeer node whose Output is "Canonical"; the stage is mapped with the Stage Mapping below',
			},
		],
		default: 'fields',
	},
	{
		displayName: 'Integration ID',
		name: 'integrationId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 27891',
		description:
			"The case's ID in your case management system; Case Status never holds two cases with the same one",
		displayOptions: { show: fieldsMode },
	},
	{
		displayName: 'Readable ID',
		name: 'readableId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 2025-0412',
		description: 'The case number people use',
		displayOptions: { show: fieldsMode },
	},
	{
		displayName: 'Case Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Lopez v. Acme Trucking',
		displayOptions: { show: fieldsMode },
	},
	{
		displayName: 'Primary Attorney Email',
		name: 'primaryAttorneyEmail',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		required: true,
		description: 'Must be an active attorney user in Case Status',
		displayOptions: { show: fieldsMode },
	},
	{
		displayName: 'Practice Area Name or ID',
		name: 'practiceArea',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getPracticeAreaNames' },
		default: '',
		required: true,
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		displayOptions: { show: fieldsMode },
	},
	{
		displayName: 'Stage Name or ID',
		name: 'stage',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getStageNames' },
		default: '',
		required: true,
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		displayOptions: { show: fieldsMode },
	},
	{
		displayName: 'Clients',
		name: 'clients',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Client',
		default: {},
		required: true,
		description: 'The first client is the primary client',
		displayOptions: { show: fieldsMode },
		options: [
			{
				name: 'client',
				displayName: 'Client',
				values: [
					{
						displayName: 'Birth Date',
						name: 'birthDate',
						type: 'string',
						default: '',
						placeholder: 'YYYY-MM-DD',
					},
					{
						displayName: 'Cell Phone',
						name: 'cellPhone',
						type: 'string',
						default: '',
						placeholder: '+15552017788',
						description: 'Clients log in with it; national numbers get the default country code',
					},
					{
						displayName: 'Company Name',
						name: 'companyName',
						type: 'string',
						default: '',
						description: 'Instead of first and last name, for a company client',
					},
					{
						displayName: 'Email',
						name: 'email',
						type: 'string',
						placeholder: 'name@email.com',
						default: '',
					},
					{
						displayName: 'First Name',
						name: 'firstName',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Last Name',
						name: 'lastName',
						type: 'string',
						default: '',
					},
				],
			},
		],
	},
	...stageMappingProperties.map((p) => ({ ...p, displayOptions: { show: canonicalMode } })),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Additional Attorney Emails',
				name: 'additionalAttorneyEmails',
				type: 'string',
				default: '',
				placeholder: 'sng@firm.com, mkhan@firm.com',
				description: 'Comma-separated; each must be an active attorney or paralegal user',
			},
			{
				displayName: 'Closed Cases',
				name: 'closedCases',
				type: 'options',
				options: [
					{
						name: 'Do Not Import',
						value: 'refuse',
						description:
							'A case closed in the source is not imported; it is reported with the reason, and nothing is written',
					},
					{
						name: 'Import, Then Close',
						value: 'importClosed',
						description:
							'Import the case (it must meet the same rules) and close it in Case Status at once',
					},
				],
				default: 'refuse',
				description:
					'What to do with a canonical case that is already closed in its source. A case already in Case Status is returned as it is either way.',
			},
			{
				displayName: 'Default Country Code',
				name: 'defaultCountryCode',
				type: 'string',
				default: '1',
				description:
					'Calling code for phone numbers entered without one, e.g. 1 for the US and Canada',
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
			},
			{
				displayName: 'Incident Date',
				name: 'incidentDate',
				type: 'string',
				default: '',
				placeholder: 'YYYY-MM-DD',
			},
		],
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['case'], operation: ['create'] } },
	properties,
);

function partyFromFields(c: IDataObject, i: number): Party {
	const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
	return {
		sourceId: null,
		role: 'client',
		firstName: text(c.firstName),
		lastName: text(c.lastName),
		companyName: text(c.companyName),
		email: text(c.email),
		phone: text(c.cellPhone),
		birthDate: text(c.birthDate),
		isPrimary: i === 0,
	};
}

/** Both ways in (canonical item, or fields) become one canonical case, checked by one set of rules. */
function readCase(ctx: IExecuteFunctions, itemIndex: number): LegalCase {
	const source = ctx.getNodeParameter('source', itemIndex) as string;
	if (source === 'canonical') {
		const input = ctx.getInputData()[itemIndex].json;
		// Checked first: a person running this after a manual trigger gets the setting to change, not schema paths.
		if (input.externalRef === undefined && input.source === undefined) {
			throw inputError(
				ctx.getNode(),
				'Source',
				'is "Case From a CASEpeer Node", but the input item is not a case from a CASEpeer node',
				'Set Source to "Define Below" to enter the case in this node, or put a CASEpeer node (Case › Get or Get Many, Output "Canonical (Legal Case)") before this one.',
				itemIndex,
			);
		}
		return parseInput(ctx.getNode(), legalCaseSchema, input, itemIndex, {
			field: 'input item › ',
			fix: 'Feed cases from a CASEpeer node with Output "Canonical (Legal Case)", or set Source to "Define Below".',
		}) as LegalCase;
	}
	const get = (name: string) => String(ctx.getNodeParameter(name, itemIndex, '') ?? '').trim();
	const clients = (ctx.getNodeParameter('clients.client', itemIndex, []) as IDataObject[]).map(
		partyFromFields,
	);
	const extra = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const email = get('primaryAttorneyEmail');
	return {
		source: { system: 'n8n', id: get('integrationId'), url: null },
		externalRef: get('integrationId'),
		number: get('readableId') || null,
		name: get('name'),
		status: 'open',
		practiceArea: get('practiceArea') || null,
		stage: get('stage') ? { sourceId: null, name: get('stage'), position: null } : null,
		primaryAttorney: email ? { ...partyFromFields({ email }, 0), role: 'attorney' } : null,
		staff: [],
		clients,
		incidentDate: (extra.incidentDate as string) || null,
		description: (extra.description as string) || null,
		createdAt: null,
		updatedAt: null,
		closedAt: null,
		linked: true,
	};
}

/** Where a problem is, as the node shows it when the case is defined in the node ("Clients › Cell Phone"). */
const FIELD_LABELS: Record<string, string> = {
	integration_id: 'Integration ID',
	readable_id: 'Readable ID',
	name: 'Case Name',
	practice_area: 'Practice Area',
	stage: 'Stage',
	primary_attorney_email: 'Primary Attorney Email',
	additional_attorney_emails: 'Additional Fields › Additional Attorney Emails',
	incident_date: 'Additional Fields › Incident Date',
	cell_phone: 'Cell Phone',
	first_name: 'First Name',
	last_name: 'Last Name',
	company_name: 'Company Name',
	email: 'Email',
	birth_date: 'Birth Date',
};

/** A problem found in a case defined in the node, named and fixed in the node's own words. */
export function inNodeTerms(p: Problem, lc: LegalCase): Problem {
	const client = /^clients\[(\d+)\]\.(\w+)$/.exec(p.field);
	if (client) {
		const index = Number(client[1]);
		const row = lc.clients.length > 1 ? `Client ${index + 1} › ` : '';
		const field = `Clients › ${row}${FIELD_LABELS[client[2]] ?? client[2]}`;
		const c = lc.clients[index];
		const who =
			[c?.firstName, c?.lastName].filter(Boolean).join(' ') || c?.companyName || 'the client';
		const fix =
			client[2] === 'cell_phone'
				? `Enter ${who}'s mobile number alone in ${field}, without a label or an extension (clients log in to Case Status with a code texted to it).`
				: p.fix;
		return { ...p, field, fix };
	}
	const field = FIELD_LABELS[p.field] ?? p.field;
	const pick: Record<string, string> = {
		unknown_stage: 'Pick the stage from the Stage list (it shows the stages your Case Status has).',
		unknown_practice_area:
			'Pick the practice area from the Practice Area list (it shows the ones your Case Status has).',
	};
	return { ...p, field, fix: pick[p.code] ?? p.fix };
}

function refuse(
	ctx: IExecuteFunctions,
	lc: LegalCase,
	problems: Problem[],
	itemIndex: number,
	inNode: boolean,
): never {
	// Reason codes stay in the message of a case from a CASEpeer node: the templates' reports read them there.
	const named = inNode ? problems.map((p) => inNodeTerms(p, lc)) : problems;
	const what = named
		.map((p) => `'${p.field}' ${p.message}${inNode ? '' : ` (${p.code})`}`)
		.join('; ');
	throw new NodeOperationError(
		ctx.getNode(),
		`case ${lc.externalRef || '(no integration ID)'} cannot be imported: ${what}`,
		{
			description: named.map((p) => p.fix).join(' ') + ' Nothing was written to Case Status.',
			itemIndex,
		},
	);
}

/** A problem as a preview row shows it. */
function problemRow(p: Problem): IDataObject {
	return { field: p.field, code: p.code, reason: p.message, fix: p.fix };
}

/**
 * What an import would write, and why it would be refused: the page a person checks before confirming. Built from
 * the same checks as the import itself, so the two always agree.
 */
function preview(
	lc: LegalCase,
	mapped: ReturnType<typeof toCaseFields>,
	problems: Problem[],
	additional: string[],
	inNode: boolean,
): IDataObject {
	const f = mapped.fields;
	const person = (p: Party | null) =>
		p ? [p.firstName, p.lastName].filter(Boolean).join(' ') || p.companyName || null : null;
	return {
		action: problems.length ? 'would_refuse' : 'would_create',
		dry_run: true,
		integration_id: lc.externalRef,
		readable_id: f.readable_id,
		name: f.name,
		source_status: lc.status,
		practice_area: f.practice_area ?? lc.practiceArea,
		source_stage: lc.stage?.name ?? null,
		stage: f.stage,
		primary_attorney_name: person(lc.primaryAttorney),
		primary_attorney_email: f.primary_attorney_email,
		additional_attorney_emails: additional,
		clients: lc.clients.map((c, i) => ({
			name: person(c),
			// The number Case Status would text the login code to; null when the typed one is not a cell phone.
			cell_phone: problems.some((p) => p.field === `clients[${i}].cell_phone`)
				? null
				: f.clients[i].cell_phone,
			cell_phone_as_entered: c.phone,
		})),
		problems: (inNode ? problems.map((p) => inNodeTerms(p, lc)) : problems).map(problemRow),
		reason_codes: [...new Set(problems.map((p) => p.code))].join(', '),
		...(mapped.warnings.length ? { warnings: mapped.warnings.join('; ') } : {}),
	};
}

/**
 * Imports a case the way "Connect to Case Status" does, but checks every rule first (attorney user exists,
 * each client has a valid cell phone, stage and practice area match exactly) so nothing is half-written, and
 * never adds a case twice: one already present by integration ID is returned instead. Dry Run runs the same
 * look-up and checks and returns the preview instead of writing.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const lc = readCase(this, itemIndex);
	const firm = await firmConfig(this);
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	const dryRun = this.getNodeParameter('dryRun', itemIndex, false) as boolean;
	const source = this.getNodeParameter('source', itemIndex) as string;
	const inNode = source !== 'canonical';
	const stages =
		source === 'canonical'
			? readStageMapping(this, itemIndex, firm)
			: {
					map: { lookup: () => ({ mapped: false as const }) },
					unmapped: 'fail' as const,
					table: [],
				};
	const stageMap =
		source === 'canonical'
			? stages.map
			: {
					lookup: (name: string) =>
						firm.stages.some((s) => s.display_name === name)
							? { mapped: true as const, to: name, via: 'target' as const, warning: null }
							: { mapped: false as const },
				};

	const respond = (
		action: string,
		c: IDataObject,
		warnings: string[] = [],
	): INodeExecutionData[] => [
		{
			json: {
				action,
				...(dryRun ? { dry_run: true } : {}),
				...(simplify ? simplifyCase(c) : c),
				...(warnings.length ? { warnings: warnings.join('; ') } : {}),
			},
		},
	];
	// Found before checked: a case already in Case Status is linked as it is, whatever the rules would say now.
	if (lc.externalRef) {
		const existing = await caseStatusApi<IDataObject[]>(this, 'GET', endpoints.cases(), {
			query: { integration_id: lc.externalRef, 'page[number]': 1, size: 1 },
			itemIndex,
		});
		if (existing.length) return respond('exists', existing[0]);
	}

	const problems: Problem[] = [];
	const closedCases = (extra.closedCases as string) ?? 'refuse';
	if (lc.status === 'closed' && closedCases !== 'importClosed') {
		const closed: Problem = {
			field: 'status',
			code: 'closed_in_source',
			message: 'is closed in the source system, so it is not imported',
			fix: 'Reopen the case in the source system if the client should see it in Case Status, or set Closed Cases to "Import, Then Close".',
		};
		if (!dryRun) refuse(this, lc, [closed], itemIndex, inNode);
		problems.push(closed);
	}
	if (!lc.externalRef) {
		problems.push({
			field: 'integration_id',
			code: 'required',
			message: 'is empty',
			fix: "Enter the case's ID from your case management system.",
		});
	}
	if (inNode) {
		// Required by Case Status unless a firm turned that off; asked for here, before anything is sent.
		if (!lc.practiceArea)
			problems.push({
				field: 'practice_area',
				code: 'required',
				message: 'is empty',
				fix: 'Pick the practice area from the Practice Area list.',
			});
		if (!lc.stage)
			problems.push({
				field: 'stage',
				code: 'required',
				message: 'is empty',
				fix: 'Pick the stage from the Stage list.',
			});
	}
	const mapped = toCaseFields(lc, firm, {
		stageMap,
		unmapped: 'fail',
		defaultCountryCode: String(extra.defaultCountryCode ?? '1').replace(/\D/g, '') || '1',
	});
	problems.push(...mapped.problems);
	const additional = String(extra.additionalAttorneyEmails ?? '')
		.split(',')
		.map((e) => e.trim().toLowerCase())
		.filter(Boolean);
	for (const email of additional) {
		const user = firm.users.get(email);
		if (!user || !['attorney', 'paralegal'].includes(user.role)) {
			problems.push({
				field: 'additional_attorney_emails',
				code: 'user_not_found',
				message: `${email} is not an active attorney or paralegal user`,
				fix: `Add ${email} to Case Status or remove it from Additional Attorney Emails.`,
			});
		}
	}
	if (dryRun) return [{ json: preview(lc, mapped, problems, additional, inNode) }];
	if (problems.length) refuse(this, lc, problems, itemIndex, inNode);
	const f = mapped.fields;
	const body: IDataObject = {
		integration_id: lc.externalRef,
		readable_id: f.readable_id,
		name: f.name,
		primary_attorney_email: f.primary_attorney_email,
		clients: f.clients as unknown as IDataObject[],
		...(f.practice_area ? { practice_area: f.practice_area } : {}),
		...(f.stage ? { stage: f.stage } : {}),
		...(f.incident_date ? { incident_date: f.incident_date } : {}),
		...(lc.description ? { description: lc.description } : {}),
		...(additional.length ? { additional_attorney_emails: additional } : {}),
	};
	// Keyed by integration ID, so a create retried after a lost response answers 409 instead of duplicating.
	const res = await caseStatusRequest<IDataObject>(this, 'POST', endpoints.cases(), {
		body,
		idempotent: true,
		accept: [409],
		itemIndex,
	});
	const closeNow = async (c: IDataObject): Promise<IDataObject> =>
		lc.status === 'closed'
			? await caseStatusApi(this, 'POST', endpoints.closeCase(c.id), {
					body: lc.closedAt ? { closed_at: lc.closedAt } : {},
					idempotent: true,
					itemIndex,
				})
			: c;
	if (res.status === 409) {
		const id = ((res.body as IDataObject)?.error as IDataObject)?.details as
			| IDataObject
			| undefined;
		const again = await caseStatusApi(this, 'GET', endpoints.case(id?.existing_id), {
			itemIndex,
		});
		return respond('exists', await closeNow(again), mapped.warnings);
	}
	return respond('created', await closeNow(res.body), mapped.warnings);
}
