import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { resourceLocator } from '../../shared/locator';

/** A case picked from a list, by the integration ID the case management system gave it, or by internal ID. */
export const caseLocator: INodeProperties = resourceLocator({
	displayName: 'Case',
	name: 'case',
	description: 'The Case Status case',
	searchListMethod: 'searchCases',
	typed: [
		{
			displayName: 'By Integration ID',
			name: 'integrationId',
			placeholder: 'e.g. 27891',
			hint: 'The ID the case has in your case management system, e.g. the number after /case/ in a CASEpeer URL',
		},
		{
			displayName: 'By Internal ID',
			placeholder: 'e.g. 5531',
			regex: '^\\d+$',
			errorMessage: 'Internal IDs are numbers',
		},
	],
});

/** The fields an operations lead scans: who, what, where it stands. */
export function simplifyCase(c: IDataObject): IDataObject {
	const stage = c.stage as IDataObject | null;
	const area = c.practice_area as IDataObject | null;
	const attorney = c.primary_attorney as IDataObject | null;
	const clients = (c.clients as IDataObject[] | undefined) ?? [];
	return {
		id: c.id,
		integration_id: c.integration_id,
		readable_id: c.readable_id,
		name: c.name,
		status: c.status,
		stage: stage?.display_name ?? null,
		practice_area: area?.display_name ?? null,
		primary_attorney_email: attorney?.email ?? null,
		client_names: clients.map(
			(cl) => [cl.first_name, cl.last_name].filter(Boolean).join(' ') || cl.company_name,
		),
	};
}
