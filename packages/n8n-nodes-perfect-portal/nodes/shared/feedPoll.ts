import { clock } from './clock';
import type { CursorState } from './keyset';
import { DEFAULT_OVERLAP_MS, FeedCursor, startState, timeOf } from './keyset';

/** What a trigger keeps in the node's static data for one feed. */
export interface FeedMemory {
	/** Event and filters the state belongs to; a change starts afresh instead of replaying. */
	sig: string;
	state: CursorState;
}

/** What one poll may read: pages per poll (the rest waits), pages to prime the first time, keys remembered. */
export interface FeedLimits {
	maxPages: number;
	maxPrimingPages: number;
	maxSeen: number;
}

/** Whether stored cursor state is usable (right shape, readable cursor time). */
export function isCursorState(value: unknown): value is CursorState {
	const s = value as CursorState | undefined;
	return !!s && !!s.cursor && !Number.isNaN(timeOf(s.cursor.t)) && Array.isArray(s.seen);
}

/**
 * One trigger-mode poll of a sync feed (nodes/shared/keyset.ts). It carries on from the stored memory when that
 * belongs to `sig`; otherwise it primes: starts 5 minutes before now, and `read` only remembers (emits nothing), so
 * history is never replayed. `read` walks the feed from `cursor.query()` within `maxPages`, calling the cursor for
 * each record. The caller stores the memory only after this resolved, so a failed poll leaves the cursor in place.
 */
export async function pollFeed(
	stored: unknown,
	sig: string,
	limits: FeedLimits,
	read: (cursor: FeedCursor, maxPages: number, priming: boolean) => Promise<{ truncated: boolean }>,
): Promise<{ memory: FeedMemory; primed: boolean }> {
	const memory = stored as FeedMemory | undefined;
	const priming = !(memory && memory.sig === sig && isCursorState(memory.state));
	const cursor = new FeedCursor(priming ? startState(clock.now()) : memory.state, {
		overlapMs: DEFAULT_OVERLAP_MS,
		maxSeen: limits.maxSeen,
	});
	const run = await read(cursor, priming ? limits.maxPrimingPages : limits.maxPages, priming);
	return { memory: { sig, state: cursor.toState(run.truncated && !priming) }, primed: priming };
}
