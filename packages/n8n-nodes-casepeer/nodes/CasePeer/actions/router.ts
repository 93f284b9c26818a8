import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Resources } from '../../shared/router';
import { route } from '../../shared/router';
import * as caseResource from './case/Case.resource';
import * as caseNote from './caseNote/CaseNote.resource';
import * as document from './document/Document.resource';
import * as stage from './stage/Stage.resource';
import * as staff from './staff/Staff.resource';

export const resources: Resources = {
	case: {
		get: caseResource.get,
		getAll: caseResource.getAll,
		connect: caseResource.connect,
		disconnect: caseResource.disconnect,
	},
	caseNote: { create: caseNote.create, getAll: caseNote.getAll },
	document: { getAll: document.getAll, download: document.download, upload: document.upload },
	stage: { getAll: stage.getAll },
	staff: { getAll: staff.getAll },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route.call(this, resources);
}
