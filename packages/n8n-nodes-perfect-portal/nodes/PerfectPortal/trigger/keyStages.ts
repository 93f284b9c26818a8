import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { clock } from '../../shared/clock';
import type { CursorState } from '../../shared/keyset';
import { DEFAULT_OVERLAP_MS, FeedCursor, startState, timeOf } from '../../shared/keyset';
import { endpoints, lastPage, ppRequest, readFeed } from '../transport';
import type { CaseFeedOptions } from './caseFeed';
import { caseQuery } from './caseFeed';
import { MAX_PAGES_PER_POLL, MAX_PRIMING_PAGES, MAX_SEEN, isCursorState, norm } from './memory';

/** Cases one poll reads in full (one request each); the rest waits for the next poll, exactly where it stopped. */
export const MAX_DETAILS_PER_POLL = 100;
/** Cases whose last seen key stage is remembered; beyond it the least recently seen are forgotten. */
export const MAX_KNOWN_CASES = 2000;

/** What the trigger keeps for Key Stage Changed. */
export interface KeyStageMemory {
	sig: string;
	state: CursorState;
	/** Case ID → "<key stage id>@<reached_at>" last seen ("" = none), most recently seen last. */
	known: Record<string, string>;
}

/** A case read in full whose key stage changed, with the stage it had before when that is known. */
export interface KeyStageChange {
	case: IDataObject;
	previous: string | null;
}

const stageKey = (ks: IDataObject) => `${String(ks.id)}@${norm(ks.reached_at)}`;

/**
 * One trigger-mode poll for Key Stage Changed. The case list carries no key stage, so the poll walks the cases feed
 * by keyset (as New Case does) and reads in full each case whose (case_id, updated_at) it has not examined yet,
 * up to MAX_DETAILS_PER_POLL; then it resumes exactly after the last case examined.
 *
 * A change is emitted when a case's key stage differs from the one last seen for it, or, for a case not seen since
 * activation, when the stage was reached inside the overlap window and after the case was created (the stage a
 * case opens with is not a change). Setting the same stage again is a no-op in Perfect Portal, so re-reading a
 * case never fires twice. Known gap: a stage recorded with a `reached_at` older than the overlap window on a case
 * not examined since activation (or forgotten beyond MAX_KNOWN_CASES) is not emitted; the contract has no
 * "recorded at" time to tell it from an old stage.
 */
export async function pollKeyStages(
	ctx: IPollFunctions,
	options: CaseFeedOptions,
	stored: unknown,
): Promise<{ changes: KeyStageChange[]; memory: KeyStageMemory; primed: boolean }> {
	const sig = `keyStageChanged|${options.target}`;
	const memory = stored as KeyStageMemory | undefined;
	const priming = !(
		memory &&
		memory.sig === sig &&
		isCursorState(memory.state) &&
		memory.known &&
		typeof memory.known === 'object'
	);
	const cursor = new FeedCursor(priming ? startState(clock.now()) : memory.state, {
		overlapMs: DEFAULT_OVERLAP_MS,
		maxSeen: MAX_SEEN,
	});
	const known = new Map<string, string>(priming ? [] : Object.entries(memory.known));
	const changes: KeyStageChange[] = [];
	let details = 0;

	const run = await readFeed<IDataObject>(
		ctx,
		endpoints.cases(),
		caseQuery(options),
		cursor.query(),
		{
			maxPages: priming ? MAX_PRIMING_PAGES : MAX_PAGES_PER_POLL,
			idOf: (c) => String(c.case_id),
			onPage: async (records) => {
				for (const record of records) {
					const caseId = String(record.case_id);
					const examined = `seen:${caseId}@${norm(record.updated_at)}`;
					if (cursor.isNew(examined, String(record.updated_at))) {
						if (details >= MAX_DETAILS_PER_POLL) return 'stop';
						details++;
						const response = await ppRequest<IDataObject>(ctx, 'GET', endpoints.case(caseId), {
							accept: [404],
						});
						if (response.status === 200 && response.body) {
							const change = keyStageChange(cursor, known, response.body);
							if (change && !priming) changes.push(change);
						}
						cursor.markEmitted(examined, String(record.updated_at));
					}
					cursor.advance({ t: String(record.updated_at), id: caseId });
				}
				return undefined;
			},
		},
	);
	const entries = [...known.entries()];
	return {
		changes,
		memory: {
			sig,
			state: cursor.toState(run.truncated && !priming),
			known: Object.fromEntries(entries.slice(Math.max(0, entries.length - MAX_KNOWN_CASES))),
		},
		primed: priming,
	};
}

/** Compares a case read in full with what is known of it; records what it saw. */
function keyStageChange(
	cursor: FeedCursor,
	known: Map<string, string>,
	detail: IDataObject,
): KeyStageChange | null {
	const caseId = String(detail.case_id);
	const ks = detail.key_stage as IDataObject | null | undefined;
	const before = known.get(caseId);
	known.delete(caseId); // re-inserted last: the map keeps most recently seen last
	if (!ks) {
		// Remembered too, so a first stage set later with a backdated reached_at still counts as a change.
		known.set(caseId, '');
		return null;
	}
	const key = stageKey(ks);
	known.set(caseId, key);
	const eventKey = `stage:${caseId}:${key}`;
	let changed: boolean;
	if (before !== undefined) changed = before !== key;
	else {
		const reached = timeOf(ks.reached_at);
		const created = timeOf(detail.created_at);
		changed =
			!Number.isNaN(reached) &&
			(Number.isNaN(created) || reached > created) &&
			cursor.isNew(eventKey, String(ks.reached_at));
	}
	if (!changed) return null;
	cursor.markEmitted(eventKey, String(ks.reached_at));
	return { case: detail, previous: before ? before.slice(0, before.indexOf('@')) : null };
}

/**
 * Manual test: among the 10 most recently updated cases, the one whose key stage was reached last (each read in
 * full), or else the most recently updated case, so the user sees the output's shape.
 */
export async function sampleKeyStageChange(
	ctx: IPollFunctions,
	options: CaseFeedOptions,
): Promise<IDataObject | null> {
	const recent = await lastPage<IDataObject>(ctx, endpoints.cases(), caseQuery(options), 10);
	let best: IDataObject | null = null;
	let fallback: IDataObject | null = null;
	for (const summary of recent) {
		const response = await ppRequest<IDataObject>(
			ctx,
			'GET',
			endpoints.case(String(summary.case_id)),
			{ accept: [404] },
		);
		if (response.status !== 200 || !response.body) continue;
		const detail = response.body;
		fallback = detail;
		const ks = detail.key_stage as IDataObject | null | undefined;
		if (!ks) continue;
		const bestKs = best?.key_stage as IDataObject | undefined;
		if (!best || timeOf(ks.reached_at) >= timeOf(bestKs?.reached_at)) best = detail;
	}
	return best ?? fallback;
}
