import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { FeedMemory } from '../../shared/feedPoll';
import { pollFeed } from '../../shared/feedPoll';
import { timeOf } from '../../shared/keyset';
import { endpoints, lastPage, ppApi, readFeed } from '../transport';
import { MAX_PAGES_PER_POLL, MAX_PRIMING_PAGES, MAX_SEEN } from './memory';

export interface CaseFeedOptions {
	/** Only cases the firm chose to send to this case-management system ('' = any). */
	target: string;
}

/** What the trigger keeps in the node's static data for New Case. */
export type NewCaseMemory = FeedMemory;

export function caseQuery(options: CaseFeedOptions): Record<string, string | undefined> {
	return { case_management_target: options.target || undefined };
}

/**
 * One trigger-mode poll for New Case. Returns the new cases (feed order, the list's CaseSummary) and the memory to
 * store; the caller stores it only after this resolved, so a failed poll leaves the cursor where it was.
 *
 * Cursor: (updated_at, case_id) of the last case read. Each poll re-reads from 5 minutes before it (records
 * committed late), walks the feed by keyset, and emits a case the first time its `created_at` falls inside the
 * window (key: the Case ID, so later edits of a new case never fire again). The first poll after activation (or
 * after the filter changed) only primes: it remembers the last 5 minutes and emits nothing.
 */
export async function pollNewCases(
	ctx: IPollFunctions,
	options: CaseFeedOptions,
	stored: unknown,
): Promise<{ cases: IDataObject[]; memory: NewCaseMemory; primed: boolean }> {
	const cases: IDataObject[] = [];
	const limits = {
		maxPages: MAX_PAGES_PER_POLL,
		maxPrimingPages: MAX_PRIMING_PAGES,
		maxSeen: MAX_SEEN,
	};
	const { memory, primed } = await pollFeed(
		stored,
		`newCase|${options.target}`,
		limits,
		async (cursor, maxPages, priming) =>
			await readFeed<IDataObject>(ctx, endpoints.cases(), caseQuery(options), cursor.query(), {
				maxPages,
				idOf: (c) => String(c.case_id),
				onPage: (records) => {
					for (const record of records) {
						cursor.advance({ t: String(record.updated_at), id: String(record.case_id) });
						const key = `new:${String(record.case_id)}`;
						if (Number.isNaN(timeOf(record.created_at))) continue;
						if (!cursor.isNew(key, String(record.created_at))) continue;
						cursor.markEmitted(key, String(record.created_at));
						if (!priming) cases.push(record);
					}
				},
			}),
	);
	return { cases, memory, primed };
}

/** Manual test: the most recently created case among the 50 most recently updated (the list's CaseSummary). */
export async function sampleNewCase(
	ctx: IPollFunctions,
	options: CaseFeedOptions,
): Promise<IDataObject | null> {
	const recent = await lastPage<IDataObject>(ctx, endpoints.cases(), caseQuery(options), 50);
	let best: IDataObject | null = null;
	for (const c of recent) {
		if (!best || timeOf(c.created_at) >= timeOf(best.created_at)) best = c;
	}
	return best;
}

/** The full case for a summary (New Case with the raw or canonical output). */
export async function caseDetail(ctx: IPollFunctions, caseId: string): Promise<IDataObject> {
	return await ppApi<IDataObject>(ctx, 'GET', endpoints.case(caseId));
}
