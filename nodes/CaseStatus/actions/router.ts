import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Resources } from '../../shared/router';
import { route } from '../../shared/router';
import * as caseResource from './case/Case.resource';
import * as stage from './stage/Stage.resource';
import * as user from './user/User.resource';

export const resources: Resources = {
	case: { get: caseResource.get, getAll: caseResource.getAll },
	stage: { getAll: stage.getAll },
	user: { getAll: user.getAll },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route.call(this, resources);
}
