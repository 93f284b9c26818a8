import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { clock } from '../../shared/clock';
import { compareKeys, DEFAULT_OVERLAP_MS, timeOf } from '../../shared/keyset';
import { endpoints, MAX_PAGE_SIZE, readFeed } from '../transport';
import { caseQuery } from './events';
import type { TierMemory, TierName } from './noteSweep.memory';
import { iso } from './noteSweep.memory';

// One poll's walk over a tier of cases (open, closed, or the listed case IDs), within the poll's request budget.

export interface PollBudget {
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
export interface TierRun {
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
export async function sweepTier(run: TierRun, onlyConnected: boolean): Promise<boolean> {
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
export async function sweepListed(run: TierRun, caseIds: number[]): Promise<boolean> {
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
