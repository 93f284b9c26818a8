import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { clock } from '../../shared/clock';
import { timeOf } from '../../shared/keyset';
import { endpoints, lastPage } from '../transport';
import { caseQuery } from './events';
import type { NoteSweepMemory, NoteSweepOptions, SweepReport } from './noteSweep.memory';
import { isMemory, signature, startNoteSweep, tierNames } from './noteSweep.memory';
import { NoteFilter, readCaseNotes } from './noteSweep.notes';
import type { PollBudget, TierRun } from './noteSweep.tiers';
import { sweepListed, sweepTier } from './noteSweep.tiers';
import type { SweepBudget } from './sweepBudget';

export type {
	NoteSweepMemory,
	NoteSweepOptions,
	SweepReport,
	TierMemory,
	TierName,
} from './noteSweep.memory';
export { startNoteSweep } from './noteSweep.memory';
export { MAX_SEEN_NOTES } from './noteSweep.notes';

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
 *
 * Next to this file: noteSweep.memory.ts (what is kept between polls), noteSweep.notes.ts (one case's notes, read and
 * filtered), noteSweep.tiers.ts (one tier's walk within the budget).
 */

/** Closed cases always get this part of a poll's budget, so their notes are never starved. */
const CLOSED_SHARE = 0.1;

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
