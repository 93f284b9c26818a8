import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { clock } from '../../shared/clock';
import type { FeedKey } from '../../shared/keyset';
import { compareKeys, DEFAULT_OVERLAP_MS, timeOf } from '../../shared/keyset';
import { endpoints, lastPage, MAX_PAGE_SIZE, readFeed } from '../transport';
import { caseQuery } from './events';
import type { SweepBudget } from './sweepBudget';

/*
 * New Case Note: how, and why this way.
 *
 * The contract has no firm-wide notes feed: notes are listed per case (`GET /v1/cases/{id}/notes`, keyset feed), and
 * a new note does NOT change its case's `updated_at`. So "cases updated recently, then their notes" would miss
 * notes on untouched cases: every case in scope has to be read, one request per case.
 *
 * The sweep walks the cases feed by keyset in two tiers, open cases and closed cases (O(1) memory per tier: one
 * position, never a list of ids). A case only moves forward in a feed (its updated_at only grows), so a walk never
 * skips one; a case that opens, closes or is edited lands at the end of its tier's feed and is read in the current
 * pass. A full pass over a tier is a "cycle". Each poll has a budget (sweepBudget.ts: a share of CASEpeer's rate
 * limit over the polling interval): open cases first, up to nine tenths of it (a whole open cycle per poll when it
 * fits), the rest to closed cases, which so always get at least a tenth.
 *
 * Every note read asks for notes updated since the start of the previous cycle of the slower tier, minus a 5 minute
 * overlap: that covers every note created since its case was last read, in whichever tier. Notes created inside that
 * window whose id was not emitted yet are new; emitted ids are remembered for that window only. The latency of a
 * note is at most one cycle of its case's tier.
 */

/** Note pages (200 notes each) read per case per poll; more would mean >200 changed notes on one case in a cycle. */
const MAX_NOTE_PAGES_PER_CASE = 5;
/** Emitted note ids kept (the notes of the window); beyond it the oldest go and `floor` rises. */
export const MAX_SEEN_NOTES = 10_000;
/** Closed cases always get this part of a poll's budget, so their notes are never starved. */
const CLOSED_SHARE = 0.1;

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

function iso(ms: number): string {
	return new Date(ms).toISOString();
}

function signature(options: NoteSweepOptions): string {
	return `notes2|${options.onlyConnected}|${options.caseIds.join(',')}|${(options.categoryIds ?? []).join(',')}`;
}

function tierNames(options: NoteSweepOptions): TierName[] {
	return options.caseIds.length ? ['listed'] : ['open', 'closed'];
}

function isMemory(value: unknown, sig: string, tiers: TierName[]): value is NoteSweepMemory {
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

/** The notes already emitted and the window, shared by every case read in one poll. */
class NoteFilter {
	readonly seen: Map<string, number>;

	floor: number | null;

	readonly notes: IDataObject[] = [];

	constructor(
		memory: NoteSweepMemory,
		readonly since: number,
	) {
		this.floor = memory.floor ? timeOf(memory.floor) : null;
		this.seen = new Map(
			memory.seen
				.map(([id, t]) => [id, timeOf(t)] as [string, number])
				.filter(([, t]) => !Number.isNaN(t)),
		);
	}

	take(note: IDataObject, notBefore: number): void {
		const created = timeOf(note.created_at);
		const id = String(note.id);
		if (Number.isNaN(created) || created < this.since || created < notBefore) return;
		if ((this.floor !== null && created <= this.floor) || this.seen.has(id)) return;
		this.seen.set(id, created);
		this.notes.push(note);
	}

	/** The seen list to store: inside the window, the newest MAX_SEEN_NOTES. */
	store(keepFrom: number): Pick<NoteSweepMemory, 'seen' | 'floor'> {
		let entries = [...this.seen.entries()]
			.filter(([, t]) => t >= keepFrom)
			.sort((a, b) => a[1] - b[1]);
		let floor = this.floor;
		if (entries.length > MAX_SEEN_NOTES) {
			const dropped = entries.slice(0, entries.length - MAX_SEEN_NOTES);
			entries = entries.slice(dropped.length);
			floor = Math.max(floor ?? Number.NEGATIVE_INFINITY, dropped[dropped.length - 1][1]);
		}
		return {
			seen: entries.map(([id, t]) => [id, iso(t)]),
			floor: floor !== null && floor >= keepFrom ? iso(floor) : null,
		};
	}
}

/** Reads the notes of one case into the filter; returns the requests it took. */
async function readCaseNotes(
	ctx: IPollFunctions,
	caseId: number,
	filter: NoteFilter,
	notBefore: number,
	categoryIds: string[] | undefined,
): Promise<number> {
	const run = await readFeed<IDataObject>(
		ctx,
		endpoints.caseNotes(caseId),
		{ category_id: categoryIds?.length ? categoryIds : undefined },
		{ updatedSince: iso(filter.since) },
		{
			maxPages: MAX_NOTE_PAGES_PER_CASE,
			// A case deleted or merged since it was listed has no notes to read.
			skipNotFound: true,
			onPage: (records) => {
				for (const note of records) filter.take(note, notBefore);
			},
		},
	);
	return run.requests;
}

interface PollBudget {
	requests: number;
	used: number;
	deadline: number;
}

const spent = (b: PollBudget) => b.used >= b.requests || clock.now() >= b.deadline;

/** A cycle is complete: the next one covers every note created since this one began, minus the overlap. */
function completeCycle(tier: TierMemory, notBefore: number): void {
	tier.since = iso(Math.max(timeOf(tier.startedAt) - DEFAULT_OVERLAP_MS, notBefore));
	tier.startedAt = iso(clock.now());
	tier.lastCount = tier.count;
	tier.count = 0;
	tier.position = null;
	tier.index = 0;
}

/** One tier's walk in one poll: what it may spend, how to read a case, and where the poll's memory stands. */
interface TierRun {
	ctx: IPollFunctions;
	name: TierName;
	tier: TierMemory;
	quota: number;
	budget: PollBudget;
	read: (caseId: number) => Promise<number>;
	notBefore: number;
}

/**
 * Walks one tier's feed for up to `quota` requests of the poll's budget. A cycle that completes goes straight on
 * into the next one, unless it began in this poll (a whole cycle fit in: the next waits for the next poll).
 * Returns whether a cycle completed.
 */
async function sweepTier(run: TierRun, onlyConnected: boolean): Promise<boolean> {
	const { tier, budget } = run;
	const stopAt = Math.min(budget.requests, budget.used + run.quota);
	const exhausted = () => spent(budget) || budget.used >= stopAt;
	let startedHere = tier.position === null && tier.count === 0;
	let completed = false;
	while (!exhausted()) {
		const pageSize = Math.min(MAX_PAGE_SIZE, stopAt - budget.used - 1);
		if (pageSize < 1) break;
		let stopped = false;
		budget.used += 1; // the page of cases itself
		const feed = await readFeed<IDataObject>(
			run.ctx,
			endpoints.cases(),
			{
				...caseQuery('caseUpdated', onlyConnected),
				status: run.name === 'closed' ? 'closed' : 'open',
			},
			tier.position
				? { updatedSince: tier.position.t, afterId: tier.position.id ?? undefined }
				: {},
			{
				pageSize,
				maxPages: 1,
				onPage: async (records) => {
					for (const record of records) {
						if (exhausted()) {
							stopped = true;
							return 'stop';
						}
						budget.used += await run.read(Number(record.id));
						tier.count++;
						const key = { t: String(record.updated_at), id: record.id as number };
						if (!tier.position || compareKeys(key, tier.position) > 0) tier.position = key;
					}
					return undefined;
				},
			},
		);
		if (stopped || feed.truncated) continue;
		completeCycle(tier, run.notBefore);
		completed = true;
		if (startedHere) break;
		startedHere = true;
	}
	return completed;
}

/** With explicit case IDs: the next ones in the list, as far as the budget goes. */
async function sweepListed(run: TierRun, caseIds: number[]): Promise<boolean> {
	const { tier, budget } = run;
	let next = tier.index < caseIds.length ? tier.index : 0;
	while (next < caseIds.length && !spent(budget)) {
		budget.used += await run.read(caseIds[next++]);
		tier.count++;
	}
	tier.index = next;
	if (next < caseIds.length) return false;
	completeCycle(tier, run.notBefore);
	return true;
}

/**
 * One trigger-mode poll: reads the notes of the next cases of each tier within the poll's budget and returns the
 * notes that are new. The caller stores the returned memory only after this resolved.
 */
export async function pollNotes(
	ctx: IPollFunctions,
	options: NoteSweepOptions,
	stored: unknown,
	pollBudget: SweepBudget,
): Promise<{
	notes: IDataObject[];
	memory: NoteSweepMemory;
	primed: boolean;
	report: SweepReport;
}> {
	const started = clock.now();
	const report: SweepReport = { requests: {}, cases: {}, cyclesCompleted: [] };
	const names = tierNames(options);
	if (!isMemory(stored, signature(options), names)) {
		return { notes: [], memory: startNoteSweep(options, started), primed: true, report };
	}
	const memory = JSON.parse(JSON.stringify(stored)) as NoteSweepMemory;
	const notBefore = timeOf(memory.notBefore);
	// One window for every read, the widest tier's: a case that changed tier is read back far enough.
	const windowStart = () => Math.min(...names.map((n) => timeOf(memory.tiers[n]!.since)));
	const filter = new NoteFilter(memory, windowStart());
	let casesRead = 0;
	const read = async (caseId: number) => {
		casesRead++;
		return await readCaseNotes(ctx, caseId, filter, notBefore, options.categoryIds);
	};
	const budget: PollBudget = {
		requests: pollBudget.requests,
		used: 0,
		deadline: started + pollBudget.readingMs,
	};

	for (const name of names) {
		const tier = memory.tiers[name]!;
		// Open cases first, as far as a tenth of the budget left for closed ones allows; closed ones get the rest.
		const quota =
			name === 'open'
				? budget.requests - Math.ceil(budget.requests * CLOSED_SHARE)
				: budget.requests;
		const run: TierRun = { ctx, name, tier, quota, budget, read, notBefore };
		const before = { used: budget.used, cases: casesRead };
		const completed =
			name === 'listed'
				? await sweepListed(run, options.caseIds)
				: await sweepTier(run, options.onlyConnected);
		report.requests[name] = budget.used - before.used;
		report.cases[name] = casesRead - before.cases;
		if (completed) report.cyclesCompleted.push(name);
	}
	filter.notes.sort((a, b) => timeOf(a.created_at) - timeOf(b.created_at));
	return {
		notes: filter.notes,
		memory: { ...memory, ...filter.store(windowStart()) },
		primed: false,
		report,
	};
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
