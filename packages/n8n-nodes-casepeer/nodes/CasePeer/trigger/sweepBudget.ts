import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { casePeerProfile } from '../transport';

/*
 * How much one poll of the note sweep may read. CASEpeer allows a number of requests per second per key (the
 * transport's profile); the sweep takes a share of it, so the nightly sync, the relay's other direction and every
 * other workflow on the same key always have the rest. A poll spends the share of the time since the previous poll
 * (the polling interval), and stops reading before the next poll is due, so two polls never overlap.
 */

/** A poll never reads longer than this, whatever the interval (n8n's own default budget for a poll). */
const MAX_POLL_SECONDS = 5 * 60;
/** Part of the interval a poll may spend reading; the rest absorbs a slower vendor and the workflow's own writes. */
const READING_PART = 0.85;
/** When the interval cannot be read from the trigger's settings (a custom cron), n8n's shortest: one minute. */
const FALLBACK_INTERVAL_SECONDS = 60;

const UNIT_SECONDS: Record<string, number> = { minutes: 60, hours: 3600 };
const MODE_SECONDS: Record<string, number> = {
	everyMinute: 60,
	everyHour: 3600,
	everyDay: 86400,
	everyWeek: 7 * 86400,
	everyMonth: 28 * 86400,
};

/** The shortest interval among the trigger's poll times ("Poll Times" of every polling node), in seconds. */
export function pollIntervalSeconds(ctx: IPollFunctions): number {
	let pollTimes: IDataObject = {};
	try {
		pollTimes = (ctx.getNodeParameter('pollTimes', {}) as IDataObject) ?? {};
	} catch {
		pollTimes = {};
	}
	const seconds = ((pollTimes.item as IDataObject[] | undefined) ?? [])
		.map((t) =>
			t.mode === 'everyX'
				? Number(t.value) * (UNIT_SECONDS[String(t.unit)] ?? Number.NaN)
				: (MODE_SECONDS[String(t.mode)] ?? Number.NaN),
		)
		.filter((s) => s > 0);
	return seconds.length ? Math.min(...seconds) : FALLBACK_INTERVAL_SECONDS;
}

export interface SweepBudget {
	/** The polling interval the budget is a share of. */
	intervalSeconds: number;
	/** Requests this poll may send. */
	requests: number;
	/** Milliseconds this poll may keep starting reads. */
	readingMs: number;
}

/**
 * The budget of one poll: `share` (0–1) of CASEpeer's rate over the polling interval, read within 85% of the
 * interval, five minutes, and what n8n itself allows a poll (its durable scheduler abandons a poll after ~45 s).
 */
export function sweepBudget(ctx: IPollFunctions, share: number): SweepBudget {
	const interval = pollIntervalSeconds(ctx);
	const allowed = (ctx as unknown as { getPollBudgetMs?: () => number }).getPollBudgetMs?.();
	const readingMs = Math.min(
		interval * READING_PART * 1000,
		MAX_POLL_SECONDS * 1000,
		typeof allowed === 'number' && allowed > 0 ? allowed : Number.POSITIVE_INFINITY,
	);
	const perSecond = casePeerProfile.rate.perSecond * Math.min(1, Math.max(0.01, share));
	return {
		intervalSeconds: interval,
		// Less the poll's own look-up of the note categories.
		requests: Math.max(2, Math.floor(perSecond * interval) - 1),
		readingMs,
	};
}
