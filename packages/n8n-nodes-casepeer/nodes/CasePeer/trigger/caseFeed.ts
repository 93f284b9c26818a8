import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { clock } from '../../shared/clock';
import type { CursorState } from '../../shared/keyset';
import { DEFAULT_OVERLAP_MS, FeedCursor, startState, timeOf } from '../../shared/keyset';
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
export interface CaseFeedMemory {
	/** Event and filters the state belongs to; a change starts afresh instead of replaying. */
	sig: string;
	state: CursorState;
}

function isMemory(value: unknown, sig: string): value is CaseFeedMemory {
	const m = value as CaseFeedMemory | undefined;
	return (
		!!m &&
		m.sig === sig &&
		!!m.state?.cursor &&
		!Number.isNaN(timeOf(m.state.cursor.t)) &&
		Array.isArray(m.state.seen)
	);
}

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
	const sig = `cases|${options.event}|${options.onlyConnected}`;
	const priming = !isMemory(stored, sig);
	const cursor = new FeedCursor(
		priming ? startState(clock.now()) : (stored as CaseFeedMemory).state,
		{
			overlapMs: DEFAULT_OVERLAP_MS,
			maxSeen: MAX_SEEN,
		},
	);
	const cases: IDataObject[] = [];
	const run = await readFeed<IDataObject>(
		ctx,
		endpoints.cases(),
		caseQuery(options.event, options.onlyConnected),
		cursor.query(),
		{
			maxPages: priming ? MAX_PRIMING_PAGES : MAX_PAGES_PER_POLL,
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
	);
	return {
		cases,
		memory: { sig, state: cursor.toState(run.truncated && !priming) },
		primed: priming,
	};
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
