import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Resources } from '../../shared/router';
import { route } from '../../shared/router';
import * as clientPortal from './clientPortal/ClientPortal.resource';
import * as contact from './contact/Contact.resource';
import * as document from './document/Document.resource';
import * as expense from './expense/Expense.resource';
import * as fee from './fee/Fee.resource';
import * as layout from './layout/Layout.resource';
import * as matter from './matter/Matter.resource';
import * as matterStage from './matterStage/MatterStage.resource';
import * as matterType from './matterType/MatterType.resource';
import * as memo from './memo/Memo.resource';
import * as referralType from './referralType/ReferralType.resource';
import * as staff from './staff/Staff.resource';
import * as webhookSubscription from './webhookSubscription/WebhookSubscription.resource';

export const resources: Resources = {
	matter: {
		create: matter.create,
		get: matter.get,
		getAll: matter.getAll,
		update: matter.update,
		close: matter.close,
		convertLead: matter.convertLead,
	},
	contact: {
		create: contact.create,
		get: contact.get,
		getAll: contact.getAll,
		update: contact.update,
	},
	layout: {
		create: layout.create,
		get: layout.get,
		getAll: layout.getAll,
		getAllDesigns: layout.getAllDesigns,
		update: layout.update,
	},
	referralType: { getAll: referralType.getAll },
	staff: { getAll: staff.getAll },
	memo: { create: memo.create, getAll: memo.getAll },
	fee: { create: fee.create, getAll: fee.getAll },
	expense: { create: expense.create, getAll: expense.getAll },
	document: { getAll: document.getAll, download: document.download, upload: document.upload },
	matterStage: { get: matterStage.get, getAll: matterStage.getAll },
	matterType: { getAll: matterType.getAll },
	clientPortal: { sendMessage: clientPortal.sendMessage },
	webhookSubscription: {
		checkTriggers: webhookSubscription.checkTriggers,
		delete: webhookSubscription.deleteSubscription,
		getAll: webhookSubscription.getAll,
	},
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route.call(this, resources);
}
