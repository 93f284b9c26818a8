import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { refuseField } from '../../../shared/problems';
import type { LegalCase, Party } from '../../../shared/model';
import { legalCaseSchema } from '../../../shared/model';
import { parseInput } from '../../../shared/validate';

// The case to import, read from the input item (a CASEpeer case) or from the node's fields.

function partyFromFields(c: IDataObject, i: number): Party {
	const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
	return {
		sourceId: null,
		role: 'client',
		firstName: text(c.firstName),
		lastName: text(c.lastName),
		companyName: text(c.companyName),
		email: text(c.email),
		phone: text(c.cellPhone),
		birthDate: text(c.birthDate),
		isPrimary: i === 0,
	};
}

/** Both ways in (canonical item, or fields) become one canonical case, checked by one set of rules. */
export function readCase(ctx: IExecuteFunctions, itemIndex: number): LegalCase {
	const source = ctx.getNodeParameter('source', itemIndex) as string;
	if (source === 'canonical') {
		const input = ctx.getInputData()[itemIndex].json;
		// Checked first: a person running this after a manual trigger gets the setting to change, not schema paths.
		if (input.externalRef === undefined && input.source === undefined) {
			refuseField(ctx, itemIndex, 'Case Status', {
				field: 'Source',
				code: 'wrong_source',
				message:
					'is "Case From a CASEpeer Node", but the input item is not a case from a CASEpeer node',
				fix: 'Set Source to "Define Below" to enter the case in this node, or put a CASEpeer node (Case › Get or Get Many, Output "Canonical (Legal Case)") before this one.',
			});
		}
		return parseInput(ctx.getNode(), legalCaseSchema, input, itemIndex, {
			field: 'input item › ',
			fix: 'Feed cases from a CASEpeer node with Output "Canonical (Legal Case)", or set Source to "Define Below".',
		}) as LegalCase;
	}
	const get = (name: string) => String(ctx.getNodeParameter(name, itemIndex, '') ?? '').trim();
	const clients = (ctx.getNodeParameter('clients.client', itemIndex, []) as IDataObject[]).map(
		partyFromFields,
	);
	const extra = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const email = get('primaryAttorneyEmail');
	return {
		source: { system: 'n8n', id: get('integrationId'), url: null },
		externalRef: get('integrationId'),
		number: get('readableId') || null,
		name: get('name'),
		status: 'open',
		practiceArea: get('practiceArea') || null,
		stage: get('stage') ? { sourceId: null, name: get('stage'), position: null } : null,
		primaryAttorney: email ? { ...partyFromFields({ email }, 0), role: 'attorney' } : null,
		staff: [],
		clients,
		incidentDate: (extra.incidentDate as string) || null,
		description: (extra.description as string) || null,
		createdAt: null,
		updatedAt: null,
		closedAt: null,
		linked: true,
	};
}
