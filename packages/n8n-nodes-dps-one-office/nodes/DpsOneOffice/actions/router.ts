import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Resources } from '../../shared/router';
import { route } from '../../shared/router';
import * as client from './client/Client.resource';
import * as contact from './contact/Contact.resource';
import * as matter from './matter/Matter.resource';

export const resources: Resources = {
	client: { create: client.create, find: client.find, get: client.get },
	contact: { create: contact.create, attach: contact.attach },
	matter: {
		create: matter.create,
		find: matter.find,
		get: matter.get,
		importCase: matter.importCase,
	},
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route.call(this, resources);
}
