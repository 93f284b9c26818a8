import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as client from './actions/client/Client.resource';
import * as contact from './actions/contact/Contact.resource';
import * as matter from './actions/matter/Matter.resource';
import { router } from './actions/router';
import { searchClients, searchContacts, searchMatters } from './methods/listSearch';
import { getAppCodes, getBranches, getContactTypes, getFeeEarners } from './methods/loadOptions';

export class DpsOneOffice implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'DPS One Office',
		name: 'dpsOneOffice',
		icon: {
			light: 'file:../../icons/dpsoneoffice.svg',
			dark: 'file:../../icons/dpsoneoffice.dark.svg',
		},
		group: ['transform'],
		// 2: Import Case opens on rows (Define Below); version 1 nodes (the templates) keep reading JSON lists.
		version: [1, 2],
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Create and find clients, contacts and matters in DPS One Office, e.g. to import Perfect Portal cases',
		defaults: { name: 'DPS One Office' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'dpsOneOfficeApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Client', value: 'client' },
					{ name: 'Contact', value: 'contact' },
					{ name: 'Matter', value: 'matter' },
				],
				default: 'matter',
			},
			...client.description,
			...contact.description,
			...matter.description,
		],
	};

	methods = {
		listSearch: { searchClients, searchContacts, searchMatters },
		loadOptions: { getAppCodes, getBranches, getContactTypes, getFeeEarners },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
