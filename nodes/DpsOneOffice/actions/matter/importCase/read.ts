import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';

import { refuseField } from '../../../../shared/problems';
import { clean } from '../../../mapping';
import { listOfRows, listParameter } from '../importRows';
import type { CaseInput } from './plan';

type ListKind = keyof typeof listParameter;

/** Rows, or a JSON list: an expression may give the list itself, typed text gives JSON. */
function readList(ctx: IExecuteFunctions, kind: ListKind, itemIndex: number): IDataObject[] {
	const mode =
		ctx.getNodeParameter('partiesInput', itemIndex, 'json') === 'fields' ? 'fields' : 'json';
	const [name, label] = listParameter[kind][mode];
	if (mode === 'fields') return listOfRows(kind, ctx.getNodeParameter(name, itemIndex, {}));
	const raw = ctx.getNodeParameter(name, itemIndex, '[]') as unknown;
	let value = raw;
	if (typeof raw === 'string') {
		const trimmed = raw.trim();
		if (!trimmed) return [];
		try {
			value = jsonParse(trimmed);
		} catch {
			refuseField(ctx, itemIndex, 'DPS One Office', {
				field: label,
				code: 'invalid_json',
				message: 'is not valid JSON',
				fix: `Give a JSON list, e.g. [] or [{"type": "person", "first_name": "Alan", …}], or an expression that returns one; or set "Clients, Contacts and Properties" to "Define Below" and add rows.`,
			});
		}
	}
	if (value === null || value === undefined) return [];
	if (!Array.isArray(value) || value.some((v) => v === null || typeof v !== 'object')) {
		refuseField(ctx, itemIndex, 'DPS One Office', {
			field: label,
			code: 'not_a_list',
			message: 'is not a list of objects',
			fix: 'Give a JSON list of objects, e.g. [{"type": "person", …}], or [] for none.',
		});
	}
	return value as IDataObject[];
}

/** One item's parameters as the planner's input; `options` is the item's Options collection. */
export function readCase(
	ctx: IExecuteFunctions,
	itemIndex: number,
	options: IDataObject,
): CaseInput {
	const externalRef = clean(ctx.getNodeParameter('externalRef', itemIndex, ''));
	const clients = readList(ctx, 'clients', itemIndex);
	const contacts = readList(ctx, 'contacts', itemIndex);
	const properties = readList(ctx, 'properties', itemIndex);
	const get = (name: string) => String(ctx.getNodeParameter(name, itemIndex, '') ?? '');
	return {
		externalRef,
		externalSource: clean(options.externalSource) ?? 'perfect_portal',
		codes: {
			appCode: get('appCode').trim(),
			feeEarner: get('feeEarner').trim(),
			branch: get('branch').trim(),
		},
		matterDetails: get('matterDetails'),
		openedOn: clean(options.openedOn),
		clients,
		contacts,
		properties,
	};
}

/** External references of every item of this run (unreadable items are left to their own turn). */
export function refsOfAllItems(ctx: IExecuteFunctions) {
	const refs = { matters: [] as string[], clients: [] as string[], contacts: [] as string[] };
	const refOf = (party: IDataObject) => clean(party.external_ref);
	for (let i = 0; i < ctx.getInputData().length; i++) {
		try {
			const matter = clean(ctx.getNodeParameter('externalRef', i, ''));
			if (matter) refs.matters.push(matter);
			for (const c of readList(ctx, 'clients', i)) {
				const ref = refOf(c);
				if (ref) refs.clients.push(ref);
			}
			for (const c of readList(ctx, 'contacts', i)) {
				const ref = refOf(c);
				if (ref) refs.contacts.push(ref);
			}
		} catch {
			// This item's own turn reports what is wrong with it.
		}
	}
	return refs;
}
