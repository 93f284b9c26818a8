import { timeOf } from '../../shared/keyset';

/** Requests one poll may spend on a feed (200 records each); the rest waits for the next poll. */
export const MAX_PAGES_PER_POLL = 25;
/** First activation reads the overlap window once, to remember what is already history. */
export const MAX_PRIMING_PAGES = 50;
/** Emitted keys remembered inside the overlap window. */
export const MAX_SEEN = 1000;

/** ISO time in one spelling, so keys built from equal times are equal. */
export function norm(value: unknown): string {
	const t = timeOf(value);
	return Number.isNaN(t) ? String(value) : new Date(t).toISOString();
}

export { isCursorState } from '../../shared/feedPoll';
