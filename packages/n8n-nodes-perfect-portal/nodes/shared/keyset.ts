/**
 * Gap-free polling of a sync feed ordered by (updated_at, id), as docs/api/README.md#sync-feeds defines it:
 * re-query from the last processed position minus an overlap window, drop what was already emitted, and move the
 * position only over records actually processed. State is plain JSON so it can live in workflow static data.
 */

/** A record's place in a feed: its timestamp (ISO-8601) and id. */
export interface FeedKey {
	t: string;
	id: string | number | null;
}

/** What a poller keeps between runs. */
export interface CursorState {
	/** The (updated_at, id) of the last record processed. */
	cursor: FeedKey;
	/** Keys emitted inside the overlap window, with the event time that keeps them there: [key, ISO time]. */
	seen: Array<[string, string]>;
	/** Event times at or before this count as already emitted (set only when `seen` overflowed). */
	floor: string | null;
	/** The last run stopped at its page budget: continue exactly after the cursor, without the overlap. */
	resume: boolean;
}

export interface CursorOptions {
	/** How far before the cursor to re-read, for records committed late. The contracts ask for 5 minutes. */
	overlapMs: number;
	/** Most keys kept in `seen`; beyond it the oldest go and `floor` rises. */
	maxSeen: number;
}

export const DEFAULT_OVERLAP_MS = 5 * 60 * 1000;

/** Milliseconds of an ISO time; NaN when absent or unreadable. */
export function timeOf(value: unknown): number {
	return typeof value === 'string' && value ? Date.parse(value) : Number.NaN;
}

function iso(ms: number): string {
	return new Date(ms).toISOString();
}

const INTEGER = /^-?\d+$/;

/** Feed id order: numeric when both ids are integers, otherwise byte-wise (UTF-8); a missing id sorts first. */
export function compareIds(a: string | number | null, b: string | number | null): number {
	if (a === b) return 0;
	if (a === null || a === undefined) return -1;
	if (b === null || b === undefined) return 1;
	const sa = String(a);
	const sb = String(b);
	if (INTEGER.test(sa) && INTEGER.test(sb)) {
		const na = BigInt(sa);
		const nb = BigInt(sb);
		return na < nb ? -1 : na > nb ? 1 : 0;
	}
	return Buffer.compare(Buffer.from(sa, 'utf8'), Buffer.from(sb, 'utf8'));
}

export function compareKeys(a: FeedKey, b: FeedKey): number {
	const dt = timeOf(a.t) - timeOf(b.t);
	if (dt !== 0) return dt < 0 ? -1 : 1;
	return compareIds(a.id, b.id);
}

/** A state that starts at `nowMs`: nothing before it will be emitted unless it was committed late. */
export function startState(nowMs: number): CursorState {
	return { cursor: { t: iso(nowMs), id: null }, seen: [], floor: null, resume: false };
}

/**
 * One run over a feed. Ask `query()` for the first request, call `advance()` for every record read (in feed order)
 * and `isNew()`/`markEmitted()` for the events it yields, then store `toState()` only after the run succeeded.
 */
export class FeedCursor {
	private readonly seen: Map<string, number>;

	private floor: number | null;

	private last: FeedKey;

	private readonly start: FeedKey;

	private readonly resume: boolean;

	constructor(
		state: CursorState,
		private readonly options: CursorOptions,
	) {
		this.start = { ...state.cursor };
		this.last = { ...state.cursor };
		this.resume = state.resume === true;
		this.floor = state.floor ? timeOf(state.floor) : null;
		this.seen = new Map(
			(state.seen ?? [])
				.map(([key, t]) => [key, timeOf(t)] as [string, number])
				.filter(([, t]) => !Number.isNaN(t)),
		);
	}

	/**
	 * Event times before this cannot be new any more: they fell out of the overlap window in an earlier run,
	 * and everything in the window is either remembered in `seen` or not yet emitted.
	 */
	get threshold(): number {
		return timeOf(this.start.t) - this.options.overlapMs;
	}

	/** The first request: overlap window, or exactly after the cursor when the last run was cut short. */
	query(): { updatedSince: string; afterId?: string | number } {
		if (this.resume && this.start.id !== null) {
			return { updatedSince: this.start.t, afterId: this.start.id };
		}
		return { updatedSince: iso(this.threshold) };
	}

	/** Records one processed record; the cursor will end on the greatest one. */
	advance(key: FeedKey): void {
		if (Number.isNaN(timeOf(key.t))) return;
		if (compareKeys(key, this.last) > 0) this.last = { t: key.t, id: key.id };
	}

	/** Whether an event at `eventTime` with this dedupe key has not been emitted yet. */
	isNew(key: string, eventTime: string | number): boolean {
		const t = typeof eventTime === 'number' ? eventTime : timeOf(eventTime);
		if (Number.isNaN(t) || t < this.threshold) return false;
		if (this.floor !== null && t <= this.floor) return false;
		return !this.seen.has(key);
	}

	markEmitted(key: string, eventTime: string | number): void {
		const t = typeof eventTime === 'number' ? eventTime : timeOf(eventTime);
		if (!Number.isNaN(t)) this.seen.set(key, t);
	}

	/** The state to store: cursor moved over what was processed, `seen` pruned to the next window and capped. */
	toState(truncated: boolean): CursorState {
		const cursor = this.last;
		const nextThreshold = timeOf(cursor.t) - this.options.overlapMs;
		let entries = [...this.seen.entries()]
			.filter(([, t]) => t >= nextThreshold)
			.sort((a, b) => a[1] - b[1]);
		let floor = this.floor !== null && this.floor >= nextThreshold ? this.floor : null;
		if (entries.length > this.options.maxSeen) {
			const dropped = entries.slice(0, entries.length - this.options.maxSeen);
			entries = entries.slice(dropped.length);
			const highest = dropped[dropped.length - 1][1];
			floor = floor === null ? highest : Math.max(floor, highest);
		}
		return {
			cursor: { t: cursor.t, id: cursor.id },
			seen: entries.map(([key, t]) => [key, iso(t)]),
			floor: floor === null ? null : iso(floor),
			resume: truncated,
		};
	}
}
