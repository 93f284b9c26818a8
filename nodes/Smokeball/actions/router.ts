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

/** resource value → its module's operations table (each <Resource>.resource.ts). */
export const resources: Resources = {
	matter: matter.operations,
	contact: contact.operations,
	layout: layout.operations,
	referralType: referralType.operations,
	staff: staff.operations,
	memo: memo.operations,
	fee: fee.operations,
	expense: expense.operations,
	document: document.operations,
	matterStage: matterStage.operations,
	matterType: matterType.operations,
	clientPortal: clientPortal.operations,
	webhookSubscription: webhookSubscription.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route.call(this, resources);
}
