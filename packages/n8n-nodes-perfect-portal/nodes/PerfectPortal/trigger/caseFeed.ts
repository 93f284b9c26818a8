import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { clock } from '../../shared/clock';
import type { CursorState } from '../../shared/keyset';
import { DEFAULT_OVERLAP_MS, FeedCursor, startState, timeOf } from '../../shared/keyset';
import { endpoints, lastPage, ppApi, readFeed } from '../transport';
import { MAX_PAGES_PER_POLL, MAX_PRIMING_PAGES, MAX_SEEN, isCursorState } from './memory';

export interface CaseFeedOptions {
	/** Only cases the firm chose to send to this case-management system ('' = any). */
	target: string;
}

/** What the trigger keeps in the node's static data for New Case. */
export interface NewCaseMemory {
	/** Event and filters the state belongs to; a change starts afresh instead of replaying. */
	sig: string;
	state: CursorState;
}

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
	const sig = `newCase|${options.target}`;
	const memory = stored as NewCaseMemory | undefined;
	const priming = !(memory && memory.sig === sig && isCursorState(memory.state));
	const cursor = new FeedCursor(priming ? startState(clock.now()) : memory.state, {
		overlapMs: DEFAULT_OVERLAP_MS,
		maxSeen: MAX_SEEN,
	});
	const cases: IDataObject[] = [];
	const run = await readFeed<IDataObject>(
		ctx,
		endpoints.cases(),
		caseQuery(options),
		cursor.query(),
		{
			maxPages: priming ? MAX_PRIMING_PAGES : MAX_PAGES_PER_POLL,
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
		},
	);
	return {
		cases,
		memory: { sig, state: cursor.toState(run.truncated && !priming) },
		primed: priming,
	};
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
