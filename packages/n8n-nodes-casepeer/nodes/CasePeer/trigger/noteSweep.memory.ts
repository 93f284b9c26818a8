import { DEFAULT_OVERLAP_MS, timeOf } from '../../shared/keyset';
import type { FeedKey } from '../../shared/keyset';

// What the New Case Note sweep keeps between polls (noteSweep.ts): each tier's position and window, the notes emitted.

export type TierName = 'open' | 'closed' | 'listed';

/** Where one tier's walk stands. */
export interface TierMemory {
	/** Last case read in the current cycle (cases feed keyset), or null at a cycle's start. */
	position: FeedKey | null;
	/** With explicit case IDs: the index of the next one to read. */
	index: number;
	/** When the current cycle began. */
	startedAt: string;
	/** Notes created before this were covered by the previous cycle's reads (its start minus the overlap). */
	since: string;
	/** Cases read in the current cycle, and in the last complete one (null until one completed). */
	count: number;
	lastCount: number | null;
}

export interface NoteSweepMemory {
	sig: string;
	/** Notes created before this were history at activation. */
	notBefore: string;
	tiers: Partial<Record<TierName, TierMemory>>;
	/** Emitted note ids with their created_at, kept while inside the window. */
	seen: Array<[string, string]>;
	/** created_at at or before this counts as emitted (set only when `seen` overflowed). */
	floor: string | null;
}

export interface NoteSweepOptions {
	onlyConnected: boolean;
	/** Explicit cases to watch; empty = every case in scope. */
	caseIds: number[];
	/** Only notes in these categories; empty = every note. */
	categoryIds?: string[];
}

/** What a poll did, for tests and the bench: requests per tier and cases read. */
export interface SweepReport {
	requests: Record<string, number>;
	cases: Record<string, number>;
	cyclesCompleted: TierName[];
}

export function iso(ms: number): string {
	return new Date(ms).toISOString();
}

export function signature(options: NoteSweepOptions): string {
	return `notes2|${options.onlyConnected}|${options.caseIds.join(',')}|${(options.categoryIds ?? []).join(',')}`;
}

export function tierNames(options: NoteSweepOptions): TierName[] {
	return options.caseIds.length ? ['listed'] : ['open', 'closed'];
}

export function isMemory(value: unknown, sig: string, tiers: TierName[]): value is NoteSweepMemory {
	const m = value as NoteSweepMemory | undefined;
	return (
		!!m &&
		m.sig === sig &&
		!Number.isNaN(timeOf(m.notBefore)) &&
		Array.isArray(m.seen) &&
		tiers.every((t) => m.tiers?.[t] && !Number.isNaN(timeOf(m.tiers[t]!.since)))
	);
}

function newTier(now: string): TierMemory {
	return { position: null, index: 0, startedAt: now, since: now, count: 0, lastCount: null };
}

/**
 * Activation: notes older than the overlap before the first poll are history; the first cycle of each tier starts
 * now. The overlap keeps a note written while the workflow was being switched on (n8n keeps no cursor from its
 * activation-time test poll); the relay finds before it writes, so one seen twice is not written twice.
 */
export function startNoteSweep(options: NoteSweepOptions, nowMs: number): NoteSweepMemory {
	const now = iso(nowMs);
	const since = iso(nowMs - DEFAULT_OVERLAP_MS);
	return {
		sig: signature(options),
		notBefore: since,
		tiers: Object.fromEntries(tierNames(options).map((t) => [t, { ...newTier(now), since }])),
		seen: [],
		floor: null,
	};
}
