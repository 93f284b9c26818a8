import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { LegalCase } from '../../../shared/model';
import type { CaseFields } from '../../mapping';
import { caseStatusApi, caseStatusRequest, endpoints } from '../../transport';

// The writes of an import: found before created, created keyed by integration ID, closed when closed in the source.

/** The case Case Status already holds under this integration ID, if any. */
export async function findByIntegrationId(
	ctx: IExecuteFunctions,
	integrationId: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const existing = await caseStatusApi<IDataObject[]>(ctx, 'GET', endpoints.cases(), {
		query: { integration_id: integrationId, 'page[number]': 1, size: 1 },
		itemIndex,
	});
	return existing[0];
}

/** The case as created, or as Case Status already had it when a retried create answers 409. */
export async function writeCase(
	ctx: IExecuteFunctions,
	lc: LegalCase,
	f: CaseFields,
	additional: string[],
	itemIndex: number,
): Promise<{ action: 'created' | 'exists'; case: IDataObject }> {
	const body: IDataObject = {
		integration_id: lc.externalRef,
		readable_id: f.readable_id,
		name: f.name,
		primary_attorney_email: f.primary_attorney_email,
		clients: f.clients as unknown as IDataObject[],
		...(f.practice_area ? { practice_area: f.practice_area } : {}),
		...(f.stage ? { stage: f.stage } : {}),
		...(f.incident_date ? { incident_date: f.incident_date } : {}),
		...(lc.description ? { description: lc.description } : {}),
		...(additional.length ? { additional_attorney_emails: additional } : {}),
	};
	// Keyed by integration ID, so a create retried after a lost response answers 409 instead of duplicating.
	const res = await caseStatusRequest<IDataObject>(ctx, 'POST', endpoints.cases(), {
		body,
		idempotent: true,
		accept: [409],
		itemIndex,
	});
	const closeNow = async (c: IDataObject): Promise<IDataObject> =>
		lc.status === 'closed'
			? await caseStatusApi(ctx, 'POST', endpoints.closeCase(c.id), {
					body: lc.closedAt ? { closed_at: lc.closedAt } : {},
					idempotent: true,
					itemIndex,
				})
			: c;
	if (res.status === 409) {
		const id = ((res.body as IDataObject)?.error as IDataObject)?.details as
			| IDataObject
			| undefined;
		const again = await caseStatusApi(ctx, 'GET', endpoints.case(id?.existing_id), {
			itemIndex,
		});
		return { action: 'exists', case: await closeNow(again) };
	}
	return { action: 'created', case: await closeNow(res.body) };
}
