import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as clientPortal from './actions/clientPortal/ClientPortal.resource';
import * as contact from './actions/contact/Contact.resource';
import * as document from './actions/document/Document.resource';
import * as expense from './actions/expense/Expense.resource';
import * as fee from './actions/fee/Fee.resource';
import * as layout from './actions/layout/Layout.resource';
import * as matter from './actions/matter/Matter.resource';
import * as matterStage from './actions/matterStage/MatterStage.resource';
import * as matterType from './actions/matterType/MatterType.resource';
import * as memo from './actions/memo/Memo.resource';
import * as referralType from './actions/referralType/ReferralType.resource';
import { router } from './actions/router';
import * as staff from './actions/staff/Staff.resource';
import * as webhookSubscription from './actions/webhookSubscription/WebhookSubscription.resource';
import { searchContacts, searchMatters } from './methods/listSearch';
import {
	getAllMatterTypes,
	getClientRoles,
	getLayoutDesigns,
	getLayoutFields,
	getMatterTypes,
	getMatterTypesForMatters,
	getStaff,
	getUsers,
} from './methods/loadOptions';

export class Smokeball implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Smokeball',
		name: 'smokeball',
		icon: {
			light: 'file:../../icons/smokeball.svg',
			dark: 'file:../../icons/smokeball.dark.svg',
		},
		group: ['transform'],
		// 2: Matter › Create picks each client from a list (Add Client); version 1 nodes keep Client Contact IDs.
		version: [1, 2],
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Create and update matters, leads, contacts and layouts, record fees, costs and memos, move documents and message clients in Smokeball',
		defaults: { name: 'Smokeball' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'smokeballOAuth2Api', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Client Portal', value: 'clientPortal' },
					{ name: 'Contact', value: 'contact' },
					{ name: 'Document', value: 'document' },
					{ name: 'Expense (Cost Recovery)', value: 'expense' },
					{ name: 'Fee (Time & Fees)', value: 'fee' },
					{ name: 'Layout', value: 'layout' },
					{ name: 'Matter', value: 'matter' },
					{ name: 'Matter Stage', value: 'matterStage' },
					{ name: 'Matter Type', value: 'matterType' },
					{ name: 'Memo', value: 'memo' },
					{ name: 'Referral Type', value: 'referralType' },
					{ name: 'Staff', value: 'staff' },
					{ name: 'Webhook Subscription', value: 'webhookSubscription' },
				],
				default: 'matter',
			},
			...matter.description,
			...contact.description,
			...staff.description,
			...memo.description,
			...fee.description,
			...expense.description,
			...document.description,
			...layout.description,
			...matterStage.description,
			...matterType.description,
			...clientPortal.description,
			...referralType.description,
			...webhookSubscription.description,
		],
	};

	methods = {
		listSearch: { searchMatters, searchContacts },
		loadOptions: {
			getMatterTypes,
			getMatterTypesForMatters,
			getAllMatterTypes,
			getClientRoles,
			getLayoutDesigns,
			getLayoutFields,
			getStaff,
			getUsers,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
