import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Resources } from '../../shared/router';
import { route } from '../../shared/router';
import * as firmPortal from './firmPortal/FirmPortal.resource';
import * as firmPortalDocument from './firmPortalDocument/FirmPortalDocument.resource';
import * as firmPortalUser from './firmPortalUser/FirmPortalUser.resource';
import * as legacyContact from './legacyContact/LegacyContact.resource';
import * as legacyDocument from './legacyDocument/LegacyDocument.resource';
import * as workspaceDocument from './workspaceDocument/WorkspaceDocument.resource';

/** resource value → its module's operations table (each <Resource>.resource.ts). */
export const resources: Resources = {
	firmPortal: firmPortal.operations,
	legacyDocument: legacyDocument.operations,
	legacyContact: legacyContact.operations,
	workspaceDocument: workspaceDocument.operations,
	firmPortalUser: firmPortalUser.operations,
	firmPortalDocument: firmPortalDocument.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route.call(this, resources);
}
