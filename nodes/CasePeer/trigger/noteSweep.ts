import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { clock } from '../../shared/clock';
import type { FeedKey } from '../../shared/keyset';
import { compareKeys, DEFAULT_OVERLAP_MS, timeOf } from '../../shared/keyset';
import { endpoints, lastPage, readFeed } from '../transport';
import { caseQuery } from './events';

/*
 * New Case Note: how, and why this way.
 *
 * The contract has no firm-wide notes feed: notes are listed per case (`GET /v1/cases/{id}/notes`, keyset feed), and
 * a new note does NOT change its case's `updated_at`. So "cases updated recently, then their notes" would miss
 * notes on untouched cases, and polling every case's notes on every poll costs one request per case per poll.
 *
 * The cheapest correct scheme is a rotating sweep: each poll reads the notes of the next `Max Cases per Poll` cases,
 * walking the cases feed by keyset (O(1) memory: one position, never a list of ids). A case can only move forward in
 * that feed (its updated_at only grows), so a sweep never skips a case; new cases land at the end and are included.
 * A full pass over the cases is a "cycle". Every case's notes are read with
 * `updated_since` = (start of the previous cycle − 5 min overlap), which covers every note created since that case was
 * last read; notes whose `created_at` is inside that window and whose id was not emitted yet are new. Emitted note
 * ids are remembered for that window only. Requests per poll: 1 for the next page of cases + 1 per case read
 * (so at most 1 + `Max Cases per Poll`); the latency of a note is at most one cycle (cases in scope ÷ budget polls). Narrow the scope with "Only Cases
 * Connected to Case Status" or an explicit list of case IDs to shorten cycles.
 */

/** Note pages (200 notes each) read per case per poll; more would mean >200 changed notes on one case in a cycle. */
const MAX_NOTE_PAGES_PER_CASE = 5;
export const MAX_SEEN_NOTES = 1000;
/** Cases whose notes one poll reads at most: one page of the cases feed. */
export const MAX_CASES_PER_POLL = 200;

export interface NoteSweepMemory {
	sig: string;
	/** Notes created before this were history at activation. */
	notBefore: string;
	/** Lower bound (updated_since and created_at) for note reads in the current cycle. */
	since: string;
	/** When the current cycle began; the next cycle reads from here minus the overlap. */
	startedAt: string;
	/** Last case read in the current cycle (cases feed keyset), or null at a cycle's start. */
	position: FeedKey | null;
	/** With explicit case IDs: the index of the next one to read. */
	index: number;
	/** Emitted note ids with their created_at, kept while inside the window. */
	seen: Array<[string, string]>;
	/** created_at at or before this counts as emitted (set only when `seen` overflowed). */
	floor: string | null;
}

export interface NoteSweepOptions {
	onlyConnected: boolean;
	/** Explicit cases to watch; empty = every case in scope. */
	caseIds: number[];
	maxCasesPerPoll: number;
	/** Only notes in these categories; empty = every note. */
	categoryIds?: string[];
}

function iso(ms: number): string {
	return new Date(ms).toISOString();
}

function signature(options: NoteSweepOptions): string {
	return `notes|${options.onlyConnected}|${options.caseIds.join(',')}|${(options.categoryIds ?? []).join(',')}`;
}

function isMemory(value: unknown, sig: string): value is NoteSweepMemory {
	const m = value as NoteSweepMemory | undefined;
	return (
		!!m &&
		m.sig === sig &&
		!Number.isNaN(timeOf(m.since)) &&
		!Number.isNaN(timeOf(m.startedAt)) &&
		Array.isArray(m.seen)
	);
}

/** Activation: nothing before now is new; the first cycle starts now. */
export function startNoteSweep(options: NoteSweepOptions, nowMs: number): NoteSweepMemory {
	const now = iso(nowMs);
	return {
		sig: signature(options),
		notBefore: now,
		since: now,
		startedAt: now,
		position: null,
		index: 0,
		seen: [],
		floor: null,
	};
}

/** The next cases to read in this cycle, where the cycle stands afterwards, and whether it is complete. */
async function nextCases(
	ctx: IPollFunctions,
	memory: NoteSweepMemory,
	options: NoteSweepOptions,
): Promise<{ caseIds: number[]; position: FeedKey | null; index: number; done: boolean }> {
	const budget = Math.min(MAX_CASES_PER_POLL, Math.max(1, Math.floor(options.maxCasesPerPoll)));
	if (options.caseIds.length) {
		const start = memory.index < options.caseIds.length ? memory.index : 0;
		const batch = options.caseIds.slice(start, start + budget);
		const next = start + batch.length;
		const done = next >= options.caseIds.length;
		return { caseIds: batch, position: null, index: done ? 0 : next, done };
	}
	const caseIds: number[] = [];
	let position = memory.position;
	const run = await readFeed<IDataObject>(
		ctx,
		endpoints.cases(),
		caseQuery('caseUpdated', options.onlyConnected),
		position ? { updatedSince: position.t, afterId: position.id ?? undefined } : {},
		{
			pageSize: budget,
			maxPages: 1,
			onPage: (records) => {
				for (const record of records) {
					caseIds.push(Number(record.id));
					const key = { t: String(record.updated_at), id: record.id as number };
					if (!position || compareKeys(key, position) > 0) position = key;
				}
			},
		},
	);
	return { caseIds, position: run.truncated ? position : null, index: 0, done: !run.truncated };
}

/**
 * One trigger-mode poll: reads the notes of the next batch of cases and returns the notes that are new. The caller
 * stores the returned memory only after this resolved.
 */
export async function pollNotes(
	ctx: IPollFunctions,
	options: NoteSweepOptions,
	stored: unknown,
): Promise<{ notes: IDataObject[]; memory: NoteSweepMemory; primed: boolean }> {
	const now = clock.now();
	const sig = signature(options);
	if (!isMemory(stored, sig)) {
		return { notes: [], memory: startNoteSweep(options, now), primed: true };
	}
	const memory = stored;
	const since = timeOf(memory.since);
	const notBefore = timeOf(memory.notBefore);
	let floor = memory.floor ? timeOf(memory.floor) : null;
	const seen = new Map<string, number>(
		memory.seen
			.map(([id, t]) => [id, timeOf(t)] as [string, number])
			.filter(([, t]) => !Number.isNaN(t)),
	);

	const batch = await nextCases(ctx, memory, options);
	const notes: IDataObject[] = [];
	for (const caseId of batch.caseIds) {
		await readFeed<IDataObject>(
			ctx,
			endpoints.caseNotes(caseId),
			{ category_id: options.categoryIds?.length ? options.categoryIds : undefined },
			{ updatedSince: memory.since },
			{
				maxPages: MAX_NOTE_PAGES_PER_CASE,
				// A case deleted or merged since it was listed has no notes to read.
				skipNotFound: true,
				onPage: (records) => {
					for (const note of records) {
						const created = timeOf(note.created_at);
						const id = String(note.id);
						if (Number.isNaN(created) || created < since || created < notBefore) continue;
						if ((floor !== null && created <= floor) || seen.has(id)) continue;
						seen.set(id, created);
						notes.push(note);
					}
				},
			},
		);
	}
	notes.sort((a, b) => timeOf(a.created_at) - timeOf(b.created_at));

	const next: NoteSweepMemory = { ...memory, position: batch.position, index: batch.index };
	if (batch.done) {
		// Cycle complete: the next one reads every case from the start of this one, minus the overlap.
		next.since = iso(Math.max(timeOf(memory.startedAt) - DEFAULT_OVERLAP_MS, notBefore));
		next.startedAt = iso(now);
	}
	const keepFrom = timeOf(next.since);
	let entries = [...seen.entries()].filter(([, t]) => t >= keepFrom).sort((a, b) => a[1] - b[1]);
	if (entries.length > MAX_SEEN_NOTES) {
		const dropped = entries.slice(0, entries.length - MAX_SEEN_NOTES);
		entries = entries.slice(dropped.length);
		floor = Math.max(floor ?? Number.NEGATIVE_INFINITY, dropped[dropped.length - 1][1]);
	}
	next.seen = entries.map(([id, t]) => [id, iso(t)]);
	next.floor = floor !== null && floor >= keepFrom ? iso(floor) : null;
	return { notes, memory: next, primed: false };
}

/** Manual test: the newest note on the few most recently updated cases in scope. Touches no memory. */
export async function sampleNote(
	ctx: IPollFunctions,
	options: NoteSweepOptions,
): Promise<IDataObject | null> {
	const caseIds = options.caseIds.length
		? options.caseIds.slice(0, 5)
		: (
				await lastPage<IDataObject>(
					ctx,
					endpoints.cases(),
					caseQuery('caseUpdated', options.onlyConnected),
					5,
				)
			).map((c) => Number(c.id));
	let best: IDataObject | null = null;
	for (const caseId of caseIds) {
		const notes = await lastPage<IDataObject>(
			ctx,
			endpoints.caseNotes(caseId),
			{ category_id: options.categoryIds?.length ? options.categoryIds : undefined },
			20,
		);
		for (const note of notes) {
			if (!best || timeOf(note.created_at) >= timeOf(best.created_at)) best = note;
		}
	}
	return best;
}
