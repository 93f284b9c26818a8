import type { IDataObject } from 'n8n-workflow';

import { timeOf } from '../../shared/keyset';

export type CaseEvent = 'newCase' | 'caseUpdated' | 'stageChanged' | 'caseClosed' | 'caseConnected';
export type TriggerEvent = CaseEvent | 'newCaseNote';

/** One occurrence of an event on a case: how to recognise it again, and when it happened. */
export interface EventHit {
	key: string;
	time: string;
}

function norm(value: unknown): string {
	const t = timeOf(value);
	return Number.isNaN(t) ? String(value) : new Date(t).toISOString();
}

/**
 * Whether a case record read from the feed carries the event, and its dedupe key. Every event is read off the
 * record itself (a timestamp CASEpeer keeps), so no per-case history is needed:
 * - New Case: `created_at` (key: the case id, so later edits of a new case are not "new" again);
 * - Case Updated: `updated_at` (key: id + updated_at);
 * - Stage Changed: `stage_updated_at`, when later than `created_at` (the stage a case is opened with is not a change);
 *   key id + stage_updated_at, so A→B→A between two polls still counts once, as one change;
 * - Case Closed: status `closed` with `closed_at` (key id + closed_at, so a reopened case that closes again fires again);
 * - Case Connected to Case Status: the flag is set, at `case_status_connected_at`.
 */
export function caseEvent(event: CaseEvent, c: IDataObject): EventHit | null {
	const id = String(c.id);
	switch (event) {
		case 'newCase':
			return Number.isNaN(timeOf(c.created_at))
				? null
				: { key: `new:${id}`, time: String(c.created_at) };
		case 'caseUpdated':
			return Number.isNaN(timeOf(c.updated_at))
				? null
				: { key: `${id}@${norm(c.updated_at)}`, time: String(c.updated_at) };
		case 'stageChanged': {
			const changed = timeOf(c.stage_updated_at);
			if (Number.isNaN(changed)) return null;
			const created = timeOf(c.created_at);
			if (!Number.isNaN(created) && changed <= created) return null;
			return { key: `stage:${id}@${norm(c.stage_updated_at)}`, time: String(c.stage_updated_at) };
		}
		case 'caseClosed':
			if (c.status !== 'closed' || Number.isNaN(timeOf(c.closed_at))) return null;
			return { key: `closed:${id}@${norm(c.closed_at)}`, time: String(c.closed_at) };
		case 'caseConnected':
			if (c.case_status_connected !== true || Number.isNaN(timeOf(c.case_status_connected_at))) {
				return null;
			}
			return {
				key: `connected:${id}@${norm(c.case_status_connected_at)}`,
				time: String(c.case_status_connected_at),
			};
		default:
			return null;
	}
}

/** Filters the server applies for an event, so fewer records travel. */
export function caseQuery(
	event: CaseEvent,
	onlyConnected: boolean,
): Record<string, string | undefined> {
	return {
		status: event === 'caseClosed' ? 'closed' : undefined,
		case_status_connected: onlyConnected || event === 'caseConnected' ? 'true' : undefined,
	};
}
