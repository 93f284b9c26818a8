import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as firmPortal from './actions/firmPortal/FirmPortal.resource';
import * as firmPortalDocument from './actions/firmPortalDocument/FirmPortalDocument.resource';
import * as firmPortalUser from './actions/firmPortalUser/FirmPortalUser.resource';
import * as legacyContact from './actions/legacyContact/LegacyContact.resource';
import * as legacyDocument from './actions/legacyDocument/LegacyDocument.resource';
import { router } from './actions/router';
import * as workspaceDocument from './actions/workspaceDocument/WorkspaceDocument.resource';
import {
	searchLegacyContacts,
	searchPortalUsers,
	searchWorkspaceClients,
} from './methods/listSearch';

export class OfficeTools implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OfficeTools',
		name: 'officeTools',
		icon: {
			light: 'file:../../icons/officetools.svg',
			dark: 'file:../../icons/officetools.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Migrate an OfficeTools by CARET old portal to the Firm Portal: activate, file documents into WorkSpace, sync contacts, upload and delete documents',
		defaults: { name: 'OfficeTools' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'officeToolsApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Firm Portal', value: 'firmPortal' },
					{ name: 'Firm Portal Document', value: 'firmPortalDocument' },
					{ name: 'Firm Portal User', value: 'firmPortalUser' },
					{ name: 'Legacy Portal Contact', value: 'legacyContact' },
					{ name: 'Legacy Portal Document', value: 'legacyDocument' },
					{ name: 'WorkSpace Document', value: 'workspaceDocument' },
				],
				default: 'legacyDocument',
			},
			...firmPortal.description,
			...legacyDocument.description,
			...legacyContact.description,
			...workspaceDocument.description,
			...firmPortalUser.description,
			...firmPortalDocument.description,
		],
	};

	methods = {
		listSearch: { searchLegacyContacts, searchPortalUsers, searchWorkspaceClients },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
