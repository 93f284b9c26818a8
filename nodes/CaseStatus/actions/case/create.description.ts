import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyOption } from '../../../shared/descriptions';
import { stageMappingProperties } from '../stageMapping';

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
	simplifyOption,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['case'], operation: ['create'] } },
	properties,
);
