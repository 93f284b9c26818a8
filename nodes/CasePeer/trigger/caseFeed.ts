import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { FeedMemory } from '../../shared/feedPoll';
import { pollFeed } from '../../shared/feedPoll';
import { timeOf } from '../../shared/keyset';
import { endpoints, lastPage, readFeed } from '../transport';
import type { CaseEvent } from './events';
import { caseEvent, caseQuery } from './events';

/** Requests one poll may spend on the cases feed (200 cases each); the rest waits for the next poll. */
export const MAX_PAGES_PER_POLL = 25;
/** First activation reads the overlap window once, to remember what is already history. */
const MAX_PRIMING_PAGES = 50;
/** Emitted keys remembered inside the overlap window. */
export const MAX_SEEN = 1000;

/** What the trigger keeps in the node's static data for the cases feed. */
export type CaseFeedMemory = FeedMemory;

export interface CaseFeedOptions {
	event: CaseEvent;
	onlyConnected: boolean;
}

/**
 * One trigger-mode poll of the cases feed. Returns the cases that carry a new event (feed order) and the memory to
 * store; the caller stores it only after this resolved, so a failed poll leaves the cursor where it was.
 *
 * Cursor: (updated_at, id) of the last case read. Each poll re-reads from 5 minutes before it (records committed
 * late), drops events already emitted (remembered by key for that window), then walks the feed by keyset. The first
 * poll after activation (or after the event/filter changed) only primes: it reads the last 5 minutes into memory and
 * emits nothing, so history is never replayed.
 */
export async function pollCaseFeed(
	ctx: IPollFunctions,
	options: CaseFeedOptions,
	stored: unknown,
): Promise<{ cases: IDataObject[]; memory: CaseFeedMemory; primed: boolean }> {
	const cases: IDataObject[] = [];
	const { memory, primed } = await pollFeed(
		stored,
		`cases|${options.event}|${options.onlyConnected}`,
		{ maxPages: MAX_PAGES_PER_POLL, maxPrimingPages: MAX_PRIMING_PAGES, maxSeen: MAX_SEEN },
		async (cursor, maxPages, priming) =>
			await readFeed<IDataObject>(
				ctx,
				endpoints.cases(),
				caseQuery(options.event, options.onlyConnected),
				cursor.query(),
				{
					maxPages,
					onPage: (records) => {
						for (const record of records) {
							cursor.advance({ t: String(record.updated_at), id: record.id as number });
							const hit = caseEvent(options.event, record);
							if (!hit || !cursor.isNew(hit.key, hit.time)) continue;
							cursor.markEmitted(hit.key, hit.time);
							if (!priming) cases.push(record);
						}
					},
				},
			),
	);
	return { cases, memory, primed };
}

/**
 * Manual test: the latest case carrying the event (among the 50 most recently updated that match the server-side
 * filters), or else the most recently updated one, so the user sees the output's shape. Touches no memory.
 */
export async function sampleCase(
	ctx: IPollFunctions,
	options: CaseFeedOptions,
): Promise<IDataObject | null> {
	const recent = await lastPage<IDataObject>(
		ctx,
		endpoints.cases(),
		caseQuery(options.event, options.onlyConnected),
		50,
	);
	let best: IDataObject | null = null;
	let bestTime = Number.NEGATIVE_INFINITY;
	for (const record of recent) {
		const hit = caseEvent(options.event, record);
		const t = hit ? timeOf(hit.time) : Number.NaN;
		if (!Number.isNaN(t) && t >= bestTime) {
			best = record;
			bestTime = t;
		}
	}
	return best ?? recent[recent.length - 1] ?? null;
}
