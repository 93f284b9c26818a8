import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as caseResource from './actions/case/Case.resource';
import * as caseNote from './actions/caseNote/CaseNote.resource';
import * as document from './actions/document/Document.resource';
import { router } from './actions/router';
import * as stage from './actions/stage/Stage.resource';
import * as staff from './actions/staff/Staff.resource';
import { searchCases } from './methods/listSearch';
import { getNoteCategories, getPracticeAreas, getStages } from './methods/loadOptions';

export class CasePeer implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CASEpeer',
		name: 'casePeer',
		icon: {
			light: 'file:../../icons/casepeer.svg',
			dark: 'file:../../icons/casepeer.dark.svg',
		},
		group: ['transform'],
		// 2: Case › Mark as Synced takes Case Status ID under Options; version 1 nodes (the templates) keep it on top.
		version: [1, 2],
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Read cases, connect them to Case Status, write case notes and move documents in CASEpeer',
		defaults: { name: 'CASEpeer' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'casePeerApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Case', value: 'case' },
					{ name: 'Case Note', value: 'caseNote' },
					{ name: 'Document', value: 'document' },
					{ name: 'Staff', value: 'staff' },
					{ name: 'Stage', value: 'stage' },
				],
				default: 'case',
			},
			...caseResource.description,
			...caseNote.description,
			...document.description,
			...stage.description,
			...staff.description,
		],
	};

	methods = {
		listSearch: { searchCases },
		loadOptions: { getStages, getNoteCategories, getPracticeAreas },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
