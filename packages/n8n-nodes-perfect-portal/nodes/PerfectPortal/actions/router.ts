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

/** resource value → its module's operations table (each <Resource>.resource.ts). */
export const resources: Resources = {
	case: caseResource.operations,
	completion: completion.operations,
	contact: contact.operations,
	document: document.operations,
	feeScale: feeScale.operations,
	keyStage: keyStage.operations,
	lead: lead.operations,
	quote: quote.operations,
	referrer: referrer.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route.call(this, resources);
}
