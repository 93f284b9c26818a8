import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Resources } from '../../shared/router';
import { route } from '../../shared/router';
import * as client from './client/Client.resource';
import * as contact from './contact/Contact.resource';
import * as matter from './matter/Matter.resource';

/** resource value → its module's operations table (each <Resource>.resource.ts). */
export const resources: Resources = {
	client: client.operations,
	contact: contact.operations,
	matter: matter.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route.call(this, resources);
}
