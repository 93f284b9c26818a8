import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Resources } from '../../shared/router';
import { route } from '../../shared/router';
import * as caseResource from './case/Case.resource';
import * as file from './file/File.resource';
import * as message from './message/Message.resource';
import * as stage from './stage/Stage.resource';
import * as user from './user/User.resource';

export const resources: Resources = {
	case: {
		close: caseResource.close,
		create: caseResource.create,
		get: caseResource.get,
		getAll: caseResource.getAll,
		reopen: caseResource.reopen,
		sync: caseResource.sync,
		update: caseResource.update,
	},
	file: { download: file.download, getAll: file.getAll, upload: file.upload },
	message: { getAll: message.getAll, send: message.send },
	stage: { checkMapping: stage.checkMapping, getAll: stage.getAll },
	user: { getAll: user.getAll },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route.call(this, resources);
}
