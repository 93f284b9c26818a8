import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Resources } from '../../shared/router';
import { route } from '../../shared/router';
import * as caseResource from './case/Case.resource';
import * as completion from './completion/Completion.resource';
import * as contact from './contact/Contact.resource';
import * as document from './document/Document.resource';
import * as feeScale from './feeScale/FeeScale.resource';
import * as keyStage from './keyStage/KeyStage.resource';
import * as lead from './lead/Lead.resource';
import * as quote from './quote/Quote.resource';
import * as referrer from './referrer/Referrer.resource';

export const resources: Resources = {
	case: {
		get: caseResource.get,
		getAll: caseResource.getAll,
		linkMatter: caseResource.linkMatter,
		readFile: caseResource.readFile,
	},
	completion: { get: completion.get, update: completion.update },
	contact: {
		create: contact.create,
		get: contact.get,
		getAll: contact.getAll,
		update: contact.update,
	},
	document: { getAll: document.getAll, download: document.download, upload: document.upload },
	feeScale: { get: feeScale.get, getAll: feeScale.getAll },
	keyStage: { getAll: keyStage.getAll, set: keyStage.set },
	lead: { get: lead.get, getAll: lead.getAll, convert: lead.convert },
	quote: { get: quote.get, getAll: quote.getAll, convert: quote.convert },
	referrer: { create: referrer.create, getAll: referrer.getAll, update: referrer.update },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route.call(this, resources);
}
