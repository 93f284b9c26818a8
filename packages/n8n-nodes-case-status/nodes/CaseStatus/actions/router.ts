import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Resources } from '../../shared/router';
import { route } from '../../shared/router';
import * as caseResource from './case/Case.resource';
import * as file from './file/File.resource';
import * as message from './message/Message.resource';
import * as stage from './stage/Stage.resource';
import * as user from './user/User.resource';

/** resource value → its module's operations table (each <Resource>.resource.ts). */
export const resources: Resources = {
	case: caseResource.operations,
	file: file.operations,
	message: message.operations,
	stage: stage.operations,
	user: user.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route.call(this, resources);
}
