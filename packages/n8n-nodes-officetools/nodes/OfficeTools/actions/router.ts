import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Resources } from '../../shared/router';
import { route } from '../../shared/router';
import * as firmPortal from './firmPortal/FirmPortal.resource';
import * as firmPortalDocument from './firmPortalDocument/FirmPortalDocument.resource';
import * as firmPortalUser from './firmPortalUser/FirmPortalUser.resource';
import * as legacyContact from './legacyContact/LegacyContact.resource';
import * as legacyDocument from './legacyDocument/LegacyDocument.resource';
import * as workspaceDocument from './workspaceDocument/WorkspaceDocument.resource';

export const resources: Resources = {
	firmPortal: {
		activate: firmPortal.activate,
		checkSubdomain: firmPortal.checkSubdomain,
		getStatus: firmPortal.getStatus,
	},
	legacyDocument: {
		getAll: legacyDocument.getAll,
		download: legacyDocument.download,
		delete: legacyDocument.deleteDocument,
	},
	legacyContact: { getAll: legacyContact.getAll },
	workspaceDocument: { upload: workspaceDocument.upload, getAll: workspaceDocument.getAll },
	firmPortalUser: {
		create: firmPortalUser.create,
		get: firmPortalUser.get,
		getAll: firmPortalUser.getAll,
	},
	firmPortalDocument: { upload: firmPortalDocument.upload, getAll: firmPortalDocument.getAll },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route.call(this, resources);
}
