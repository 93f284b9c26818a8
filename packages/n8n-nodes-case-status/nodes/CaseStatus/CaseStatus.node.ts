import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as caseResource from './actions/case/Case.resource';
import * as file from './actions/file/File.resource';
import * as message from './actions/message/Message.resource';
import { router } from './actions/router';
import * as stage from './actions/stage/Stage.resource';
import * as user from './actions/user/User.resource';
import { searchCases } from './methods/listSearch';
import { getPracticeAreaNames, getSenders, getStageNames } from './methods/loadOptions';

export class CaseStatus implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Case Status',
		name: 'caseStatus',
		icon: {
			light: 'file:../../icons/casestatus.svg',
			dark: 'file:../../icons/casestatus.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Import, update, close and sync cases, and send messages and files, in Case Status',
		defaults: { name: 'Case Status' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'caseStatusApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Case', value: 'case' },
					{ name: 'File', value: 'file' },
					{ name: 'Message', value: 'message' },
					{ name: 'Stage', value: 'stage' },
					{ name: 'User', value: 'user' },
				],
				default: 'case',
			},
			...caseResource.description,
			...file.description,
			...message.description,
			...stage.description,
			...user.description,
		],
	};

	methods = {
		listSearch: { searchCases },
		loadOptions: { getPracticeAreaNames, getSenders, getStageNames },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
