import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Resources } from '../../shared/router';
import { route } from '../../shared/router';
import * as caseResource from './case/Case.resource';
import * as caseNote from './caseNote/CaseNote.resource';
import * as document from './document/Document.resource';
import * as stage from './stage/Stage.resource';
import * as staff from './staff/Staff.resource';

/** resource value → its module's operations table (each <Resource>.resource.ts). */
export const resources: Resources = {
	case: caseResource.operations,
	caseNote: caseNote.operations,
	document: document.operations,
	stage: stage.operations,
	staff: staff.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route.call(this, resources);
}
