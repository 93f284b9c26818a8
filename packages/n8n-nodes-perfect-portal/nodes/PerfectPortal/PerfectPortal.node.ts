import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as caseResource from './actions/case/Case.resource';
import * as completion from './actions/completion/Completion.resource';
import * as contact from './actions/contact/Contact.resource';
import * as document from './actions/document/Document.resource';
import * as feeScale from './actions/feeScale/FeeScale.resource';
import * as keyStage from './actions/keyStage/KeyStage.resource';
import * as lead from './actions/lead/Lead.resource';
import * as quote from './actions/quote/Quote.resource';
import * as referrer from './actions/referrer/Referrer.resource';
import { router } from './actions/router';
import { searchCases, searchContacts, searchLeads, searchQuotes } from './methods/listSearch';
import { getBranches, getFeeScales, getKeyStages, getStaff } from './methods/loadOptions';

export class PerfectPortal implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Perfect Portal',
		name: 'perfectPortal',
		icon: {
			light: 'file:../../icons/perfectportal.svg',
			dark: 'file:../../icons/perfectportal.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Download cases, convert quotes and leads, and sync contacts, fee scales, key stages, completion details and documents in Perfect Portal',
		defaults: { name: 'Perfect Portal' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'perfectPortalApi',
				required: true,
				// Reading a downloaded file calls no API.
				displayOptions: { hide: { operation: ['readFile'] } },
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Case', value: 'case' },
					{ name: 'Completion Detail', value: 'completion' },
					{ name: 'Contact', value: 'contact' },
					{ name: 'Document', value: 'document' },
					{ name: 'Fee Scale', value: 'feeScale' },
					{ name: 'Key Stage', value: 'keyStage' },
					{ name: 'Lead', value: 'lead' },
					{ name: 'Quote', value: 'quote' },
					{ name: 'Referrer', value: 'referrer' },
				],
				default: 'case',
			},
			...caseResource.description,
			...completion.description,
			...contact.description,
			...document.description,
			...feeScale.description,
			...keyStage.description,
			...lead.description,
			...quote.description,
			...referrer.description,
		],
	};

	methods = {
		listSearch: { searchCases, searchContacts, searchLeads, searchQuotes },
		loadOptions: { getBranches, getFeeScales, getKeyStages, getStaff },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
